"""`cetl quiz`: choosing practice questions and recording each answer as it is given."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Optional

from cetl_cli.domain import quiz as qz
from cetl_cli.domain.errors import NotFoundError, UsageError
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.questions import Question
from cetl_cli.services.session import Session

DEFAULT_COUNT = 10


def new_seed() -> int:
    return random.SystemRandom().randrange(1_000_000)


@dataclass(frozen=True)
class QuizPlan:
    curriculum: Curriculum
    questions: list[Question]
    area: Optional[str]
    seed: int
    available: int
    short: bool  # fewer matched than were asked for
    missed: bool
    nothing_answered_yet: bool = False


def plan(s: Session, *, area: Optional[str], module: Optional[str], count: Optional[int],
         seed: Optional[int], missed: bool) -> QuizPlan:
    if area is not None and module is not None:
        raise UsageError("use --area or --module, not both.")
    cur = s.curriculum
    bank = s.bank()
    code = qz.find_area(cur, area) if area is not None else (
        qz.module_area(cur, module) if module is not None else None)
    last = s.store.last_practice_results() if missed else {}
    seed = seed if seed is not None else new_seed()
    if missed and not last:
        return QuizPlan(cur, [], code, seed, 0, False, True, nothing_answered_yet=True)
    only = qz.missed_ids(last) if missed else None
    sel = qz.select(bank, count or DEFAULT_COUNT, random.Random(seed), area=code, only=only)
    if not sel.questions and not missed:
        scope = f" in {code}" if code else ""
        raise NotFoundError(f"This curriculum has no practice questions{scope}.")
    return QuizPlan(cur, sel.questions, code, seed, sel.available, sel.short and count is not None, missed)


def record(s: Session, q: Question, choice: str, seconds: float) -> bool:
    """Store one quiz answer; returns whether it was right."""
    right = q.is_right(choice)
    s.store.record_practice(q.id, q.skill_area, choice, right, round(seconds, 1), "quiz")
    return right
