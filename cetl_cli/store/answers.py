"""Reflection answers (numbered versions, never overwritten) and unsaved drafts."""

from __future__ import annotations

from typing import Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import Answer, Draft


class Answers:
    db: Db

    def add_answer(self, item_id: str, text: str, clear_draft: bool = True) -> int:
        """Save a new version of the answer to a reflection question; returns its version.
        With `clear_draft`, the question's draft goes in the same transaction: it is gone only
        once the answer is in."""
        with self.db.writing("reflection_answers") as db:
            row = db.execute("SELECT coalesce(max(version), 0) FROM reflection_answers WHERE item_id = ?",
                             [item_id]).fetchone()
            version = int(row[0] if row else 0) + 1
            db.execute("INSERT INTO reflection_answers (item_id, version, text, at) VALUES (?, ?, ?, ?)",
                       [item_id, version, text, db.now()])
            if clear_draft:
                db.execute("DELETE FROM drafts WHERE item_id = ?", [item_id])
        return version

    def answers(self, item_id: str) -> list[Answer]:
        rows = self.db.execute(
            "SELECT item_id, version, text, at FROM reflection_answers WHERE item_id = ? ORDER BY version",
            [item_id])
        return [Answer(*r) for r in rows]

    def latest_answer(self, item_id: str) -> Optional[Answer]:
        row = self.db.execute(
            "SELECT item_id, version, text, at FROM reflection_answers WHERE item_id = ? "
            "ORDER BY version DESC LIMIT 1", [item_id]).fetchone()
        return Answer(*row) if row else None

    def all_answers(self) -> list[Answer]:
        rows = self.db.execute("SELECT item_id, version, text, at FROM reflection_answers ORDER BY item_id, version")
        return [Answer(*r) for r in rows]

    def answer_counts(self) -> dict[str, int]:
        """reflection id -> how many versions of its answer are saved."""
        rows = self.db.execute("SELECT item_id, count(*) FROM reflection_answers GROUP BY item_id")
        return {r[0]: int(r[1]) for r in rows}

    def answered_reflections(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT item_id FROM reflection_answers")}

    # -- drafts ------------------------------------------------------------------------------
    def save_draft(self, item_id: str, text: str) -> None:
        with self.db.writing("drafts") as db:
            db.execute("INSERT INTO drafts (item_id, text, at) VALUES (?, ?, ?) "
                       "ON CONFLICT(item_id) DO UPDATE SET text = excluded.text, at = excluded.at",
                       [item_id, text, db.now()])

    def draft(self, item_id: str) -> Optional[Draft]:
        row = self.db.execute("SELECT item_id, text, at FROM drafts WHERE item_id = ?", [item_id]).fetchone()
        return Draft(*row) if row else None

    def discard_draft(self, item_id: str) -> bool:
        """Delete the draft; False when there was none."""
        with self.db.writing("drafts") as db:
            return db.execute("DELETE FROM drafts WHERE item_id = ?", [item_id]).rowcount > 0
