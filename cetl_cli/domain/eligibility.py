"""CoSN's CETL eligibility rules, read from `eligibility.yaml`, and the pure check against them.

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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Iterable, Literal, Optional

from pydantic import Field, field_validator

from cetl_cli.domain.errors import CurriculumError, UserInputError
from cetl_cli.domain.models import DomainCode, Slug, Strict, Text

FILE_NAME = "eligibility.yaml"

# The degree levels cetl asks about, lowest to highest.
DEGREES: tuple[str, ...] = ("none", "associate", "bachelor", "master", "doctorate")
DEGREE_NAMES = {
    "none": "no degree",
    "associate": "an associate degree",
    "bachelor": "a bachelor's degree",
    "master": "a master's degree",
    "doctorate": "a doctorate",
}
# Documents a route can ask for (Document.id). Fixed, because each has its own command-line flag.
DOCUMENT_IDS = ("waiver_request", "supervisor_letter")

Status = Literal["eligible", "eligible_pending_waiver", "not_yet_eligible"]
STATUSES: tuple[str, ...] = ("eligible", "eligible_pending_waiver", "not_yet_eligible")


# -- the rules (eligibility.yaml) ------------------------------------------------------------

class Source(Strict):
    title: Text
    page: Text  # where to read it, e.g. cosn.org/certification
    note: Optional[Text] = None


class DomainName(Strict):
    code: DomainCode
    name: Text


class Document(Strict):
    id: Literal["waiver_request", "supervisor_letter"]
    name: Text  # in plain words, as it appears in "missing: ..."


class Route(Strict):
    id: Slug
    name: Text
    degrees: list[Literal["none", "associate", "bachelor", "master", "doctorate"]] = Field(min_length=1)
    min_years: Annotated[int, Field(ge=0, le=60)]
    domains: list[DomainCode] = []
    documents: list[Document] = []
    verdict: Literal["eligible", "eligible_pending_waiver"]
    verdict_text: Text


class NextSteps(Strict):
    eligible: list[Text] = Field(min_length=1)
    eligible_pending_waiver: list[Text] = Field(min_length=1)
    not_yet_eligible: list[Text] = Field(min_length=1)


class Rules(Strict):
    as_of: dt.date
    sources: list[Source] = Field(min_length=1)
    reminder: Text
    domains: list[DomainName] = Field(min_length=1)
    routes: list[Route] = Field(min_length=1)
    next_steps: NextSteps

    @field_validator("as_of")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError(f"date {value.isoformat()} is in the future")
        return value

    @property
    def domain_codes(self) -> list[str]:
        return [d.code for d in self.domains]

    def domain_name(self, code: str) -> str:
        return next((d.name for d in self.domains if d.code == code), code)


def rules_path(directory: Path | str | None) -> Path:
    """The eligibility.yaml to use: the curriculum folder's own, else the one cetl ships."""
    from cetl_cli.domain.loader import default_curriculum_dir

    if directory is not None:
        own = Path(directory) / FILE_NAME
        if own.is_file():
            return own
    return default_curriculum_dir() / FILE_NAME


def load_rules(path: Path | str, framework_domains: Iterable[str] | None = None) -> Rules:
    """Read and check eligibility.yaml; raise CurriculumError listing every problem.

    `framework_domains`, when given, are the domain codes of framework.yaml in the same folder;
    each domain the rules name must be one of them.
    """
    problems = rule_problems(Path(path), framework_domains)
    if isinstance(problems, Rules):
        return problems
    raise CurriculumError(problems)


def rule_problems(path: Path, framework_domains: Iterable[str] | None = None) -> "Rules | list[str]":
    """The loaded rules, or the list of `file:line: field: message` problems."""
    from cetl_cli.domain.loader import Problems, read_yaml, validate

    problems = Problems()
    src = read_yaml(path, str(path), problems)
    rules = validate(Rules, src, problems) if src is not None else None
    if rules is not None:
        _check(rules, src, problems, framework_domains)
    if problems.lines:
        return problems.lines
    assert rules is not None
    return rules


