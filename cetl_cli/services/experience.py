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


def add(s: Session, role: str, start: str, end: Optional[str], domains: str) -> tuple[int, str, dt.date,
                                                                                       Optional[dt.date], list[str]]:
    today = s.clock.today()
    rules = s.rules()
    name = " ".join(role.split())
    if not name:
        raise UserInputError("--role is empty; name the role, e.g. --role \"Director of Technology\".")
    if len(name) > MAX_ROLE:
        raise UserInputError(f"--role is {len(name)} characters long; keep it under {MAX_ROLE}.")
    first = ex.parse_date(start, "--from", today)
    last = ex.parse_date(end, "--to", today) if end is not None else None
    if last is not None and last < first:
        raise UserInputError(f"--to {last.isoformat()} is before --from {first.isoformat()}.")
    covered = ex.parse_domains(domains, rules.domain_codes)
    codes = [c for c in rules.domain_codes if c in covered]
    entry_id = s.store.add_experience(name, first.isoformat(), last.isoformat() if last else None, codes)
    return entry_id, name, first, last, codes


def parse_id(text: str) -> int:
    value = text.strip().lstrip("#")
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise UserInputError(f"{shorten(text)!r} is not an entry id; ids are numbers.",
                             "See them with: cetl experience list")
    return int(value)


def remove(s: Session, entry: str) -> int:
    entry_id = parse_id(entry)
    if not s.store.remove_experience(entry_id):
        raise NotFoundError(f"No experience entry #{entry_id}.", "See the ids with: cetl experience list")
    return entry_id
