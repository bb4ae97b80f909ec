"""The mock exam's lifecycle: start, answer, pause, resume, time up, finish, abandon, history.

The clock is the session's (`Session.clock.monotonic`), so tests drive the time limit with a
fake clock. Every answer is stored the moment it is given; pausing stores the time used.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Optional

from cetl_cli.domain import quiz as qz
from cetl_cli.domain.errors import NotFoundError, UserInputError
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.questions import Question
from cetl_cli.services.practice import new_seed
from cetl_cli.services.session import Session
from cetl_cli.store.rows import ExamAttempt

RESUME_HINT = "Resume it with cetl exam resume, or give it up with cetl exam abandon."


@dataclass
class ExamRun:
    """An exam being taken. `choices` holds the answers so far (question id -> letter)."""

    session: Session
    attempt_id: int
    curriculum: Curriculum
    asked: list[Question]
    choices: dict[str, str]
    minutes: Optional[int]
    base_elapsed: float
    dropped: int  # questions of this exam no longer in the bank
    resumed: bool
    opened: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.opened = self.session.clock.monotonic()

    def elapsed(self) -> float:
        return self.base_elapsed + self.session.clock.monotonic() - self.opened

    def time_left(self) -> Optional[float]:
        return qz.time_left(self.minutes, self.elapsed())

    def time_up(self) -> bool:
        left = self.time_left()
        return left is not None and left <= 0

    def remaining(self) -> list[tuple[int, Question]]:
        """(number, question) for the questions not yet answered, in exam order."""
        return [(n, q) for n, q in enumerate(self.asked, start=1) if q.id not in self.choices]

    def answer(self, q: Question, choice: str, seconds: float) -> bool:
        """Store an answer; False (and nothing stored) when it came after the time ran out."""
        if self.minutes and self.elapsed() > self.minutes * 60:
            return False
        store = self.session.store
        store.record_practice(q.id, q.skill_area, choice, q.is_right(choice), round(seconds, 1), "exam",
                              self.attempt_id)
        self.choices[q.id] = choice
        store.update_exam(self.attempt_id, elapsed_seconds=self.elapsed())
        return True

    def pause(self) -> float:
        """Keep the time used; the answers are stored already. Returns the time used."""
        spent = self.elapsed()
        self.session.store.update_exam(self.attempt_id, elapsed_seconds=spent)
        return spent

    def finish(self) -> Finished:
        spent = min(self.elapsed(), self.minutes * 60) if self.minutes else self.elapsed()
        self.session.store.update_exam(self.attempt_id, status="finished", elapsed_seconds=spent)
        return Finished(self.attempt_id, self.curriculum, qz.score(self.curriculum.framework, self.asked,
                                                                     self.choices), spent)


@dataclass(frozen=True)
class Finished:
    attempt_id: int
    curriculum: Curriculum
    report: qz.Report
    spent: float


def _in_progress(s: Session) -> Optional[ExamAttempt]:
    current = s.store.exam_attempts("in_progress")
    return current[-1] if current else None


def _run(s: Session, attempt: ExamAttempt, resumed: bool) -> ExamRun:
    by_id = {q.id: q for q in s.bank()}
    asked = [by_id[i] for i in attempt.question_ids if i in by_id]
    choices = {a.question_id: a.choice for a in s.store.practice_answers(attempt.id) if a.choice}
    return ExamRun(s, attempt.id, s.curriculum, asked, choices, attempt.minutes, attempt.elapsed_seconds,
                   len(attempt.question_ids) - len(asked), resumed)


def start(s: Session, seed: Optional[int] = None, minutes: Optional[int] = None) -> ExamRun:
    """A new mock exam drawn by the blueprint; UserInputError while another is in progress."""
    current = _in_progress(s)
    if current is not None:
        done = len(s.store.practice_answers(current.id))
        raise UserInputError(f"Exam #{current.id} is still in progress ({done} of {len(current.question_ids)} "
                             "answered).", RESUME_HINT)
    cur = s.curriculum
    bank = s.bank()
    seed = seed if seed is not None else new_seed()
    drawn = qz.draw_exam(bank, cur.framework, random.Random(seed), source=f"{cur.source_dir}/questions")
    attempt_id = s.store.start_exam(seed, minutes, [q.id for q in drawn])
    attempt = s.store.exam_attempt(attempt_id)
    assert attempt is not None
    return _run(s, attempt, resumed=False)


def resume(s: Session) -> ExamRun:
    current = _in_progress(s)
    if current is None:
        raise NotFoundError("No exam is in progress to resume.", "Start one: cetl exam")
    return _run(s, current, resumed=True)


def abandon(s: Session) -> tuple[int, int]:
    """Give up the exam in progress: (its id, how many answers stay in the practice record)."""
    current = _in_progress(s)
    if current is None:
        raise NotFoundError("No exam is in progress, so there is nothing to abandon.", "Start one: cetl exam")
    s.store.update_exam(current.id, status="abandoned")
    return current.id, len(s.store.practice_answers(current.id))


@dataclass(frozen=True)
class HistoryRow:
    attempt: ExamAttempt
    questions: int
    answered: int
    right: Optional[int]  # None while the exam is in progress: no score is shown for it

    @property
    def percent(self) -> Optional[float]:
        if self.right is None:
            return None
        return round(100.0 * self.right / self.questions, 1) if self.questions else 0.0


def history(s: Session) -> list[HistoryRow]:
    rows = []
    for a in s.store.exam_attempts():
        answers = s.store.practice_answers(a.id)
        right = sum(1 for r in answers if r.correct) if a.status != "in_progress" else None
        rows.append(HistoryRow(a, len(a.question_ids), len(answers), right))
    return rows
