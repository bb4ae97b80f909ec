"""The typed rows the store hands out: plain frozen dataclasses, never sqlite3.Row or JSON text."""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain.record import Record


class Answer(Record):
    item_id: str
    version: int
    text: str
    at: str  # UTC, ISO 8601


class Draft(Record):
    item_id: str
    text: str
    at: str


class TodoEvent(Record):
    item_id: str
    action: str  # "done" or "undone"
    at: str


class Experience(Record):
    id: int
    role: str
    start: str  # YYYY-MM-DD
    end: Optional[str]  # None: still in this role
    domains: tuple[str, ...]  # e.g. ("I", "III")
    employer: Optional[str] = None
    supervisor: Optional[str] = None
    notes: Optional[str] = None


class PracticeAnswer(Record):
    id: int
    question_id: str
    skill_area: str
    choice: Optional[str]  # A-D, None when left unanswered
    correct: bool
    seconds: Optional[float]
    mode: str  # "quiz", "exam" or "review"
    attempt_id: Optional[int]
    at: str
    shown: Optional[str] = None  # the order the choices were shown in ("CADB"); None: file order


class ExamAttempt(Record):
    id: int
    seed: int
    minutes: Optional[int]
    question_ids: tuple[str, ...]
    status: str  # "in_progress", "finished" or "abandoned"
    elapsed_seconds: float
    started_at: str
    finished_at: Optional[str]


class ExamItem(Record):
    attempt_id: int
    position: int  # 1-based, in exam order
    question_id: str
    shown: str  # the order its choices are shown in, as the file's letters ("CADB")
    flagged: bool


class ReviewEntry(Record):
    """One review of a card (review_log)."""

    id: int
    key: str
    kind: str
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at: str  # UTC, ISO 8601
    seconds: Optional[float]
    source: str  # "quiz", "exam" or "review"
    answer_id: Optional[int]
    attempt_id: Optional[int]
    due: str  # when the card was due after this review
    stability: Optional[float]


class TodoNote(Record):
    id: int
    item_id: str
    text: str
    at: str


class RecertActivity(Record):
    id: int
    category: str
    hours: float
    date: str  # YYYY-MM-DD, the day of the activity
    note: Optional[str]
    created_at: str


class SearchHit(Record):
    """One match: where it is and a snippet with the matched words between MARK_START and MARK_END."""

    kind: str  # "material", "question" or "answer"
    module: Optional[int]
    ref: Optional[str]  # the item's short ref (material_fts) or id (answers)
    label: str
    snippet: str
    rank: float  # bm25: lower is better
    version: Optional[int] = None  # answers: the version that matched
    at: Optional[str] = None  # answers: when it was saved


class SelfAssessment(Record):
    id: int
    skill_area: str
    knowledge: int  # 1-4
    experience: int  # 1-4
    at: str


class StudyPlan(Record):
    """The setting "plan": what `cetl plan set` was given (the schedule is computed from it)."""

    exam_date: str  # YYYY-MM-DD
    hours_per_week: float
    start: str  # YYYY-MM-DD
    skip: tuple[str, ...]  # YYYY-MM-DD dates without study


class PracticeSample(Record):
    """A practice answer as the readiness estimate sees it."""

    skill_area: str
    correct: bool
    first: bool  # the first answer ever given to its question
    at: str


class Activity(Record):
    """Something done on a day: a to-do marked done, a reflection answer saved, a practice answer."""

    kind: str  # "todo", "reflection" or "practice"
    item_id: str  # the to-do or reflection id, or the question id
    seconds: Optional[float]  # practice only: the time the answer took
    at: str
