"""Recertification: continuing-education activities (the cycle's start date is a setting)."""

from __future__ import annotations

from typing import Any, Optional

from cetl_cli.store.db import Db, now
from cetl_cli.store.rows import RecertActivity

CERTIFIED_KEY = "recert.certified"  # YYYY-MM-DD: the day the current certification was issued


def _activity(r: tuple[Any, ...]) -> RecertActivity:
    return RecertActivity(int(r[0]), r[1], float(r[2]), r[3], r[4], r[5])


class Recert:
    db: Db

    def add_recert(self, category: str, hours: float, date: str, note: Optional[str]) -> int:
        with self.db.writing() as db:
            cur = db.execute("INSERT INTO recert_activities (category, hours, date, note, created_at) "
                             "VALUES (?, ?, ?, ?, ?)", [category, hours, date, note, now()])
            return int(cur.lastrowid or 0)

    def recert_activities(self) -> list[RecertActivity]:
        rows = self.db.execute("SELECT id, category, hours, date, note, created_at FROM recert_activities "
                               "ORDER BY date, id")
        return [_activity(r) for r in rows]

    def remove_recert(self, activity_id: int) -> bool:
        with self.db.writing() as db:
            return db.execute("DELETE FROM recert_activities WHERE id = ?", [activity_id]).rowcount > 0
