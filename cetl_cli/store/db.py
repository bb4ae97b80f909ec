"""The database file: where it lives, opening it, transactions, and what goes wrong.

Reads and writes go through the standard `sqlite3` module (cheap to import). The schema is
owned by the migrations in migrations.py; sqlite-utils is only imported when one is pending,
which is once per new database or new cetl version.

Concurrency: the database runs in WAL mode with a generous busy timeout, and every write is a
short `BEGIN IMMEDIATE` transaction, so two cetl processes writing at once wait for each other
instead of failing with "database is locked".

Faults: every SQLite error is turned into one of the typed errors of cetl_cli/domain/errors.py
here, in `Db.execute`, so a full disk, a read-only folder, a lock held by another program and a
damaged file each get their own message and advice. Before a run's first write the file gets a
quick integrity check; a damaged file is refused and never written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence, Union

from cetl_cli.domain.errors import StoreDamaged, StoreError, StoreFull, StoreLocked, StoreReadOnly
from cetl_cli.store.migrations import MIGRATION_SET, NAMES

DB_NAME = "cetl.db"
BUSY_TIMEOUT_MS = 30_000
Params = Union[Sequence[Any], dict[str, Any]]


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


def stamp(moment: dt.datetime) -> str:
    """A moment as stored: UTC, ISO 8601 to the microsecond (a naive moment is local time)."""
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


class Result:
    """The rows of one statement, read at once (so a damaged page fails inside `execute`)."""

    __slots__ = ("rows", "lastrowid", "rowcount")

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self.rows: list[tuple[Any, ...]] = cursor.fetchall()
        self.lastrowid: Optional[int] = cursor.lastrowid
        self.rowcount: int = cursor.rowcount

    def fetchone(self) -> Optional[tuple[Any, ...]]:
        return self.rows[0] if self.rows else None

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)


def classify(err: sqlite3.Error, path: Optional[Path]) -> StoreError:
    """The typed error, with its advice, for an SQLite error on the database at `path`."""
    where = str(path) if path else "the database"
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err).lower()
    if name == "SQLITE_FULL" or "disk is full" in text:
        return StoreFull(f"The disk holding cetl's database ({where}) is full, so nothing was saved; "
                         "your data is intact.", "Free some space and run the command again.")
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return StoreReadOnly(f"cetl's database at {where} cannot be written (a read-only file, folder or "
                             "disk); your data is intact.",
                             "Check the permissions of the file and its folder, or set CETL_HOME to a "
                             "writable folder.")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreLocked(f"Another program is holding cetl's database at {where}; nothing was changed.",
                           "Close the other program (or wait for it) and run the command again.")
    if name == "SQLITE_CANTOPEN" or "unable to open" in text:
        return StoreError(f"Cannot open cetl's database at {where}.",
                          "Check that the folder exists and is writable, or set CETL_HOME to another folder.")
    return damaged(path, str(err))


def damaged(path: Optional[Path], detail: str) -> StoreDamaged:
    where = str(path) if path else "the database"
    return StoreDamaged(
        f"cetl's database at {where} is damaged or is not a cetl database ({detail}); it has not been changed.",
        f"Restore a backup with cetl restore FILE, or move it aside (mv '{where}' '{where}.broken') "
        "to start afresh.")


class Db:
    """One connection to cetl's database, with typed errors, transactions and migrations."""

    def __init__(self, conn: sqlite3.Connection, path: Optional[Path] = None,
                 clock: Optional[Callable[[], dt.datetime]] = None) -> None:
        self._conn = conn
        self.path = path
        self.clock = clock  # the session's clock, so tests stamp rows with a fixed time
        self._checked = False  # the integrity check before the first write of this run
        self.writes = 0  # transactions committed by this run (a group file follows them, when asked)
        conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
        self.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            self._migrate()
        except StoreError:
            conn.close()
            raise
        self.writes = 0  # the migrations are not the user's writes

    # -- statements ----------------------------------------------------------------------
    def execute(self, sql: str, params: Params = ()) -> Result:
        try:
            return Result(self._conn.execute(sql, params))
        except sqlite3.Error as err:
            raise classify(err, self.path) from None

    def close(self) -> None:
        self._conn.close()

    def now(self) -> str:
        """The time to stamp a row with: the clock's, else the system's (UTC, ISO 8601)."""
        return stamp(self.clock()) if self.clock is not None else now()

    # -- migrations ----------------------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        exists = self.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
        ).fetchone()
        if not exists:
            return []
        rows = self.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
        return [r[0] for r in rows]

    def _migrate(self) -> None:
        applied = self.applied_migrations()
        unknown = [n for n in applied if n not in NAMES]
        if unknown:
            raise StoreError(
                f"The database at {self.path} was written by a newer cetl (migration {unknown[-1]}); "
                "it has not been changed.", "Upgrade cetl (pipx upgrade cetl) to use it.")
        if len(applied) == len(NAMES):
            return
        from sqlite_utils import Database

        from cetl_cli.store.migrations import migration_set

        db = Database(self._conn, execute_plugins=False)
        # One IMMEDIATE transaction around the whole set: two processes opening a new database
        # at once migrate it one after the other, and the second finds nothing left to do.
        with self.writing():
            try:
                migration_set().apply(db)
            except sqlite3.Error as err:
                raise classify(err, self.path) from None

    # -- transactions --------------------------------------------------------------------
    @contextmanager
    def writing(self, table: Optional[str] = None) -> Iterator[Db]:
        """A short write transaction that takes the write lock up front (no upgrade deadlocks).

        The run's first one checks the file first, so a damaged database is never written:
        `PRAGMA quick_check` of the table about to be written (with its indexes), or of the
        whole file when no table is named. On a 10 MB database that is about 5 ms for the
        to-do events instead of 13 ms for everything."""
        self.execute("BEGIN IMMEDIATE")
        try:
            if not self._checked:
                self.check(table)
            yield self
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        else:
            self.execute("COMMIT")
            self.writes += 1

    def check(self, table: Optional[str] = None) -> None:
        if table is not None and not re.fullmatch(r"[a-z_]+", table):
            raise ValueError(f"not a table name: {table!r}")
        row = self.execute(f"PRAGMA quick_check({table or 1})").fetchone()
        if row is None or row[0] != "ok":
            raise damaged(self.path, f"integrity check: {row[0] if row else 'no answer'}")
        self._checked = True

    def tables(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def connect(path: Optional[Path] = None) -> tuple[sqlite3.Connection, Path]:
    """Open (creating owner-only) the database file; StoreError with advice when it cannot be."""
    path = Path(path) if path is not None else db_path()
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"cetl's data folder {folder} is a file, not a folder.",
                         "Set CETL_HOME to a folder (or remove that file).")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            # Create the file owner-only before SQLite opens it; SQLite gives its -wal and
            # -shm files the same permissions.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as err:
        raise classify(err, path) from None
    except OSError as err:
        raise StoreError(f"Cannot open cetl's database at {path}: {err.strerror or err}.",
                         "Check that the folder exists and is writable, or set CETL_HOME to another folder.") from None
    try:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                # Another process holds it (and is switching the file to WAL itself), or the
                # file is read-only: reading still works, and a write will say what is wrong.
                pass
    except sqlite3.Error as err:
        conn.close()
        raise classify(err, path) from None
    return conn, path
