"""cetl's one database: `Store.open()` for the user's file, `Store(sqlite3.connect(':memory:'))`
in tests. Each kind of data has its own module; `Store` brings them together."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Callable, Optional

from cetl_cli.store.activity import ActivityLog
from cetl_cli.store.answers import Answers
from cetl_cli.store.assessments import Assessments
from cetl_cli.store.db import Db, connect, data_dir, db_path
from cetl_cli.store.experience import ExperienceLog
from cetl_cli.store.group import GroupState
from cetl_cli.store.notes import TodoNotes
from cetl_cli.store.practice import Practice
from cetl_cli.store.recert import Recert
from cetl_cli.store.review import Reviews
from cetl_cli.store.search import Search
from cetl_cli.store.settings import Settings
from cetl_cli.store.todos import Todos
from cetl_cli.store.transfer import Transfer

__all__ = ["Store", "data_dir", "db_path"]


class Store(Todos, Answers, Settings, ExperienceLog, Practice, Reviews, TodoNotes, Recert, Search, Transfer,
            GroupState, Assessments, ActivityLog):
    """cetl's database, with methods named for what they do."""

    def __init__(self, conn: sqlite3.Connection, path: Optional[Path] = None,
                 clock: Optional[Callable[[], dt.datetime]] = None) -> None:
        self.db = Db(conn, path, clock)
        self.path = path

    @classmethod
    def open(cls, path: Optional[Path] = None, clock: Optional[Callable[[], dt.datetime]] = None) -> Store:
        """The user's database; rows are stamped with `clock()` (UTC), else the system time."""
        conn, where = connect(path)
        return cls(conn, where, clock)

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection, for diagnostics and tests (cetl itself goes through `db`)."""
        return self.db._conn

    def close(self) -> None:
        self.db.close()

    def check(self, table: Optional[str] = None) -> None:
        """A quick integrity check of one table, or the whole file (StoreDamaged when it fails)."""
        self.db.check(table)

    def applied_migrations(self) -> list[str]:
        return self.db.applied_migrations()

    def tables(self) -> list[str]:
        return self.db.tables()
