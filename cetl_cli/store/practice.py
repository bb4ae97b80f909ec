"""Practice answers (quiz and mock exam) and mock-exam attempts."""

from __future__ import annotations

import json
from typing import Any, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import ExamAttempt, PracticeAnswer

_ANSWER_COLUMNS = "id, question_id, skill_area, choice, correct, seconds, mode, attempt_id, at"
_ATTEMPT_COLUMNS = "id, seed, minutes, question_ids, status, elapsed_seconds, started_at, finished_at"


def _answer(r: tuple[Any, ...]) -> PracticeAnswer:
    return PracticeAnswer(int(r[0]), r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8])


def _attempt(r: tuple[Any, ...]) -> ExamAttempt:
    ids = json.loads(r[3])
    return ExamAttempt(int(r[0]), int(r[1] or 0), r[2], tuple(str(i) for i in ids), r[4],
                       float(r[5] or 0.0), r[6], r[7])


class Practice:
    db: Db

    def record_practice(self, question_id: str, skill_area: str, choice: Optional[str], correct: bool,
                        seconds: Optional[float], mode: str, attempt_id: Optional[int] = None) -> None:
        with self.db.writing() as db:
            db.execute(
                "INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, "
                "attempt_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [question_id, skill_area, choice, int(correct), seconds, mode, attempt_id, db.now()])

    def last_practice_results(self) -> dict[str, bool]:
        """question id -> whether its most recent answer was right."""
        # One or two seeks of the (question_id, id) index per question, however long the history.
        rows = self.db.execute(
            "WITH RECURSIVE qs(q) AS ("
            "  SELECT min(question_id) FROM practice_answers"
            "  UNION ALL"
            "  SELECT (SELECT min(question_id) FROM practice_answers WHERE question_id > qs.q)"
            "  FROM qs WHERE q IS NOT NULL)"
            " SELECT q, (SELECT correct FROM practice_answers AS p WHERE p.question_id = qs.q"
            "            ORDER BY p.id DESC LIMIT 1)"
            " FROM qs WHERE q IS NOT NULL")
        return {r[0]: bool(r[1]) for r in rows}

    def practice_accuracy(self, recent: int = 50) -> dict[str, tuple[int, int]]:
        """skill area -> (right, answered) over its `recent` latest practice answers."""
        # Reads `recent` rows per area through the (skill_area, id) index, not the whole history.
        rows = self.db.execute(
            "WITH RECURSIVE areas(a) AS ("
            "  SELECT min(skill_area) FROM practice_answers"
            "  UNION ALL"
            "  SELECT (SELECT min(skill_area) FROM practice_answers WHERE skill_area > areas.a)"
            "  FROM areas WHERE a IS NOT NULL)"
            " SELECT a, (SELECT sum(correct) FROM (SELECT correct FROM practice_answers AS p"
            "            WHERE p.skill_area = areas.a ORDER BY p.id DESC LIMIT :n)),"
            "           (SELECT count(*) FROM (SELECT 1 FROM practice_answers AS p"
            "            WHERE p.skill_area = areas.a ORDER BY p.id DESC LIMIT :n))"
            " FROM areas WHERE a IS NOT NULL",
            {"n": recent})
        return {r[0]: (int(r[1] or 0), int(r[2])) for r in rows}

    def practice_answers(self, attempt_id: Optional[int] = None) -> list[PracticeAnswer]:
        if attempt_id is None:
            rows = self.db.execute(f"SELECT {_ANSWER_COLUMNS} FROM practice_answers ORDER BY id")
        else:
            rows = self.db.execute(f"SELECT {_ANSWER_COLUMNS} FROM practice_answers WHERE attempt_id = ? "
                                   "ORDER BY id", [attempt_id])
        return [_answer(r) for r in rows]

    def start_exam(self, seed: int, minutes: Optional[int], question_ids: list[str]) -> int:
        with self.db.writing() as db:
            cur = db.execute(
                "INSERT INTO exam_attempts (seed, minutes, question_ids, status, elapsed_seconds, started_at) "
                "VALUES (?, ?, ?, 'in_progress', 0, ?)", [seed, minutes, json.dumps(question_ids), db.now()])
            return int(cur.lastrowid or 0)

    def exam_attempts(self, status: Optional[str] = None) -> list[ExamAttempt]:
        sql = f"SELECT {_ATTEMPT_COLUMNS} FROM exam_attempts"
        args: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            args.append(status)
        return [_attempt(r) for r in self.db.execute(sql + " ORDER BY id", args)]

    def exam_attempt(self, attempt_id: int) -> Optional[ExamAttempt]:
        row = self.db.execute(f"SELECT {_ATTEMPT_COLUMNS} FROM exam_attempts WHERE id = ?", [attempt_id]).fetchone()
        return _attempt(row) if row else None

    def update_exam(self, attempt_id: int, *, status: Optional[str] = None,
                    elapsed_seconds: Optional[float] = None) -> None:
        with self.db.writing() as db:
            if elapsed_seconds is not None:
                db.execute("UPDATE exam_attempts SET elapsed_seconds = ? WHERE id = ?", [elapsed_seconds, attempt_id])
            if status is not None:
                finished = db.now() if status in ("finished", "abandoned") else None
                db.execute("UPDATE exam_attempts SET status = ?, finished_at = ? WHERE id = ?",
                           [status, finished, attempt_id])
