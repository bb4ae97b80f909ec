"""Backups with SQLite's online backup API, and checking and installing a backup file.

`copy_database(source, target)` copies a whole database in one step of the backup API, which
reads it in one read transaction: the copy is the database as it was at one moment, whatever
another cetl writes meanwhile (writes committed before it began are in; the rest are not),
including what is still in the write-ahead log. Copying the file alone can miss that.

`inspect(path)` decides whether a file may be restored: an SQLite database that passes
`PRAGMA integrity_check`, written by cetl's migrations (none this cetl does not know), holding
no table, index, trigger or view that cetl's own schema does not have. A file from outside is
data: it is only opened as a private copy, never with its triggers trusted.
`install(source, live)` writes a checked copy over the live database through the backup API,
so another cetl that has it open sees the old or the new database, never half of each.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Optional

from cetl_cli.domain.record import Record
from cetl_cli.store.db import BUSY_TIMEOUT_MS
from cetl_cli.store.migrations import MIGRATION_SET, NAMES

HEADER = b"SQLite format 3\x00"
_SQLITE_OWN = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat4")


class Inspection(Record):
    problem: Optional[str]  # None: the file can be restored
    migrations: list[str]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.isolation_level = None
    conn.execute("PRAGMA trusted_schema = OFF")
    return conn


def copy_database(source: Path, target: Path) -> None:
    """Copy the database at `source` into the new file `target` (online backup, one step)."""
    src = _connect(source)
    try:
        dest = _connect(target)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
        finally:
            dest.close()
    finally:
        src.close()


def keep_copy(source: Path, target: Path) -> bool:
    """Copy a database to keep it: with the backup API, or file by file when SQLite cannot read
    it (a damaged file). True when the backup API made the copy."""
    try:
        copy_database(source, target)
        return True
    except sqlite3.DatabaseError as err:
        if not damaged_error(err):
            raise
    os.truncate(target, 0)
    copy_files(source, target)
    return False


def copy_files(source: Path, target: Path) -> None:
    """A plain copy of a database that SQLite cannot read (damaged): the file and its -wal."""
    shutil.copyfile(source, target)
    wal = Path(f"{source}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}-wal"))


def damaged_error(err: sqlite3.Error) -> bool:
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err).lower()
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or "malformed" in text or "not a database" in text


def _expected() -> dict[str, tuple[str, Optional[str]]]:
    """name -> (type, sql) of every object in a database made by cetl's migrations today."""
    from cetl_cli.store import Store

    s = Store(sqlite3.connect(":memory:"))
    try:
        rows = s.db.execute("SELECT type, name, sql FROM sqlite_master").rows
    finally:
        s.close()
    return {r[1]: (r[0], r[2]) for r in rows}


def inspect(path: Path) -> Inspection:
    with open(path, "rb") as fh:
        if fh.read(len(HEADER)) != HEADER:
            return Inspection("it is not an SQLite database", [])
    try:
        conn = _connect(path)
    except sqlite3.Error as err:
        return Inspection(f"SQLite cannot open it ({' '.join(str(err).split())[:200]})", [])
    try:
        conn.execute("PRAGMA cell_size_check = ON")
        rows = conn.execute("PRAGMA integrity_check(5)").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            found = "; ".join(" ".join(str(r[0]).split()) for r in rows)
            return Inspection(f"it fails SQLite's integrity check ({found[:200]})", [])
        objects = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        names = {r[1] for r in objects}
        if "_sqlite_migrations" not in names:
            return Inspection("it is not a cetl database (no migrations table)", [])
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ? "
                                              "ORDER BY rowid", [MIGRATION_SET])]
    except sqlite3.Error as err:
        return Inspection(f"SQLite cannot read it ({' '.join(str(err).split())[:200]})", [])
    finally:
        conn.close()
    if not applied or applied[0] != NAMES[0]:
        return Inspection("it is not a cetl database (cetl's first migration is missing)", applied)
    newer = [n for n in applied if n not in NAMES]
    if newer:
        return Inspection(f"it was written by a newer cetl (migration {newer[-1]})", applied)
    expected = _expected()
    for kind, name, sql in objects:
        if name.startswith("sqlite_autoindex_") or name in _SQLITE_OWN:
            continue
        want = expected.get(name)
        if want is None or want[0] != kind:
            return Inspection(f"it holds a {kind} cetl does not make ({name[:60]})", applied)
        if kind in ("trigger", "view") or (sql or "").upper().startswith("CREATE VIRTUAL"):
            if sql != want[1]:
                return Inspection(f"its {kind} {name[:60]} is not cetl's", applied)
    return Inspection(None, applied)


def install(source: Path, live: Path) -> None:
    """Write the database at `source` over the one at `live` (online backup into it).
    When the live file is too damaged for SQLite to write into, it is replaced instead."""
    try:
        src = _connect(source)
        try:
            dest = _connect(live)
            try:
                src.backup(dest)
                dest.execute("PRAGMA journal_mode = WAL")
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as err:
        if not damaged_error(err):
            raise
        os.replace(source, live)
        for extra in ("-wal", "-shm"):
            try:
                os.unlink(f"{live}{extra}")
            except FileNotFoundError:
                pass
