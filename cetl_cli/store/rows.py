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
    mode: str  # "quiz" or "exam"
    attempt_id: Optional[int]
    at: str


class ExamAttempt(Record):
    id: int
    seed: int
    minutes: Optional[int]
    question_ids: tuple[str, ...]
    status: str  # "in_progress", "finished" or "abandoned"
    elapsed_seconds: float
    started_at: str
    finished_at: Optional[str]


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
