"""Reading across kinds of data: what was done when, for the study plan's pace, the readiness
estimate and the study stats. Time stamps are compared as stored (UTC, ISO 8601, one format),
so `since`/`before` take a stamp made by `db.stamp`."""

from __future__ import annotations

import json
from typing import Mapping, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.practice import _ANSWER_COLUMNS, _answer
from cetl_cli.store.rows import Activity, PracticeAnswer, PracticeSample


class ActivityLog:
    db: Db

    def done_todos_before(self, before: str) -> set[str]:
        """The to-dos that were done at the moment `before` (the latest earlier event decides)."""
        # Like Todos.done_todos: the distinct items are walked through the (item_id, id) index,
        # and each item's events are read newest first only until one is older than `before`.
        rows = self.db.execute(
            "WITH RECURSIVE items(item_id) AS ("
            "  SELECT min(item_id) FROM todo_events"
            "  UNION ALL"
            "  SELECT (SELECT min(item_id) FROM todo_events WHERE item_id > items.item_id)"
            "  FROM items WHERE item_id IS NOT NULL)"
            " SELECT item_id, (SELECT action FROM todo_events AS e WHERE e.item_id = items.item_id"
            "                  AND e.at < :before ORDER BY e.id DESC LIMIT 1)"
            " FROM items WHERE item_id IS NOT NULL", {"before": before})
        return {r[0] for r in rows if r[1] == "done"}

    def answered_reflections_before(self, before: str) -> set[str]:
        """The reflections first answered before the moment `before`."""
        # Each question's first version through the (item_id, version) index: the answers' long
        # texts are never read.
        rows = self.db.execute(
            "WITH RECURSIVE items(item_id) AS ("
            "  SELECT min(item_id) FROM reflection_answers"
            "  UNION ALL"
            "  SELECT (SELECT min(item_id) FROM reflection_answers WHERE item_id > items.item_id)"
            "  FROM items WHERE item_id IS NOT NULL)"
            " SELECT item_id, (SELECT at FROM reflection_answers AS r WHERE r.item_id = items.item_id"
            "                  ORDER BY r.version LIMIT 1)"
            " FROM items WHERE item_id IS NOT NULL")
        return {r[0] for r in rows if r[1] is not None and r[1] < before}

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

    def study_minutes_by_day(self, todo_minutes: Mapping[str, int], untimed_todo: int,
                             per_reflection: int) -> dict[str, float]:
        """Local day (YYYY-MM-DD, the system's time zone) -> minutes of study: each to-do marked
        done counts its minutes (`untimed_todo` when it has none), each reflection answer saved
        `per_reflection`, each practice answer the seconds it took. Summed by SQLite, so a long
        history costs one pass and no rows in Python."""
        rows = self.db.execute(
            "WITH m(id, minutes) AS (SELECT key, value FROM json_each(:minutes))"
            " SELECT day, sum(minutes) FROM ("
            "  SELECT date(e.at, 'localtime') AS day, coalesce(m.minutes, :untimed) AS minutes"
            "  FROM todo_events AS e LEFT JOIN m ON m.id = e.item_id WHERE e.action = 'done'"
            "  UNION ALL SELECT date(at, 'localtime'), :reflection FROM reflection_answers"
            "  UNION ALL SELECT date(at, 'localtime'), coalesce(seconds, 0) / 60.0 FROM practice_answers)"
            " WHERE day IS NOT NULL GROUP BY day ORDER BY day",
            {"minutes": json.dumps(dict(todo_minutes)), "untimed": untimed_todo, "reflection": per_reflection})
        return {str(r[0]): float(r[1] or 0.0) for r in rows}

    def practice_since(self, since: str) -> list[PracticeAnswer]:
        rows = self.db.execute(f"SELECT {_ANSWER_COLUMNS} FROM practice_answers WHERE at >= ? ORDER BY id", [since])
        return [_answer(r) for r in rows]
