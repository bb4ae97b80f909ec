"""`cetl progress` and `cetl modules`: where you stand, by skill area, domain and module."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import typer

from cetl_cli.cli import context
from cetl_cli.cli.context import JsonOutput


def register(app: typer.Typer) -> None:
    app.command("progress")(progress)
    app.command("modules")(modules)


def progress(as_json: JsonOutput = False) -> None:
    """Progress for each skill area and domain, and overall readiness weighted by exam weight.

    Example: cetl progress    or    cetl progress --json
    """
    from cetl_cli.domain import progress as prog

    cur = context.curriculum()
    done, answered = context.progress_sets()
    p = prog.compute(cur, done, answered)
    practice = practice_scores(cur)
    if as_json:
        from cetl_cli.cli.render import print_json

        print_json(progress_json(cur, p, practice))
        return
    from cetl_cli.cli.render import bar, pct
    from cetl_cli.cli.term import Out, Styled, grid

    rows: list[list] = []
    names = {d.code: d.name for d in cur.framework.domains}
    for d in p.domains:
        rows.append([Styled(d.code, "bold"), Styled(names[d.code], "bold"), f"{d.weight:g}%", "", "",
                     bar(d.percent, 10), Styled(pct(d.percent), "bold"), ""])
        for a in p.areas:
            if a.domain == d.code:
                t = a.tally
                q = practice[a.code]
                rows.append([f"  {a.code}", a.name, f"{a.weight:g}%", f"{t.todos_done}/{t.todos_total}",
                             f"{t.reflections_answered}/{t.reflections_total}", bar(t.percent, 10), pct(t.percent),
                             pct(q.percent) if q.asked else "—"])
    out = Out()
    columns = [("area", "left", 7), ("skill area", "left", 0), ("weight", "right", 6), ("to-dos", "right", 6),
               ("refl.", "right", 5), ("", "left", 10), ("done", "right", 4), ("quiz", "right", 4)]
    out.print(grid(columns, rows, out.width, shrink=1), wrap=False)
    o = p.overall
    out.print(f"\nAll modules: {o.todos_done}/{o.todos_total} to-dos, "
              f"{o.reflections_answered}/{o.reflections_total} reflections ({pct(o.percent)}).")
    out.print(Styled(f"Readiness, weighted by exam weight: {pct(p.readiness)}", "bold"))
    weak = weakest_practice(practice)
    if weak:
        out.print(f"Weakest in practice (quiz: right of your last {PRACTICE_WINDOW} answers per area): "
                  + ", ".join(f"{s.code} {pct(s.percent)}" for s in weak))
        out.print(Styled(f"Practice: cetl quiz --area {weak[0].code}", "cyan"))
    elif not any(s.asked for s in practice.values()):
        out.print(Styled("No practice answers yet: try cetl quiz", "dim"))


PRACTICE_WINDOW = 50  # quiz_accuracy looks at each area's latest answers, this many


def practice_scores(cur) -> dict:
    """skill area -> a quiz.Score over its latest practice answers (asked == 0: none yet)."""
    from cetl_cli.domain.quiz import accuracy

    return {s.code: s for s in accuracy(cur.framework, context.store().practice_accuracy(PRACTICE_WINDOW))}


def weakest_practice(practice: dict) -> list:
    from cetl_cli.domain.quiz import weakest

    return weakest(practice.values())


def progress_json(cur, p, practice: dict | None = None) -> dict:
    practice = practice if practice is not None else practice_scores(cur)
    return {
        "skill_areas": [
            {"code": a.code, "name": a.name, "domain": a.domain, "weight": a.weight,
             "modules": list(a.modules), **a.tally.as_dict(),
             "quiz_accuracy": practice[a.code].percent if practice[a.code].asked else None,
             "quiz_answered": practice[a.code].asked}
            for a in p.areas
        ],
        "weakest_areas": [
            {"code": s.code, "name": s.name, "quiz_accuracy": s.percent} for s in weakest_practice(practice)
        ],
        "domains": [
            {"code": d.code, "name": d.name, "weight": d.weight, "percent": d.percent} for d in p.domains
        ],
        "modules": [
            {"number": m.number, "title": m.title, "skill_area": m.skill_area, **p.modules[m.number].as_dict()}
            for m in cur.modules
        ],
        "overall": {
            **p.overall.as_dict(),
            "items_percent": p.overall.percent,  # every item in every module, unweighted
            "percent": p.readiness,  # skill areas weighted by exam weight
        },
    }


def modules(as_json: JsonOutput = False) -> None:
    """List the modules with their skill area and your progress.

    Example: cetl modules
    """
    from cetl_cli.domain import progress as prog

    cur = context.curriculum()
    done, answered = context.progress_sets()
    tallies = {m.number: prog.module_tally(cur, m, done, answered) for m in cur.modules}
    if as_json:
        from cetl_cli.cli.render import print_json

        print_json([
            {"number": m.number, "id": m.id, "title": m.title, "skill_area": m.skill_area,
             **tallies[m.number].as_dict()}
            for m in cur.modules
        ])
        return
    from cetl_cli.cli.render import bar, pct
    from cetl_cli.cli.term import Out, Styled, grid

    out = Out()
    columns = [("#", "right", 2), ("module", "left", 0), ("area", "left", 7), ("to-dos", "right", 6),
               ("refl.", "right", 5), ("", "left", 10), ("done", "right", 4)]
    rows = []
    for m in cur.modules:
        t = tallies[m.number]
        rows.append([str(m.number), m.title, m.skill_area or "—", f"{t.todos_done}/{t.todos_total}",
                     f"{t.reflections_answered}/{t.reflections_total}", bar(t.percent, 10), pct(t.percent)])
    out.print(grid(columns, rows, out.width, shrink=1), wrap=False)
    out.print(Styled("Open one with: cetl study module N", "dim"))
