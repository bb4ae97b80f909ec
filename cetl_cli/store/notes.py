"""Notes on to-dos (an artifact link, a remark): dated, several per to-do, kept in order."""

from __future__ import annotations

from typing import Iterable, Optional

from cetl_cli.store.db import Db, now
from cetl_cli.store.rows import TodoNote


class TodoNotes:
    db: Db

    def add_todo_note(self, item_id: str, text: str) -> int:
        with self.db.writing() as db:
            cur = db.execute("INSERT INTO todo_notes (item_id, text, at) VALUES (?, ?, ?)", [item_id, text, now()])
            return int(cur.lastrowid or 0)

    def todo_notes(self, item_ids: Optional[Iterable[str]] = None) -> dict[str, list[TodoNote]]:
        """item id -> its notes, oldest first (every item with a note, or only `item_ids`)."""
        if item_ids is None:
            rows = self.db.execute("SELECT id, item_id, text, at FROM todo_notes ORDER BY item_id, id")
        else:
            ids = list(dict.fromkeys(item_ids))
            if not ids:
                return {}
            marks = ", ".join("?" for _ in ids)
            rows = self.db.execute(f"SELECT id, item_id, text, at FROM todo_notes WHERE item_id IN ({marks}) "
                                   "ORDER BY item_id, id", ids)
        out: dict[str, list[TodoNote]] = {}
        for r in rows:
            out.setdefault(r[1], []).append(TodoNote(int(r[0]), r[1], r[2], r[3]))
        return out
