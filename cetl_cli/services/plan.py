"""`cetl plan`: the study plan to your exam date, whether you are on pace, and what this week asks.

The setting "plan" holds what `cetl plan set` was given; the schedule is computed on each run by
cetl_cli/domain/plan.py from the work that was left when the plan started (the to-do and
reflection history says what was done before `start`), so the weeks stay put as you work, and
the minutes done since `start` are compared with the minutes the plan expected by today.
Setting a plan again (re-planning) changes only the setting: every to-do, answer and practice
answer is kept, and the new plan starts from the work left on its start date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterable, Optional

from cetl_cli.domain import plan as pl
from cetl_cli.domain.assessment import gap, gap_from_accuracy
from cetl_cli.domain.errors import NotFoundError, UserInputError, shorten
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.readiness import Estimate
from cetl_cli.domain.record import Record
from cetl_cli.domain.rules import Application
from cetl_cli.services.session import Session
from cetl_cli.store.db import stamp
from cetl_cli.store.rows import StudyPlan

# What the plan counts (see cetl_cli/domain/plan.py for how they are used).
READING_MINUTES = 45  # reading a module's pages
REFLECTION_MINUTES = 20  # answering one reflection question
UNTIMED_TODO_MINUTES = 30  # a to-do whose curriculum entry gives no minutes
MOCK_MINUTES, MOCK_REVIEW_MINUTES, MOCK_EXAMS = 120, 60, 2
# cetl's suggestion, not a CoSN figure: apply at least this long before the exam, for the
# committee's review and booking a seat.
APPROVAL_MARGIN_DAYS = 14
MAX_HOURS = 100.0
MAX_PLAN_DAYS = 3653  # ten years
SET_HINT = "cetl plan set --exam-date YYYY-MM-DD --hours-per-week 5"
DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class PlanReport(Record):
    curriculum: Curriculum
    setting: StudyPlan
    exam_date: dt.date
    start: dt.date
    today: dt.date
    plan: pl.Plan
    on_track: Optional[pl.OnTrack]  # None before the plan starts and from the exam day on
    gaps: dict[str, float]
    gap_sources: dict[str, str]  # skill area -> "practice", "self-assessment" or "not rated"
    application: Application
    margin_days: int
    mocks_done: int  # mock exams finished since the plan started
    modules_left: dict[int, bool]  # module number -> still has work today

    @property
    def days_to_exam(self) -> int:
        return (self.exam_date - self.today).days

    @property
    def over(self) -> bool:
        return self.today >= self.exam_date

    @property
    def this_week(self) -> Optional[pl.Week]:
        return next((w for w in self.plan.weeks if w.start <= self.today <= w.end), None)

    @property
    def weeks_left(self) -> int:
        """Weeks from this one to the exam, this one included."""
        return sum(1 for w in self.plan.weeks if w.end >= self.today)


def parse_day(text: str, what: str) -> dt.date:
    value = str(text).strip()
    if not DATE_FORM.match(value):
        raise UserInputError(f"{what} {shorten(text)!r} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-15.")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserInputError(f"{what} {shorten(text)!r} is not a real date.") from None


def _skips(values: Iterable[str]) -> list[dt.date]:
    days: set[dt.date] = set()
    for value in values:
        for part in str(value).split(","):
            if part.strip():
                days.add(parse_day(part, "The skip date"))
    return sorted(days)


def set_plan(s: Session, exam_date: str, hours_per_week: float, start: Optional[str] = None,
             skip: Iterable[str] = ()) -> PlanReport:
    """Save a new plan (re-planning keeps all progress: only the setting changes)."""
    today = s.clock.today()
    exam = parse_day(exam_date, "The exam date")
    first = parse_day(start, "The start date") if start else today
    if exam <= today:
        raise UserInputError(f"The exam date {exam.isoformat()} is not after today ({today.isoformat()}).",
                             "Give a date in the future: --exam-date YYYY-MM-DD")
    if exam <= first:
        raise UserInputError(f"The exam date {exam.isoformat()} must be after the start date {first.isoformat()}.")
    if (exam - first).days > MAX_PLAN_DAYS:
        raise UserInputError(f"From {first.isoformat()} to {exam.isoformat()} is more than ten years; check the dates.")
    if not 0 < hours_per_week <= MAX_HOURS:
        raise UserInputError(f"Hours per week must be more than 0 and at most {MAX_HOURS:g}, not {hours_per_week:g}.")
    days = [d for d in _skips(skip) if first <= d < exam]
    setting = StudyPlan(exam.isoformat(), float(hours_per_week), first.isoformat(), tuple(d.isoformat() for d in days))
    report = _report(s, setting)  # checks everything before anything is saved
    s.store.set_study_plan(setting)
    return report


def current(s: Session) -> PlanReport:
    report = maybe_current(s)
    if report is None:
        raise NotFoundError("You have no study plan yet.", f"Make one: {SET_HINT}")
    return report


def maybe_current(s: Session, est: Optional[Estimate] = None,
                  progress: Optional[tuple[set[str], set[str]]] = None) -> Optional[PlanReport]:
    """The plan, or None when there is none; `est` and `progress` (the done to-dos and answered
    reflections) save the dashboard reading them twice."""
    setting = s.store.study_plan()
    return None if setting is None else _report(s, setting, est, progress)


# -- building the report ----------------------------------------------------------------------

def _midnight(day: dt.date) -> str:
    """The stored stamp of local midnight at the start of `day`."""
    return stamp(dt.datetime.combine(day, dt.time(0)).astimezone())


def work(cur: Curriculum, done: set[str], answered: set[str]) -> list[pl.ModuleWork]:
    out = []
    for m in cur.modules:
        minutes = [t.minutes or UNTIMED_TODO_MINUTES for t in m.todos]
        left = sum(mins for t, mins in zip(m.todos, minutes) if t.id not in done)
        out.append(pl.ModuleWork(m.number, m.title, m.skill_area, left,
                                 sum(1 for r in m.reflections if r.id not in answered), sum(minutes)))
    return out


def gaps(s: Session, est: Optional[Estimate] = None) -> tuple[dict[str, float], dict[str, str]]:
    """Per skill area: from practice once it has an estimate, else from the self-assessment,
    else 1 (everything still to learn)."""
    if est is None:
        from cetl_cli.services.readiness import estimate

        est = estimate(s)
    measured = est.area_intervals()
    rated = s.store.latest_assessments()
    values: dict[str, float] = {}
    sources: dict[str, str] = {}
    for code in s.curriculum.areas:
        interval = measured.get(code)
        if interval is not None:
            values[code], sources[code] = gap_from_accuracy(interval.point), "practice"
        elif code in rated:
            values[code], sources[code] = gap(rated[code].knowledge, rated[code].experience), "self-assessment"
        else:
            values[code], sources[code] = 1.0, "not rated"
    return values, sources


def application_rule(s: Session) -> Application:
    """The application window from eligibility.yaml (a chapter's file without one: cetl's own).
    Cached on its own, so the dashboard does not decode all the eligibility rules for it."""
    from cetl_cli.content.cache import cached
    from cetl_cli.content.rules import load_rules, rules_path

    def read(path: Path) -> Optional[Application]:
        # wrapped in an object, so a file without the window is cached too (JSON null is a miss)
        data = cached(path.parent, "application", lambda: {"application": load_rules(path).application},
                      lambda d: {"application": d["application"].as_json() if d["application"] else None},
                      lambda d: {"application": Application.from_json(d["application"]) if d["application"]
                                 else None})
        rule: Optional[Application] = data["application"]
        return rule

    rule = read(rules_path(s.curriculum_dir)) or read(rules_path(None))
    if rule is None:  # pragma: no cover - the shipped file has one (tests/services check it)
        raise NotFoundError("No application window is known (eligibility.yaml has no `application`).")
    return rule


def _report(s: Session, setting: StudyPlan, est: Optional[Estimate] = None,
            progress: Optional[tuple[set[str], set[str]]] = None) -> PlanReport:
    cur = s.curriculum
    today = s.clock.today()
    exam, start = dt.date.fromisoformat(setting.exam_date), dt.date.fromisoformat(setting.start)
    skips = [dt.date.fromisoformat(d) for d in setting.skip]
    store = s.store
    since = _midnight(start)
    at_start = work(cur, store.done_todos_before(since), store.answered_reflections_before(since))
    done_now, answered_now = progress or s.progress_sets()
    now = work(cur, done_now, answered_now)
    values, sources = gaps(s, est)
    rule = application_rule(s)
    weights = {a.code: int(round(a.weight)) for d in cur.framework.domains for a in d.skill_areas}
    plan = pl.build_plan(at_start, weights, values, exam_date=exam, hours_per_week=setting.hours_per_week,
                         start=start, skip_dates=skips, application_window_days=rule.window_days,
                         approval_margin_days=APPROVAL_MARGIN_DAYS, reading_minutes=READING_MINUTES,
                         reflection_minutes=REFLECTION_MINUTES, mock_exams=MOCK_EXAMS,
                         mock_minutes=MOCK_MINUTES, mock_review_minutes=MOCK_REVIEW_MINUTES)
    mocks = sum(1 for a in store.exam_attempts("finished") if a.started_at >= since)
    before = {m.number: pl.module_minutes(m, READING_MINUTES, REFLECTION_MINUTES) for m in at_start}
    after = {m.number: pl.module_minutes(m, READING_MINUTES, REFLECTION_MINUTES) for m in now}
    done_minutes = sum(max(0, before[n] - after.get(n, 0)) for n in before)
    done_minutes += round(store.practice_seconds_since(since) / 60)
    done_minutes += min(mocks, MOCK_EXAMS) * (MOCK_MINUTES + MOCK_REVIEW_MINUTES)
    track = pl.on_track(plan, done_minutes, today) if start <= today < exam else None
    return PlanReport(cur, setting, exam, start, today, plan, track, values, sources, rule,
                      APPROVAL_MARGIN_DAYS, mocks, {n: after[n] > 0 for n in after})
