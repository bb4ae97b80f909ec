"""Progress maths: what is done per module, per skill area, per domain, and overall.

Inputs are plain sets of item ids (done to-dos, answered reflections) so this stays pure and
fast; ids the curriculum no longer has are ignored.
"""

from __future__ import annotations

from typing import Any

from cetl_cli.domain.models import Curriculum, Item, Module
from cetl_cli.domain.record import Record


class Tally(Record):
    todos_done: int
    todos_total: int
    reflections_answered: int
    reflections_total: int

    @property
    def done(self) -> int:
        return self.todos_done + self.reflections_answered

    @property
    def total(self) -> int:
        return self.todos_total + self.reflections_total

    @property
    def percent(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(astuple(self), astuple(other))))

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "percent": self.percent}


def astuple(t: Tally) -> tuple[int, int, int, int]:
    return (t.todos_done, t.todos_total, t.reflections_answered, t.reflections_total)


EMPTY = Tally(0, 0, 0, 0)


class AreaProgress(Record):
    code: str
    name: str
    domain: str
    weight: float
    modules: tuple[int, ...]
    tally: Tally


class DomainProgress(Record):
    code: str
    name: str
    weight: float
    percent: float  # weighted by the exam weights of its skill areas


class Progress(Record):
    modules: dict[int, Tally]
    areas: list[AreaProgress]
    domains: list[DomainProgress]
    overall: Tally
    readiness: float  # skill-area percents weighted by exam weight, 0-100


def module_tally(curriculum: Curriculum, module: Module, done: set[str], answered: set[str]) -> Tally:
    todos = [t.id for t in module.todos]
    refls = [r.id for r in module.reflections]
    return Tally(
        sum(1 for i in todos if i in done), len(todos),
        sum(1 for i in refls if i in answered), len(refls),
    )


def compute(curriculum: Curriculum, done: set[str], answered: set[str]) -> Progress:
    modules = {m.number: module_tally(curriculum, m, done, answered) for m in curriculum.modules}
    overall = sum(modules.values(), EMPTY)
    areas: list[AreaProgress] = []
    for domain in curriculum.framework.domains:
        for area in domain.skill_areas:
            numbers = tuple(m.number for m in curriculum.modules if m.skill_area == area.code)
            tally = sum((modules[n] for n in numbers), EMPTY)
            areas.append(AreaProgress(area.code, area.name, domain.code, area.weight, numbers, tally))
    domains = []
    for domain in curriculum.framework.domains:
        mine = [a for a in areas if a.domain == domain.code]
        weight = sum(a.weight for a in mine)
        pct = sum(a.tally.percent * a.weight for a in mine) / weight if weight else 0.0
        domains.append(DomainProgress(domain.code, domain.name, domain.weight, round(pct, 1)))
    total_weight = sum(a.weight for a in areas)
    readiness = sum(a.tally.percent * a.weight for a in areas) / total_weight if total_weight else 0.0
    return Progress(modules, areas, domains, overall, round(readiness, 1))


def current_module(curriculum: Curriculum, done: set[str], answered: set[str]) -> Module | None:
    """The first module, in course order, with anything left to do; None when all is done."""
    for module in curriculum.modules:
        if next_item(curriculum, module, done, answered) is not None:
            return module
    return None


def next_item(curriculum: Curriculum, module: Module, done: set[str], answered: set[str]) -> Item | None:
    """The module's first open to-do, else its first unanswered reflection question."""
    for item in curriculum.todos(module):
        if item.id not in done:
            return item
    return next_reflection(curriculum, module, answered)


def next_reflection(curriculum: Curriculum, module: Module, answered: set[str]) -> Item | None:
    for item in curriculum.reflections(module):
        if item.id not in answered:
            return item
    return None


def first_unanswered(curriculum: Curriculum, start: Module | None, answered: set[str]) -> Item | None:
    """The next unanswered reflection, looking from `start` onward and then from the beginning."""
    modules = curriculum.modules
    first = start.number - 1 if start else 0
    for module in modules[first:] + modules[:first]:
        item = next_reflection(curriculum, module, answered)
        if item is not None:
            return item
    return None
