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
from cetl_cli.domain.questions import IN_FILE_ORDER, Question, shuffled_order
from cetl_cli.services.practice import new_seed
from cetl_cli.services.session import Session
from cetl_cli.store.rows import ExamAttempt

RESUME_HINT = "Resume it with cetl exam resume, or give it up with cetl exam abandon."


@dataclass
class ExamRun:
    """An exam being taken. `choices` holds the answers so far (question id -> the file's letter);
    `shown[i]` is the order the choices of `asked[i]` are shown in; `flagged` the flagged ids."""

    session: Session
    attempt_id: int
    curriculum: Curriculum
    asked: list[Question]
    choices: dict[str, str]
    minutes: Optional[int]
    base_elapsed: float
    dropped: int  # questions of this exam no longer in the bank
    resumed: bool
    shown: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # each question's position in the stored exam
    flagged: set[str] = field(default_factory=set)
    repeats: int = 0  # questions seen before this exam (in an earlier exam or a quiz)
    opened: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.opened = self.session.clock.monotonic()
        if not self.shown:
            self.shown = [IN_FILE_ORDER] * len(self.asked)
        if not self.positions:
            self.positions = list(range(1, len(self.asked) + 1))

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

    def unanswered(self) -> list[int]:
        return [n for n, _ in self.remaining()]

    def flagged_numbers(self) -> list[int]:
        return [n for n, q in enumerate(self.asked, start=1) if q.id in self.flagged]

    def first_open(self) -> int:
        """Where to go on with the exam: the first unanswered question's index (len: none left)."""
        left = self.remaining()
        return left[0][0] - 1 if left else len(self.asked)

    def answer(self, q: Question, choice: str, seconds: float) -> bool:
        """Store an answer (the file's letter); a changed answer replaces the earlier one. False
        (and nothing stored) when it came after the time ran out."""
        if self.minutes and self.elapsed() > self.minutes * 60:
            return False
        store = self.session.store
        shown = self.shown[self.asked.index(q)]
        store.record_exam_answer(self.attempt_id, q.id, q.skill_area, choice, q.is_right(choice), round(seconds, 1),
                                 shown)
        self.choices[q.id] = choice
        store.update_exam(self.attempt_id, elapsed_seconds=self.elapsed())
        return True

    def toggle_flag(self, q: Question) -> bool:
        """Flag the question to come back to, or take the flag off; returns whether it is flagged."""
        flagged = q.id not in self.flagged
        self.session.store.set_exam_flag(self.attempt_id, self.positions[self.asked.index(q)], flagged)
        if flagged:
            self.flagged.add(q.id)
        else:
            self.flagged.discard(q.id)
        return flagged

    def pause(self) -> float:
        """Keep the time used; the answers are stored already. Returns the time used."""
        spent = self.elapsed()
        self.session.store.update_exam(self.attempt_id, elapsed_seconds=spent)
        return spent

    def finish(self) -> Finished:
        """Submit: the score, and the answers review their cards (spaced review)."""
        spent = min(self.elapsed(), self.minutes * 60) if self.minutes else self.elapsed()
        self.session.store.update_exam(self.attempt_id, status="finished", elapsed_seconds=spent)
        _grade(self.session, self.attempt_id, self.asked)
        return Finished(self.attempt_id, self.curriculum, qz.score(self.curriculum.framework, self.asked,
                                                                     self.choices), spent)


@dataclass(frozen=True)
class Finished:
    attempt_id: int
    curriculum: Curriculum
    report: qz.Report
    spent: float


def _grade(s: Session, attempt_id: int, asked: list[Question]) -> None:
    from cetl_cli.services.review import grade_exam

    by_id = {q.id: q for q in asked}
    grade_exam(s, attempt_id, [(by_id[a.question_id], a.correct, a.seconds, a.id)
                               for a in s.store.practice_answers(attempt_id) if a.choice and a.question_id in by_id])


def _in_progress(s: Session) -> Optional[ExamAttempt]:
    current = s.store.exam_attempts("in_progress")
    return current[-1] if current else None


def _run(s: Session, attempt: ExamAttempt, resumed: bool, repeats: int = 0) -> ExamRun:
    by_id = {q.id: q for q in s.bank()}
    items = [i for i in s.store.exam_items(attempt.id) if i.question_id in by_id]
    choices = {a.question_id: a.choice for a in s.store.practice_answers(attempt.id) if a.choice}
    return ExamRun(s, attempt.id, s.curriculum, [by_id[i.question_id] for i in items], choices, attempt.minutes,
                   attempt.elapsed_seconds, len(attempt.question_ids) - len(items), resumed,
                   shown=[i.shown for i in items], positions=[i.position for i in items],
                   flagged={i.question_id for i in items if i.flagged}, repeats=repeats)


def start(s: Session, seed: Optional[int] = None, minutes: Optional[int] = None) -> ExamRun:
    """A new mock exam drawn by the blueprint, unseen questions first; UserInputError while
    another is in progress. `repeats` on the run says how many were seen before."""
    current = _in_progress(s)
    if current is not None:
        done = len(s.store.practice_answers(current.id))
        raise UserInputError(f"Exam #{current.id} is still in progress ({done} of {len(current.question_ids)} "
                             "answered).", RESUME_HINT)
    cur = s.curriculum
    bank = s.bank()
    seed = seed if seed is not None else new_seed()
    seen = s.store.last_seen()
    drawn = qz.draw_exam(bank, cur.framework, random.Random(seed), source=f"{cur.source_dir}/questions",
                         last_seen=seen)
    attempt_id = s.store.start_exam(seed, minutes, [(q.id, shuffled_order(f"{seed}:{q.id}")) for q in drawn])
    attempt = s.store.exam_attempt(attempt_id)
    assert attempt is not None
    return _run(s, attempt, resumed=False, repeats=qz.repeats(drawn, seen))


def resume(s: Session) -> ExamRun:
    current = _in_progress(s)
    if current is None:
        raise NotFoundError("No exam is in progress to resume.", "Start one: cetl exam")
    return _run(s, current, resumed=True)


def abandon(s: Session) -> tuple[int, int]:
    """Give up the exam in progress: (its id, how many answers stay in the practice record,
    where they also review their cards)."""
    current = _in_progress(s)
    if current is None:
        raise NotFoundError("No exam is in progress, so there is nothing to abandon.", "Start one: cetl exam")
    s.store.update_exam(current.id, status="abandoned")
    _grade(s, current.id, _run(s, current, resumed=True).asked)
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
