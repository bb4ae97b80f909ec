"""Experience for the eligibility check: answers typed by a person, and counting days and years.

Nothing here prints, prompts or reads the clock: `today` is always a parameter.

How experience is counted (the README states the same rule):

- A period of experience covers its days from its first day through its last day (inclusive);
  a period with no end (a role you still hold) covers every day up to, not including, today.
  Days after yesterday never count, so a period that "ends today" is the same as an open one.
- Several periods are merged first, so overlapping jobs count once.
- N years of experience are reached when the days covered add up to at least the number of days
  in the N years that end where the experience ends: today if a role is still open, else the day
  after the last day worked (`days_in_years(end, n)`; 1,461 for four years, which always hold one
  29 February between 1901 and 2099).
- So for one unbroken period this is exactly the anniversary rule: N years are met on the Nth
  anniversary of the start date (with `--since`, or one open entry in the log), and a closed
  period of 2017-01-01 to 2023-12-31 is seven years. A start on 29 February has its anniversary
  on 1 March in a common year, because only then have N full years passed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Literal, Optional

from cetl_cli.domain.errors import UserInputError, shorten
from cetl_cli.domain.record import Record
from cetl_cli.domain.rules import DEGREES

# -- answers typed by a person ---------------------------------------------------------------

DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
NUMBER_FORM = re.compile(r"^[+-]?(\d{1,6}(\.\d{0,6})?|\.\d{1,6})$", re.ASCII)


# Other ways people write a degree.
DEGREE_WORDS = {
    "no": "none", "no degree": "none", "high school": "none",
    "associates": "associate", "associate's": "associate", "aa": "associate", "as": "associate",
    "bachelors": "bachelor", "bachelor's": "bachelor", "ba": "bachelor", "bs": "bachelor",
    "masters": "master", "master's": "master", "ma": "master", "ms": "master", "med": "master",
    "m.ed.": "master", "mba": "master", "doctor": "doctorate", "doctoral": "doctorate",
    "phd": "doctorate", "ph.d.": "doctorate", "edd": "doctorate", "ed.d.": "doctorate",
}
OLDEST_YEARS = 80  # a start date further back than a working life is a typing slip


def parse_degree(text: str) -> str:
    value = " ".join(text.strip().lower().split())
    value = DEGREE_WORDS.get(value, value)
    if value not in DEGREES:
        raise UserInputError(f"Unknown degree {shorten(text)!r}; choose one of: {', '.join(DEGREES)}.")
    return value


def parse_domains(text: str, valid: Iterable[str]) -> frozenset[str]:
    """'I,III' (any case, spaces allowed) -> {'I', 'III'}; 'none' or '' -> no domain."""
    valid = list(valid)
    value = text.strip()
    if value.lower() in ("", "none", "-"):
        return frozenset()
    if value.lower() in ("all", "all three", "every", "both"):
        return frozenset(valid)
    found = []
    for part in re.split(r"[,\s]+", value):
        if not part:
            continue
        code = part.upper()
        if code not in valid:
            raise UserInputError(
                f"Unknown domain {part!r}; the domains are {', '.join(valid)} (e.g. --domains {','.join(valid)}), "
                "or none."
            )
        found.append(code)
    return frozenset(found)


def parse_date(text: str, what: str, today: dt.date) -> dt.date:
    value = text.strip()
    if not DATE_FORM.match(value):
        raise UserInputError(f"{what} {shorten(text)!r} is not a date; write it as YYYY-MM-DD, e.g. 2019-08-01.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UserInputError(f"{what} {shorten(text)!r} is not a real date.") from None
    if day > today:
        raise UserInputError(f"{what} {value} is in the future; today is {today.isoformat()}.")
    if day.year < today.year - OLDEST_YEARS:
        raise UserInputError(f"{what} {value} is more than {OLDEST_YEARS} years ago; check the year.")
    return day


def parse_years(text: str) -> float:
    value = re.sub(r"\s*(years?|yrs?\.?)$", "", text.strip(), flags=re.IGNORECASE)
    if not NUMBER_FORM.match(value):
        raise UserInputError(f"Years {shorten(text)!r} is not a number; give whole or decimal years, e.g. 4 or 4.5.")
    years = float(value)
    if years < 0:
        raise UserInputError(f"Years cannot be negative (got {value}); give 0 or more.")
    if years > 80:
        raise UserInputError(f"{value} years is more than a working life; check the number.")
    return years


def parse_experience(text: str, today: dt.date) -> float | dt.date:
    """One answer for experience: years (4, 4.5) or the date it started (2019-08-01)."""
    value = text.strip()
    if DATE_FORM.match(value) or "-" in value[1:]:
        return parse_date(value, "Start date", today)
    if not NUMBER_FORM.match(value):
        raise UserInputError(
            f"{shorten(text)!r} is neither a number of years (e.g. 4.5) nor a start date (YYYY-MM-DD)."
        )
    return parse_years(value)


# -- calendar arithmetic ---------------------------------------------------------------------

def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def add_years(day: dt.date, n: int) -> dt.date:
    """The nth anniversary of `day`; 29 February moves to 1 March in a common year."""
    year = day.year + n
    if day.month == 2 and day.day == 29 and not _is_leap(year):
        return dt.date(year, 3, 1)
    return day.replace(year=year)


def sub_years(day: dt.date, n: int) -> dt.date:
    """The same day n years earlier; 29 February moves to 28 February in a common year."""
    year = day.year - n
    if day.month == 2 and day.day == 29 and not _is_leap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def days_in_years(end: dt.date, n: int) -> int:
    """Days in the n years that end on `end` (exclusive): the days needed for n years of experience."""
    return (end - sub_years(end, n)).days


# -- experience ------------------------------------------------------------------------------

class Period(Record):
    start: dt.date
    end: Optional[dt.date] = None  # the last day, inclusive; None = still in this role
    domains: frozenset[str] = frozenset()
    label: str = ""


def merged(periods: Iterable[Period], today: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The union of the periods as half-open [first day, day after the last) spans, up to today."""
    spans = []
    for p in periods:
        stop = today if p.end is None else min(p.end + dt.timedelta(days=1), today)
        if stop > p.start:
            spans.append((p.start, stop))
    spans.sort()
    out: list[tuple[dt.date, dt.date]] = []
    for start, stop in spans:
        if out and start <= out[-1][1]:
            if stop > out[-1][1]:
                out[-1] = (out[-1][0], stop)
        else:
            out.append((start, stop))
    return out


