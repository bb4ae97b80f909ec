"""Small remembered values, e.g. the answers given to check-eligibility last time, and the study plan."""

from __future__ import annotations

import json
from typing import Any, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import StudyPlan

# {"exam_date": "YYYY-MM-DD", "hours_per_week": H, "start": "YYYY-MM-DD", "skip": [...]}; spaced
# review reads exam_date from it.
PLAN_KEY = "plan"


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

    def study_plan(self) -> Optional[StudyPlan]:
        """The saved study plan; None when there is none (or the setting is not a plan)."""
        raw = self.get_json(PLAN_KEY)
        try:
            skip = raw.get("skip") or []
            if not isinstance(skip, list):
                return None
            return StudyPlan(str(raw["exam_date"]), float(raw["hours_per_week"]), str(raw["start"]),
                             tuple(str(d) for d in skip))
        except (KeyError, TypeError, ValueError):
            return None

    def set_study_plan(self, plan: Optional[StudyPlan]) -> None:
        self.set_json(PLAN_KEY, None if plan is None else {
            "exam_date": plan.exam_date, "hours_per_week": plan.hours_per_week, "start": plan.start,
            "skip": list(plan.skip)})
