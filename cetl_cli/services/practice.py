"""`cetl quiz`: choosing practice questions and recording each answer as it is given."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Optional

from cetl_cli.domain import quiz as qz
from cetl_cli.domain.errors import NotFoundError, UsageError
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.questions import Question, in_file, shuffled_order
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
    by_weight: bool = False  # no --area, --module or --missed: by exam weight, unseen and weak first

    def shown(self, q: Question) -> str:
        """The order its choices are shown in: shuffled, the same for the same seed."""
        return shuffled_order(f"{self.seed}:{q.id}")


def plan(s: Session, *, area: Optional[str], module: Optional[str], count: Optional[int],
         seed: Optional[int], missed: bool) -> QuizPlan:
    if area is not None and module is not None:
        raise UsageError("use --area or --module, not both.")
    cur = s.curriculum
    bank = s.bank()
    code = qz.find_area(cur, area) if area is not None else (
        qz.module_area(cur, module) if module is not None else None)
    seed = seed if seed is not None else new_seed()
    rng = random.Random(seed)
    n = count or DEFAULT_COUNT
    if missed:
        from cetl_cli.services.review import missed_ids

        if not s.store.last_practice_results():
            return QuizPlan(cur, [], code, seed, 0, False, True, nothing_answered_yet=True)
        sel = qz.select(bank, n, rng, area=code, only=missed_ids(s))
    elif code is None:
        sel = qz.draw_practice(bank, cur.framework, n, rng, s.store.last_seen(), s.store.practice_accuracy())
    else:
        sel = qz.select(bank, n, rng, area=code)
    if not sel.questions and not missed:
        scope = f" in {code}" if code else ""
        raise NotFoundError(f"This curriculum has no practice questions{scope}.")
    return QuizPlan(cur, sel.questions, code, seed, sel.available, sel.short and count is not None, missed,
                    by_weight=not missed and code is None)


def record(s: Session, q: Question, shown: str, letter: str, seconds: float) -> tuple[bool, str]:
    """Store one quiz answer given as the letter shown (`shown`: the order shown), and review
    its card; returns whether it was right and the letter the key was shown as."""
    from cetl_cli.domain.questions import as_shown
    from cetl_cli.services.review import grade

    choice = in_file(shown, letter)
    right = q.is_right(choice)
    answer_id = s.store.record_practice(q.id, q.skill_area, choice, right, round(seconds, 1), "quiz", shown=shown)
    grade(s, q, right, round(seconds, 1), "quiz", answer_id)
    return right, as_shown(shown, q.answer)
