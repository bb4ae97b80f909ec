"""Study statistics: streaks with allowed gaps, the heatmap, weekly accuracy."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.stats import Tally, heat_level, heatmap, streak, weekly_accuracy

D0 = dt.date(2025, 3, 3)  # a Monday
DAY = dt.timedelta(days=1)


def days(*offsets: int) -> set[dt.date]:
    return {D0 + k * DAY for k in offsets}


# -- streaks ---------------------------------------------------------------------------------

def test_without_allowed_gaps_a_missed_day_breaks_the_streak():
    studied = days(0, 1, 2, 3, 4)
    assert streak(studied, D0 + 4 * DAY, 0).current == 5  # studied today
    assert streak(studied, D0 + 5 * DAY, 0).current == 5  # today is not over yet
    s = streak(studied, D0 + 6 * DAY, 0)  # yesterday was missed
    assert (s.current, s.longest, s.last_study_day) == (0, 5, D0 + 4 * DAY)
    assert streak(days(0, 1, 3, 4, 5), D0 + 5 * DAY, 0).longest == 3


def test_one_missed_day_a_week_is_forgiven_and_counts_in_the_length():
    studied = days(0, 1, 3, 4, 5, 6)  # Wednesday missed
    assert streak(studied, D0 + 6 * DAY, 1).current == 7
    assert streak(studied, D0 + 6 * DAY, 0).current == 4
    # a miss every seventh day never puts two misses in one seven-day window
    weekly_miss = days(*(k for k in range(28) if k % 7 != 3))
    s = streak(weekly_miss, D0 + 27 * DAY, 1)
    assert (s.current, s.longest) == (28, 28)


def test_two_misses_within_seven_days_break_a_one_gap_streak():
    assert streak(days(0, 2, 4), D0 + 4 * DAY, 1).longest == 3
    # misses on days 3 and 10: no seven consecutive days hold both
    spaced = days(*(k for k in range(14) if k not in (3, 10)))
    assert streak(spaced, D0 + 13 * DAY, 1).longest == 14
    # misses on days 3 and 9 share the window 3..9, so no run holds both: the longest is
    # days 4..13 (ten days, one miss), not days 0..8 (nine days)
    close = days(*(k for k in range(14) if k not in (3, 9)))
    s = streak(close, D0 + 13 * DAY, 1)
    assert (s.longest, s.current) == (10, 10)


def test_the_current_streak_survives_an_allowed_gap_up_to_today():
    studied = days(*range(10))
    assert streak(studied, D0 + 11 * DAY, 1).current == 10  # day 10 missed, today is 11
    assert streak(studied, D0 + 12 * DAY, 1).current == 0  # days 10 and 11 missed
    assert streak(studied, D0 + 12 * DAY, 2).current == 10


def test_streak_edge_cases():
    assert streak(set(), D0, 1).current == 0 and streak(set(), D0, 1).longest == 0
    assert streak(days(5, 6), D0 + 2 * DAY, 0).longest == 0  # future days do not count
    assert streak(days(0), D0, 0).current == 1
    with pytest.raises(UserInputError):
        streak(days(0), D0, 7)


def valid(studied: set[int], s: int, e: int, allowed: int) -> bool:
    """The rule as written: every seven consecutive days in s..e (or all of it) miss <= allowed."""
    if e - s + 1 <= 7:
        return sum(1 for d in range(s, e + 1) if d not in studied) <= allowed
    return all(sum(1 for d in range(x, x + 7) if d not in studied) <= allowed
               for x in range(s, e - 5))


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=40), max_size=35),
       st.integers(min_value=0, max_value=3), st.integers(min_value=0, max_value=45))
def test_streak_matches_a_brute_force_reading_of_the_rule(offsets: set[int], allowed: int,
                                                          today: int):
    seen = sorted(k for k in offsets if k <= today)
    longest = max((e - s + 1 for s in seen for e in seen if e >= s
                   and valid(set(seen), s, e, allowed)), default=0)
    alive = [s for s in seen if valid(set(seen) | {today}, s, today, allowed)]
    current = seen[-1] - alive[0] + 1 if alive else 0
    got = streak(days(*offsets), D0 + today * DAY, allowed)
    assert (got.current, got.longest) == (current, longest)


# -- heatmap ---------------------------------------------------------------------------------

@pytest.mark.parametrize("minutes, level", [
    (0, 0), (1, 1), (14, 1), (15, 2), (29, 2), (30, 3), (59, 3), (60, 4), (600, 4)])
def test_heat_levels(minutes: int, level: int):
    assert heat_level(minutes) == level


def test_heatmap_grid_ends_with_the_week_of_today():
    today = D0 + 16 * 7 * DAY + 2 * DAY  # a Wednesday
    minutes = {today: 45, today - DAY: 10, D0 + 4 * 7 * DAY: 90, D0: 90}
    h = heatmap(minutes, today)
    assert len(h.rows) == 16 and all(len(r) == 7 for r in h.rows)
    assert h.first_day == D0 + 7 * DAY and h.first_day.weekday() == 0
    assert h.rows[-1] == (0, 1, 3, None, None, None, None)
    assert h.rows[3][0] == 4  # D0 + 4 weeks is the fourth row's Monday
    assert sum(level or 0 for row in h.rows for level in row) == 4 + 1 + 3  # D0 is before the first row
    assert heatmap(minutes, today, weeks=1).rows == (h.rows[-1],)
    with pytest.raises(UserInputError):
        heatmap({today: -5}, today)


# -- weekly accuracy -------------------------------------------------------------------------

def test_weekly_accuracy_counts_right_and_answered_per_area_per_week():
    today = D0 + 7 * 7 * DAY + 1 * DAY  # Tuesday of the eighth week from D0
    answers = [
        (today, "I.A", True), (today - DAY, "I.A", False), (today - DAY, "II.B", True),
        (D0, "I.A", True), (D0 + 6 * DAY, "I.A", False),  # the first week
        (D0 - DAY, "I.A", True),  # too old
        (today + DAY, "I.A", True),  # the future
    ]
    w = weekly_accuracy(answers, today, areas=["III.D", "I.A"])
    assert w.week_starts[0] == D0 and len(w.week_starts) == 8
    assert [a.area for a in w.areas] == ["III.D", "I.A", "II.B"]
    ia = w.areas[1].weeks
    assert ia[0] == Tally(1, 2) and ia[-1] == Tally(1, 2)
    assert ia[0].percent == 50.0 and all(t == Tally(0, 0) for t in ia[1:-1])
    assert w.areas[2].weeks[-1] == Tally(1, 1)
    assert all(t.answered == 0 and t.percent is None for t in w.areas[0].weeks)
