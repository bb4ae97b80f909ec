"""The typed rows the store hands out: plain frozen dataclasses, never sqlite3.Row or JSON text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Answer:
    item_id: str
    version: int
    text: str
    at: str  # UTC, ISO 8601


@dataclass(frozen=True)
class Draft:
    item_id: str
    text: str
    at: str


@dataclass(frozen=True)
class TodoEvent:
    item_id: str
    action: str  # "done" or "undone"
    at: str


@dataclass(frozen=True)
class Experience:
    id: int
    role: str
    start: str  # YYYY-MM-DD
    end: Optional[str]  # None: still in this role
    domains: tuple[str, ...]  # e.g. ("I", "III")


@dataclass(frozen=True)
class PracticeAnswer:
    id: int
    question_id: str
    skill_area: str
    choice: Optional[str]  # A-D, None when left unanswered
    correct: bool
    seconds: Optional[float]
    mode: str  # "quiz" or "exam"
    attempt_id: Optional[int]
    at: str


@dataclass(frozen=True)
class ExamAttempt:
    id: int
    seed: int
    minutes: Optional[int]
    question_ids: tuple[str, ...]
    status: str  # "in_progress", "finished" or "abandoned"
    elapsed_seconds: float
    started_at: str
    finished_at: Optional[str]
