"""The experience log, for the eligibility check and CoSN's application: one row per role."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import Experience

_COLUMNS = 'id, role, start, "end", domains, employer, supervisor, notes'
EDITABLE = ("role", "start", "end", "domains", "employer", "supervisor", "notes")


def _entry(r: tuple[Any, ...]) -> Experience:
    return Experience(int(r[0]), r[1], r[2], r[3], tuple(c for c in (r[4] or "").split(",") if c),
                      r[5], r[6], r[7])


class ExperienceLog:
    db: Db

    def add_experience(self, role: str, start: str, end: Optional[str], domains: Iterable[str],
                       employer: Optional[str] = None, supervisor: Optional[str] = None,
                       notes: Optional[str] = None) -> int:
        with self.db.writing("experience") as db:
            cur = db.execute('INSERT INTO experience (role, start, "end", domains, employer, supervisor, notes, '
                             "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             [role, start, end, ",".join(domains), employer, supervisor, notes, db.now()])
            return int(cur.lastrowid or 0)

    def experience(self) -> list[Experience]:
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM experience ORDER BY start, id")
        return [_entry(r) for r in rows]

    def experience_entry(self, entry_id: int) -> Optional[Experience]:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM experience WHERE id = ?", [entry_id]).fetchone()
        return _entry(row) if row else None

    def update_experience(self, entry_id: int, changes: dict[str, Any]) -> bool:
        """Set the given fields (EDITABLE; `domains` an iterable of codes); False when no such entry."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        values = {k: (",".join(v) if k == "domains" else v) for k, v in changes.items()}
        with self.db.writing() as db:
            if not values:
                return db.execute("SELECT 1 FROM experience WHERE id = ?", [entry_id]).fetchone() is not None
            sets = ", ".join(f'"{k}" = ?' for k in values)
            return db.execute(f"UPDATE experience SET {sets} WHERE id = ?",
                              [*values.values(), entry_id]).rowcount > 0

    def remove_experience(self, entry_id: int) -> bool:
        with self.db.writing("experience") as db:
            return db.execute("DELETE FROM experience WHERE id = ?", [entry_id]).rowcount > 0
