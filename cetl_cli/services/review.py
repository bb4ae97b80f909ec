"""Spaced review (FSRS): what is due, a `cetl review` session, and the grading of every practice
answer (a quiz answer at once, a mock exam's when it ends).

The time is the session's clock (`Session.clock.now`), so tests drive the schedule with fixed
datetimes. The exam date, when the study plan has one, is read from the setting "plan"
(`{"exam_date": "YYYY-MM-DD", ...}`): no card is then due after the day before the exam, and
in the final weeks the least stable cards come first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional

from cetl_cli.domain import review as rv
from cetl_cli.domain.questions import Question, in_file, shuffled_order
from cetl_cli.services.session import Session

PLAN_SETTING = "plan"


def exam_date(s: Session) -> Optional[dt.date]:
    """The exam date of the study plan, when there is one (a bad value counts as none)."""
    raw = s.store.get_json(PLAN_SETTING).get("exam_date")
    try:
        return dt.date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _now(s: Session) -> dt.datetime:
    return s.clock.now().astimezone(dt.timezone.utc)


def _cap(s: Session, date: Optional[dt.date]) -> Optional[dt.datetime]:
    tz = s.clock.now().astimezone().tzinfo or dt.timezone.utc
    return rv.exam_cap(date, tz)


def _bank(s: Session) -> list[Question]:
    from cetl_cli.domain.errors import NotFoundError

    try:
        return s.bank()
    except NotFoundError:  # no bank: every question card is retired
        return []


def _live(s: Session, area: Optional[str], with_questions: bool = True) -> dict[str, object]:
    """Every reviewable item by card key: the bank's questions and the key concepts."""
    live: dict[str, object] = {}
    if with_questions:
        live.update((q.id, q) for q in _bank(s) if area is None or q.skill_area == area)
    live.update((c.key, c) for c in rv.concepts(s.curriculum) if area is None or c.module.skill_area == area)
    return live


def _start_of_today(s: Session) -> dt.datetime:
    local = s.clock.now().astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(dt.timezone.utc)


@dataclass(frozen=True)
class Overview:
    status: rv.Status
    items: dict[str, object]  # card key -> its Question or Concept


def overview(s: Session, area: Optional[str] = None) -> Overview:
    """The cards due now (in review order), the key concepts not yet started, the retired cards."""
    date = exam_date(s)
    live = _live(s, area)
    concepts = [c for c in rv.concepts(s.curriculum) if area is None or c.module.skill_area == area]
    cards = s.store.cards()
    if area is not None:  # a card of another area is not retired, just not in this session
        every = _live(s, None)
        cards = [c for c in cards if c.key in live or c.key not in every]
    st = rv.status(cards, live, concepts, _now(s), s.clock.today(), date, _cap(s, date),
                   s.store.concepts_started_since(_start_of_today(s)))
    return Overview(st, live)


def due_count(s: Session) -> int:
    """How many cards are due now (the dashboard's line). Loads the question bank only when a
    question card is due, to tell a retired one from a live one."""
    cards = s.store.cards()
    if not cards:
        return 0
    cap = _cap(s, exam_date(s))
    now = _now(s)
    due = [c for c in cards if rv.effective_due(c, cap) <= now]
    if not due:
        return 0
    live = _live(s, None, with_questions=any(c.kind == rv.QUESTION for c in due))
    return sum(1 for c in due if c.key in live)


def missed_ids(s: Session) -> set[str]:
    """Questions answered wrongly and not learned since (`cetl quiz --missed`); a question with
    no card (answered before cetl kept review cards) is missed when its last answer was wrong."""
    cards = {c.key: c for c in s.store.cards() if c.kind == rv.QUESTION}
    old = {qid for qid, right in s.store.last_practice_results().items() if not right and qid not in cards}
    return old | {key for key, c in cards.items() if c.missed}


# -- grading answers -------------------------------------------------------------------------
def words(q: Question) -> int:
    return len(q.stem.split()) + sum(len(c.split()) for c in q.choices)


def _graded(s: Session, q: Question, right: bool, seconds: Optional[float], at: dt.datetime,
            cap: Optional[dt.datetime]) -> tuple[rv.Card, int]:
    from cetl_cli.domain import srs

    card = s.store.card(q.id) or rv.new_card(q.id, rv.QUESTION, at)
    learning = card.state != rv.REVIEW
    rating = rv.grade_answer(right, seconds, words(q), learning)
    return srs.review(card, rating, at, seconds, cap), rating


def grade(s: Session, q: Question, right: bool, seconds: Optional[float], source: str,
          answer_id: Optional[int] = None) -> rv.Card:
    """A practice answer reviews its question's card (created on the first answer)."""
    at = _now(s)
    card, rating = _graded(s, q, right, seconds, at, _cap(s, exam_date(s)))
    s.store.save_reviews([(card, rating, at, seconds, source, answer_id, None)])
    return card