def covered_days(periods: Iterable[Period], today: dt.date) -> int:
    return sum((stop - start).days for start, stop in merged(periods, today))


def is_open(periods: Iterable[Period]) -> bool:
    return any(p.end is None for p in periods)


def log_domains(periods: Iterable[Period]) -> frozenset[str]:
    out: set[str] = set()
    for p in periods:
        out |= p.domains
    return frozenset(out)


def years_from_days(days: int, end: dt.date) -> tuple[int, int, float]:
    """(whole years, days beyond them, years as a number) for `days` of experience ending on `end`.

    Whole years: the largest k with days >= days_in_years(end, k). The number is k plus the
    share of year k+1 covered, so `years >= n` exactly when n years are met.
    """
    k = 0
    while days >= days_in_years(end, k + 1):
        k += 1
    base, nxt = days_in_years(end, k), days_in_years(end, k + 1)
    return k, days - base, k + (days - base) / (nxt - base)


def experience_end(periods: Iterable[Period], today: dt.date) -> dt.date:
    """Where experience ends, for measuring it: today with an open role, else the day after the last day."""
    spans = merged(periods, today)
    if not spans or any(p.end is None for p in periods):
        return today
    return spans[-1][1]


def date_reaching(days_now: int, n: int, today: dt.date) -> dt.date:
    """The first day, from today on, on which experience still growing by a day a day reaches n years."""
    day = today
    while days_now + (day - today).days < days_in_years(day, n):
        day += dt.timedelta(days=1)
    return day


class Experience(Record):
    """How much experience a person has, and how it was given."""

    basis: Literal["years", "since", "log"]
    years: float  # comparable with a route's min_years
    days: Optional[int] = None  # None when given as a number of years
    end: Optional[dt.date] = None  # the day after the last day counted (today while growing)
    growing: bool = False  # still accumulating (a start date, or an open period in the log)
    since: Optional[dt.date] = None
    periods: tuple[Period, ...] = ()

    def words(self) -> str:
        if self.days is None or self.end is None:
            return f"{_num(self.years)} {_plural(self.years, 'year')}"
        whole, extra, _ = years_from_days(self.days, self.end)
        return f"{whole} {_plural(whole, 'year')} and {extra} {_plural(extra, 'day')}"


def experience_from_years(years: float) -> Experience:
    return Experience(basis="years", years=years)


def experience_since(since: dt.date, today: dt.date) -> Experience:
    period = Period(since)
    days = covered_days([period], today)
    return Experience(basis="since", years=years_from_days(days, today)[2], days=days, end=today,
                      growing=True, since=since, periods=(period,))


def experience_from_log(periods: Iterable[Period], today: dt.date) -> Experience:
    periods = tuple(periods)
    days = covered_days(periods, today)
    end = experience_end(periods, today)
    return Experience(basis="log", years=years_from_days(days, end)[2], days=days, end=end,
                      growing=is_open(periods), periods=periods)


def meets_years(exp: Experience, n: int) -> bool:
    if exp.days is None or exp.end is None:
        return exp.years >= n
    return exp.days >= days_in_years(exp.end, n)


def date_met(exp: Experience, n: int, today: dt.date) -> Optional[dt.date]:
    """When n years are (or will be) met, if the experience keeps growing; None if unknown."""
    if exp.days is None:
        return None
    if meets_years(exp, n):
        return today
    if not exp.growing:
        return None
    if exp.basis == "since" and exp.since is not None:
        return add_years(exp.since, n)  # the anniversary rule; equal to date_reaching
    return date_reaching(exp.days, n, today)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _plural(value: float, word: str) -> str:
    return word if value == 1 else word + "s"
