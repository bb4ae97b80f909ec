"""A week-by-week study plan from a start date to the exam date, and whether you are on pace.

Pure: no IO and no clock. `start` and `today` are parameters, and progress is kept by the
caller, so re-planning is calling `build_plan` again with the work that remains. The records
are Records, not dataclasses: the dashboard imports this module on every run.

The rules, in order:

- Weeks run backwards from the exam: the last week is the seven days before the exam day, the
  one before it the seven days before that, and so on; the first week starts on `start` and may be
  shorter. The exam day itself is not a study day.
- Hours are prorated by days: a week's minutes are `round(hours_per_week * 60) * study_days // 7`,
  where study days are the week's days that are not skip dates. So a skip date costs a seventh
  of a week, a short first week gets its share, and a week of skip dates gets nothing.
- A module needs its remaining to-do minutes, `reflection_minutes` per unanswered reflection and
  its reading: `reading_minutes` in full while no timed to-do is done, then in proportion to the
  to-do minutes left (`total_minutes` is the module's to-do minutes, done or not). A module with
  nothing left needs nothing. The caller decides what a to-do without minutes is worth.
- Each skill area gets `review_minutes_per_question * exam weight * gap` minutes of review
  (rounded), so review follows exam weight times gap; an area missing from `gaps` has gap 1.
- A mock exam item is one sitting plus going over the answers (`mock_minutes` +
  `mock_review_minutes`).
- The final weeks are reserved for the mock exams: the last two weeks, or more when two weeks
  at these hours cannot hold the mocks. Modules go before them, in course order (by number);
  then review, largest weight times gap first, in what is left of the study weeks and then of the
  final weeks. Each mock is placed whole in its own final week when it fits there, else in the
  first final week with room, else split over the final weeks. Time left over is "buffer".
- The plan fits when nothing is left unscheduled. When it does not fit it names the hours per
  week (a multiple of a quarter hour, the least that fits) and, at the given hours, the earliest
  exam date that fits; either is None when none exists (an exam too close for any hours, or
  zero hours). Both come from the same scheduler, so feeding them back in gives a plan that fits.
- CoSN gives `application_window_days` (90) from approval to sit the exam. An application made
  on or after `apply_from = exam_date - window` is approved no earlier, so its window still
  covers the exam; `apply_by = exam_date - approval_margin_days` leaves time for approval and
  booking (the margin is cetl's planning assumption, not a CoSN figure). Apply between the two.
  Neither date is clipped to `start`: an `apply_from` in the past means "apply any time now".
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.record import Record

Kind = Literal["module", "review", "mock", "buffer"]
Status = Literal["ahead", "on_pace", "behind"]

DAY = dt.timedelta(days=1)
QUARTER_HOUR = 15
SEARCH_DAYS = 3660  # how far past the lower bound `earliest_exam_date` looks (about ten years)


class ModuleWork(Record):
    """One module's remaining work, as the caller counts it from the curriculum and the store."""

    number: int
    title: str
    skill_area: str | None  # None for the orientation module
    remaining_todo_minutes: int
    remaining_reflections: int
    total_minutes: int  # the module's to-do minutes, done or not


class WorkItem(Record):
    kind: Kind
    minutes: int
    module: int | None = None  # for kind "module"
    area: str | None = None  # for "review", and the module's area for "module"
    mock: int | None = None  # 1, 2, ... for kind "mock"


class Week(Record):
    index: int  # 0 for the first week
    start: dt.date
    end: dt.date  # inclusive
    study_days: int  # days in the week that are not skip dates
    minutes_available: int
    final: bool  # one of the weeks reserved for mock exams
    items: tuple[WorkItem, ...]  # their minutes add up to minutes_available

    @property
    def hours_available(self) -> float:
        return self.minutes_available / 60

    @property
    def work_minutes(self) -> int:
        """Planned minutes of work this week: everything but buffer."""
        return sum(i.minutes for i in self.items if i.kind != "buffer")


class Plan(Record):
    start: dt.date
    exam_date: dt.date
    hours_per_week: float
    weeks: tuple[Week, ...]
    weeks_left: int  # len(weeks), counting a short first week
    total_needed_minutes: int
    available_minutes: int
    fits: bool
    unscheduled: tuple[WorkItem, ...]  # what did not fit, with the minutes that did not
    hours_per_week_needed: float | None  # only when it does not fit
    earliest_exam_date: dt.date | None  # only when it does not fit
    apply_from: dt.date
    apply_by: dt.date
    skip_dates: frozenset[dt.date]


class OnTrack(Record):
    status: Status
    expected_minutes: int  # planned work on the plan's study days before today
    done_minutes: int
    minutes_ahead: int  # negative when behind
    hours_ahead: float  # minutes_ahead / 60, one decimal
    week: Week | None  # the plan week holding today, None outside the plan


class _Demand(Record):
    modules: tuple[WorkItem, ...]
    reviews: tuple[WorkItem, ...]
    mocks: tuple[WorkItem, ...]

    @property
    def total(self) -> int:
        return sum(i.minutes for i in (*self.modules, *self.reviews, *self.mocks))


