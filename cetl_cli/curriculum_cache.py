"""The checked curriculum, kept between runs so that most commands skip YAML and validation.

Reading and validating the curriculum's YAML files is most of the work a short command does, and
the files rarely change. So the validated `Curriculum` is saved (pickled) in cetl's cache folder
and reused while nothing it depends on has changed. The key is:

- the curriculum folder, and every file under it (path, size, modification time in ns), so an
  edited, added, removed or renamed file means the folder is read and validated again;
- cetl's version and the files of its domain layer (the schema and the loader), and the Python
  and pydantic versions, so a new cetl never reads an old cache.

A curriculum with problems is never cached (loading raises first). A cache file that is missing,
unreadable, damaged or for another key is ignored and rewritten. Files changed in the last few
seconds are not cached yet: a file written twice within one tick of the file-system clock can
keep both its size and its timestamp, so only settled timestamps are trusted.

`cached(folder, name, build)` keeps any other result read from a folder the same way (say, rules
read from a YAML file next to the curriculum); `load` is that for the curriculum.

The cache lives in `$CETL_HOME/cache` when CETL_HOME is set, else in the platform's user cache
folder (`~/.cache/cetl` on Linux). It is private to the user (like the database), and deleting
it is always safe. `cetl curriculum validate` never uses it.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

try:  # the C pickler alone: pickle.py adds 1-2 ms of imports for its pure-Python fallback
    from _pickle import dumps, loads
except ImportError:  # pragma: no cover - not CPython
    from pickle import dumps, loads

if TYPE_CHECKING:
    from cetl_cli.domain.models import Curriculum

FORMAT = 2
T = TypeVar("T")
_MISS = object()
SETTLE_NS = 2_000_000_000  # files changed less than 2 s ago are not cached yet
DOMAIN_DIR = Path(__file__).resolve().parent / "domain"


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
                st = entry.stat()  # follows symbolic links, like the loader
                out.append((rel, st.st_size, st.st_mtime_ns))
    out.sort()
    return out


def cache_key(root: Path, name: str = "curriculum") -> tuple:
    """Everything a cached result depends on. Raises OSError when the folder cannot be read."""
    from pydantic.version import VERSION as pydantic_version

    from cetl_cli import __version__

    code = [f for f in _files(DOMAIN_DIR) if f[0].endswith(".py")]
    return (FORMAT, name, __version__, sys.version, pydantic_version, tuple(code),
            str(root.resolve()), tuple(_files(root)))


def cache_file(root: Path, name: str = "curriculum") -> Path:
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return cache_dir() / f"{name}-{digest}.pickle"


def cached(root: Path, name: str, build: Callable[[], T]) -> T:
    """`build()`, or its result from the last run while no file under `root` has changed.

    `build` reads and checks files under `root` and raises on any problem (nothing is cached
    then). Its result must pickle. `name` tells apart several results kept for one folder.
    """
    started = time.time_ns()
    try:
        key = cache_key(root, name)
    except OSError:
        key = None  # no such folder, or unreadable: `build` reports it properly
    if key is not None:
        hit = _read(cache_file(root, name), key)
        if hit is not _MISS:
            return hit
    result = build()
    if key is not None and _settled(key, started):
        _write(cache_file(root, name), key, result)
    return result


def load(directory: Path | str | None = None) -> "Curriculum":
    """The curriculum in `directory` (default: the shipped one), from the cache when it is current.

    Raises CurriculumError exactly like `load_curriculum`, which does the work on a miss.
    """
    from cetl_cli.domain import loader

    root = Path(directory) if directory is not None else loader.default_curriculum_dir()
    curriculum = cached(root, "curriculum", lambda: loader.load_curriculum(root))
    curriculum.source_dir = root  # as the user spelled it this time
    return curriculum


def _settled(key: tuple, read_at: int) -> bool:
    """Whether every file was last changed well before it was read: a later change then cannot
    share its timestamp, so the key will see it."""
    newest = max((f[2] for f in key[-1]), default=0)
    return newest < read_at - SETTLE_NS


def _read(path: Path, key: tuple) -> object:
    try:
        data = path.read_bytes()
    except OSError:
        return _MISS
    try:
        # Unpickling runs code named in the file; the file is in the user's own private cache
        # folder, written by cetl, so it is as trusted as cetl's own database.
        fmt, stored_key, result = loads(data)
    except Exception:  # noqa: BLE001 - a damaged cache is just a miss
        return _MISS
    if fmt != FORMAT or stored_key != key:
        return _MISS
    return result


def _private_folder(folder: Path) -> None:
    """Create `folder` and any missing parents owner-only: with CETL_HOME the cache sits inside
    cetl's data folder, which may not exist yet and must be private like the database."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for f in reversed(missing):
        f.mkdir(mode=0o700, exist_ok=True)


def _write(path: Path, key: tuple, result: object) -> None:
    """Atomically replace the cache file; any failure just leaves the cache unwritten."""
    tmp = None
    try:
        import tempfile

        data = dumps((FORMAT, key, result), protocol=5)
        _private_folder(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)  # 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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
