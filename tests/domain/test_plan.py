"""The study plan: fitting, the final mock weeks, skip dates, the remedies, and pace."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.plan import ModuleWork, Plan, build_plan, module_minutes, on_track

WEIGHTS = {"I.A": 15, "I.B": 15, "I.C": 10, "II.A": 12, "II.B": 9, "II.C": 9,
           "III.A": 9, "III.B": 7, "III.C": 7, "III.D": 7}
AREAS = list(WEIGHTS)
START = dt.date(2025, 1, 6)  # a Monday
WEEK = dt.timedelta(weeks=1)
DAY = dt.timedelta(days=1)


def course(todo_minutes: int = 150, reflections: int = 3) -> list[ModuleWork]:
    """Module 1 is the orientation; modules 2-11 map one each to the skill areas."""
    mods = [ModuleWork(1, "Orientation", None, 60, 2, 60)]
    mods += [ModuleWork(n, f"Module {n}", area, todo_minutes, reflections, todo_minutes)
             for n, area in enumerate(AREAS, start=2)]
    return mods


def plan(hours: float, weeks: int = 16, **kw: object) -> Plan:
    gaps = kw.pop("gaps", dict.fromkeys(AREAS, 0.5))
    return build_plan(course(), WEIGHTS, gaps, exam_date=START + weeks * WEEK,  # type: ignore[arg-type]
                      hours_per_week=hours, start=START, **kw)  # type: ignore[arg-type]


def module_minutes_by_week(p: Plan) -> dict[int, dict[int, int]]:
    out: dict[int, dict[int, int]] = {}
    for w in p.weeks:
        for i in w.items:
            if i.kind == "module":
                assert i.module is not None
                out.setdefault(i.module, {}).setdefault(w.index, 0)
                out[i.module][w.index] += i.minutes
    return out


def test_sixteen_weeks_at_five_hours_fits_with_every_module_before_the_final_two_weeks():
    p = plan(5)
    assert p.fits and not p.unscheduled
    assert p.weeks_left == 16 and p.available_minutes == 16 * 300
    assert p.hours_per_week_needed is None and p.earliest_exam_date is None
    placed = module_minutes_by_week(p)
    assert sorted(placed) == list(range(1, 12))
    for m in course():
        assert sum(placed[m.number].values()) == module_minutes(m)
        assert max(placed[m.number]) < 14  # weeks 14 and 15 are the final two
    # course order: a module never starts before the one before it has started
    firsts = [min(placed[n]) for n in range(1, 12)]
    assert firsts == sorted(firsts)
    final = p.weeks[-2:]
    assert all(w.final for w in final) and not any(w.final for w in p.weeks[:-2])
    assert [[i.mock for i in w.items if i.kind == "mock"] for w in final] == [[1], [2]]
    assert all(i.minutes == 180 for w in final for i in w.items if i.kind == "mock")


def test_the_last_week_ends_the_day_before_the_exam_and_a_short_week_comes_first():
    p = build_plan(course(), WEIGHTS, {}, exam_date=START + 16 * WEEK + 3 * DAY,
                   hours_per_week=7, start=START)
    assert p.weeks_left == 17
    assert p.weeks[-1].end == p.exam_date - DAY
    assert (p.weeks[0].start, p.weeks[0].end) == (START, START + 2 * DAY)
    assert p.weeks[0].minutes_available == 420 * 3 // 7
    assert all(w.study_days == 7 for w in p.weeks[1:])


def test_every_week_is_filled_exactly_and_work_adds_up():
    for hours in (1, 3, 5, 12):
        p = plan(hours)
        for w in p.weeks:
            assert sum(i.minutes for i in w.items) == w.minutes_available
        scheduled = sum(w.work_minutes for w in p.weeks)
        assert scheduled + sum(i.minutes for i in p.unscheduled) == p.total_needed_minutes


def test_review_follows_exam_weight_times_gap():
    gaps = dict.fromkeys(AREAS, 0.0) | {"I.A": 1.0, "III.B": 1.0, "II.A": 0.5}
    p = plan(10, gaps=gaps)
    review = {i.area: i.minutes for w in p.weeks for i in w.items if i.kind == "review"}
    assert review == {"I.A": 90, "III.B": 42, "II.A": 36}
    order = [i.area for w in p.weeks for i in w.items if i.kind == "review"]
    assert order == ["I.A", "III.B", "II.A"]


def test_a_missing_gap_counts_as_a_full_gap():
    p = plan(10, gaps={})
    review = {i.area: i.minutes for w in p.weeks for i in w.items if i.kind == "review"}
    assert review["III.D"] == 6 * 7


def test_module_minutes_prorate_reading_and_count_reflections():
    assert module_minutes(ModuleWork(2, "x", "I.A", 100, 2, 100)) == 100 + 40 + 45
    assert module_minutes(ModuleWork(2, "x", "I.A", 50, 0, 100)) == 50 + 23
    assert module_minutes(ModuleWork(2, "x", "I.A", 0, 1, 100)) == 20
    assert module_minutes(ModuleWork(2, "x", "I.A", 0, 0, 100)) == 0
    assert module_minutes(ModuleWork(1, "x", None, 0, 2, 0)) == 40 + 45
    assert module_minutes(ModuleWork(2, "x", "I.A", 30, 1, 60), 10, 5) == 30 + 5 + 5


def test_one_hour_a_week_does_not_fit_and_the_remedies_do():
    p = plan(1)
    assert not p.fits and p.unscheduled
    assert p.hours_per_week_needed is not None and p.hours_per_week_needed > 1
    assert plan(p.hours_per_week_needed).fits
    assert not plan(p.hours_per_week_needed - 0.25).fits  # the least quarter hour that fits
    assert p.earliest_exam_date is not None and p.earliest_exam_date > p.exam_date
    later = build_plan(course(), WEIGHTS, dict.fromkeys(AREAS, 0.5),
                       exam_date=p.earliest_exam_date, hours_per_week=1, start=START)
    assert later.fits
    sooner = build_plan(course(), WEIGHTS, dict.fromkeys(AREAS, 0.5),
                        exam_date=p.earliest_exam_date - DAY, hours_per_week=1, start=START)
    assert not sooner.fits


def test_the_earliest_exam_date_is_the_first_date_that_fits():
    p = plan(5, weeks=11)  # review is 55 minutes short
    assert not p.fits and p.earliest_exam_date == p.exam_date + 2 * DAY
    one_day_later = build_plan(course(), WEIGHTS, dict.fromkeys(AREAS, 0.5), start=START,
                               exam_date=p.exam_date + DAY, hours_per_week=5)
    assert not one_day_later.fits  # a one-day first week adds 42 minutes


def test_review_that_does_not_fit_in_the_study_weeks_goes_after_the_mocks():
    p = plan(5.25, weeks=11)  # nine study weeks of 315 minutes cannot hold modules and review
    assert p.fits
    final_items = [i for w in p.weeks if w.final for i in w.items]
    assert [i.kind for i in final_items][:1] == ["mock"]
    assert sum(i.minutes for i in final_items if i.kind == "review") > 0


def test_too_close_for_any_hours_and_zero_hours_have_no_remedy():
    close = plan(5, weeks=1)  # one week: all of it is the final weeks, no room for modules
    assert not close.fits and close.hours_per_week_needed is None
    idle = plan(0)
    assert not idle.fits and idle.earliest_exam_date is None
    assert idle.hours_per_week_needed is not None and plan(idle.hours_per_week_needed).fits


def test_skip_dates_prorate_the_hours_of_their_week():
    base = plan(7)  # 60 minutes a day
    one = plan(7, skip_dates=[START + 2 * DAY])
    assert one.weeks[0].minutes_available == 360 and one.weeks[0].study_days == 6
    assert one.available_minutes == base.available_minutes - 60
    holiday = [START + 3 * WEEK + k * DAY for k in range(7)]
    off = plan(7, skip_dates=holiday)
    assert off.weeks[3].minutes_available == 0 and off.weeks[3].items == ()
    assert off.available_minutes == base.available_minutes - 420


def test_a_skipped_final_week_moves_its_mock_to_a_week_with_room():
    last = [START + 15 * WEEK + k * DAY for k in range(7)]
    p = plan(5, skip_dates=last)  # the last week has no hours; 300 minutes cannot hold both
    mocks = {i.mock: w.index for w in p.weeks for i in w.items if i.kind == "mock"}
    assert p.fits and sorted(mocks) == [1, 2]
    assert all(p.weeks[i].final for i in mocks.values()) and 15 not in mocks.values()
    assert [w.index for w in p.weeks if w.final] == [13, 14, 15]
    assert max(max(v) for v in module_minutes_by_week(p).values()) < 13


def test_application_window_covers_the_exam():
    p = plan(5)
    assert p.apply_from == p.exam_date - 90 * DAY
    assert p.apply_by == p.exam_date - 14 * DAY
    q = plan(5, application_window_days=60, approval_margin_days=0)
    assert (q.apply_from, q.apply_by) == (q.exam_date - 60 * DAY, q.exam_date)


@pytest.mark.parametrize("kw, words", [
    ({"exam_date": START}, "after the start"),
    ({"hours_per_week": -1}, "zero or more"),
    ({"gaps": {"I.A": 1.5}}, "between 0 and 1"),
])
def test_bad_input_is_a_user_input_error(kw: dict[str, object], words: str):
    args: dict[str, object] = {"exam_date": START + 16 * WEEK, "hours_per_week": 5.0,
                               "start": START} | kw
    gaps = args.pop("gaps", {})
    with pytest.raises(UserInputError, match=words):
        build_plan(course(), WEIGHTS, gaps, **args)  # type: ignore[arg-type]


def test_on_track_statuses_and_this_weeks_work():
    p = plan(5)
    assert on_track(p, 0, START).status == "on_pace"
    assert on_track(p, 0, START).expected_minutes == 0
    today = START + 4 * WEEK  # four full weeks of 300 planned minutes are over
    assert on_track(p, 1200, today).status == "on_pace"
    assert on_track(p, 1140, today).status == "on_pace"  # within the hour
    assert on_track(p, 1260, today).status == "on_pace"
    assert on_track(p, 1261, today).status == "ahead"
    behind = on_track(p, 1139, today)
    assert behind.status == "behind" and behind.minutes_ahead == -61
    ahead = on_track(p, 1500, today)
    assert ahead.status == "ahead" and ahead.hours_ahead == 5.0
    assert ahead.week == p.weeks[4]
    midweek = on_track(p, 0, today + 2 * DAY)
    assert midweek.expected_minutes == 1200 + 300 * 2 // 7
    assert on_track(p, 0, p.exam_date).week is None
    assert on_track(p, 0, p.exam_date).expected_minutes == sum(w.work_minutes for w in p.weeks)


def test_on_track_skips_skip_dates_within_the_week():
    p = plan(7, skip_dates=[START, START + DAY])  # first week: five study days, 300 minutes
    assert on_track(p, 0, START + 2 * DAY).expected_minutes == 0
    assert on_track(p, 0, START + 3 * DAY).expected_minutes == 300 // 5


@settings(max_examples=60, deadline=None)
@given(
    quarters=st.integers(min_value=1, max_value=20),
    weeks=st.integers(min_value=3, max_value=30),
    gap=st.floats(min_value=0.0, max_value=1.0),
    skips=st.sets(st.integers(min_value=0, max_value=400), max_size=40),
)
def test_the_remedies_fit_when_fed_back(quarters: int, weeks: int, gap: float, skips: set[int]):
    hours = quarters / 4
    skip_dates = [START + k * DAY for k in skips]
    kw = {"skip_dates": skip_dates, "gaps": dict.fromkeys(AREAS, gap)}
    p = plan(hours, weeks=weeks, **kw)
    if p.fits:
        assert p.hours_per_week_needed is None and p.earliest_exam_date is None
        return
    if p.hours_per_week_needed is not None:
        assert plan(p.hours_per_week_needed, weeks=weeks, **kw).fits
    if p.earliest_exam_date is not None:
        assert p.earliest_exam_date > p.exam_date
        later = build_plan(course(), WEIGHTS, dict.fromkeys(AREAS, gap), start=START,
                           exam_date=p.earliest_exam_date, hours_per_week=hours,
                           skip_dates=skip_dates)
        assert later.fits
