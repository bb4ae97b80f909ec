"""Small remembered values, e.g. the answers given to check-eligibility last time."""

from __future__ import annotations

import json
from typing import Any, Optional

from cetl_cli.store.db import Db


class Settings:
    db: Db

    def get_setting(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def set_setting(self, key: str, value: Optional[str]) -> None:
        with self.db.writing("settings") as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def get_json(self, key: str) -> dict[str, Any]:
        """A setting stored as a JSON object; {} when missing or not an object."""
        raw = self.get_setting(key)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def set_json(self, key: str, value: Optional[dict[str, Any]]) -> None:
        self.set_setting(key, None if value is None else json.dumps(value, sort_keys=True))
