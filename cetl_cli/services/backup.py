"""`cetl backup` and `cetl restore`: a consistent copy of your database, and putting one back.

A backup is made with SQLite's online backup API (store/backup.py), so it is the database at
one moment even while another cetl writes, WAL contents included, and it is checked with
`PRAGMA integrity_check` before cetl says it is done. A restore checks the file first (an SQLite
database, intact, made by cetl's migrations, nothing foreign in it), keeps the current database
as a dated copy in the backups folder, then writes the backup over the live database and brings
its schema up to date.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Optional

from cetl_cli.domain.errors import StoreError, UserInputError, shorten
from cetl_cli.domain.record import Record
from cetl_cli.services.files import is_live_database, write_with
from cetl_cli.services.session import Session
from cetl_cli.store import backup as bk

MAX_RESTORE = 4 * 2**30  # bytes


def backups_dir() -> Path:
    from cetl_cli.store import data_dir

    return data_dir() / "backups"


def _stamp(s: Session) -> str:
    return s.clock.now().astimezone().strftime("%Y%m%d-%H%M%S")


def _free_name(folder: Path, stem: str) -> Path:
    path = folder / f"{stem}.db"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.db"
        n += 1
    return path


class Backed(Record):
    path: Path
    size: int


def backup(s: Session, file: Optional[Path], force: bool = False) -> Backed:
    store = s.store  # opens (and migrates) the live database; a damaged one is refused here
    live = store.path
    if live is None:  # pragma: no cover - the CLI always works on a file
        raise StoreError("This database is not a file, so it cannot be backed up.")
    if file is None:
        folder = backups_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = _free_name(folder, f"cetl-{_stamp(s)}")
    else:
        target = Path(file).expanduser()
    try:
        written = write_with(target, lambda tmp: bk.copy_database(live, tmp), force)
    except sqlite3.Error as err:
        from cetl_cli.store.db import classify

        raise classify(err, live) from None
    found = bk.inspect(written)
    if found.problem:  # pragma: no cover - SQLite's own copy of an intact database
        raise StoreError(f"The backup at {written} fails its check ({found.problem}).",
                         "Run cetl backup again; if it fails again, copy the data folder while no cetl runs.")
    return Backed(written, written.stat().st_size)


class Restored(Record):
    source: Path
    kept: Optional[Path]  # the database as it was before, as a dated copy
    migrations: int  # migrations applied to bring the backup up to date


def restore(s: Session, file: Path) -> Restored:
    from cetl_cli.store import Store, db_path

    source = Path(file).expanduser()
    shown = shorten(str(source), 200)
    if not source.is_file():
        raise UserInputError(f"There is no backup file {shown}.", "List your backups: ls " + str(backups_dir()))
    if is_live_database(source):
        raise UserInputError(f"{shown} is cetl's own database, not a backup of it.",
                             "Restore a file made by cetl backup (see ls " + str(backups_dir()) + ").")
    if source.stat().st_size > MAX_RESTORE:
        raise UserInputError(f"{shown} is larger than {MAX_RESTORE // 2**30} GiB; that is not a cetl backup.")
    live = db_path()
    live.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    s.close()  # this run's own connection, if any
    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".db", dir=live.parent)
    os.close(fd)
    copy = Path(name)
    try:
        shutil.copyfile(source, copy)  # a private copy: checked and installed, never the file itself
        if Path(f"{source}-wal").is_file():
            shutil.copyfile(f"{source}-wal", f"{copy}-wal")
        found = bk.inspect(copy)
        if found.problem:
            raise UserInputError(f"{shown} cannot be restored: {found.problem}. Your database was not changed.")
        kept = None
        if live.exists() and live.stat().st_size > 0:
            folder = backups_dir()
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            kept = write_with(_free_name(folder, f"cetl-before-restore-{_stamp(s)}"),
                              lambda tmp: bk.keep_copy(live, tmp))
        bk.install(copy, live)
    except OSError as err:
        raise UserInputError(f"Cannot restore from {shown}: {err.strerror or err}. Your database was not changed.") \
            from None
    except sqlite3.Error as err:
        from cetl_cli.store.db import classify

        raise classify(err, live) from None
    finally:
        for extra in ("", "-wal", "-shm"):
            Path(f"{copy}{extra}").unlink(missing_ok=True)
    store = Store.open(live)  # brings an older backup's schema up to date
    try:
        store.check()
        pending = len(store.applied_migrations()) - len(found.migrations)
    finally:
        store.close()
    return Restored(source, kept, pending)
