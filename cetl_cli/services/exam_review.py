"""A past mock exam: its review (every question with the choice made, as it was shown), its
report again, and deleting a throw-away attempt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from cetl_cli.domain import quiz as qz
from cetl_cli.domain.errors import NotFoundError, UserInputError
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.questions import Question, as_shown
from cetl_cli.services.exam import RESUME_HINT
from cetl_cli.services.session import Session
from cetl_cli.store.rows import ExamAttempt


@dataclass(frozen=True)
class ReviewedQuestion:
    number: int  # its place in the exam
    question: Question
    shown: str  # the order its choices were shown in ("CADB": the file's C was shown as A)
    choice: Optional[str]  # the file's letter chosen; None: not answered
    flagged: bool
    seconds: Optional[float]

    @property
    def right(self) -> bool:
        return self.question.is_right(self.choice)

    @property
    def choice_shown(self) -> Optional[str]:
        return as_shown(self.shown, self.choice) if self.choice else None

    @property
    def key_shown(self) -> str:
        return as_shown(self.shown, self.question.answer)


@dataclass(frozen=True)
class PastExam:
    attempt: ExamAttempt
    curriculum: Curriculum
    questions: list[ReviewedQuestion]
    dropped: int  # questions of this exam no longer in the bank (left out)
    report: qz.Report

    @property
    def timed_out(self) -> bool:
        a = self.attempt
        return bool(a.minutes) and a.elapsed_seconds >= (a.minutes or 0) * 60 and self.report.overall.unanswered > 0


def _attempt(s: Session, attempt_id: Optional[int]) -> ExamAttempt:
    attempts = s.store.exam_attempts()
    if attempt_id is None:
        over = [a for a in attempts if a.status != "in_progress"]
        if over:
            return over[-1]
        if attempts:  # only the one in progress
            return attempts[-1]
        raise NotFoundError("No finished mock exam to show yet.", "Take one: cetl exam")
    found = next((a for a in attempts if a.id == attempt_id), None)
    if found is None:
        ids = ", ".join(str(a.id) for a in attempts) or "none yet"
        raise NotFoundError(f"There is no mock exam #{attempt_id} (yours: {ids}).", "See them: cetl exam history")
    return found


def past_exam(s: Session, attempt_id: Optional[int] = None) -> PastExam:
    """A finished or abandoned exam (the latest by default). An exam in progress has no review
    and no report yet: that would show its answers before it is submitted."""
    a = _attempt(s, attempt_id)
    if a.status == "in_progress":
        raise UserInputError(f"Exam #{a.id} is still in progress: its review and report come once it is "
                             "submitted.", RESUME_HINT)
    by_id = {q.id: q for q in s.bank()}
    answers = {r.question_id: r for r in s.store.practice_answers(a.id)}
    out = []
    for item in s.store.exam_items(a.id):
        q = by_id.get(item.question_id)
        if q is None:
            continue
        ans = answers.get(q.id)
        out.append(ReviewedQuestion(item.position, q, item.shown, ans.choice if ans else None, item.flagged,
                                    ans.seconds if ans else None))
    asked = [r.question for r in out]
    report = qz.score(s.curriculum.framework, asked, {r.question.id: r.choice for r in out})
    return PastExam(a, s.curriculum, out, len(a.question_ids) - len(out), report)


@dataclass(frozen=True)
class Deleted:
    attempt_id: int
    status: str
    answers: int
    cards: int  # review cards rebuilt or removed


def delete(s: Session, attempt_id: int) -> Deleted:
    """Delete a mock exam as if it had never been taken: its answers leave the statistics
    (practice accuracy, weakest areas), the review cards are replayed without them, and its
    questions count as unseen again for the next exam's draw."""
    from cetl_cli.services.review import rebuild

    a = _attempt(s, attempt_id)
    keys = s.store.reviewed_in_exam(a.id)
    rebuilt, dropped = rebuild(s, keys, without_attempt=a.id)
    answers = s.store.delete_exam(a.id, rebuilt, dropped)
    return Deleted(a.id, a.status, answers, len(keys))