def _check(rules: Rules, src, problems, framework_domains: Iterable[str] | None) -> None:
    codes = rules.domain_codes
    known = set(framework_domains) if framework_domains is not None else None
    for i, code in enumerate(codes):
        if codes.index(code) != i:
            problems.add(src, ("domains", i, "code"), f"duplicate domain {code}")
        if known is not None and code not in known:
            problems.add(src, ("domains", i, "code"),
                         f"{code} is not a domain in framework.yaml (valid: {', '.join(sorted(known))})")
    route_ids: Counter[str] = Counter()
    for r, route in enumerate(rules.routes):
        route_ids[route.id] += 1
        if route_ids[route.id] > 1:
            problems.add(src, ("routes", r, "id"), f"duplicate route id {route.id!r}")
        for field_name, values in (("degrees", route.degrees), ("domains", route.domains),
                                   ("documents", [d.id for d in route.documents])):
            for i, value in enumerate(values):
                if field_name == "domains" and value not in codes:
                    problems.add(src, ("routes", r, "domains", i),
                                 f"{value} is not one of the domains listed at the top of the file "
                                 f"(valid: {', '.join(codes)})")
                elif values.index(value) != i:
                    problems.add(src, ("routes", r, field_name, i), f"{value} is listed twice")


# -- answers typed by a person ---------------------------------------------------------------

DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER_FORM = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_degree(text: str) -> str:
    value = text.strip().lower()
    if value not in DEGREES:
        raise UserInputError(f"Unknown degree {text!r}; choose one of: {', '.join(DEGREES)}.")
    return value


def parse_domains(text: str, valid: Iterable[str]) -> frozenset[str]:
    """'I,III' (any case, spaces allowed) -> {'I', 'III'}; 'none' or '' -> no domain."""
    valid = list(valid)
    value = text.strip()
    if value.lower() in ("", "none", "-"):
        return frozenset()
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
        raise UserInputError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2019-08-01.")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UserInputError(f"{what} {text!r} is not a real date.") from None
    if day > today:
        raise UserInputError(f"{what} {value} is in the future; today is {today.isoformat()}.")
    return day


def parse_years(text: str) -> float:
    value = text.strip()
    if not NUMBER_FORM.match(value):
        raise UserInputError(f"Years {text!r} is not a number; give whole or decimal years, e.g. 4 or 4.5.")
    years = float(value)
    if years < 0:
        raise UserInputError(f"Years cannot be negative (got {value}); give 0 or more.")
    if years > 80:
        raise UserInputError(f"{value} years is more than a working life; check the number.")
    return years


