"""The experience log: add, list, edit and remove roles, and what they add up to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from cetl_cli.domain import experience as ex
from cetl_cli.domain.errors import NotFoundError, UserInputError, shorten
from cetl_cli.domain.rules import Rules
from cetl_cli.services.session import Session
from cetl_cli.store.rows import Experience

MAX_ROLE = 200
MAX_NAME = 200  # employer, supervisor
MAX_NOTES = 2_000


def periods(s: Session, today: dt.date) -> list[ex.Period]:
    out = []
    for r in s.store.experience():
        try:
            start = dt.date.fromisoformat(r.start)
            end = dt.date.fromisoformat(r.end) if r.end else None
        except ValueError:
            continue  # a row cetl would not write today; it cannot be counted
        out.append(ex.Period(start=start, end=end, domains=frozenset(r.domains), label=r.role))
    return out


@dataclass(frozen=True)
class Summary:
    rules: Rules
    entries: list[Experience]
    experience: ex.Experience
    domains: frozenset[str]

    @property
    def missing_domains(self) -> list[str]:
        return [c for c in self.rules.domain_codes if c not in self.domains]


def summary(s: Session) -> Summary:
    today = s.clock.today()
    ps = periods(s, today)
    return Summary(s.rules(), s.store.experience(), ex.experience_from_log(ps, today), ex.log_domains(ps))


def _role(role: str) -> str:
    name = " ".join(role.split())
    if not name:
        raise UserInputError("--role is empty; name the role, e.g. --role \"Director of Technology\".")
    if len(name) > MAX_ROLE:
        raise UserInputError(f"--role is {len(name)} characters long; keep it under {MAX_ROLE}.")
    return name


def _detail(value: Optional[str], flag: str, limit: int) -> Optional[str]:
    """An optional detail as typed (spaces tidied; notes keep their lines); "" clears it."""
    if value is None:
        return None
    text = "\n".join(" ".join(line.split()) for line in value.strip().splitlines()).strip()
    if len(text) > limit:
        raise UserInputError(f"{flag} is {len(text):,} characters long; keep it under {limit:,}.")
    return text


def _codes(s: Session, domains: str) -> list[str]:
    codes = s.rules().domain_codes
    covered = ex.parse_domains(domains, codes)
    return [c for c in codes if c in covered]


def add(s: Session, role: str, start: str, end: Optional[str], domains: str, employer: Optional[str] = None,
        supervisor: Optional[str] = None, notes: Optional[str] = None
        ) -> tuple[int, str, dt.date, Optional[dt.date], list[str]]:
    today = s.clock.today()
    name = _role(role)
    first = ex.parse_date(start, "--from", today)
    last = ex.parse_date(end, "--to", today) if end is not None else None
    if last is not None and last < first:
        raise UserInputError(f"--to {last.isoformat()} is before --from {first.isoformat()}.")
    codes = _codes(s, domains)
    entry_id = s.store.add_experience(name, first.isoformat(), last.isoformat() if last else None, codes,
                                      _detail(employer, "--employer", MAX_NAME) or None,
                                      _detail(supervisor, "--supervisor", MAX_NAME) or None,
                                      _detail(notes, "--notes", MAX_NOTES) or None)
    return entry_id, name, first, last, codes


def edit(s: Session, entry: str, *, role: Optional[str] = None, start: Optional[str] = None,
         end: Optional[str] = None, domains: Optional[str] = None, employer: Optional[str] = None,
         supervisor: Optional[str] = None, notes: Optional[str] = None) -> tuple[Experience, list[str]]:
    """Change the given fields of an entry (`end` "now": a role you still hold; "" clears a
    detail). Returns the entry as it is now and the fields that changed."""
    entry_id = parse_id(entry)
    old = s.store.experience_entry(entry_id)
    if old is None:
        raise NotFoundError(f"No experience entry #{entry_id}.", "See the ids with: cetl experience list")
    today = s.clock.today()
    changes: dict[str, object] = {}
    if role is not None:
        changes["role"] = _role(role)
    first = ex.parse_date(start, "--from", today) if start is not None else dt.date.fromisoformat(old.start)
    if start is not None:
        changes["start"] = first.isoformat()
    if end is not None:
        last = None if end.strip().lower() in ("now", "current", "") else ex.parse_date(end, "--to", today)
        changes["end"] = last.isoformat() if last else None
    last_text = changes.get("end", old.end)
    if isinstance(last_text, str) and dt.date.fromisoformat(last_text) < first:
        raise UserInputError(f"The last day {last_text} would be before the first day {first.isoformat()}.")
    if domains is not None:
        changes["domains"] = _codes(s, domains)
    for key, value, flag, limit in (("employer", employer, "--employer", MAX_NAME),
                                    ("supervisor", supervisor, "--supervisor", MAX_NAME),
                                    ("notes", notes, "--notes", MAX_NOTES)):
        if value is not None:
            changes[key] = _detail(value, flag, limit) or None
    if not changes:
        raise UserInputError(f"Nothing to change for #{entry_id}: give at least one of --role, --from, --to, "
                             "--domains, --employer, --supervisor, --notes.",
                             f"Example: cetl experience edit {entry_id} --supervisor \"Dr. A. Rivera\"")
    before = old.as_dict()
    s.store.update_experience(entry_id, changes)
    new = s.store.experience_entry(entry_id)
    assert new is not None
    after = new.as_dict()
    names = {"start": "from", "end": "to"}
    return new, [names.get(k, k) for k in changes if before.get(k) != after.get(k)]


def parse_id(text: str, hint: str = "See them with: cetl experience list") -> int:
    value = text.strip().lstrip("#")
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise UserInputError(f"{shorten(text)!r} is not an entry id; ids are numbers.", hint)
    return int(value)


def remove(s: Session, entry: str) -> int:
    entry_id = parse_id(entry)
    if not s.store.remove_experience(entry_id):
        raise NotFoundError(f"No experience entry #{entry_id}.", "See the ids with: cetl experience list")
    return entry_id
