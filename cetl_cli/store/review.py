"""Spaced-review cards (one per question or key concept, keyed by its stable id) and the log of
every review. Times are stored in UTC as ISO 8601 text."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Optional

from cetl_cli.domain.review import Card
from cetl_cli.store.db import Db
from cetl_cli.store.rows import ReviewEntry

_CARD_COLUMNS = "key, kind, state, step, stability, difficulty, due, last_review, reps, lapses"
_ENTRY_COLUMNS = "id, key, kind, rating, reviewed_at, seconds, source, answer_id, attempt_id, due, stability"


def _iso(moment: Optional[dt.datetime]) -> Optional[str]:
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds") if moment is not None else None


def _time(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _card(r: tuple[Any, ...]) -> Card:
    return Card(r[0], r[1], int(r[2]), r[3], r[4], r[5], _time(r[6]), _time(r[7]) if r[7] else None,
                int(r[8]), int(r[9]))


def upsert_card(db: Db, card: Card) -> None:
    db.execute(
        f"INSERT INTO review_cards ({_CARD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, state = excluded.state, step = excluded.step, "
        "stability = excluded.stability, difficulty = excluded.difficulty, due = excluded.due, "
        "last_review = excluded.last_review, reps = excluded.reps, lapses = excluded.lapses",
        [card.key, card.kind, card.state, card.step, card.stability, card.difficulty, _iso(card.due),
         _iso(card.last_review), card.reps, card.lapses])


class Reviews:
    db: Db

    def cards(self) -> list[Card]:
        return [_card(r) for r in self.db.execute(f"SELECT {_CARD_COLUMNS} FROM review_cards ORDER BY key")]

    def card(self, key: str) -> Optional[Card]:
        row = self.db.execute(f"SELECT {_CARD_COLUMNS} FROM review_cards WHERE key = ?", [key]).fetchone()
        return _card(row) if row else None

    def save_reviews(self, reviews: Iterable[tuple[Card, int, dt.datetime, Optional[float], str, Optional[int],
                                                   Optional[int]]]) -> None:
        """Store reviews in one transaction: (the card after the review, rating, when, seconds,
        source, practice answer id, exam attempt id) each."""
        with self.db.writing() as db:
            for card, rating, at, seconds, source, answer_id, attempt_id in reviews:
                upsert_card(db, card)
                db.execute(
                    "INSERT INTO review_log (key, kind, rating, reviewed_at, seconds, source, answer_id, "
                    "attempt_id, due, stability) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [card.key, card.kind, rating, _iso(at), seconds, source, answer_id, attempt_id,
                     _iso(card.due), card.stability])

    def review_entries(self, key: Optional[str] = None) -> list[ReviewEntry]:
        if key is None:
            rows = self.db.execute(f"SELECT {_ENTRY_COLUMNS} FROM review_log ORDER BY id")
        else:
            rows = self.db.execute(f"SELECT {_ENTRY_COLUMNS} FROM review_log WHERE key = ? ORDER BY id", [key])
        return [ReviewEntry(*r) for r in rows]

    def reviewed_in_exam(self, attempt_id: int) -> list[str]:
        """The keys of the cards a mock exam's answers reviewed."""
        rows = self.db.execute("SELECT DISTINCT key FROM review_log WHERE attempt_id = ? ORDER BY key", [attempt_id])
        return [r[0] for r in rows]

    def concepts_started_since(self, since: dt.datetime) -> int:
        """How many concept cards had their first review at or after `since`."""
        row = self.db.execute(
            "SELECT count(*) FROM (SELECT min(reviewed_at) AS first FROM review_log WHERE kind = 'concept' "
            "GROUP BY key) WHERE first >= ?", [_iso(since)]).fetchone()
        return int(row[0]) if row else 0

    def delete_exam(self, attempt_id: int, rebuilt: list[Card], dropped: list[str]) -> int:
        """Delete a mock exam as if it had never been taken: its questions, its answers, the
        reviews they made; the cards they touched are replaced by `rebuilt` (replayed without
        them) or deleted (`dropped`: no review left). Returns how many answers went."""
        with self.db.writing() as db:
            answers = db.execute("DELETE FROM practice_answers WHERE attempt_id = ?", [attempt_id]).rowcount
            db.execute("DELETE FROM review_log WHERE attempt_id = ?", [attempt_id])
            for card in rebuilt:
                upsert_card(db, card)
            for key in dropped:
                db.execute("DELETE FROM review_cards WHERE key = ?", [key])
            db.execute("DELETE FROM exam_items WHERE attempt_id = ?", [attempt_id])
            db.execute("DELETE FROM exam_attempts WHERE id = ?", [attempt_id])
            return answers
