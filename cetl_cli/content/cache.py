"""Checked content kept between runs, so that most commands skip YAML and validation.

Reading and validating the curriculum's YAML files is most of the work a short command does, and
the files rarely change. So a checked result (the curriculum, the question bank, the rules) is
saved as JSON data in cetl's cache folder and reused while nothing it depends on has changed.
The key is a hash of:

- the folder, and every file under it (path, size, modification time in ns), so an edited,
  added, removed or renamed file means the folder is read and validated again;
- cetl's version and the code of its content and domain layers, and pydantic's version, so a
  new cetl never reads an old cache.

The cache holds data, never code: no pickle. A file's first line is its key, compared before
anything else in it is read; the rest is JSON, turned back into records by `decode`. Anything
that does not fit (a damaged file, another key, the wrong shape) is a miss, and is rewritten.
Files and folders are owner-only, written atomically under unpredictable names, and a cache
folder that someone else owns or that others may write is not used at all (read or written):
a study group puts cetl next to shared folders.

Files changed in the last few seconds are not cached yet: a file written twice within one tick
of the file-system clock can keep both its size and its timestamp, so only settled timestamps
are trusted. The cache lives in `$CETL_HOME/cache` when CETL_HOME is set, else in the platform's
user cache folder (`~/.cache/cetl` on Linux). Deleting it is always safe. `cetl curriculum
validate` never uses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

if TYPE_CHECKING:
    from cetl_cli.domain.models import Curriculum

FORMAT = 3
T = TypeVar("T")
SETTLE_NS = 2_000_000_000  # files changed less than 2 s ago are not cached yet
MAX_CACHE = 64_000_000  # bytes in one cache file
PACKAGE = Path(__file__).resolve().parent.parent
CODE_DIRS = (PACKAGE / "domain", PACKAGE / "content")


def cache_dir() -> Path:
    """$CETL_HOME/cache, else the platform's user cache folder."""
    override = os.environ.get("CETL_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("cetl", appauthor=False))


def _files(root: Path, depth: int = 3) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime_ns) of every file under `root`, in a stable order.

    Looks `depth` folders deep (the loader reads `modules/*.yaml` and the like, one level down);
    hidden folders (.git, .venv) and __pycache__ are skipped: the loader never reads them.
    """
    out: list[tuple[str, int, int]] = []
    stack = [(root, "", depth)]
    while stack:
        folder, prefix, left = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir():
                    if left > 1 and not entry.name.startswith(".") and entry.name != "__pycache__":
                        stack.append((Path(entry.path), rel + "/", left - 1))
                    continue
                try:
                    st = entry.stat()  # follows symbolic links, like the loader
                except OSError:
                    st = entry.stat(follow_symlinks=False)  # a dangling link: the loader reports it
                out.append((rel, st.st_size, st.st_mtime_ns))
    out.sort()
    return out


def cache_key(root: Path, name: str = "curriculum") -> tuple[str, int]:
    """(hash of everything a cached result depends on, newest file time). Raises OSError when the
    folder cannot be read."""
    from pydantic.version import VERSION as pydantic_version

    from cetl_cli import __version__

    code = [f for d in CODE_DIRS for f in _files(d) if f[0].endswith(".py")]
    files = _files(root)
    raw = repr((FORMAT, name, __version__, sys.version_info[:2], pydantic_version, code,
                str(root.resolve()), files))
    newest = max((f[2] for f in files), default=0)
    return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest(), newest


def cache_file(root: Path, name: str = "curriculum") -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir() / f"{name}-{digest}.json"


def usable_folder(folder: Path) -> bool:
    """Whether `folder` is ours alone: owned by this user, and no one else may write to it."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: the profile folder is private
        return True
    try:
        info = os.stat(folder, follow_symlinks=False)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _same(value: Any) -> Any:
    return value


def cached(root: Path, name: str, build: Callable[[], T], encode: Callable[[T], Any] = _same,
           decode: Callable[[Any], T] = _same) -> T:
    """`build()`, or its result from the last run while no file under `root` has changed.

    `build` reads and checks files under `root` and raises on any problem (nothing is cached
    then). `encode` turns its result into JSON-ready data and `decode` reads that back. `name`
    tells apart several results kept for one folder.
    """
    started = time.time_ns()
    try:
        key: Optional[tuple[str, int]] = cache_key(root, name)
    except OSError:
        key = None  # no such folder, or unreadable: `build` reports it properly
    path = cache_file(root, name)
    if key is not None:
        data = _read(path, key[0])
        if data is not None:
            try:
                return decode(data)
            except (TypeError, KeyError, ValueError, AttributeError, IndexError):
                pass  # the wrong shape: rebuild
    result = build()
    if key is not None and key[1] < started - SETTLE_NS:
        _write(path, key[0], encode(result))
    return result


def load(directory: Path | str | None = None) -> Curriculum:
    """The curriculum in `directory` (default: the shipped one), from the cache when it is current.

    Raises CurriculumError exactly like `load_curriculum`, which does the work on a miss.
    """
    from cetl_cli.content import default_curriculum_dir
    from cetl_cli.domain.models import Curriculum

    def build() -> Curriculum:
        from cetl_cli.content import loader

        return loader.load_curriculum(root)

    root = Path(directory) if directory is not None else default_curriculum_dir()
    curriculum = cached(root, "curriculum", build,
                        Curriculum.to_data, Curriculum.from_data)
    curriculum.source_dir = root  # as the user spelled it this time
    return curriculum


def _read(path: Path, key: str) -> Any:
    """The data in the cache file when its first line is `key`; None otherwise."""
    if not usable_folder(path.parent):
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE:
                return None
            if hasattr(os, "geteuid") and (info.st_uid != os.geteuid()
                                           or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
                return None
            if fh.readline(100).rstrip(b"\n") != key.encode():
                return None  # another key: nothing else in the file is read
            return json.loads(fh.read())
    except (OSError, ValueError):
        return None


def _private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents owner-only: with CETL_HOME the cache sits inside
    cetl's data folder, which may not exist yet and must be private like the database."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for f in reversed(missing):
        f.mkdir(mode=0o700, exist_ok=True)


def _write(path: Path, key: str, data: Any) -> None:
    """Atomically replace the cache file; any failure just leaves the cache unwritten."""
    tmp = None
    try:
        import tempfile

        payload = key.encode() + b"\n" + json.dumps(data, separators=(",", ":")).encode("utf-8")
        _private_folder(path.parent)
        if not usable_folder(path.parent):
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)  # 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
    except Exception:  # noqa: BLE001 - a read-only or full disk must not break the command
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
