"""Recertification: CoSN's categories of continuing-education hours and their caps (the records
recert.yaml in a curriculum holds), and the sum of a cycle's hours with the caps applied.

Declared once here; cetl_cli/content/recert.py reads and checks the file. Pure: `today` is a
parameter.

How hours are counted (the README says the same):
- the cycle starts on the day the certification was issued and ends `cycle_years` later (its
  anniversary, when the certification expires); an activity counts when it falls on or after
  the first day and before the last;
- per category, the hours logged in the cycle count up to the category's cap (no cap: all);
- the cycle is complete when the counted hours reach `hours_required`;
- an activity whose category is not in the rules (a category a later recert.yaml dropped) is
  listed but not counted.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Optional

from cetl_cli.domain.experience import add_years
from cetl_cli.domain.fields import NOT_EMPTY, PAST, Rule, Slug, Text, between
from cetl_cli.domain.record import Record
from cetl_cli.domain.rules import Source

Hours = Annotated[float, Rule(gt=0, le=1000)]


class Category(Record):
    id: Slug
    name: Text
    earns: Text  # how hours are earned, in plain words
    cap: Annotated[Optional[float], Rule(gt=0, le=1000)] = None  # most hours counted per cycle; None: no cap
    verified: bool = True  # False: cetl could not confirm this category on CoSN's pages
    note: Optional[Text] = None


class RecertRules(Record):
    as_of: Annotated[dt.date, PAST]
    sources: Annotated[list[Source], NOT_EMPTY]
    reminder: Text
    cycle_years: Annotated[int, between(1, 10)]
    hours_required: Hours
    categories: Annotated[list[Category], NOT_EMPTY]

    def category(self, category_id: str) -> Optional[Category]:
        return next((c for c in self.categories if c.id == category_id), None)


class Activity(Record):
    id: int
    category: str
    hours: float
    date: dt.date


class CategoryTotal(Record):
    category: Category
    logged: float  # hours logged in the cycle
    counted: float  # with the cap applied
    activities: int


class Cycle(Record):
    certified: dt.date
    ends: dt.date  # the day the certification expires
    days_left: int  # from today; negative once it has ended
    required: float
    counted: float
    remaining: float
    complete: bool
    categories: list[CategoryTotal]
    outside: list[Activity]  # dated before or after the cycle: not counted
    unknown: list[Activity]  # a category the rules do not have: not counted


def cycle_end(rules: RecertRules, certified: dt.date) -> dt.date:
    return add_years(certified, rules.cycle_years)


def in_cycle(rules: RecertRules, certified: dt.date, day: dt.date) -> bool:
    return certified <= day < cycle_end(rules, certified)


def summarize(rules: RecertRules, certified: dt.date, activities: list[Activity], today: dt.date) -> Cycle:
    ends = cycle_end(rules, certified)
    logged: dict[str, float] = {c.id: 0.0 for c in rules.categories}
    counts: dict[str, int] = {c.id: 0 for c in rules.categories}
    outside, unknown = [], []
    for a in activities:
        if a.category not in logged:
            unknown.append(a)
        elif not in_cycle(rules, certified, a.date):
            outside.append(a)
        else:
            logged[a.category] += a.hours
            counts[a.category] += 1
    totals = [CategoryTotal(c, round(logged[c.id], 2), round(min(logged[c.id], c.cap) if c.cap is not None
                                                            else logged[c.id], 2), counts[c.id])
              for c in rules.categories]
    counted = round(sum(t.counted for t in totals), 2)
    required = float(rules.hours_required)
    return Cycle(certified, ends, (ends - today).days, required, counted, round(max(0.0, required - counted), 2),
                 counted >= required, totals, outside, unknown)