def parse_experience(text: str, today: dt.date) -> "float | dt.date":
    """One answer for experience: years (4, 4.5) or the date it started (2019-08-01)."""
    value = text.strip()
    if DATE_FORM.match(value) or "-" in value[1:]:
        return parse_date(value, "Start date", today)
    if not NUMBER_FORM.match(value):
        raise UserInputError(
            f"{text!r} is neither a number of years (e.g. 4.5) nor a start date (YYYY-MM-DD)."
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

@dataclass(frozen=True)
class Period:
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


@dataclass(frozen=True)
class Experience:
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


# -- the check -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Facts:
    degree: str
    experience: Experience
    domains: frozenset[str]
    documents: frozenset[str] = frozenset()  # ids of the documents that are ready


@dataclass(frozen=True)
class Missing:
    kind: Literal["degree", "years", "domain", "document"]
    text: str


@dataclass(frozen=True)
class RouteResult:
    route: Route
    missing: tuple[Missing, ...]
    eligible_on: Optional[dt.date]  # set only when time is the only gap
    degree_ok: bool
    degree: str

    @property
    def met(self) -> bool:
        return not self.missing

    @property
    def over_qualified(self) -> bool:
        """The route is for candidates with a lower degree than this one (e.g. the waiver route)."""
        return not self.degree_ok and DEGREES.index(self.degree) > max(DEGREES.index(d) for d in self.route.degrees)


@dataclass(frozen=True)
class Verdict:
    status: str
    route: Route
    missing: tuple[Missing, ...]
    eligible_on: Optional[dt.date]
    results: tuple[RouteResult, ...]
    facts: Facts
    rules: Rules
    next_steps: tuple[str, ...] = field(default=())


def check_route(route: Route, rules: Rules, facts: Facts, today: dt.date) -> RouteResult:
    missing: list[Missing] = []
    degree_ok = facts.degree in route.degrees
    if not degree_ok:
        missing.append(Missing("degree", _degree_need(route, facts.degree)))
    exp = facts.experience
    when: Optional[dt.date] = None
    if route.min_years and not meets_years(exp, route.min_years):
        when = date_met(exp, route.min_years, today)
        missing.append(Missing("years", _years_need(route.min_years, exp, when)))
    for code in route.domains:
        if code not in facts.domains:
            missing.append(Missing("domain", f"experience in domain {code}, {rules.domain_name(code)}"))
    for doc in route.documents:
        if doc.id not in facts.documents:
            missing.append(Missing("document", doc.name))
    time_only = bool(missing) and all(m.kind == "years" for m in missing)
    return RouteResult(route, tuple(missing), when if time_only else None, degree_ok, facts.degree)


def evaluate(rules: Rules, facts: Facts, today: dt.date) -> Verdict:
    """The verdict for these facts under these rules, on `today`.

    The first route (in the file's order) whose requirements are all met gives the verdict. When
    none is met, the verdict names the closest route: among the routes open to the person's
    degree (all routes, if none is), the one with the fewest missing requirements, the earliest
    date when only time is missing, then file order.
    """
    results = tuple(check_route(r, rules, facts, today) for r in rules.routes)
    met = next((res for res in results if res.met), None)
    if met is not None:
        status, chosen = met.route.verdict, met
    else:
        pool = [res for res in results if res.degree_ok] or list(results)
        far = dt.date.max
        chosen = min(pool, key=lambda res: (len(res.missing), res.eligible_on or far, results.index(res)))
        status = "not_yet_eligible"
    return Verdict(
        status=status,
        route=chosen.route,
        missing=chosen.missing,
        eligible_on=chosen.eligible_on,
        results=results,
        facts=facts,
        rules=rules,
        next_steps=tuple(getattr(rules.next_steps, status)),
    )


# -- plain words -----------------------------------------------------------------------------

def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _plural(value: float, word: str) -> str:
    return word if value == 1 else word + "s"


def degree_words(accepted: Iterable[str]) -> str:
    accepted = [d for d in DEGREES if d in set(accepted)]
    first = DEGREES.index(accepted[0])
    if accepted == list(DEGREES[first:]) and first > 0:
        return f"{DEGREE_NAMES[accepted[0]]} or higher"
    return " or ".join(DEGREE_NAMES[d] for d in accepted)


def _degree_need(route: Route, degree: str) -> str:
    accepted = [d for d in DEGREES if d in route.degrees]
    if DEGREES.index(degree) < DEGREES.index(accepted[0]):
        return f"{degree_words(accepted)} (you have {DEGREE_NAMES[degree]})"
    return (f"this route is only for candidates whose highest degree is {degree_words(accepted)} "
            f"(you have {DEGREE_NAMES[degree]})")


def _years_need(n: int, exp: Experience, when: Optional[dt.date]) -> str:
    need = f"at least {n} {_plural(n, 'year')} of education-technology experience"
    have = f"you have {exp.words()}"
    if exp.days is None:
        short = n - exp.years
        return f"{need} ({have}; {_num(short)} more to go)"
    if when is not None:
        return f"{need} ({have}; you reach {n} years on {when.isoformat()} if your experience continues)"
    if exp.basis == "log":
        return (f"{need} ({have} in your experience log, none of it in a current role; "
                "add your current role with: cetl experience add --role ROLE --from DATE --domains ...)")
    return f"{need} ({have})"
