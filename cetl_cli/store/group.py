"""What a study group's member file needs from the database beyond progress: the last active time.
The group's own small state (folder, member id, what is shared) is a JSON setting."""

from __future__ import annotations

from typing import Optional

from cetl_cli.store.db import Db


class GroupState:
    db: Db

    def last_activity(self) -> Optional[str]:
        """The UTC time of the latest to-do event, answer or practice answer; None before any."""
        row = self.db.execute(
            "SELECT max(at) FROM (SELECT max(at) AS at FROM todo_events"
            " UNION ALL SELECT max(at) FROM reflection_answers"
            " UNION ALL SELECT max(at) FROM practice_answers)").fetchone()
        return str(row[0]) if row and row[0] else None
