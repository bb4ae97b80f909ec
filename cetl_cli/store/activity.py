"""Reading across kinds of data: what was done when, for the study plan's pace, the readiness
estimate and the study stats. Time stamps are compared as stored (UTC, ISO 8601, one format),
so `since`/`before` take a stamp made by `db.stamp`."""

from __future__ import annotations

from typing import Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import Activity, PracticeSample


class ActivityLog:
    db: Db

    def done_todos_before(self, before: str) -> set[str]:
        """The to-dos that were done at the moment `before` (the latest earlier event decides)."""
        rows = self.db.execute(
            "SELECT action, item_id FROM todo_events WHERE id IN "
            "(SELECT max(id) FROM todo_events WHERE at < ? GROUP BY item_id)", [before])
        return {r[1] for r in rows if r[0] == "done"}

    def answered_reflections_before(self, before: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT item_id FROM reflection_answers WHERE at < ?",
                                              [before])}

    def practice_seconds_since(self, since: str, mode: str = "quiz") -> float:
        row = self.db.execute("SELECT coalesce(sum(seconds), 0) FROM practice_answers WHERE mode = ? AND at >= ?",
                              [mode, since]).fetchone()
        return float(row[0] if row else 0.0)

    def recent_practice(self, per_area: int = 100) -> list[PracticeSample]:
        """Each skill area's latest `per_area` practice answers (oldest first), each marked
        `first` when it is the first answer ever given to its question."""
        # Per area, `per_area` rows through the (skill_area, id) index; per row, one seek of the
        # (question_id, id) index for the question's first answer.
        rows = self.db.execute(
            "WITH RECURSIVE areas(a) AS ("
            "  SELECT min(skill_area) FROM practice_answers"
            "  UNION ALL"
            "  SELECT (SELECT min(skill_area) FROM practice_answers WHERE skill_area > areas.a)"
            "  FROM areas WHERE a IS NOT NULL)"
            " SELECT p.skill_area, p.correct, p.at,"
            "        p.id = (SELECT min(f.id) FROM practice_answers AS f WHERE f.question_id = p.question_id)"
            " FROM areas JOIN practice_answers AS p ON p.id IN"
            "   (SELECT id FROM practice_answers WHERE skill_area = areas.a ORDER BY id DESC LIMIT :n)"
            " WHERE areas.a IS NOT NULL ORDER BY p.id",
            {"n": per_area})
        return [PracticeSample(r[0], bool(r[1]), bool(r[3]), r[2]) for r in rows]

    def activity(self, since: Optional[str] = None) -> list[Activity]:
        """To-dos marked done, reflection answers saved and practice answers given, oldest first
        (from `since` on, when given)."""
        bound = since or ""
        rows = self.db.execute(
            "SELECT 'todo', item_id, NULL, at FROM todo_events WHERE action = 'done' AND at >= :s"
            " UNION ALL SELECT 'reflection', item_id, NULL, at FROM reflection_answers WHERE at >= :s"
            " UNION ALL SELECT 'practice', question_id, seconds, at FROM practice_answers WHERE at >= :s"
            " ORDER BY 4", {"s": bound})
        return [Activity(r[0], r[1], None if r[2] is None else float(r[2]), r[3]) for r in rows]
