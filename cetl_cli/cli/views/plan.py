"""`cetl plan`, `cetl plan set` and `cetl plan ics`: the study plan and its calendar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cetl_cli.cli.output import Out, Renderable, Styled, grid
from cetl_cli.domain import plan as pl
from cetl_cli.services.plan import PlanReport

if TYPE_CHECKING:  # the dashboard imports this module for track_words; only `plan ics` needs these
    from cetl_cli.services.ics import Exported

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def hours(minutes: float) -> str:
    """Minutes as hours to a tenth, without a trailing .0: 90 -> '1.5 h', 300 -> '5 h'."""
    text = f"{minutes / 60:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + " h"


def track_words(t: pl.OnTrack) -> str:
    if t.status == "ahead":
        return f"ahead by {hours(t.minutes_ahead)}"
    if t.status == "behind":
        return f"behind by {hours(-t.minutes_ahead)}"
    return "on pace"


def _short(day: dt.date) -> str:
    return day.strftime("%m-%d")


def item_words(r: PlanReport, item: pl.WorkItem, long: bool = False) -> str:
    cur = r.curriculum
    if item.kind == "module":
        if long:
            title = next((m.title for m in cur.modules if m.number == item.module), "")
            return f"Module {item.module} {title}"
        return f"M{item.module}"
    if item.kind == "review":
        if long and item.area in cur.areas:
            return f"Review {item.area} {cur.areas[item.area].name}"
        return f"review {item.area}"
    if item.kind == "mock":
        return f"Mock exam {item.mock}" if long else f"mock {item.mock}"
    return "spare time" if long else "spare"


def _week_work(r: PlanReport, w: pl.Week) -> str:
    parts = [f"{item_words(r, i)} {hours(i.minutes)[:-2]}" for i in w.items if i.kind != "buffer"]
    return ", ".join(parts) or "nothing planned"


def _fit_lines(out: Lines, r: PlanReport) -> None:
    p = r.plan
    if p.fits:
        out.print(f"It fits: {hours(p.total_needed_minutes)} of work in the {hours(p.available_minutes)} "
                  f"you have; {hours(p.available_minutes - p.total_needed_minutes)} to spare.")
        return
    left = sum(i.minutes for i in p.unscheduled)
    out.print(Styled(f"It does not fit: {hours(p.total_needed_minutes)} of work, {hours(p.available_minutes)} "
                     f"available; {hours(left)} would be left undone.", "bold yellow"))
    start = "" if r.start == r.today else f" --start {r.start.isoformat()}"
    if p.hours_per_week_needed is not None:
        out.print(f"To fit, study {p.hours_per_week_needed:g} h a week:", indent=2)
        out.print(f"cetl plan set --exam-date {r.exam_date.isoformat()} --hours-per-week "
                  f"{p.hours_per_week_needed:g}{start}", indent=4)
    if p.earliest_exam_date is not None:
        out.print(f"Or keep {r.setting.hours_per_week:g} h a week and sit the exam on or after "
                  f"{p.earliest_exam_date.isoformat()}:", indent=2)
        out.print(f"cetl plan set --exam-date {p.earliest_exam_date.isoformat()} "
                  f"--hours-per-week {r.setting.hours_per_week:g}{start}", indent=4)
    if p.hours_per_week_needed is None and p.earliest_exam_date is None:
        out.print("  No number of hours fits before this date; choose a later exam date.")


def _application(out: Lines, r: PlanReport) -> None:
    p, rule = r.plan, r.application
    if p.apply_from <= r.today:
        when = f"apply any time now, and by {p.apply_by.isoformat()}"
    else:
        when = f"apply between {p.apply_from.isoformat()} and {p.apply_by.isoformat()}"
    out.print(Styled(f"When to apply: {when}.", "bold"))
    out.print(f"CoSN gives approved candidates {rule.window_days} days to sit the exam ({rule.source}, as of "
              f"{rule.as_of.isoformat()}), so an application from {p.apply_from.isoformat()} on still covers "
              f"your exam date. Applying by {p.apply_by.isoformat()} is cetl's suggestion ({r.margin_days} days "
              "for approval and booking), not a CoSN rule. Confirm with CoSN: cetl check-eligibility.", indent=2)


def _this_week(out: Lines, r: PlanReport) -> None:
    t = r.on_track
    if r.over:
        out.print(Styled(f"Your exam date {r.exam_date.isoformat()} has passed.", "bold"))
        return
    if t is None:
        out.print(f"The plan starts on {r.start.isoformat()}.")
        return
    out.print(Styled(f"On track: {track_words(t)}", "bold").append(
        f" (planned by today {hours(t.expected_minutes)}, done {hours(t.done_minutes)})."))
    w = t.week
    if w is None:
        return
    work = [i for i in w.items if i.kind != "buffer"]
    out.print(f"This week (week {w.index + 1}, {_short(w.start)} to {_short(w.end)}) asks {hours(w.work_minutes)}:")
    for i in work:
        out.print(f"  {item_words(r, i, long=True)}: {hours(i.minutes)}", wrap=False, ellipsis=True)
    if not work:
        out.print("  nothing: spare time, or get ahead.")


class Lines:
    """Collects what a screen prints as finished lines, so a long screen can go to the pager."""

    def __init__(self, out: Out) -> None:
        self.out = out
        self.width = out.width
        self.lines: list[str] = []

    def print(self, text: Renderable = "", indent: int = 0, wrap: bool = True, ellipsis: bool = False) -> None:
        self.lines += self.out.render(text, indent, wrap, ellipsis)


def plan(out: Out, r: PlanReport) -> None:
    out.page(plan_lines(out, r))


def plan_lines(out: Out, r: PlanReport) -> list[str]:
    lines = Lines(out)
    _plan(lines, r)
    return lines.lines


def _plan(out: Lines, r: PlanReport) -> None:
    p = r.plan
    day = WEEKDAYS[r.exam_date.weekday()]
    left = f"{r.days_to_exam} days away, {r.weeks_left} weeks left" if not r.over else "passed"
    out.print(Styled(f"Study plan: the exam on {day} {r.exam_date.isoformat()} ({left})", "bold"))
    skips = f"; {len(r.setting.skip)} days off" if r.setting.skip else ""
    out.print(f"{r.setting.hours_per_week:g} h a week from {r.start.isoformat()}, {p.weeks_left} weeks{skips}.")
    _fit_lines(out, r)
    out.print()
    _this_week(out, r)
    out.print()
    _application(out, r)
    out.print()
    rows = []
    for w in p.weeks:
        mark = "»" if w.start <= r.today <= w.end else ("*" if w.final else "")
        rows.append([f"{w.index + 1}{mark}", f"{_short(w.start)}–{_short(w.end)}", hours(w.minutes_available)[:-2],
                     _week_work(r, w)])
    columns = [("week", "right", 4), ("dates", "left", 11), ("h", "right", 3), ("work (hours)", "left", 0)]
    out.print(grid(columns, rows, out.width, shrink=3), wrap=False)
    out.print(Styled("M3 is module 3; * a final week for mock exams; » this week.", "dim"))
    sources = {}
    for code, source in r.gap_sources.items():
        sources.setdefault(source, []).append(code)
    out.print(Styled("Review time follows exam weight times your gap, from: "
                     + "; ".join(f"{k} ({', '.join(v)})" for k, v in sources.items()) + ".", "dim"))
    out.print(Styled(f"Next: {_next(r)}", "cyan"))


def _next(r: PlanReport) -> str:
    if r.over:
        return "cetl plan set --exam-date YYYY-MM-DD --hours-per-week H"
    if not r.plan.fits and r.plan.hours_per_week_needed is not None:
        return f"cetl plan set --exam-date {r.exam_date.isoformat()} --hours-per-week {r.plan.hours_per_week_needed:g}"
    if "not rated" in r.gap_sources.values():
        return "cetl assess (review time then follows your gaps)"
    return "cetl (your next step), or cetl plan ics to put the plan in your calendar"


def plan_saved(out: Out, r: PlanReport) -> None:
    out.print(Styled(f"Saved your plan: the exam on {r.exam_date.isoformat()}, {r.setting.hours_per_week:g} h a week "
                     f"from {r.start.isoformat()}. Your progress is kept.", "bold"))
    out.page(plan_lines(out, r))


def exported(out: Out, e: Exported) -> None:
    verb = "Replaced" if e.replaced else "Wrote"
    out.print(f"{verb} {e.path} with {len(e.events)} all-day events: each week's goal, the mock exams, the "
              "application window and the exam day.")
    out.print("Import it into your calendar; importing a later export updates these events instead of adding copies.")
    out.print(Styled("Next: cetl plan (the plan in full), or cetl for your next step", "cyan"))
