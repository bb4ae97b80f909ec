"""Where you stand: progress by module, skill area and domain, practice accuracy, readiness,
and the dashboard with its one next step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from cetl_cli.domain import progress as prog
from cetl_cli.domain.models import Curriculum, Module
from cetl_cli.domain.quiz import Score, accuracy, weakest
from cetl_cli.domain.record import Record
from cetl_cli.services.readiness import RECENT_PER_AREA, Readiness, readiness
from cetl_cli.services.session import Session
from cetl_cli.services.study import NextStep, next_step
from cetl_cli.store.rows import PracticeSample

if TYPE_CHECKING:  # `cetl progress` needs no plan: the dashboard imports it when it runs
    from cetl_cli.services.plan import PlanReport

PRACTICE_WINDOW = 50  # quiz_accuracy looks at each area's latest answers, this many


class ProgressReport(Record):
    curriculum: Curriculum
    progress: prog.Progress
    practice: dict[str, Score]  # skill area -> its latest practice answers (asked == 0: none yet)
    weakest: list[Score]
    readiness: Readiness


def practice_scores(s: Session, samples: Optional[list[PracticeSample]] = None) -> dict[str, Score]:
    """Per skill area, right and answered among its latest PRACTICE_WINDOW answers."""
    if samples is None:
        counts = s.store.practice_accuracy(PRACTICE_WINDOW)
    else:  # the readiness estimate's rows: the same latest answers, read once
        tally: dict[str, list[int]] = {}
        for a in samples:
            t = tally.setdefault(a.skill_area, [])
            t.append(int(a.correct))
        counts = {area: (sum(v[-PRACTICE_WINDOW:]), len(v[-PRACTICE_WINDOW:])) for area, v in tally.items()}
    return {sc.code: sc for sc in accuracy(s.curriculum.framework, counts)}


def report(s: Session, progress: Optional[tuple[set[str], set[str]]] = None) -> ProgressReport:
    cur = s.curriculum
    done, answered = progress or s.progress_sets()
    samples = s.store.recent_practice(max(RECENT_PER_AREA, PRACTICE_WINDOW))  # oldest first
    practice = practice_scores(s, samples)
    p = prog.compute(cur, done, answered)
    return ProgressReport(cur, p, practice, weakest(practice.values()), readiness(s, p, samples))


class MockScore(Record):
    """The latest finished mock exam: percent right overall and by domain (as CoSN reports)."""

    attempt_id: int
    finished_at: str
    overall: Score
    domains: list[Score]


class Dashboard(Record):
    report: ProgressReport
    module: Optional[Module]
    module_tally: Optional[prog.Tally]
    next_step: Optional[NextStep]  # the one next step, picked from everything below
    step_reason: str  # "paused_exam", "reviews_due", "plan", "course" or "done"
    exam_in_progress: Optional[int]  # the id of a paused mock exam
    plan: Optional[PlanReport]
    latest_mock: Optional[MockScore]
    # Spaced-review cards due today (issue 11 fills this in; None: no spaced review here).
    reviews_due: Optional[int] = None


def latest_mock(s: Session) -> Optional[MockScore]:
    finished = s.store.exam_attempts("finished")
    if not finished:
        return None
    attempt = finished[-1]
    answers = s.store.practice_answers(attempt.id)
    areas = [a.skill_area for a in answers]
    if len(answers) < len(attempt.question_ids):  # unanswered questions: their areas are in the bank
        from cetl_cli.domain.errors import NotFoundError

        seen = {a.question_id for a in answers}
        try:
            by_id = {q.id: q.skill_area for q in s.bank()}
        except NotFoundError:  # another curriculum, without a bank: count the answered ones
            by_id = {}
        areas += [by_id[i] for i in attempt.question_ids if i not in seen and i in by_id]
    cur = s.curriculum
    right: dict[str, int] = {}
    asked: dict[str, int] = {}
    for area in areas:
        asked[area] = asked.get(area, 0) + 1
    for a in answers:
        right[a.skill_area] = right.get(a.skill_area, 0) + int(a.correct)
    domains = []
    for d in cur.framework.domains:
        codes = [a.code for a in d.skill_areas]
        n = sum(asked.get(c, 0) for c in codes)
        if n:
            r = sum(right.get(c, 0) for c in codes)
            domains.append(Score(d.code, d.name, d.weight, n, n, r))
    total_right = sum(right.values())
    overall = Score("all", "All skill areas", 100, len(attempt.question_ids), len(answers), total_right)
    return MockScore(attempt.id, attempt.finished_at or attempt.started_at, overall, domains)


def plan_step(plan: PlanReport, cur: Curriculum, done: set[str], answered: set[str]) -> Optional[NextStep]:
    """What this week of the plan asks first that is not done yet: an unfinished module's next
    item, a mock exam not yet taken, then review in the area the week names."""
    week = plan.this_week
    if week is None or plan.over:
        return None
    for item in week.items:
        if item.kind == "module" and item.module is not None and plan.modules_left.get(item.module):
            module = next(m for m in cur.modules if m.number == item.module)
            nxt = prog.next_item(cur, module, done, answered)
            if nxt is not None:
                if nxt.kind == "todo":
                    return NextStep(f"To-do {nxt.ref} (this week's plan)", f"cetl todo done {nxt.ref}", nxt)
                return NextStep(f"Reflection question {nxt.ref} (this week's plan)", f"cetl reflect {nxt.ref}", nxt)
    from cetl_cli.services.plan import MOCK_EXAMS

    for item in week.items:
        if item.kind == "mock" and item.mock is not None and plan.mocks_done < item.mock:
            return NextStep(f"Mock exam {item.mock} of {MOCK_EXAMS} (this week's plan)", "cetl exam")
    for item in week.items:
        if item.kind == "review" and item.area:
            return NextStep(f"Review {item.area} {cur.areas[item.area].name} (this week's plan)",
                            f"cetl quiz --area {item.area}")
    return None


def dashboard(s: Session) -> Dashboard:
    from cetl_cli.services.plan import maybe_current

    sets = s.progress_sets()
    r = report(s, sets)
    cur = s.curriculum
    done, answered = sets
    module = prog.current_module(cur, done, answered)
    paused = s.store.exam_attempts("in_progress")
    plan = maybe_current(s, r.readiness.estimate, sets)
    from cetl_cli.services.review import due_count

    reviews_due: Optional[int] = due_count(s)
    course = next_step(cur, done, answered)
    step: Optional[NextStep]
    if paused:
        step, reason = NextStep(f"Mock exam #{paused[-1].id} is paused", "cetl exam resume"), "paused_exam"
    elif reviews_due:
        step, reason = NextStep(f"{reviews_due} reviews due today", "cetl review"), "reviews_due"
    elif plan is not None and (planned := plan_step(plan, cur, done, answered)) is not None:
        step, reason = planned, "plan"
    elif course is not None:
        step, reason = course, "course"
    else:
        step, reason = None, "done"
    return Dashboard(r, module, r.progress.modules[module.number] if module else None, step, reason,
                     paused[-1].id if paused else None, plan, latest_mock(s), reviews_due)
