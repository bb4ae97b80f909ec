"""cetl's export format (docs/export-format.md): everything you recorded, as versioned JSON.

`to_json(bundle, ...)` writes a Bundle as the format's data; `from_json(data)` reads data from
outside back into a Bundle, checking every field (types, lengths, dates, cross-references)
and refusing a newer format version with one line. Pure: no files, no clock.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Callable, Optional

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.record import Record

FORMAT = "cetl-export"
VERSION = 1
MAX_ROWS = 2_000_000  # rows of one kind
MAX_TEXT = 20_000_000  # characters in one answer (as `cetl reflect` accepts)
MAX_SHORT = 2_000  # characters in an id, a role, a key
MAX_NOTE = 100_000
SHOWN_PROBLEMS = 3
KINDS = ("todo_events", "todo_notes", "reflection_answers", "drafts", "experience", "exam_attempts",
         "practice_answers", "recert", "settings")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Attempt(Record):
    id: int  # the id in the file, which practice answers refer to
    seed: int
    minutes: Optional[int]
    question_ids: tuple[str, ...]
    status: str
    elapsed_seconds: float
    started_at: str
    finished_at: Optional[str]


class Bundle(Record):
    """Everything cetl stores, as plain rows (the same shape going out and coming in)."""

    todo_events: list[tuple[str, str, str]]  # item_id, action, at
    todo_notes: list[tuple[str, str, str]]  # item_id, text, at
    answers: list[tuple[str, int, str, str]]  # item_id, version, text, at
    drafts: list[tuple[str, str, str]]  # item_id, text, at
    # role, start, end, domains (codes), employer, supervisor, notes, created_at
    experience: list[tuple[str, str, Optional[str], tuple[str, ...], Optional[str], Optional[str], Optional[str], str]]
    attempts: list[Attempt]
    # question_id, skill_area, choice, correct, seconds, mode, attempt_id (the file's), at
    practice: list[tuple[str, str, Optional[str], bool, Optional[float], str, Optional[int], str]]
    recert_certified: Optional[str]
    recert: list[tuple[str, float, str, Optional[str], str]]  # category, hours, date, note, created_at
    settings: dict[str, str]


def to_json(b: Bundle, exported_at: str, cetl_version: str) -> dict[str, Any]:
    return {
        "format": FORMAT, "version": VERSION, "exported_at": exported_at, "cetl_version": cetl_version,
        "todo_events": [{"item_id": i, "action": a, "at": at} for i, a, at in b.todo_events],
        "todo_notes": [{"item_id": i, "text": t, "at": at} for i, t, at in b.todo_notes],
        "reflection_answers": [{"item_id": i, "version": v, "text": t, "at": at} for i, v, t, at in b.answers],
        "drafts": [{"item_id": i, "text": t, "at": at} for i, t, at in b.drafts],
        "experience": [{"role": r, "from": s, "to": e, "domains": list(d), "employer": emp, "supervisor": sup,
                        "notes": n, "created_at": c} for r, s, e, d, emp, sup, n, c in b.experience],
        "exam_attempts": [{"id": a.id, "seed": a.seed, "minutes": a.minutes, "question_ids": list(a.question_ids),
                           "status": a.status, "elapsed_seconds": a.elapsed_seconds, "started_at": a.started_at,
                           "finished_at": a.finished_at} for a in b.attempts],
        "practice_answers": [{"question_id": q, "skill_area": sa, "choice": ch, "correct": ok, "seconds": sec,
                              "mode": mode, "attempt_id": att, "at": at}
                             for q, sa, ch, ok, sec, mode, att, at in b.practice],
        "recert": {"certified": b.recert_certified,
                   "activities": [{"category": c, "hours": h, "date": d, "note": n, "created_at": at}
                                  for c, h, d, n, at in b.recert]},
        "settings": dict(b.settings),
    }


class _Reader:
    """Reads fields out of untrusted data, noting every problem with where it is."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def bad(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def rows(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.bad(key, "expected a list")
            return []
        if len(value) > MAX_ROWS:
            self.bad(key, f"{len(value):,} rows; at most {MAX_ROWS:,}")
            return []
        out = []
        for n, row in enumerate(value):
            if isinstance(row, dict):
                out.append((f"{key}[{n}]", row))
            else:
                self.bad(f"{key}[{n}]", "expected an object")
        return out

    def text(self, where: str, row: dict[str, Any], key: str, limit: int = MAX_SHORT,
             optional: bool = False, empty: bool = False) -> Any:
        value = row.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or (not empty and not value.strip()):
            self.bad(f"{where}.{key}", "expected text" if optional or empty else "expected non-empty text")
            return ""
        if len(value) > limit:
            self.bad(f"{where}.{key}", f"{len(value):,} characters; at most {limit:,}")
            return ""
        return value

    def moment(self, where: str, row: dict[str, Any], key: str, optional: bool = False) -> Any:
        value = self.text(where, row, key, 64, optional)
        if value:
            try:
                dt.datetime.fromisoformat(value)
            except ValueError:
                self.bad(f"{where}.{key}", f"{value[:40]!r} is not a date and time (ISO 8601)")
        return value

    def day(self, where: str, row: dict[str, Any], key: str, optional: bool = False) -> Any:
        value = self.text(where, row, key, 10, optional)
        if value:
            try:
                if not _DATE.match(value):
                    raise ValueError
                dt.date.fromisoformat(value)
            except ValueError:
                self.bad(f"{where}.{key}", f"{value!r} is not a date (YYYY-MM-DD)")
        return value

    def number(self, where: str, row: dict[str, Any], key: str, kind: Callable[[Any], Any], low: float,
               high: float, optional: bool = False) -> Any:
        value: Any = row.get(key)
        if value is None and optional:
            return None
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if kind is int:
            ok = ok and isinstance(value, int)
        if not ok or not math.isfinite(value) or not low <= value <= high:
            self.bad(f"{where}.{key}", f"expected a number from {low:g} to {high:g}")
            return kind(low)
        return kind(value)

    def choice(self, where: str, row: dict[str, Any], key: str, allowed: tuple[Optional[str], ...]) -> Any:
        value = row.get(key)
        if value not in allowed:
            shown = ", ".join("null" if a is None else a for a in allowed)
            self.bad(f"{where}.{key}", f"expected one of {shown}")
            return allowed[0]
        return value

    def flag(self, where: str, row: dict[str, Any], key: str) -> bool:
        value = row.get(key)
        if not isinstance(value, bool):
            self.bad(f"{where}.{key}", "expected true or false")
            return False
        return value

    def codes(self, where: str, row: dict[str, Any], key: str) -> tuple[str, ...]:
        value = row.get(key)
        if not isinstance(value, list) or len(value) > 1000 or not all(
                isinstance(c, str) and 0 < len(c) <= 80 for c in value):
            self.bad(f"{where}.{key}", "expected a list of short texts")
            return ()
        return tuple(value)


