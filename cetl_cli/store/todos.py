"""To-dos: done and undone events; the latest event per item decides its state."""

from __future__ import annotations

from typing import Iterable, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import TodoEvent


class Todos:
    db: Db

    def set_todos(self, item_ids: Iterable[str], done: bool) -> list[str]:
        """Mark items done (or not done); returns the ids whose state changed.

        Each change is an event row, so history and streaks can be derived later.
        """
        ids = list(dict.fromkeys(item_ids))
        action = "done" if done else "undone"
        changed: list[str] = []
        stamp = self.db.now()
        with self.db.writing("todo_events") as db:
            current = _done_ids(db, ids)
            for item_id in ids:
                if (item_id in current) != done:
                    db.execute("INSERT INTO todo_events (item_id, action, at) VALUES (?, ?, ?)",
                               [item_id, action, stamp])
                    changed.append(item_id)
        return changed

    def done_todos(self) -> set[str]:
        return _done_ids(self.db)

    def todo_history(self, item_id: str) -> list[TodoEvent]:
        rows = self.db.execute("SELECT item_id, action, at FROM todo_events WHERE item_id = ? ORDER BY id",
                               [item_id])
        return [TodoEvent(*r) for r in rows]

    def todo_events(self) -> list[TodoEvent]:
        return [TodoEvent(*r) for r in self.db.execute("SELECT item_id, action, at FROM todo_events ORDER BY id")]


def _done_ids(db: Db, only: Optional[list[str]] = None) -> set[str]:
    # The latest event per item decides its state. Both queries seek the (item_id, id) index
    # once or twice per item instead of reading every event, so a long history costs almost
    # nothing: the distinct items are walked by jumping from one item_id to the next.
    if only is not None:
        latest = "SELECT action FROM todo_events WHERE item_id = ? ORDER BY id DESC LIMIT 1"
        return {i for i in only if (row := db.execute(latest, [i]).fetchone()) and row[0] == "done"}
    rows = db.execute(
        "WITH RECURSIVE items(item_id) AS ("
        "  SELECT min(item_id) FROM todo_events"
        "  UNION ALL"
        "  SELECT (SELECT min(item_id) FROM todo_events WHERE item_id > items.item_id)"
        "  FROM items WHERE item_id IS NOT NULL)"
        " SELECT item_id, (SELECT action FROM todo_events AS e WHERE e.item_id = items.item_id"
        "                  ORDER BY e.id DESC LIMIT 1)"
        " FROM items WHERE item_id IS NOT NULL"
    )
    return {r[0] for r in rows if r[1] == "done"}
