"""Study statistics: streaks, a minutes heatmap, and accuracy per skill area per week.

Pure: `today` is always a parameter. Weeks here are calendar weeks, Monday to Sunday.

The streak rule, precisely:

- A day is missed when it is not a study day. Days after `today` are ignored.
- A streak is a run of calendar days that starts and ends on a study day, in which every seven
  consecutive days (the whole run, when it is shorter than seven days) hold at most
  `allowed_gaps_per_week` missed days. With 0 this is the usual unbroken streak.
- Its length is the days from its first to its last study day, both included: forgiven missed
  days inside it count, since the streak was not broken.
- `longest` is the longest such run. `current` is the run that is still alive: it must still
  obey the rule when stretched to today, counting today as not missed (the day is not over);
  its length runs to its last study day. With no live run, `current` is 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cetl_cli.domain.errors import UserInputError

DAY = dt.timedelta(days=1)
HEAT_THRESHOLDS: tuple[int, int, int, int] = (1, 15, 30, 60)  # minutes for levels 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class Streak:
    current: int  # days
    longest: int  # days
    last_study_day: dt.date | None


@dataclass(frozen=True, slots=True)
class Heatmap:
    first_day: dt.date  # the Monday that starts the first row
    rows: tuple[tuple[int | None, ...], ...]  # weeks, oldest first; Monday..Sunday; None: future


@dataclass(frozen=True, slots=True)
class Tally:
    right: int
    answered: int

    @property
    def percent(self) -> float | None:
        return round(100.0 * self.right / self.answered, 1) if self.answered else None


@dataclass(frozen=True, slots=True)
class AreaWeeks:
    area: str
    weeks: tuple[Tally, ...]  # one per week in WeeklyAccuracy.week_starts


@dataclass(frozen=True, slots=True)
class WeeklyAccuracy:
    week_starts: tuple[dt.date, ...]  # Mondays, oldest first; the last week holds today
    areas: tuple[AreaWeeks, ...]


def monday(day: dt.date) -> dt.date:
    return day - day.weekday() * DAY


class _Days:
    """Missed days from `first` on, with prefix sums so a run is checked in constant time."""

    def __init__(self, first: dt.date, last: dt.date, studied: set[dt.date], allowed: int):
        n = (last - first).days + 1
        missed = [0 if first + i * DAY in studied else 1 for i in range(n)]
        self.first, self.allowed = first, allowed
        self.missed = [0]
        for m in missed:
            self.missed.append(self.missed[-1] + m)
        bad = [1 if self.missed[x + 7] - self.missed[x] > allowed else 0 for x in range(n - 6)]
        self.bad = [0]
        for b in bad:
            self.bad.append(self.bad[-1] + b)

    def ok(self, start: dt.date, end: dt.date) -> bool:
        """Whether the run from `start` to `end` (inclusive) obeys the rule."""
        s, e = (start - self.first).days, (end - self.first).days
        if e - s + 1 <= 7:
            return self.missed[e + 1] - self.missed[s] <= self.allowed
        return self.bad[e - 5] - self.bad[s] == 0  # no crowded window starting in s..e-6


def streak(study_days: Iterable[dt.date], today: dt.date, allowed_gaps_per_week: int = 1) -> Streak:
    """Current and longest streak in days (the rule is in the module docstring)."""
    if not 0 <= allowed_gaps_per_week <= 6:
        raise UserInputError("Allowed missed days per week must be 0 to 6.")
    days = sorted(d for d in set(study_days) if d <= today)
    if not days:
        return Streak(0, 0, None)
    runs = _Days(days[0], days[-1], set(days), allowed_gaps_per_week)
    longest, j = 1, 0
    for i, start in enumerate(days):  # two pointers: a run's best end never moves back
        j = max(j, i)
        while j + 1 < len(days) and runs.ok(start, days[j + 1]):
            j += 1
        longest = max(longest, (days[j] - start).days + 1)
    alive = _Days(days[0], today, set(days) | {today}, allowed_gaps_per_week)
    current = next(((days[-1] - s).days + 1 for s in days if alive.ok(s, today)), 0)
    return Streak(current, longest, days[-1])


def heat_level(minutes: int, thresholds: Sequence[int] = HEAT_THRESHOLDS) -> int:
    """0 for no study, else how many thresholds the minutes reach (1-4 by default)."""
    return sum(1 for t in thresholds if minutes >= t)


def heatmap(study_minutes_by_day: Mapping[dt.date, int], today: dt.date, weeks: int = 16,
            thresholds: Sequence[int] = HEAT_THRESHOLDS) -> Heatmap:
    """`weeks` rows of Monday..Sunday ending with the week of today; each day's level is
    `heat_level` of its minutes (default: 0 none, 1 under 15, 2 under 30, 3 under 60, 4 an hour
    or more); days after today are None."""
    if weeks < 1:
        raise UserInputError("A heatmap needs at least one week.")
    if any(m < 0 for m in study_minutes_by_day.values()):
        raise UserInputError("Study minutes cannot be negative.")
    first = monday(today) - (weeks - 1) * 7 * DAY
    rows = tuple(
        tuple(
            None if (day := first + (7 * w + k) * DAY) > today
            else heat_level(study_minutes_by_day.get(day, 0), thresholds)
            for k in range(7)
        )
        for w in range(weeks)
    )
    return Heatmap(first, rows)


def weekly_accuracy(answers: Iterable[tuple[dt.date, str, bool]], today: dt.date, weeks: int = 8,
                    areas: Sequence[str] = ()) -> WeeklyAccuracy:
    """Right and answered per skill area per calendar week, for the `weeks` weeks ending with
    the week of today. Rows are `areas` in the order given, then any other area answered in the
    period, sorted; answers before the first week or after today are left out."""
    if weeks < 1:
        raise UserInputError("Weekly accuracy needs at least one week.")
    first = monday(today) - (weeks - 1) * 7 * DAY
    counts: dict[str, list[list[int]]] = {a: [[0, 0] for _ in range(weeks)] for a in areas}
    for day, area, correct in answers:
        if first <= day <= today:
            cell = counts.setdefault(area, [[0, 0] for _ in range(weeks)])[(day - first).days // 7]
            cell[0] += 1 if correct else 0
            cell[1] += 1
    given = set(areas)
    order = [*areas, *sorted(a for a in counts if a not in given)]
    return WeeklyAccuracy(
        tuple(first + 7 * w * DAY for w in range(weeks)),
        tuple(AreaWeeks(a, tuple(Tally(r, n) for r, n in counts[a])) for a in order),
    )
