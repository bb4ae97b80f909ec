"""`cetl export json|csv` and `cetl import`: your record out of cetl and back in.

The JSON format is documented in docs/export-format.md and checked by domain/transfer.py. A
file to import comes from outside: it is read up to MAX_IMPORT bytes, parsed as JSON (nothing
else), checked field by field, and merged in one transaction, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Optional

from cetl_cli import __version__
from cetl_cli.domain import transfer as tf
from cetl_cli.domain.errors import UsageError, UserInputError, shorten
from cetl_cli.domain.record import Record
from cetl_cli.services import exam
from cetl_cli.services.session import Session

MAX_IMPORT = 256 * 1024 * 1024  # bytes
CSV_KINDS = ("answers", "todos", "notes", "practice", "exams", "experience", "recert")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def export_json(s: Session) -> bytes:
    from cetl_cli.store.db import now

    data = tf.to_json(s.store.bundle(), now(), __version__)
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


class Imported(Record):
    path: Path
    added: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.added.values())


def read_export(path: Path) -> tf.Bundle:
    """The Bundle in the file at `path`; UserInputError with one line when it cannot be read."""
    shown = shorten(str(path), 200)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_IMPORT + 1)
    except IsADirectoryError:
        raise UserInputError(f"{shown} is a folder, not a cetl export.", "Example: cetl import cetl-export.json") from None
    except OSError as err:
        raise UserInputError(f"Cannot read {shown}: {err.strerror or err}.") from None
    if len(raw) > MAX_IMPORT:
        raise UserInputError(f"{shown} is larger than {MAX_IMPORT // 2**20} MiB, too large for a cetl export; "
                             "nothing was imported.")
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        detail = str(err).split("\n")[0][:120]
        raise UserInputError(f"{shown} is not JSON cetl can read ({detail}); nothing was imported.",
                             "Make an export with: cetl export json --out FILE") from None
    try:
        return tf.from_json(data)
    except UserInputError as err:
        raise UserInputError(f"{shown}: {err.message}", err.hint) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def import_file(s: Session, path: Path) -> Imported:
    bundle = read_export(Path(path).expanduser())
    return Imported(Path(path), s.store.import_bundle(bundle))


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (text starting with = + - @ gets a ')."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def export_csv(s: Session, kind: str) -> bytes:
    if kind not in CSV_KINDS:
        raise UsageError(f"{shorten(kind)!r} is not a kind cetl exports as CSV; choose one of {', '.join(CSV_KINDS)}.",
                         "Example: cetl export csv answers --out answers.csv")
    header, rows = _table(s, kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_safe(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")  # the BOM tells spreadsheets it is UTF-8


def _ref(s: Session, item_id: str) -> tuple[str, Optional[int]]:
    item = s.curriculum.items.get(item_id)
    return (item.ref, item.module.number) if item else ("", None)


def _table(s: Session, kind: str) -> tuple[list[str], list[list[Any]]]:
    store = s.store
    if kind == "answers":
        latest: dict[str, int] = {}
        answers = store.all_answers()
        for a in answers:
            latest[a.item_id] = max(latest.get(a.item_id, 0), a.version)
        out = []
        for a in answers:
            ref, module = _ref(s, a.item_id)
            item = s.curriculum.items.get(a.item_id)
            out.append([ref, module, a.item_id, item.text if item else "", a.version, a.version == latest[a.item_id],
                        a.at, a.text])
        return ["ref", "module", "id", "question", "version", "latest", "saved_at", "answer"], out
    if kind == "todos":
        done = store.done_todos()
        done_at: dict[str, str] = {}
        for e in store.todo_events():
            if e.action == "done":
                done_at[e.item_id] = e.at
        notes = store.todo_notes()
        rows = [[i.ref, m.number, i.id, i.text, i.id in done, done_at.get(i.id, "") if i.id in done else "",
                 len(notes.get(i.id, []))] for m in s.curriculum.modules for i in s.curriculum.todos(m)]
        return ["ref", "module", "id", "todo", "done", "done_at", "notes"], rows
    if kind == "notes":
        rows = [[*_ref(s, item_id), item_id, n.at, n.text] for item_id, ns in store.todo_notes().items() for n in ns]
        return ["ref", "module", "id", "noted_at", "note"], rows
    if kind == "practice":
        rows = [[p.at, p.question_id, p.skill_area, p.choice, p.correct, p.seconds, p.mode, p.attempt_id]
                for p in store.practice_answers()]
        return ["answered_at", "question_id", "skill_area", "choice", "correct", "seconds", "mode", "exam_id"], rows
    if kind == "exams":
        rows = [[h.attempt.id, h.attempt.status, h.attempt.started_at, h.attempt.finished_at, h.questions, h.answered,
                 h.right, h.percent, round(h.attempt.elapsed_seconds)] for h in exam.history(s)]
        return ["id", "status", "started_at", "finished_at", "questions", "answered", "right", "percent",
                "seconds"], rows
    if kind == "experience":
        rows = [[e.id, e.role, e.start, e.end, ",".join(e.domains), e.employer, e.supervisor, e.notes]
                for e in store.experience()]
        return ["id", "role", "from", "to", "domains", "employer", "supervisor", "notes"], rows
    rows = [[a.id, a.category, a.hours, a.date, a.note] for a in store.recert_activities()]
    return ["id", "category", "hours", "date", "note"], rows
