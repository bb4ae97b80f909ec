"""`cetl assess`: the levels, your ratings beside your practice, and the history."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, grid, when
from cetl_cli.cli.views.readiness import calibration, span
from cetl_cli.domain.assessment import ANCHORS, SCALES
from cetl_cli.domain.models import Curriculum
from cetl_cli.services.assess import AssessmentReport

VERDICTS = {"over_confident": "over-confident", "under_confident": "under-confident",
            "consistent": "consistent", "unmeasured": "not enough practice"}


def anchors(out: Out) -> None:
    for scale in SCALES:
        out.print(Styled(f"{scale.capitalize()} levels", "bold"))
        for level, text in ANCHORS[scale].items():
            out.write_lines(out.hanging(f"  {level}  ", text))


def assessment(out: Out, cur: Curriculum, r: AssessmentReport) -> None:
    if r.saved:
        out.print(Styled(f"Saved {r.saved} rating{'' if r.saved == 1 else 's'}; earlier ones stay in "
                         "cetl assess history.", "bold"))
    if not r.latest:
        out.print("You have not rated yourself yet.")
        anchors(out)
        out.print(Styled("Next: cetl assess (on a terminal it asks), or cetl assess --area all -k 2 -e 2", "cyan"))
        return
    verdicts = {row.area: row.verdict for row in r.readiness.calibration.rows}
    measured = {a.area: a.interval for a in r.readiness.estimate.areas}
    rows = []
    for code, area in cur.areas.items():
        rated = r.latest.get(code)
        rows.append([code, area.name, str(rated.knowledge) if rated else "—", str(rated.experience) if rated else "—",
                     span(measured.get(code)) if measured.get(code) else "—",
                     VERDICTS.get(verdicts.get(code, ""), "not rated")])
    columns = [("area", "left", 5), ("skill area", "left", 0), ("know", "right", 4), ("exp", "right", 3),
               ("practice", "left", 8), ("", "left", 0)]
    out.print(grid(columns, rows, out.width, shrink=1), wrap=False)
    out.print(Styled("know, exp: your latest ratings, 1-4; practice: the estimated percent right (a 90% range).",
                     "dim"))
    calibration(out, r.readiness)
    missing = [c for c in cur.areas if c not in r.latest]
    if missing:
        out.print(Styled(f"Next: cetl assess --area {missing[0]} -k N -e N ({len(missing)} not rated)", "cyan"))
    elif r.has_plan:
        out.print(Styled("Next: cetl plan (its review time follows your ratings)", "cyan"))
    else:
        out.print(Styled("Next: cetl plan set --exam-date YYYY-MM-DD --hours-per-week H", "cyan"))


def history(out: Out, cur: Curriculum, r: AssessmentReport) -> None:
    if not r.history:
        out.print("No ratings yet.")
        out.print(Styled("Next: cetl assess", "cyan"))
        return
    rows = [[when(h.at), h.skill_area, cur.areas[h.skill_area].name if h.skill_area in cur.areas else "",
             str(h.knowledge), str(h.experience)] for h in r.history]
    columns = [("when", "left", 16), ("area", "left", 5), ("skill area", "left", 0), ("know", "right", 4),
               ("exp", "right", 3)]
    out.page(out.render(grid(columns, rows, out.width, shrink=2), wrap=False)
             + out.render(Styled("Next: cetl assess to rate yourself again", "cyan")))
