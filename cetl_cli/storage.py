"""All of cetl's storage: one SQLite file, its migrations, and methods named for what they do.

Reads and writes go through the standard `sqlite3` module (cheap to import). The schema is
owned by `sqlite_utils.Migrations`; sqlite-utils is only imported when a migration is pending,
which is once per new database or new cetl version.

Concurrency: the database runs in WAL mode with a generous busy timeout, and every write is a
short `BEGIN IMMEDIATE` transaction, so two cetl processes writing at once wait for each other
instead of failing with "database is locked".
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from cetl_cli.domain.errors import StoreError

DB_NAME = "cetl.db"
MIGRATION_SET = "cetl"
BUSY_TIMEOUT_MS = 30_000
# Migration names, in order. Append only: a released migration is never edited or removed.
MIGRATION_NAMES = ("m001_initial", "m002_experience", "m003_practice")


def data_dir() -> Path:
    """Where cetl keeps its data: $CETL_HOME, else the platform's user data folder."""
    override = os.environ.get("CETL_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("cetl", appauthor=False))


def db_path() -> Path:
    return data_dir() / DB_NAME


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Answer:
    item_id: str
    version: int
    text: str
    at: str


@dataclass(frozen=True)
class TodoEvent:
    item_id: str
    action: str  # "done" or "undone"
    at: str


@dataclass(frozen=True)
class Experience:
    id: int
    role: str
    start: str  # YYYY-MM-DD
    end: str | None  # None: still in this role
    domains: str  # e.g. "I,III"


def migrations():
    """The migration set (imports sqlite-utils, so only called when something is pending)."""
    from sqlite_utils import Migrations

    m = Migrations(MIGRATION_SET)

    @m()
    def m001_initial(db):
        db["todo_events"].create(
            {"id": int, "item_id": str, "action": str, "at": str}, pk="id", not_null={"item_id", "action", "at"}
        )
        db["todo_events"].create_index(["item_id", "id"])
        db["reflection_answers"].create(
            {"id": int, "item_id": str, "version": int, "text": str, "at": str},
            pk="id",
            not_null={"item_id", "version", "text", "at"},
        )
        db["reflection_answers"].create_index(["item_id", "version"], unique=True)
        db["drafts"].create({"item_id": str, "text": str, "at": str}, pk="item_id", not_null={"text", "at"})
        db["settings"].create({"key": str, "value": str}, pk="key")

    @m()
    def m002_experience(db):
        # One row per job or role, for the eligibility check. `domains` is e.g. "I,III".
        db["experience"].create(
            {"id": int, "role": str, "start": str, "end": str, "domains": str, "created_at": str},
            pk="id",
            not_null={"role", "start", "domains", "created_at"},
        )

    @m()
    def m003_practice(db):
        # Every practice answer, from `cetl quiz` or a mock exam. `choice` is A-D, or null when
        # the question was left unanswered (time ran out). `attempt_id` links exam answers.
        db["exam_attempts"].create(
            {
                "id": int, "seed": int, "minutes": int, "question_ids": str, "status": str,
                "elapsed_seconds": float, "started_at": str, "finished_at": str,
            },
            pk="id",
            not_null={"question_ids", "status", "started_at"},
            defaults={"elapsed_seconds": 0.0},
        )
        db["practice_answers"].create(
            {
                "id": int, "question_id": str, "skill_area": str, "choice": str, "correct": int,
                "seconds": float, "mode": str, "attempt_id": int, "at": str,
            },
            pk="id",
            not_null={"question_id", "skill_area", "correct", "mode", "at"},
            foreign_keys=[("attempt_id", "exam_attempts", "id")],
        )
        db["practice_answers"].create_index(["question_id", "id"])
        db["practice_answers"].create_index(["skill_area", "id"])
        db["practice_answers"].create_index(["attempt_id"])

    assert tuple(x.name for x in m._migrations) == MIGRATION_NAMES
    return m


class Store:
    """cetl's database. `Store.open()` for the user's file; `Store(sqlite3.connect(':memory:'))` in tests."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None):
        self.conn = conn
        self.path = path
        conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise self._damaged(err) from err

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None) -> "Store":
        path = Path(path) if path is not None else db_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                # Create the file owner-only before SQLite opens it; SQLite gives its -wal and
                # -shm files the same permissions.
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(
                f"Cannot open cetl's database at {path}: {getattr(err, 'strerror', None) or err}. "
                "Check that the folder exists and is writable, or set CETL_HOME to another folder."
            ) from None
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                try:
                    conn.execute("PRAGMA journal_mode = WAL")
                except sqlite3.OperationalError:
                    pass  # another process holds it; it is switching the file to WAL itself
        except sqlite3.DatabaseError as err:
            conn.close()
            raise _damaged_error(path, err) from None
        return cls(conn, path)

    def _damaged(self, err: Exception) -> StoreError:
        self.conn.close()
        return _damaged_error(self.path, err)

    def close(self) -> None:
        self.conn.close()

    # -- migrations ----------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not exists:
            return []
        rows = self.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
        return [r[0] for r in rows]

    def _migrate(self) -> None:
        applied = self.applied_migrations()
        unknown = [n for n in applied if n not in MIGRATION_NAMES]
        if unknown:
            raise StoreError(
                f"The database at {self.path} was written by a newer cetl (migration {unknown[-1]}). "
                "Upgrade cetl (python -m pip install -U cetl) to use it; it has not been changed."
            )
        if len(applied) == len(MIGRATION_NAMES):
            return
        from sqlite_utils import Database

        db = Database(self.conn, execute_plugins=False)
        # One IMMEDIATE transaction around the whole set: two processes opening a new database
        # at once migrate it one after the other, and the second finds nothing left to do.
        with self._writing():
            migrations().apply(db)

    # -- transactions --------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A short write transaction that takes the write lock up front (no upgrade deadlocks)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    # -- to-dos --------------------------------------------------------------------------
    def set_todos(self, item_ids: Iterable[str], done: bool) -> list[str]:
        """Mark items done (or not done); returns the ids whose state changed.

        Each change is an event row, so history and streaks can be derived later.
        """
        ids = list(dict.fromkeys(item_ids))
        action = "done" if done else "undone"
        changed: list[str] = []
        stamp = now()
        with self._writing() as conn:
            current = self._todo_done_ids(conn, ids)
            for item_id in ids:
                if (item_id in current) != done:
                    conn.execute(
                        "INSERT INTO todo_events (item_id, action, at) VALUES (?, ?, ?)",
                        [item_id, action, stamp],
                    )
                    changed.append(item_id)
        return changed

    @staticmethod
    def _todo_done_ids(conn: sqlite3.Connection, only: list[str] | None = None) -> set[str]:
        # The latest event per item decides its state. Both queries seek the (item_id, id) index
        # once or twice per item instead of reading every event, so a long history costs
        # almost nothing: the distinct items are walked by jumping from one item_id to the next.
        if only is not None:
            latest = "SELECT action FROM todo_events WHERE item_id = ? ORDER BY id DESC LIMIT 1"
            return {i for i in only if (row := conn.execute(latest, [i]).fetchone()) and row[0] == "done"}
        rows = conn.execute(
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

    def done_todos(self) -> set[str]:
        return self._todo_done_ids(self.conn)

    def todo_history(self, item_id: str) -> list[TodoEvent]:
        rows = self.conn.execute(
            "SELECT item_id, action, at FROM todo_events WHERE item_id = ? ORDER BY id", [item_id]
        )
        return [TodoEvent(*r) for r in rows]

    # -- reflections ---------------------------------------------------------------------
    def add_answer(self, item_id: str, text: str) -> int:
        """Save a new version of the answer to a reflection question; returns its version."""
        with self._writing() as conn:
            row = conn.execute(
                "SELECT coalesce(max(version), 0) FROM reflection_answers WHERE item_id = ?", [item_id]
            ).fetchone()
            version = row[0] + 1
            conn.execute(
                "INSERT INTO reflection_answers (item_id, version, text, at) VALUES (?, ?, ?, ?)",
                [item_id, version, text, now()],
            )
            conn.execute("DELETE FROM drafts WHERE item_id = ?", [item_id])
        return version

    def answers(self, item_id: str) -> list[Answer]:
        rows = self.conn.execute(
            "SELECT item_id, version, text, at FROM reflection_answers WHERE item_id = ? ORDER BY version",
            [item_id],
        )
        return [Answer(*r) for r in rows]

    def latest_answer(self, item_id: str) -> Answer | None:
        row = self.conn.execute(
            "SELECT item_id, version, text, at FROM reflection_answers WHERE item_id = ? "
            "ORDER BY version DESC LIMIT 1",
            [item_id],
        ).fetchone()
        return Answer(*row) if row else None

    def answer_counts(self) -> dict[str, int]:
        """reflection id -> how many versions of its answer are saved."""
        rows = self.conn.execute("SELECT item_id, count(*) FROM reflection_answers GROUP BY item_id")
        return {r[0]: r[1] for r in rows}

    def answered_reflections(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT item_id FROM reflection_answers")}

    # -- drafts --------------------------------------------------------------------------
    def save_draft(self, item_id: str, text: str) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO drafts (item_id, text, at) VALUES (?, ?, ?) "
                "ON CONFLICT(item_id) DO UPDATE SET text = excluded.text, at = excluded.at",
                [item_id, text, now()],
            )

    def draft(self, item_id: str) -> tuple[str, str] | None:
        row = self.conn.execute("SELECT text, at FROM drafts WHERE item_id = ?", [item_id]).fetchone()
        return (row[0], row[1]) if row else None

    def discard_draft(self, item_id: str) -> None:
        with self._writing() as conn:
            conn.execute("DELETE FROM drafts WHERE item_id = ?", [item_id])

    # -- settings (small remembered values, e.g. answers to earlier prompts) --------------
    def get_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self._writing() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )

    # -- experience log (eligibility) ------------------------------------------------------
    def add_experience(self, role: str, start: str, end: str | None, domains: str) -> int:
        with self._writing() as conn:
            cur = conn.execute(
                "INSERT INTO experience (role, start, \"end\", domains, created_at) VALUES (?, ?, ?, ?, ?)",
                [role, start, end, domains, now()],
            )
            return int(cur.lastrowid)

    def experience(self) -> list[Experience]:
        rows = self.conn.execute('SELECT id, role, start, "end", domains FROM experience ORDER BY start, id')
        return [Experience(*r) for r in rows]

    def remove_experience(self, entry_id: int) -> bool:
        with self._writing() as conn:
            return conn.execute("DELETE FROM experience WHERE id = ?", [entry_id]).rowcount > 0

    # -- practice answers and mock exams -------------------------------------------------
    def record_practice(self, question_id: str, skill_area: str, choice: str | None, correct: bool,
                        seconds: float | None, mode: str, attempt_id: int | None = None) -> None:
        with self._writing() as conn:
            conn.execute(
                "INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, "
                "attempt_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [question_id, skill_area, choice, int(correct), seconds, mode, attempt_id, now()],
            )

    def last_practice_results(self) -> dict[str, bool]:
        """question id -> whether its most recent answer was right."""
        # One or two seeks of the (question_id, id) index per question, however long the history.
        rows = self.conn.execute(
            "WITH RECURSIVE qs(q) AS ("
            "  SELECT min(question_id) FROM practice_answers"
            "  UNION ALL"
            "  SELECT (SELECT min(question_id) FROM practice_answers WHERE question_id > qs.q)"
            "  FROM qs WHERE q IS NOT NULL)"
            " SELECT q, (SELECT correct FROM practice_answers AS p WHERE p.question_id = qs.q"
            "            ORDER BY p.id DESC LIMIT 1)"
            " FROM qs WHERE q IS NOT NULL"
        )
        return {r[0]: bool(r[1]) for r in rows}

    def practice_accuracy(self, recent: int = 50) -> dict[str, tuple[int, int]]:
        """skill area -> (right, answered) over its `recent` latest practice answers."""
        # Reads `recent` rows per area through the (skill_area, id) index, not the whole history.
        rows = self.conn.execute(
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
            {"n": recent},
        )
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    def practice_answers(self, attempt_id: int | None = None) -> list[sqlite3.Row]:
        if attempt_id is None:
            return list(self.conn.execute("SELECT * FROM practice_answers ORDER BY id"))
        return list(self.conn.execute(
            "SELECT * FROM practice_answers WHERE attempt_id = ? ORDER BY id", [attempt_id]
        ))

    def start_exam(self, seed: int, minutes: int | None, question_ids: list[str]) -> int:
        import json

        with self._writing() as conn:
            cur = conn.execute(
                "INSERT INTO exam_attempts (seed, minutes, question_ids, status, elapsed_seconds, started_at) "
                "VALUES (?, ?, ?, 'in_progress', 0, ?)",
                [seed, minutes, json.dumps(question_ids), now()],
            )
            return int(cur.lastrowid)

    def exam_attempts(self, status: str | None = None) -> list[sqlite3.Row]:
        sql = "SELECT * FROM exam_attempts"
        args: list = []
        if status:
            sql += " WHERE status = ?"
            args.append(status)
        return list(self.conn.execute(sql + " ORDER BY id", args))

    def update_exam(self, attempt_id: int, *, status: str | None = None,
                    elapsed_seconds: float | None = None) -> None:
        with self._writing() as conn:
            if elapsed_seconds is not None:
                conn.execute("UPDATE exam_attempts SET elapsed_seconds = ? WHERE id = ?",
                             [elapsed_seconds, attempt_id])
            if status is not None:
                finished = now() if status in ("finished", "abandoned") else None
                conn.execute("UPDATE exam_attempts SET status = ?, finished_at = ? WHERE id = ?",
                             [status, finished, attempt_id])

    def tables(self) -> Iterator[str]:
        for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            yield r[0]


def _damaged_error(path: Path | None, err: Exception) -> StoreError:
    where = str(path) if path else "the database"
    return StoreError(
        f"cetl's database at {where} is damaged or is not a cetl database ({err}). It has not been "
        f"changed. Move it aside (mv '{where}' '{where}.broken') to start afresh, or set CETL_HOME "
        "to another folder."
    )
