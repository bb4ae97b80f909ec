"""Where you stand: progress by module, skill area and domain, practice accuracy, the dashboard."""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain import progress as prog
from cetl_cli.domain.models import Curriculum, Module
from cetl_cli.domain.quiz import Score, accuracy, weakest
from cetl_cli.domain.record import Record
from cetl_cli.services.session import Session
from cetl_cli.services.study import NextStep, next_step

PRACTICE_WINDOW = 50  # quiz_accuracy looks at each area's latest answers, this many


class ProgressReport(Record):
    curriculum: Curriculum
    progress: prog.Progress
    practice: dict[str, Score]  # skill area -> its latest practice answers (asked == 0: none yet)
    weakest: list[Score]


def practice_scores(s: Session) -> dict[str, Score]:
    return {sc.code: sc for sc in accuracy(s.curriculum.framework, s.store.practice_accuracy(PRACTICE_WINDOW))}


def report(s: Session) -> ProgressReport:
    cur = s.curriculum
    done, answered = s.progress_sets()
    practice = practice_scores(s)
    return ProgressReport(cur, prog.compute(cur, done, answered), practice, weakest(practice.values()))


class Dashboard(Record):
    report: ProgressReport
    module: Optional[Module]
    module_tally: Optional[prog.Tally]
    next_step: Optional[NextStep]
    exam_in_progress: Optional[int]  # the id of a paused mock exam
    reviews_due: int = 0  # spaced-review cards due now (cetl review)


def dashboard(s: Session) -> Dashboard:
    r = report(s)
    cur = s.curriculum
    done, answered = s.progress_sets()
    module = prog.current_module(cur, done, answered)
    paused = s.store.exam_attempts("in_progress")
    from cetl_cli.services.review import due_count

    return Dashboard(r, module, r.progress.modules[module.number] if module else None,
                     next_step(cur, done, answered), paused[-1].id if paused else None, due_count(s))
