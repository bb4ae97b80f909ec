"""The eligibility check: facts about a person against CoSN's rules (cetl_cli/domain/rules.py).

Pure: `today` is always a parameter. Experience is counted in cetl_cli/domain/experience.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Literal, Optional

from cetl_cli.domain.experience import Experience, _num, _plural, date_met, meets_years
from cetl_cli.domain.record import Record
from cetl_cli.domain.rules import DEGREE_NAMES, DEGREES, Route, Rules

# -- the check -------------------------------------------------------------------------------

class Facts(Record):
    degree: str
    experience: Experience
    domains: frozenset[str]
    documents: frozenset[str] = frozenset()  # ids of the documents that are ready


class Missing(Record):
    kind: Literal["degree", "years", "domain", "document"]
    text: str


class RouteResult(Record):
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


class Verdict(Record):
    status: str
    route: Route
    missing: tuple[Missing, ...]
    eligible_on: Optional[dt.date]
    results: tuple[RouteResult, ...]
    facts: Facts
    rules: Rules
    next_steps: tuple[str, ...] = ()


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
    status: str
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