def from_json(data: Any) -> Bundle:
    """A Bundle from outside data; UserInputError naming the first problems when it is not a
    cetl export this cetl can read."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserInputError("This is not a cetl export (no \"format\": \"cetl-export\" at the top).",
                             "Make one with: cetl export json --out FILE")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise UserInputError("This cetl export has no valid format version.",
                             "Make a new one with: cetl export json --out FILE")
    if version > VERSION:
        raise UserInputError(f"This export was written by a newer cetl (format version {version}; this cetl "
                             f"reads up to {VERSION}), so nothing was imported.", "Upgrade cetl (pipx upgrade cetl).")
    r = _Reader()
    unknown = sorted(set(data) - {"format", "version", "exported_at", "cetl_version", *KINDS})
    if unknown:
        r.bad(unknown[0][:40], "unknown field")
    b = _read(r, data)
    if r.problems:
        more = len(r.problems) - SHOWN_PROBLEMS
        listed = "; ".join(r.problems[:SHOWN_PROBLEMS]) + (f" (and {more} more)" if more > 0 else "")
        raise UserInputError(f"The export has problems, so nothing was imported: {listed}.")
    return b


def _read(r: _Reader, data: dict[str, Any]) -> Bundle:
    events = [(r.text(w, x, "item_id"), r.choice(w, x, "action", ("done", "undone")), r.moment(w, x, "at"))
              for w, x in r.rows(data, "todo_events")]
    notes = [(r.text(w, x, "item_id"), r.text(w, x, "text", MAX_NOTE), r.moment(w, x, "at"))
             for w, x in r.rows(data, "todo_notes")]
    answers = [(r.text(w, x, "item_id"), r.number(w, x, "version", int, 1, 10**9), r.text(w, x, "text", MAX_TEXT),
                r.moment(w, x, "at")) for w, x in r.rows(data, "reflection_answers")]
    drafts = [(r.text(w, x, "item_id"), r.text(w, x, "text", MAX_TEXT), r.moment(w, x, "at"))
              for w, x in r.rows(data, "drafts")]
    experience = [(r.text(w, x, "role"), r.day(w, x, "from"), r.day(w, x, "to", optional=True), r.codes(w, x, "domains"),
                   r.text(w, x, "employer", optional=True, empty=True),
                   r.text(w, x, "supervisor", optional=True, empty=True),
                   r.text(w, x, "notes", MAX_NOTE, optional=True, empty=True), r.moment(w, x, "created_at"))
                  for w, x in r.rows(data, "experience")]
    attempts = [Attempt(r.number(w, x, "id", int, 1, 2**62), r.number(w, x, "seed", int, 0, 2**63 - 1),
                        r.number(w, x, "minutes", int, 1, 10_000, optional=True), r.codes(w, x, "question_ids"),
                        r.choice(w, x, "status", ("in_progress", "finished", "abandoned")),
                        r.number(w, x, "elapsed_seconds", float, 0, 10**9), r.moment(w, x, "started_at"),
                        r.moment(w, x, "finished_at", optional=True))
                for w, x in r.rows(data, "exam_attempts")]
    ids = [a.id for a in attempts]
    if len(set(ids)) != len(ids):
        r.bad("exam_attempts", "two attempts have the same id")
    practice = []
    for w, x in r.rows(data, "practice_answers"):
        attempt = r.number(w, x, "attempt_id", int, 1, 2**62, optional=True)
        if attempt is not None and attempt not in ids:
            r.bad(f"{w}.attempt_id", f"no exam attempt with id {attempt} in the file")
        practice.append((r.text(w, x, "question_id"), r.text(w, x, "skill_area"),
                         r.choice(w, x, "choice", ("A", "B", "C", "D", None)), r.flag(w, x, "correct"),
                         r.number(w, x, "seconds", float, 0, 10**7, optional=True),
                         r.choice(w, x, "mode", ("quiz", "exam")), attempt, r.moment(w, x, "at")))
    recert = data.get("recert", {})
    certified: Optional[str] = None
    activities = []
    if not isinstance(recert, dict):
        r.bad("recert", "expected an object")
    else:
        certified = r.day("recert", recert, "certified", optional=True)
        activities = [(r.text(w, x, "category", 80), r.number(w, x, "hours", float, 0.01, 1000), r.day(w, x, "date"),
                       r.text(w, x, "note", MAX_NOTE, optional=True, empty=True), r.moment(w, x, "created_at"))
                      for w, x in r.rows(recert, "activities")]
    settings = data.get("settings", {})
    if not isinstance(settings, dict) or len(settings) > 1000 or not all(
            isinstance(k, str) and isinstance(v, str) and len(k) <= 200 and len(v) <= MAX_NOTE
            for k, v in settings.items()):
        r.bad("settings", "expected an object of short texts")
        settings = {}
    return Bundle(events, notes, answers, drafts, experience, attempts, practice, certified, activities, settings)
