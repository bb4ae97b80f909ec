"""How ready you look: coverage, an estimated percent correct with a range, and calibration.

The figures come from cetl_cli/domain/readiness.py (the rules are there). None of them is, or
predicts, CoSN's scaled score or a pass; every view that shows them says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from cetl_cli.domain import progress as prog
from cetl_cli.domain import readiness as rd
from cetl_cli.domain.quiz import exam_counts
from cetl_cli.domain.record import Record
from cetl_cli.services.session import Session
from cetl_cli.store.rows import PracticeSample

RECENT_PER_AREA = 50  # the latest answers per skill area the estimate reads, as quiz_accuracy does
# Answers a skill area needs before it gets an estimate: 7, the smallest area's share of a mock
# exam (III.B-III.D), so one full mock exam gives every area, domain and the whole form a range.
MIN_ANSWERS = 7
LEVEL = 0.9  # the range is a 90% interval
DISCLAIMER = ("cetl's estimate of the percent you would get right on a fresh 100-question form drawn by the "
              "exam weights, from cetl's own practice questions. It is not CoSN's scaled score and does not "
              "say whether you would pass.")


class Readiness(Record):
    coverage: rd.Coverage
    estimate: rd.Estimate
    calibration: rd.Calibration
    assessed: bool  # a self-assessment exists (else calibration has no rows)
    blueprint: dict[str, int]  # questions per skill area on a 100-question form
    level: float


def _age_days(stamp: str, now: dt.datetime) -> float:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (now - moment).total_seconds() / 86400)


def estimate(s: Session, samples: Optional[list[PracticeSample]] = None) -> rd.Estimate:
    """The expected percent correct by skill area, domain and overall, from recent practice
    (`samples`: the store's `recent_practice(RECENT_PER_AREA)`, when the caller has read it)."""
    blueprint = exam_counts(s.curriculum.framework)
    now = s.clock.now()
    if now.tzinfo is None:
        now = now.astimezone()
    answers: dict[str, list[rd.Answer]] = {}
    for a in s.store.recent_practice(RECENT_PER_AREA) if samples is None else samples:
        if a.skill_area in blueprint:  # answers to areas a changed curriculum no longer has are left out
            answers.setdefault(a.skill_area, []).append(rd.Answer(a.correct, a.first, _age_days(a.at, now)))
    answers = {area: given[-RECENT_PER_AREA:] for area, given in answers.items()}  # oldest first
    return rd.estimate(answers, blueprint, min_answers=MIN_ANSWERS, level=LEVEL)


def readiness(s: Session, progress: Optional[prog.Progress] = None,
              samples: Optional[list[PracticeSample]] = None) -> Readiness:
    cur = s.curriculum
    if progress is None:
        done, answered = s.progress_sets()
        progress = prog.compute(cur, done, answered)
    blueprint = exam_counts(cur.framework)
    items = [rd.ModuleItems(m.number, m.skill_area, progress.modules[m.number].done, progress.modules[m.number].total)
             for m in cur.modules if m.skill_area is None or m.skill_area in cur.areas]
    weights = {a.code: a.weight for d in cur.framework.domains for a in d.skill_areas}
    coverage = rd.coverage(items, weights)
    est = estimate(s, samples)
    ratings = {a: r.knowledge for a, r in s.store.latest_assessments().items() if a in cur.areas}
    ordered = {a: ratings[a] for a in cur.areas if a in ratings}
    return Readiness(coverage, est, rd.calibration(ordered, est), bool(ordered), blueprint, LEVEL)