def grade_exam(s: Session, attempt_id: int, answered: Iterable[tuple[Question, bool, Optional[float], int]]) -> None:
    """A finished (or abandoned) mock exam's answers review their cards, all at once, at the
    end: no feedback during the exam, and a changed answer counts once. `answered`: (question,
    right, seconds, practice answer id)."""
    at = _now(s)
    cap = _cap(s, exam_date(s))
    out = []
    for q, right, seconds, answer_id in answered:
        card, rating = _graded(s, q, right, seconds, at, cap)
        out.append((card, rating, at, seconds, "exam", answer_id, attempt_id))
    if out:
        s.store.save_reviews(out)


def rebuild(s: Session, keys: Iterable[str], without_attempt: int) -> tuple[list[rv.Card], list[str]]:
    """The cards of `keys` replayed from their reviews, leaving out a mock exam's: (rebuilt,
    keys left with no review)."""
    from cetl_cli.domain import srs

    cap = _cap(s, exam_date(s))
    rebuilt, dropped = [], []
    for key in keys:
        entries = [e for e in s.store.review_entries(key) if e.attempt_id != without_attempt]
        if not entries:
            dropped.append(key)
            continue
        times = [dt.datetime.fromisoformat(e.reviewed_at) for e in entries]
        start = rv.new_card(key, entries[0].kind, times[0])
        rebuilt.append(srs.replay(start, [(e.rating, t, e.seconds) for e, t in zip(entries, times)], cap))
    return rebuilt, dropped


# -- a review session ------------------------------------------------------------------------
@dataclass
class Item:
    """One card to review: a question (with the order its choices are shown in) or a concept."""

    card: rv.Card
    question: Optional[Question] = None
    concept: Optional[rv.Concept] = None
    shown: str = "ABCD"
    again: bool = False  # asked again in this session after Again


@dataclass
class Run:
    session: Session
    status: rv.Status
    queue: list[Item]
    cap: Optional[dt.datetime]
    reviewed: int = 0
    right: int = 0
    ratings: dict[int, int] = field(default_factory=dict)

    def next(self) -> Optional[Item]:
        return self.queue.pop(0) if self.queue else None

    def _after(self, item: Item, card: rv.Card, rating: int) -> None:
        self.reviewed += 1
        self.ratings[rating] = self.ratings.get(rating, 0) + 1
        if card.due <= _now(self.session):  # due again at once: asked again at the end
            self.queue.append(Item(card, item.question, item.concept, _order(card), again=True))

    def answer(self, item: Item, shown_letter: str, seconds: float) -> tuple[bool, rv.Card, int]:
        """A question answered with the letter shown; it is stored as a practice answer too."""
        q = item.question
        assert q is not None
        choice = in_file(item.shown, shown_letter)
        right = q.is_right(choice)
        s = self.session
        answer_id = s.store.record_practice(q.id, q.skill_area, choice, right, round(seconds, 1), "review",
                                            shown=item.shown)
        at = _now(s)
        card, rating = _graded(s, q, right, seconds, at, self.cap)
        s.store.save_reviews([(card, rating, at, round(seconds, 1), "review", answer_id, None)])
        self.right += right
        self._after(item, card, rating)
        return right, card, rating

    def rate(self, item: Item, rating: int, seconds: float) -> rv.Card:
        """A key concept graded by the candidate: 1 Again, 2 Hard, 3 Good, 4 Easy."""
        from cetl_cli.domain import srs

        s = self.session
        at = _now(s)
        card = srs.review(item.card, rating, at, seconds, self.cap)
        s.store.save_reviews([(card, rating, at, round(seconds, 1), "review", None, None)])
        self.right += rating != rv.AGAIN
        self._after(item, card, rating)
        return card


def _order(card: rv.Card) -> str:
    """A question's choices in a new order at each review (repeatable: from its key and reps)."""
    return shuffled_order(f"review:{card.key}:{card.reps}")


def start(s: Session, limit: Optional[int] = None, area: Optional[str] = None) -> Run:
    """Today's session: the due cards in review order, then the day's new key concepts; at most
    `limit` cards."""
    ov = overview(s, area)
    st = ov.status
    queue: list[Item] = []
    for card in st.due:
        item = ov.items[card.key]
        if isinstance(item, Question):
            queue.append(Item(card, question=item, shown=_order(card)))
        elif isinstance(item, rv.Concept):
            queue.append(Item(card, concept=item))
    now = _now(s)
    for concept in st.new[:st.new_today]:
        queue.append(Item(rv.new_card(concept.key, rv.CONCEPT, now), concept=concept))
    if limit is not None:
        queue = queue[:limit]
    return Run(s, st, queue, _cap(s, st.exam_date))
