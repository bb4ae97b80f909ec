"""The one door to the `fsrs` package (FSRS 6, the scheduler Anki uses): a card reviewed with
a rating at a given time, its retrievability, and replaying a card's reviews.

`fsrs` is imported inside these functions (it costs about 25 ms), so only `cetl review`, a quiz
answer and the end of a mock exam pay for it. Every call takes its time as a parameter (UTC):
nothing here reads the clock, and fuzzing is off, so the same reviews give the same schedule
(tests, and a deleted exam's answers taken out by replaying the rest).

Steps: one learning step and one relearning step of zero minutes: a wrong answer or a
forgotten concept is due again at once (asked again at the end of the session), and the next
right answer moves the card out by FSRS's interval in days.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Any, Iterable, Optional

from cetl_cli.domain.review import AGAIN, NEW, Card, capped

if TYPE_CHECKING:
    import fsrs

DESIRED_RETENTION = 0.9
_SCHEDULER: list[Any] = []


def scheduler() -> fsrs.Scheduler:
    if not _SCHEDULER:
        import fsrs

        _SCHEDULER.append(fsrs.Scheduler(
            desired_retention=DESIRED_RETENTION,
            learning_steps=(dt.timedelta(0),),
            relearning_steps=(dt.timedelta(0),),
            enable_fuzzing=False,
        ))
    s: fsrs.Scheduler = _SCHEDULER[0]
    return s


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return moment.astimezone(dt.timezone.utc)


def _card_id(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], 16)


def _to_fsrs(card: Card) -> fsrs.Card:
    import fsrs

    if card.state == NEW:
        return fsrs.Card(card_id=_card_id(card.key), due=_utc(card.due))
    return fsrs.Card(card_id=_card_id(card.key), state=fsrs.State(card.state), step=card.step,
                     stability=card.stability, difficulty=card.difficulty, due=_utc(card.due),
                     last_review=_utc(card.last_review) if card.last_review else None)


def review(card: Card, rating: int, at: dt.datetime, seconds: Optional[float] = None,
           cap: Optional[dt.datetime] = None) -> Card:
    """The card after a review with `rating` (1 Again .. 4 Easy) at `at`; due no later than `cap`
    (see review.capped) when there is an exam date."""
    import fsrs

    at = _utc(at)
    duration = int(seconds * 1000) if seconds is not None else None
    after, _log = scheduler().review_card(_to_fsrs(card), fsrs.Rating(rating), review_datetime=at,
                                          review_duration=duration)
    return Card(card.key, card.kind, int(after.state.value), after.step, after.stability, after.difficulty,
                capped(after.due, at, cap), after.last_review, card.reps + 1,
                card.lapses + (1 if rating == AGAIN else 0))


def retrievability(card: Card, at: dt.datetime) -> Optional[float]:
    """The chance (0-1) of recalling the card at `at`; None for a card never reviewed."""
    if card.state == NEW or card.last_review is None:
        return None
    return float(scheduler().get_card_retrievability(_to_fsrs(card), current_datetime=_utc(at)))


def replay(card: Card, reviews: Iterable[tuple[int, dt.datetime, Optional[float]]],
           cap: Optional[dt.datetime] = None) -> Card:
    """A card rebuilt from its reviews (rating, time, seconds), oldest first, starting from `card`
    (a new card): how a deleted exam's answers are taken out of the schedule."""
    for rating, at, seconds in reviews:
        card = review(card, rating, at, seconds, cap)
    return card
