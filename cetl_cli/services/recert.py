"""Recertification: the cycle's start, continuing-education activities, and the hours they add up to."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from cetl_cli.domain import experience as ex
from cetl_cli.domain import recert as rc
from cetl_cli.domain.errors import NotFoundError, UserInputError, shorten
from cetl_cli.domain.record import Record
from cetl_cli.services.experience import parse_id
from cetl_cli.services.session import Session
from cetl_cli.store.recert import CERTIFIED_KEY
from cetl_cli.store.rows import RecertActivity

HOURS = re.compile(r"^\d{1,4}(\.\d{1,2})?$|^\.\d{1,2}$", re.ASCII)
MAX_HOURS = 1000.0
MAX_NOTE = 2_000


class Status(Record):
    rules: rc.RecertRules
    cycle: Optional[rc.Cycle]  # None until `cetl recert start`
    activities: list[RecertActivity]
    today: dt.date


def certified(s: Session) -> Optional[dt.date]:
    value = s.store.get_setting(CERTIFIED_KEY)
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def status(s: Session) -> Status:
    rules = s.recert_rules()
    today = s.clock.today()
    rows = s.store.recert_activities()
    start = certified(s)
    cycle = None
    if start is not None:
        acts = [rc.Activity(r.id, r.category, r.hours, dt.date.fromisoformat(r.date)) for r in rows
                if ex.DATE_FORM.match(r.date)]
        cycle = rc.summarize(rules, start, acts, today)
    return Status(rules, cycle, rows, today)


def start(s: Session, day: str) -> Status:
    when = ex.parse_date(day, "--certified", s.clock.today())
    s.store.set_setting(CERTIFIED_KEY, when.isoformat())
    return status(s)


def find_category(rules: rc.RecertRules, text: str) -> rc.Category:
    """A category by id, by a prefix of its id, or by its name (any case)."""
    value = " ".join(text.strip().lower().split())
    for c in rules.categories:
        if value in (c.id, c.name.lower()):
            return c
    matches = [c for c in rules.categories if value and c.id.startswith(value)]
    if len(matches) == 1:
        return matches[0]
    ids = ", ".join(c.id for c in rules.categories)
    raise UserInputError(f"Unknown category {shorten(text)!r}; the categories are {ids}.",
                         "See what each counts for with: cetl recert")


def parse_hours(text: str) -> float:
    value = text.strip()
    if not HOURS.match(value):
        raise UserInputError(f"--hours {shorten(text)!r} is not a number of hours; write e.g. 2 or 1.5.")
    hours = float(value)
    if not 0 < hours <= MAX_HOURS:
        raise UserInputError(f"--hours must be more than 0 and at most {MAX_HOURS:g}.")
    return hours


class Added(Record):
    id: int
    category: rc.Category
    hours: float
    date: dt.date
    counted: bool  # inside the current cycle
    status: Status


def add(s: Session, category: str, hours: str, day: Optional[str], note: Optional[str]) -> Added:
    rules = s.recert_rules()
    today = s.clock.today()
    cat = find_category(rules, category)
    amount = parse_hours(hours)
    when = ex.parse_date(day, "--date", today) if day is not None else today
    text = " ".join((note or "").split()) or None
    if text and len(text) > MAX_NOTE:
        raise UserInputError(f"--note is {len(text):,} characters long; keep it under {MAX_NOTE:,}.")
    activity_id = s.store.add_recert(cat.id, amount, when.isoformat(), text)
    start_day = certified(s)
    inside = start_day is not None and rc.in_cycle(rules, start_day, when)
    return Added(activity_id, cat, amount, when, inside, status(s))


def remove(s: Session, activity: str) -> int:
    activity_id = parse_id(activity, "See them with: cetl recert")
    if not s.store.remove_recert(activity_id):
        raise NotFoundError(f"No recertification activity #{activity_id}.", "See the ids with: cetl recert")
    return activity_id