class _Span(Record):
    start: dt.date
    end: dt.date
    study_days: int


def _part(item: WorkItem, minutes: int) -> WorkItem:
    """The same work item with other minutes (the part of it that fits somewhere)."""
    return WorkItem(item.kind, minutes, item.module, item.area, item.mock)


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise UserInputError(message)


def module_minutes(m: ModuleWork, reading_minutes: int = 45, reflection_minutes: int = 20) -> int:
    """Minutes a module still needs (the rule is in the module docstring)."""
    if m.remaining_todo_minutes == 0 and m.remaining_reflections == 0:
        return 0
    if m.total_minutes == 0:
        reading = reading_minutes
    else:
        share = min(m.remaining_todo_minutes, m.total_minutes) / m.total_minutes
        reading = math.ceil(reading_minutes * share)
    return m.remaining_todo_minutes + m.remaining_reflections * reflection_minutes + reading


def _demand(modules: Sequence[ModuleWork], weights: Mapping[str, int], gaps: Mapping[str, float],
            reading: int, reflection: int, per_question: int, mocks: int, mock_each: int) -> _Demand:
    numbers = [m.number for m in modules]
    _check(len(set(numbers)) == len(numbers), "Each module number may appear only once.")
    for m in modules:
        _check(min(m.remaining_todo_minutes, m.remaining_reflections, m.total_minutes) >= 0,
               f"Module {m.number}: minutes and counts cannot be negative.")
    for area, weight in weights.items():
        _check(weight >= 0, f"{area}: an exam weight cannot be negative.")
    for area, gap in gaps.items():
        _check(0.0 <= gap <= 1.0, f"{area}: a gap must be between 0 and 1, not {gap}.")
    module_items = tuple(
        WorkItem("module", need, module=m.number, area=m.skill_area)
        for m in sorted(modules, key=lambda m: m.number)
        if (need := module_minutes(m, reading, reflection)) > 0
    )
    order = sorted(weights, key=lambda a: -weights[a] * gaps.get(a, 1.0))  # stable: ties keep order
    reviews = tuple(
        WorkItem("review", minutes, area=a)
        for a in order
        if (minutes := round(per_question * weights[a] * gaps.get(a, 1.0))) > 0
    )
    mock_items = tuple(WorkItem("mock", mock_each, mock=j + 1) for j in range(mocks)) if mock_each else ()
    return _Demand(module_items, reviews, mock_items)


