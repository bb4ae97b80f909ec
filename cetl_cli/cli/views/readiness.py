"""The readiness picture: coverage, the estimated percent correct with its range, calibration.
Shown by `cetl progress`, the dashboard and `cetl assess`; always with what it is not."""

from __future__ import annotations

from typing import Optional

from cetl_cli.cli.output import Out, Styled, pct
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.readiness import Interval
from cetl_cli.services.readiness import Readiness

NOT_SCALED = "Not CoSN's scaled score (0-800), and no prediction of a pass."


def span(i: Optional[Interval]) -> str:
    """62% (55-69%), or 'not enough answers yet'."""
    if i is None:
        return "not enough answers yet"
    return f"{pct(i.point)} ({i.low:.0f}-{i.high:.0f}%)"


def _lacking(r: Readiness, codes: tuple[str, ...]) -> str:
    short = [a for a in r.estimate.areas if a.area in codes]
    return ", ".join(f"{a.area} {a.answers}/{r.estimate.min_answers}" for a in short)


def estimate_line(r: Readiness) -> str:
    """One line for the dashboard: the overall estimate or what it still needs."""
    e = r.estimate
    if e.overall is not None:
        return f"{span(e.overall)} right on a fresh 100-question form"
    return (f"not enough answers yet ({len(e.lacking)} of {len(e.areas)} skill areas have fewer than "
            f"{e.min_answers} practice answers)")


def readiness(out: Out, cur: Curriculum, r: Readiness) -> None:
    """The full picture, for `cetl progress`."""
    e = r.estimate
    out.print(Styled(f"Coverage, weighted by exam weight: {pct(r.coverage.percent)}", "bold"))
    out.print(Styled(f"Estimated score: {span(e.overall)}", "bold"))
    level = f"{r.level * 100:.0f}%"
    out.print(Styled(f"The percent you would get right on a fresh 100-question form drawn by the exam weights, "
                     f"from your first answers to new questions and your recent practice (range: a {level} "
                     f"interval; each skill area needs {e.min_answers} answers). {NOT_SCALED}", "dim"), indent=2)
    names = {d.code: d.name for d in cur.framework.domains}
    for g in e.domains:
        detail = span(g.interval) if g.interval else f"not enough answers yet ({_lacking(r, g.lacking)})"
        out.write_lines(out.hanging(f"  {g.name:<4} ", f"{names.get(g.name, g.name)}, {g.questions} questions: {detail}"))
    calibration(out, r)


def calibration(out: Out, r: Readiness) -> None:
    c = r.calibration
    if not r.assessed:
        out.print("Calibration: rate yourself first (cetl assess) to see where your ratings and your "
                  "practice disagree.")
        return
    parts = []
    if c.over_confident:
        parts.append("over-confident in " + ", ".join(c.over_confident))
    if c.under_confident:
        parts.append("under-confident in " + ", ".join(c.under_confident))
    if not parts:
        measured = len(c.rows) - len(c.unmeasured)
        parts.append(f"your knowledge ratings match your practice in the {measured} areas measured so far"
                     if measured else "no area has enough practice answers to compare with your ratings yet")
    out.print("Calibration: " + "; ".join(parts) + ".")
    if c.over_confident or c.under_confident:
        out.print(Styled("Your knowledge rating implies 40, 55, 70 or 85% right (for 1-4); an area is named "
                         "when that falls outside its estimated range.", "dim"), indent=2)
