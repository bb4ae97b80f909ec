"""The experience log, for the eligibility check: one row per role."""

from __future__ import annotations

from typing import Iterable, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import Experience


class ExperienceLog:
    db: Db

    def add_experience(self, role: str, start: str, end: Optional[str], domains: Iterable[str]) -> int:
        with self.db.writing() as db:
            cur = db.execute('INSERT INTO experience (role, start, "end", domains, created_at) VALUES (?, ?, ?, ?, ?)',
                             [role, start, end, ",".join(domains), db.now()])
            return int(cur.lastrowid or 0)

    def experience(self) -> list[Experience]:
        rows = self.db.execute('SELECT id, role, start, "end", domains FROM experience ORDER BY start, id')
        return [Experience(int(r[0]), r[1], r[2], r[3], tuple(c for c in (r[4] or "").split(",") if c))
                for r in rows]

    def remove_experience(self, entry_id: int) -> bool:
        with self.db.writing() as db:
            return db.execute("DELETE FROM experience WHERE id = ?", [entry_id]).rowcount > 0
