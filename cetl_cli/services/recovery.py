"""Recovery files: answers that could not be stored yet, kept in cetl's data folder.

When the database cannot take an answer (a full disk, a read-only file, a lock held too long),
or cetl is stopped while an editor is open, the text is written here, owner-only and atomically,
and `cetl reflect` offers it the next time. The editor also works on a file in this folder, so a
killed cetl leaves its answer where the next run looks.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

from cetl_cli.domain.record import Record

SAFE = re.compile(r"[^a-z0-9-]")
MAX_RECOVERED = 2_000_000  # bytes read back from one file


class Recovered(Record):
    path: Path
    text: str
    mtime: float


def folder() -> Path:
    from cetl_cli.store import data_dir

    return data_dir() / "recovery"


def _prefix(item_id: str) -> str:
    return f"reflection-{SAFE.sub('_', item_id)}-"


def _ensure() -> Path:
    f = folder()
    f.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f


def editor_file(item_id: str, text: str) -> Path:
    """A new file for the editor, in the recovery folder (so a killed run leaves it to be found)."""
    fd, name = tempfile.mkstemp(prefix=_prefix(item_id), suffix=".md", dir=_ensure())
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return Path(name)


def keep(item_id: str, text: str) -> Path:
    """Write `text` to a new recovery file for `item_id` (atomically); returns its path."""
    from cetl_cli.services.editor_text import recovery_text

    f = _ensure()
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=f)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(recovery_text(text))
        fh.flush()
        os.fsync(fh.fileno())
    path = f / f"{_prefix(item_id)}{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.md"
    os.replace(tmp, path)
    return path


def find(item_id: str) -> list[Recovered]:
    """Recovery files for `item_id` that hold an answer, oldest first."""
    from cetl_cli.services.editor_text import answer_from_file_text

    f = folder()
    if not f.is_dir():
        return []
    out = []
    for path in f.glob(_prefix(item_id) + "*.md"):
        try:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_RECOVERED)
            text = answer_from_file_text(raw.decode("utf-8", "replace"))
            mtime = path.stat().st_mtime
        except OSError:
            continue
        if text:
            out.append(Recovered(path, text, mtime))
        else:
            _unlink(path)  # an empty editor file: nothing to recover
    return sorted(out, key=lambda r: r.mtime)


def clear(item_id: str) -> None:
    f = folder()
    if f.is_dir():
        for path in f.glob(_prefix(item_id) + "*.md"):
            _unlink(path)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
