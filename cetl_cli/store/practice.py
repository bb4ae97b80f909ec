"""Practice answers (quiz and mock exam) and mock-exam attempts."""

from __future__ import annotations

import json
from typing import Any, Optional

from cetl_cli.store.db import Db
from cetl_cli.store.rows import ExamAttempt, ExamItem, PracticeAnswer

_ANSWER_COLUMNS = "id, question_id, skill_area, choice, correct, seconds, mode, attempt_id, at, shown"
_ATTEMPT_COLUMNS = "id, seed, minutes, question_ids, status, elapsed_seconds, started_at, finished_at"


def _answer(r: tuple[Any, ...]) -> PracticeAnswer:
    return PracticeAnswer(int(r[0]), r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7], r[8], r[9])


def _attempt(r: tuple[Any, ...]) -> ExamAttempt:
    ids = json.loads(r[3])
    return ExamAttempt(int(r[0]), int(r[1] or 0), r[2], tuple(str(i) for i in ids), r[4],
                       float(r[5] or 0.0), r[6], r[7])


class Practice:
    db: Db

    def record_practice(self, question_id: str, skill_area: str, choice: Optional[str], correct: bool,
                        seconds: Optional[float], mode: str, attempt_id: Optional[int] = None,
                        shown: Optional[str] = None) -> int:
        """Store one answer (`choice` is the file's letter, `shown` the order shown); its id."""
        with self.db.writing("practice_answers") as db:
            cur = db.execute(
                "INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, "
                "attempt_id, at, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [question_id, skill_area, choice, int(correct), seconds, mode, attempt_id, db.now(), shown])
            return int(cur.lastrowid or 0)

    def record_exam_answer(self, attempt_id: int, question_id: str, skill_area: str, choice: str, correct: bool,
                           seconds: float, shown: str) -> None:
        """A mock exam's answer to a question, kept as one row per question of the attempt: a
        changed answer replaces the choice, and the seconds add up."""
        with self.db.writing("practice_answers") as db:
            row = db.execute("SELECT id FROM practice_answers WHERE attempt_id = ? AND question_id = ?",
                             [attempt_id, question_id]).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, "
                    "attempt_id, at, shown) VALUES (?, ?, ?, ?, ?, 'exam', ?, ?, ?)",
                    [question_id, skill_area, choice, int(correct), seconds, attempt_id, db.now(), shown])
            else:
                db.execute("UPDATE practice_answers SET choice = ?, correct = ?, seconds = coalesce(seconds, 0) + ?, "
                           "at = ?, shown = ? WHERE id = ?", [choice, int(correct), seconds, db.now(), shown, row[0]])

    def last_seen(self) -> dict[str, str]:
        """question id -> when it was last shown (UTC, ISO 8601): answered in practice, or drawn
        for a mock exam (at the exam's start)."""
        rows = self.db.execute(
            "SELECT q, max(t) FROM (SELECT question_id AS q, at AS t FROM practice_answers"
            " UNION ALL SELECT i.question_id, a.started_at FROM exam_items AS i"
            " JOIN exam_attempts AS a ON a.id = i.attempt_id) GROUP BY q")
        return {r[0]: r[1] for r in rows}

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

    def start_exam(self, seed: int, minutes: Optional[int], items: list[tuple[str, str]]) -> int:
        """A new attempt with its questions in exam order, each with the order its choices are
        shown in: [(question id, shown)]."""
        with self.db.writing() as db:
            cur = db.execute(
                "INSERT INTO exam_attempts (seed, minutes, question_ids, status, elapsed_seconds, started_at) "
                "VALUES (?, ?, ?, 'in_progress', 0, ?)", [seed, minutes, json.dumps([q for q, _ in items]), db.now()])
            attempt_id = int(cur.lastrowid or 0)
            for n, (qid, shown) in enumerate(items, start=1):
                db.execute("INSERT INTO exam_items (attempt_id, position, question_id, shown, flagged) "
                           "VALUES (?, ?, ?, ?, 0)", [attempt_id, n, qid, shown])
            return attempt_id

    def exam_items(self, attempt_id: int) -> list[ExamItem]:
        rows = self.db.execute("SELECT attempt_id, position, question_id, shown, flagged FROM exam_items "
                               "WHERE attempt_id = ? ORDER BY position", [attempt_id])
        return [ExamItem(int(r[0]), int(r[1]), r[2], r[3], bool(r[4])) for r in rows]

    def set_exam_flag(self, attempt_id: int, position: int, flagged: bool) -> None:
        with self.db.writing() as db:
            db.execute("UPDATE exam_items SET flagged = ? WHERE attempt_id = ? AND position = ?",
                       [int(flagged), attempt_id, position])

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
