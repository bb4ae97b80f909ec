"""Spaced review: the cards, how an answer is graded, what is due, the order of a session, and
the exam date. Pure: times come in as parameters (UTC datetimes), nothing reads a clock.

A card stands for one practice question (key: the question id) or one key concept of the
curriculum (key: the module id and the term, see `concept_key`), so its state survives a new
version of the curriculum. A card whose item is gone is retired: left out, never an error.
The scheduling arithmetic is FSRS, behind cetl_cli/domain/srs.py, the one module that imports
the `fsrs` package.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Mapping, Optional, Sequence

from cetl_cli.domain.models import Curriculum, Module
from cetl_cli.domain.record import Record

QUESTION = "question"
CONCEPT = "concept"

# Card states: FSRS's three, and 0 for a card that was never reviewed.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
STATE_NAMES = {NEW: "new", LEARNING: "learning", REVIEW: "review", RELEARNING: "relearning"}

# Ratings, as FSRS numbers them.
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

LEARNED_DAYS = 7.0  # a missed question is learned once FSRS expects it to last this many days
FINAL_DAYS = 21  # the last three weeks before the exam favour the least stable cards
NEW_CONCEPTS_PER_DAY = 10  # key concepts introduced per day by `cetl review`
SLOW_SECONDS = 45.0  # a right answer slower than this (or 0.6 s a word, if more) is graded Hard
SECONDS_PER_WORD = 0.6


class Card(Record):
    key: str
    kind: str  # QUESTION or CONCEPT
    state: int  # NEW, LEARNING, REVIEW or RELEARNING
    step: Optional[int]
    stability: Optional[float]  # days (FSRS)
    difficulty: Optional[float]
    due: dt.datetime  # UTC
    last_review: Optional[dt.datetime]
    reps: int = 0
    lapses: int = 0  # times rated Again (a wrong answer, a forgotten concept)

    @property
    def learned(self) -> bool:
        return self.state == REVIEW and (self.stability or 0.0) >= LEARNED_DAYS

    @property
    def missed(self) -> bool:
        """Answered wrongly at some time, and not learned since: `cetl quiz --missed` asks it."""
        return self.lapses > 0 and not self.learned


def new_card(key: str, kind: str, at: dt.datetime) -> Card:
    return Card(key, kind, NEW, 0, None, None, at, None, 0, 0)


# -- key concepts ----------------------------------------------------------------------------
class Concept(Record):
    key: str
    module: Module
    term: str
    explanation: str


def concept_key(module_id: str, term: str) -> str:
    """A stable id for a key concept: its module's id and its term (`strategic-planning/swot`).
    A concept whose term is edited starts a new card; the old one is retired."""
    slug = re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "concept"
    return f"{module_id}/{slug}"


def concepts(curriculum: Curriculum) -> list[Concept]:
    """Every key concept of the curriculum, in course order (the first of two with one key)."""
    out: list[Concept] = []
    seen: set[str] = set()
    for m in curriculum.modules:
        for c in m.key_concepts:
            key = concept_key(m.id, c.term)
            if key not in seen:
                seen.add(key)
                out.append(Concept(key, m, c.term, c.explanation))
    return out


# -- grading an answer -----------------------------------------------------------------------
def grade_answer(right: bool, seconds: Optional[float], words: int, learning: bool) -> int:
    """A practice answer as an FSRS rating: wrong is Again; right is Good, or Hard when it took
    long for the question's length (never while the card is still being learned, where Hard
    would ask it again at once, as if it were wrong)."""
    if not right:
        return AGAIN
    slow = max(SLOW_SECONDS, words * SECONDS_PER_WORD)
    if seconds is not None and seconds > slow and not learning:
        return HARD
    return GOOD


# -- the exam date ---------------------------------------------------------------------------
def exam_cap(exam_date: Optional[dt.date], tz: dt.tzinfo) -> Optional[dt.datetime]:
    """The latest a card may be due: the start of the day before the exam (local time `tz`),
    in UTC. None without an exam date."""
    if exam_date is None:
        return None
    eve = dt.datetime.combine(exam_date - dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return eve.astimezone(dt.timezone.utc)


def capped(due: dt.datetime, reviewed_at: dt.datetime, cap: Optional[dt.datetime]) -> dt.datetime:
    """A card reviewed before the cap comes back by the cap at the latest: no card is scheduled
    past the exam, where reviewing it would be of no use."""
    if cap is not None and reviewed_at < cap < due:
        return cap
    return due


def effective_due(card: Card, cap: Optional[dt.datetime]) -> dt.datetime:
    """When a card is due, with the cap applied (a card scheduled before the exam date was set)."""
    if card.state == NEW or card.last_review is None:
        return card.due
    return capped(card.due, card.last_review, cap)


def final_weeks(today: dt.date, exam_date: Optional[dt.date]) -> bool:
    return exam_date is not None and 0 <= (exam_date - today).days <= FINAL_DAYS


# -- what is due -----------------------------------------------------------------------------
class Status(Record):
    """The review state at a moment: the due cards in the order to review them, the concepts
    not yet started, and the retired cards."""

    now: dt.datetime
    due: list[Card]
    new: list[Concept]  # not yet started, in course order
    new_today: int  # how many of them a session takes today
    cards: int  # active cards (question and concept cards with a review)
    retired: int
    next_due: Optional[dt.datetime]  # the next card due after now
    exam_date: Optional[dt.date]
    final: bool  # within FINAL_DAYS of the exam: the least stable cards come first

    @property
    def due_questions(self) -> int:
        return sum(1 for c in self.due if c.kind == QUESTION)

    @property
    def due_concepts(self) -> int:
        return sum(1 for c in self.due if c.kind == CONCEPT)


def split_retired(cards: Iterable[Card], live: Mapping[str, object]) -> tuple[list[Card], int]:
    """The cards whose item is still in the curriculum (`live`: key -> item), and how many are not."""
    active, retired = [], 0
    for c in cards:
        if c.key in live:
            active.append(c)
        else:
            retired += 1
    return active, retired


def order(cards: Sequence[Card], cap: Optional[dt.datetime], final: bool) -> list[Card]:
    """The due cards in the order to review them: the longest overdue first; in the final
    weeks before the exam, the least stable first (those most likely forgotten by then)."""
    if final:
        return sorted(cards, key=lambda c: (c.stability or 0.0, effective_due(c, cap), c.key))
    return sorted(cards, key=lambda c: (effective_due(c, cap), c.key))


def status(cards: Iterable[Card], live: Mapping[str, object], all_concepts: Sequence[Concept],
           now: dt.datetime, today: dt.date, exam_date: Optional[dt.date], cap: Optional[dt.datetime],
           started_today: int) -> Status:
    """`started_today`: concept cards first reviewed today (they count against the day's new ones)."""
    active, retired = split_retired(cards, live)
    due = [c for c in active if effective_due(c, cap) <= now]
    later = [effective_due(c, cap) for c in active if effective_due(c, cap) > now]
    have = {c.key for c in active}
    new = [c for c in all_concepts if c.key not in have]
    final = final_weeks(today, exam_date)
    return Status(now, order(due, cap, final), new, min(len(new), max(0, NEW_CONCEPTS_PER_DAY - started_today)),
                  len(active), retired, min(later) if later else None, exam_date, final)
