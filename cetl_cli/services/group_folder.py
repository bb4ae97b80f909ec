"""The group folder on disk: reading the files other people write, and writing the one that is ours.

    DIR/group.json          the group: name, exam date, meetings (the facilitator writes it)
    DIR/members/NAME.json   one file per member, written by that member only

Reading treats every file as someone else's data: a symbolic link is never followed, only a
regular file is opened (never a pipe or a device), and at most `MAX_FILE_BYTES` are read. The
checks of domain/group_format.py decide the rest. A file that fails is skipped as a whole with
one warning naming it; the others are still read.

Writing is atomic: a temporary file in the same folder, flushed to disk, then `os.replace`, so a
sync tool (Drive, OneDrive, Dropbox, Syncthing) never uploads half a file, and a reader never
sees one. cetl writes only its own member file (and the facilitator the group file); the live
database is never in the folder.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Optional

from cetl_cli.domain.errors import CetlError, NotFoundError, UserInputError
from cetl_cli.domain.group import GroupInfo, MemberFile
from cetl_cli.domain.group_format import MAX_FILE_BYTES, FormatError, parse_group, parse_member
from cetl_cli.domain.record import Record
from cetl_cli.services.files import sync_folder

GROUP_FILE = "group.json"
MEMBERS = "members"
MAX_FILES = 300  # member files read from one folder; more are reported once and left unread


class Skipped(Record):
    """A file the group could not use, and why (shown as one warning)."""

    file: str  # relative to the group folder, e.g. members/pat.json
    reason: str


class Copy(Record):
    file: str  # e.g. members/pat (conflicted copy).json
    member: MemberFile


def shown(name: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_limited(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file that is not a link, at most `limit` (FormatError otherwise)."""
    if path.is_symlink():
        raise FormatError("it is a symbolic link, which cetl does not follow")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise FormatError(f"it cannot be read ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FormatError("it is not a regular file")
        if info.st_size > limit:
            raise FormatError(f"it is too large ({info.st_size:,} bytes; the limit is {limit:,})")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise FormatError(f"it is too large (more than {limit:,} bytes)")
        return b"".join(chunks)
    except OSError as err:
        raise FormatError(f"it cannot be read ({err.strerror or err})") from None
    finally:
        os.close(fd)


def check_folder(folder: Path) -> Path:
    """The group folder, which must exist and be a folder (NotFoundError otherwise)."""
    if not folder.is_dir():
        raise NotFoundError(f"The group folder {folder} is not there (is the shared drive connected?).",
                            "Check the path, or leave the group with cetl group leave.")
    return folder


def read_group(folder: Path) -> GroupInfo:
    path = check_folder(folder) / GROUP_FILE
    if not path.exists() and not path.is_symlink():
        raise NotFoundError(f"{folder} holds no study group ({GROUP_FILE} is missing).",
                            "A facilitator creates one with cetl group create DIR --name NAME.")
    try:
        return parse_group(read_limited(path))
    except FormatError as err:
        raise UserInputError(f"The group file {path} cannot be used: {err}.",
                             "Ask the facilitator to write it again (cetl group create).") from None


def members_dir(folder: Path) -> Optional[Path]:
    """The members folder, when it is a real folder inside the group folder (not a link)."""
    path = folder / MEMBERS
    if path.is_symlink() or not path.is_dir():
        return None
    return path


def file_names(folder: Path) -> list[str]:
    """The names of the entries in the members folder (none when it is missing)."""
    path = members_dir(folder)
    try:
        return sorted(os.listdir(path)) if path else []
    except OSError:
        return []


def read_members(folder: Path, group_id: str) -> tuple[list[Copy], list[Skipped]]:
    """Every member file that passes the checks, and one Skipped for each that does not."""
    path = folder / MEMBERS
    if path.is_symlink():
        return [], [Skipped(f"{MEMBERS}/", "it is a symbolic link, which cetl does not follow")]
    if not path.is_dir():
        return [], []
    copies: list[Copy] = []
    skipped: list[Skipped] = []
    try:
        names = sorted(e.name for e in os.scandir(path))
    except OSError as err:
        return [], [Skipped(f"{MEMBERS}/", f"it cannot be read ({err.strerror or err})")]
    files = [n for n in names if not n.startswith(".") and n.lower().endswith(".json")]
    if len(files) > MAX_FILES:
        skipped.append(Skipped(f"{MEMBERS}/", f"it holds {len(files)} files; only the first {MAX_FILES} are read"))
        files = files[:MAX_FILES]
    for name in files:
        rel = f"{MEMBERS}/{shown(name)}"
        try:
            member = parse_member(read_limited(path / name))
        except FormatError as err:
            skipped.append(Skipped(rel, str(err)))
            continue
        if member.group != group_id:
            skipped.append(Skipped(rel, "it belongs to another group"))
            continue
        copies.append(Copy(rel, member))
    return copies, skipped


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: a temporary file in the same folder, fsync, rename."""
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise _write_error(path, err) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # the group reads it; the temporary file starts owner-only
        os.replace(tmp, path)  # a link at `path` is replaced, never followed
    except OSError as err:
        _unlink(Path(tmp))
        raise _write_error(path, err) from None
    except BaseException:
        _unlink(Path(tmp))
        raise
    sync_folder(folder)


def remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as err:
        raise _write_error(path, err) from None
    return True


def _write_error(path: Path, err: OSError) -> CetlError:
    return CetlError(f"Cannot write {path}: {err.strerror or err}; the group folder was not changed.",
                     "Check that the shared folder is connected and writable, and run the command again.")


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