def _calendar(start: dt.date, exam_date: dt.date, skips: frozenset[dt.date]) -> list[_Span]:
    n = -(-(exam_date - start).days // 7)
    spans = []
    for j in range(n):
        end = exam_date - DAY * (1 + 7 * (n - 1 - j))
        first = max(start, end - 6 * DAY)
        days = (end - first).days + 1
        spans.append(_Span(first, end, sum(1 for k in range(days) if first + k * DAY not in skips)))
    return spans


def _pour(item: WorkItem, order: Iterable[int], rem: list[int], placed: list[list[WorkItem]]) -> int:
    """Put as much of `item` as fits into the weeks in `order`; returns the minutes left over."""
    left = item.minutes
    for i in order:
        if left == 0:
            break
        take = min(left, rem[i])
        if take:
            placed[i].append(_part(item, take))
            rem[i] -= take
            left -= take
    return left


def _schedule(demand: _Demand, spans: list[_Span], per_week: int
              ) -> tuple[tuple[Week, ...], tuple[WorkItem, ...]]:
    caps = [per_week * s.study_days // 7 for s in spans]
    n = len(spans)
    mock_total = sum(i.minutes for i in demand.mocks)
    n_final = min(2, n)
    while n_final < n and sum(caps[n - n_final:]) < mock_total:
        n_final += 1
    study, final = range(n - n_final), range(n - n_final, n)
    rem = list(caps)
    placed: list[list[WorkItem]] = [[] for _ in spans]
    unscheduled: list[WorkItem] = []

    def keep(item: WorkItem, left: int) -> None:
        if left:
            unscheduled.append(_part(item, left))

    for item in demand.modules:
        keep(item, _pour(item, study, rem, placed))
    for j, item in enumerate(demand.mocks):
        own = final.start + j * n_final // len(demand.mocks)
        whole = [i for i in (own, *final) if i in final and rem[i] >= item.minutes]
        if whole:
            _pour(item, whole[:1], rem, placed)
        else:
            keep(item, _pour(item, (*range(own, final.stop), *final), rem, placed))
    for item in demand.reviews:
        keep(item, _pour(item, (*study, *final), rem, placed))
    for i in range(n):
        if rem[i]:
            placed[i].append(WorkItem("buffer", rem[i]))
    weeks = tuple(
        Week(i, s.start, s.end, s.study_days, caps[i], i in final, tuple(placed[i]))
        for i, s in enumerate(spans)
    )
    return weeks, tuple(unscheduled)


def _fits(demand: _Demand, start: dt.date, exam_date: dt.date, skips: frozenset[dt.date],
          per_week: int) -> bool:
    return not _schedule(demand, _calendar(start, exam_date, skips), per_week)[1]


def _hours_needed(demand: _Demand, start: dt.date, exam_date: dt.date,
                  skips: frozenset[dt.date]) -> float | None:
    """The fewest quarter hours per week that fit (fitting only gets easier with more hours)."""
    hi = -(-7 * (demand.total + 1) // QUARTER_HOUR)  # one study day then holds everything
    if not _fits(demand, start, exam_date, skips, hi * QUARTER_HOUR):
        return None
    lo = 0  # does not fit (the caller knows)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _fits(demand, start, exam_date, skips, mid * QUARTER_HOUR):
            hi = mid
        else:
            lo = mid
    return hi * QUARTER_HOUR / 60


def _earliest(demand: _Demand, start: dt.date, exam_date: dt.date, skips: frozenset[dt.date],
              per_week: int) -> dt.date | None:
    """The first exam date after `exam_date` that fits: a scan by day, since skip dates can make
    a later date fit worse. It starts at a lower bound no plan can beat."""
    if per_week <= 0:
        return None
    bound = start + DAY * -(-7 * demand.total // per_week)
    day = max(exam_date + DAY, bound)
    for _ in range(SEARCH_DAYS):
        if _fits(demand, start, day, skips, per_week):
            return day
        day += DAY
    return None


def build_plan(
    modules: Sequence[ModuleWork],
    area_weights: Mapping[str, int],
    gaps: Mapping[str, float],
    *,
    exam_date: dt.date,
    hours_per_week: float,
    start: dt.date,
    skip_dates: Iterable[dt.date] = (),
    application_window_days: int = 90,
    approval_margin_days: int = 14,
    reading_minutes: int = 45,
    reflection_minutes: int = 20,
    review_minutes_per_question: int = 6,
    mock_exams: int = 2,
    mock_minutes: int = 120,
    mock_review_minutes: int = 60,
) -> Plan:
    """Plan the remaining work from `start` to the day before `exam_date` (rules: module docstring).

    `area_weights` is exam questions per skill area (I.A: 15, ...); `gaps` is 0 (nothing to
    learn) to 1 (everything) per area.
    """
    _check(exam_date > start, "The exam date must be after the start date.")
    _check(math.isfinite(hours_per_week) and hours_per_week >= 0,
           "Hours per week must be zero or more.")
    _check(application_window_days > 0, "The application window must be at least one day.")
    _check(min(approval_margin_days, reading_minutes, reflection_minutes,
               review_minutes_per_question, mock_exams, mock_minutes, mock_review_minutes) >= 0,
           "Minutes, days and counts cannot be negative.")
    skips = frozenset(skip_dates)
    demand = _demand(modules, area_weights, gaps, reading_minutes, reflection_minutes,
                     review_minutes_per_question, mock_exams, mock_minutes + mock_review_minutes)
    per_week = round(hours_per_week * 60)
    weeks, unscheduled = _schedule(demand, _calendar(start, exam_date, skips), per_week)
    fits = not unscheduled
    return Plan(
        start=start,
        exam_date=exam_date,
        hours_per_week=hours_per_week,
        weeks=weeks,
        weeks_left=len(weeks),
        total_needed_minutes=demand.total,
        available_minutes=sum(w.minutes_available for w in weeks),
        fits=fits,
        unscheduled=unscheduled,
        hours_per_week_needed=None if fits else _hours_needed(demand, start, exam_date, skips),
        earliest_exam_date=None if fits else _earliest(demand, start, exam_date, skips, per_week),
        apply_from=exam_date - DAY * application_window_days,
        apply_by=exam_date - DAY * approval_margin_days,
        skip_dates=skips,
    )


def on_track(plan: Plan, done_minutes_by_now: int, today: dt.date, *,
             tolerance_minutes: int = 60) -> OnTrack:
    """Compare the minutes of planned work done since `plan.start` with what the plan expected
    on the study days before today (today is not over, so it is not expected yet; inside a week
    the week's work is prorated by its study days). Within `tolerance_minutes` either way is
    "on_pace"; more done is "ahead", less is "behind"."""
    _check(done_minutes_by_now >= 0, "Minutes done cannot be negative.")
    expected = 0
    current = None
    for week in plan.weeks:
        if week.end < today:
            expected += week.work_minutes
        elif week.start <= today:
            current = week
            days = [week.start + k * DAY for k in range((week.end - week.start).days + 1)]
            study = [d for d in days if d not in plan.skip_dates]
            before = sum(1 for d in study if d < today)
            expected += week.work_minutes * before // len(study) if study else 0
    ahead = done_minutes_by_now - expected
    status: Status = ("ahead" if ahead > tolerance_minutes
                      else "behind" if ahead < -tolerance_minutes else "on_pace")
    return OnTrack(status, expected, done_minutes_by_now, ahead, round(ahead / 60, 1), current)
