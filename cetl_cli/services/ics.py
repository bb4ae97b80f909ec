"""`cetl plan ics`: the study plan as an iCalendar file, for any calendar program.

All-day events: one per plan week with work in it (its goal), one per mock exam (the first study
day of the week that holds it), the application window, and the exam day. Each event's UID is
made of what it is ("week-3", "mock-1", "application", "exam") and a random id kept in the
store the first time you export, so importing a later export updates the same events instead of
adding copies. The file is written atomically (a temporary file in the same folder, then a
rename) and an existing file is replaced only when asked (`force`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Optional

from cetl_cli.domain import plan as pl
from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.record import Record
from cetl_cli.services.plan import PlanReport, current
from cetl_cli.services.session import Session

DEFAULT_FILE = "cetl-plan.ics"
CALENDAR_KEY = "calendar"  # {"id": random hex}: the stable part of every UID
DAY = dt.timedelta(days=1)
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # all but newline


def _plain(text: str) -> str:
    """Curriculum text as calendar text: control and bidirectional-override characters dropped
    (iCalendar's own escaping of commas, semicolons and newlines is icalendar's job)."""
    return CONTROL.sub("", text)


class CalendarEvent(Record):
    key: str  # what the event is: week-1, mock-1, application, exam
    summary: str
    start: dt.date
    end: dt.date  # exclusive, as iCalendar's DTEND for all-day events
    description: str


class Exported(Record):
    path: Path
    events: list[CalendarEvent]
    replaced: bool


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}".rstrip("0").rstrip(".") + " h"


def _item_text(r: PlanReport, item: pl.WorkItem) -> str:
    cur = r.curriculum
    if item.kind == "module":
        module = next(m for m in cur.modules if m.number == item.module)
        return f"Module {module.number}: {module.title} ({_hours(item.minutes)})"
    if item.kind == "review":
        name = cur.areas[item.area].name if item.area in cur.areas else item.area
        return f"Review {item.area} {name} ({_hours(item.minutes)}): cetl quiz --area {item.area}"
    if item.kind == "mock":
        return f"Mock exam {item.mock} and going over it ({_hours(item.minutes)}): cetl exam"
    return f"Spare time ({_hours(item.minutes)})"


def events(r: PlanReport) -> list[CalendarEvent]:
    """The events of the plan, in date order (pure: the same plan gives the same events)."""
    out: list[CalendarEvent] = []
    weeks = r.plan.weeks
    n = len(weeks)
    for w in weeks:
        work = [i for i in w.items if i.kind != "buffer"]
        if not work:
            continue
        goals = [i for i in work if i.kind == "module"] or [i for i in work if i.kind == "mock"] or work
        first = _item_text(r, goals[0]).split(" (")[0]
        more = f" and {len(work) - 1} more" if len(work) > 1 else ""
        kind = "final week" if w.final else "study week"
        out.append(CalendarEvent(
            f"week-{w.index + 1}", f"CETL {kind} {w.index + 1} of {n}: {first}{more}", w.start, w.end + DAY,
            f"This week's plan ({_hours(w.work_minutes)} of {_hours(w.minutes_available)}):\n"
            + "\n".join(f"- {_item_text(r, i)}" for i in work)))
    placed: dict[int, dt.date] = {}
    for w in weeks:
        for i in w.items:
            if i.kind == "mock" and i.mock is not None and i.mock not in placed:
                days = [w.start + k * DAY for k in range((w.end - w.start).days + 1)]
                placed[i.mock] = next((d for d in days if d not in r.plan.skip_dates), w.start)
    for number, day in sorted(placed.items()):
        out.append(CalendarEvent(f"mock-{number}", f"CETL mock exam {number} (cetl exam)", day, day + DAY,
                                 "A full 100-question mock exam, then go over every answer you got wrong: "
                                 "cetl exam, then cetl quiz --missed."))
    p, rule = r.plan, r.application
    if p.apply_by >= p.apply_from:
        out.append(CalendarEvent(
            "application", "Apply for the CETL exam", p.apply_from, p.apply_by + DAY,
            f"CoSN gives approved candidates {rule.window_days} days to sit the exam (as of "
            f"{rule.as_of.isoformat()}, {rule.source}), so an application made from "
            f"{p.apply_from.isoformat()} on still covers your exam date. Apply by {p.apply_by.isoformat()}: "
            f"cetl's suggestion, {r.margin_days} days before the exam for approval and booking (not a "
            "CoSN figure). Confirm the current rules with CoSN: cetl check-eligibility."))
    out.append(CalendarEvent("exam", "CETL exam day", r.exam_date, r.exam_date + DAY,
                             "Your CETL exam date, as set with cetl plan set. Good luck."))
    return sorted(out, key=lambda e: (e.start, e.key))


def calendar_id(s: Session) -> str:
    value = s.store.get_json(CALENDAR_KEY).get("id")
    if isinstance(value, str) and value.isalnum() and 8 <= len(value) <= 64:
        return value
    import secrets

    value = secrets.token_hex(8)
    s.store.set_json(CALENDAR_KEY, {"id": value})
    return value


def to_ics(evs: list[CalendarEvent], uid: str, now: dt.datetime) -> bytes:
    from icalendar import Calendar, Event

    stamp = now.astimezone(dt.timezone.utc)
    cal = Calendar.new(prodid="-//cetl//CETL study plan//EN", name="CETL study plan", uid=f"plan-{uid}@cetl",
                       subcomponents=[Event.new(uid=f"{e.key}-{uid}@cetl", stamp=stamp, start=e.start, end=e.end,
                                                summary=_plain(e.summary), description=_plain(e.description),
                                                transparency="TRANSPARENT")
                                      for e in evs])
    data: bytes = cal.to_ical()
    return data


def _target(out: Optional[str]) -> Path:
    path = Path(out or DEFAULT_FILE).expanduser()
    if path.is_dir():
        raise UserInputError(f"{path} is a folder.", f"Name a file: cetl plan ics --out {path / DEFAULT_FILE}")
    if not path.parent.is_dir():
        raise UserInputError(f"The folder {path.parent} does not exist.", "Create it, or name another file with --out.")
    return path


def write_atomically(path: Path, data: bytes, force: bool) -> bool:
    """Write `data` to `path` through a temporary file in the same folder; returns whether a
    file was replaced. Without `force` an existing file is never touched (UserInputError)."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        if force:
            replaced = path.exists()
            os.replace(tmp, path)
            return replaced
        try:
            os.link(tmp, path)  # fails if the file exists, even one made a moment ago
        except FileExistsError:
            raise UserInputError(f"{path} exists already; cetl did not change it.",
                                 f"Replace it with cetl plan ics --out {path} --force, or name another file.") from None
        except OSError:  # no hard links here (some network or FAT folders)
            if path.exists():
                raise UserInputError(f"{path} exists already; cetl did not change it.",
                                     f"Replace it with cetl plan ics --out {path} --force.") from None
            os.replace(tmp, path)
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def export(s: Session, out: Optional[str] = None, force: bool = False) -> Exported:
    report = current(s)
    path = _target(out)
    evs = events(report)
    replaced = write_atomically(path, to_ics(evs, calendar_id(s), s.clock.now()), force)
    return Exported(path, evs, replaced)

