"""What a study group's member file needs from the database beyond progress: the last active time.
The group's own small state (folder, member id, what is shared) is a JSON setting."""

from __future__ import annotations

from typing import Optional

from cetl_cli.store.db import Db


class GroupState:
    db: Db

    def last_activity(self) -> Optional[str]:
        """The UTC time of the latest to-do event, answer or practice answer; None before any.
        Rows are added in time order, so each table's last row is its latest: three seeks."""
        stamps = []
        for table in ("todo_events", "reflection_answers", "practice_answers"):
            row = self.db.execute(f"SELECT at FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
            if row and row[0]:
                stamps.append(str(row[0]))
        return max(stamps) if stamps else None
