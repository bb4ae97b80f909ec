"""Files cetl writes for you (exports, backups): atomic, owner-only, never overwritten without
`--force`.

A file is written to a temporary name in the same folder, flushed to disk, then published
under its name in one step: hard-linked when it must not replace anything (so a file that
appears meanwhile is not overwritten either), renamed over the old one with `--force`. A
reader never sees half a file, and a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from cetl_cli.domain.errors import UserInputError


def is_live_database(path: Path) -> bool:
    """Whether `path` is cetl's own database file (or its -wal or -shm beside it)."""
    from cetl_cli.store import db_path

    live = db_path()
    try:
        target = path.resolve()
        return any(target == Path(f"{live.resolve()}{extra}") for extra in ("", "-wal", "-shm"))
    except OSError:
        return False


def _check(path: Path, force: bool) -> None:
    if is_live_database(path):
        raise UserInputError(f"{path} is cetl's own database; cetl never writes an export or a backup over it.",
                             "Choose another file.")
    if path.is_dir():
        raise UserInputError(f"{path} is a folder; name a file.", "Example: --out portfolio.md")
    if path.exists() and not force:
        raise UserInputError(f"{path} already exists, and cetl never overwrites a file unasked.",
                             "Choose another name, or add --force to replace it.")
    if not path.parent.is_dir():
        raise UserInputError(f"There is no folder {path.parent} to write {path.name} in.",
                             "Create it first, or choose another place.")


def _oserror(path: Path, err: OSError) -> UserInputError:
    return UserInputError(f"Cannot write {path}: {err.strerror or err}.",
                          "Check that the folder is writable and has space, or choose another place.")


def publish(tmp: Path, path: Path, force: bool) -> None:
    """Give the finished temporary file `tmp` (same folder) its name `path`."""
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise UserInputError(f"{path} appeared while cetl was writing it; nothing was overwritten.",
                             "Choose another name, or add --force to replace it.") from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise UserInputError(f"{path} already exists; nothing was overwritten.",
                                 "Choose another name, or add --force to replace it.") from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def sync_folder(folder: Path) -> None:
    """fsync a folder, so a rename in it survives a crash (best effort; nothing on Windows)."""
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder for fsync
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_with(path: Path, fill: Callable[[Path], None], force: bool = False) -> Path:
    """Create `path` from a temporary file that `fill` writes; returns the path written."""
    path = Path(path).expanduser()
    _check(path, force)
    tmp = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # 0600
        os.close(fd)
        tmp = Path(name)
        fill(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        publish(tmp, path, force)
        tmp = None
        sync_folder(path.parent)
    except OSError as err:
        raise _oserror(path, err) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def write_new(path: Path, data: bytes, force: bool = False) -> Path:
    """Write `data` to `path` atomically; UserInputError when it exists and `force` is not given."""
    return write_with(path, lambda tmp: tmp.write_bytes(data), force)
