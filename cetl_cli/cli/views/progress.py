"""`cetl`, `cetl progress` and `cetl modules`: where you stand."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, bar, grid, pct
from cetl_cli.services.progress import PRACTICE_WINDOW, Dashboard, ProgressReport
from cetl_cli.services.study import ModuleRow


def dashboard(out: Out, d: Dashboard) -> None:
    p = d.report.progress
    out.print(Styled("cetl · your CETL study companion", "bold"))
    out.print(f"Overall   {bar(p.overall.percent)} {pct(p.overall.percent)}  "
              f"({p.overall.todos_done}/{p.overall.todos_total} to-dos, "
              f"{p.overall.reflections_answered}/{p.overall.reflections_total} reflections)")
    out.print(f"Coverage  {bar(p.readiness)} {pct(p.readiness)}  (the course done, weighted by exam weight)")
    if d.reviews_due:
        out.print(f"Review    {d.reviews_due} card{'s' if d.reviews_due != 1 else ''} due: cetl review")
    if d.exam_in_progress is not None:
        out.print(Styled(f"\nMock exam #{d.exam_in_progress} is paused. Next: cetl exam resume", "bold"))
        return
    if d.module is None or d.next_step is None or d.module_tally is None:
        out.print("\nEvery to-do is done and every reflection answered.")
        out.print(Styled("Next: practice with cetl exam, and check cetl check-eligibility before you apply.", "cyan"))
        return
    tally = d.module_tally
    area = f" ({d.module.skill_area})" if d.module.skill_area else ""
    line = Styled(f"\nCurrent module  {d.module.number}. ")
    line.append(d.module.title)
    line.append(f"{area}  {tally.done}/{tally.total} done")
    out.print(line)
    step = d.next_step
    assert step.item is not None
    out.print(Styled(f"Next step       {step.text}:", "bold"))
    out.print(step.item.text, indent=16)
    if step.item.kind == "todo":
        hint = f"Read more: cetl study module {d.module.number}\nWhen done:  {step.command}"
    else:
        hint = f"Answer it: {step.command}"
    out.print(Styled(hint, "cyan"), indent=16)


def progress(out: Out, r: ProgressReport) -> None:
    cur, p, practice = r.curriculum, r.progress, r.practice
    rows: list[list[object]] = []
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
    columns = [("area", "left", 7), ("skill area", "left", 0), ("weight", "right", 6), ("to-dos", "right", 6),
               ("refl.", "right", 5), ("", "left", 10), ("done", "right", 4), ("quiz", "right", 4)]
    if out.width < 72:  # the bars go before the names shrink to nothing
        columns = [c for i, c in enumerate(columns) if i != 5]
        rows = [[c for i, c in enumerate(row) if i != 5] for row in rows]
    out.print(grid(columns, rows, out.width, shrink=1), wrap=False)
    o = p.overall
    out.print(f"\nAll modules: {o.todos_done}/{o.todos_total} to-dos, "
              f"{o.reflections_answered}/{o.reflections_total} reflections ({pct(o.percent)}).")
    out.print(Styled(f"Coverage, weighted by exam weight: {pct(p.readiness)}", "bold"))
    if r.weakest:
        out.print(f"Weakest in practice (right of your last {PRACTICE_WINDOW} answers per area): "
                  + ", ".join(f"{s.code} {pct(s.percent)}" for s in r.weakest))
        out.print(Styled(f"Next: cetl quiz --area {r.weakest[0].code}", "cyan"))
    elif not any(s.asked for s in practice.values()):
        out.print(Styled("No practice answers yet. Next: cetl quiz", "cyan"))
    else:
        out.print(Styled("Next: cetl exam", "cyan"))


def modules(out: Out, rows: list[ModuleRow]) -> None:
    columns = [("#", "right", 2), ("module", "left", 0), ("area", "left", 5), ("to-dos", "right", 6),
               ("refl.", "right", 5), ("", "left", 10), ("done", "right", 4)]
    body = []
    for r in rows:
        t = r.tally
        body.append([str(r.module.number), r.module.title, r.module.skill_area or "—", f"{t.todos_done}/{t.todos_total}",
                     f"{t.reflections_answered}/{t.reflections_total}", bar(t.percent, 10), pct(t.percent)])
    if out.width < 72:
        columns = [c for i, c in enumerate(columns) if i != 5]
        body = [[c for i, c in enumerate(row) if i != 5] for row in body]
    out.print(grid(columns, body, out.width, shrink=1), wrap=False)
    out.print(Styled("Next: cetl study module N (or cetl study for the first one you have not finished)", "cyan"))
