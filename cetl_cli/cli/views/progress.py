"""`cetl`, `cetl progress` and `cetl modules`: where you stand."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, bar, grid, pct, when
from cetl_cli.cli.views.readiness import NOT_SCALED, estimate_line, readiness
from cetl_cli.services.progress import PRACTICE_WINDOW, Dashboard, ProgressReport
from cetl_cli.services.study import ModuleRow


def dashboard(out: Out, d: Dashboard) -> None:
    r = d.report
    out.print(Styled("cetl · your CETL study companion", "bold"))
    cov = r.readiness.coverage.percent
    out.write_lines(out.hanging("Coverage   ", f"{bar(cov, 20 if out.width >= 72 else 10)} {pct(cov)}  "
                                "(the course done, weighted by exam weight)"))
    out.write_lines(out.hanging("Estimate   ", estimate_line(r.readiness)))
    out.write_lines(out.hanging("           ", Styled(f"{NOT_SCALED} More: cetl progress", "dim")))
    _exam_lines(out, d)
    if d.latest_mock is not None:
        m = d.latest_mock
        by_domain = " · ".join(f"{s.code} {pct(s.percent)}" for s in m.domains)
        out.write_lines(out.hanging("Last mock  ", f"#{m.attempt_id} on {when(m.finished_at)[:10]}: "
                                    f"{pct(m.overall.percent)}" + (f" · {by_domain}" if by_domain else "")))
    if d.reviews_due:
        out.print(f"Reviews    {d.reviews_due} due today")
    _next(out, d)


def _exam_lines(out: Out, d: Dashboard) -> None:
    from cetl_cli.cli.views.plan import track_words

    p = d.plan
    if p is None:
        out.write_lines(out.hanging("Exam       ", "no date yet. Plan to one: cetl plan set --exam-date "
                                    "YYYY-MM-DD --hours-per-week 5"))
        return
    if p.over:
        out.write_lines(out.hanging("Exam       ", f"{p.exam_date.isoformat()} has passed. A new date: cetl "
                                    "plan set --exam-date YYYY-MM-DD --hours-per-week H"))
        return
    days = p.days_to_exam
    line = f"{p.exam_date.isoformat()}, in {days} day{'' if days == 1 else 's'}"
    if p.on_track is not None:
        line += f" · {track_words(p.on_track)}"
    elif p.today < p.start:
        line += f" · the plan starts {p.start.isoformat()}"
    if not p.plan.fits:
        line += " · the plan does not fit: cetl plan"
    out.write_lines(out.hanging("Exam       ", line))


def _next(out: Out, d: Dashboard) -> None:
    step = d.next_step
    if step is None:
        out.print("\nEvery to-do is done and every reflection answered.")
        out.print(Styled("Next: practice with cetl exam, and check cetl check-eligibility before you apply.", "cyan"))
        return
    if d.module is not None and d.module_tally is not None and d.step_reason in ("plan", "course"):
        tally = d.module_tally
        area = f" ({d.module.skill_area})" if d.module.skill_area else ""
        line = Styled(f"{d.module.number}. ")
        line.append(d.module.title)
        line.append(f"{area}  {tally.done}/{tally.total} done")
        out.print()
        out.write_lines(out.hanging("Current module  ", line))
    else:
        out.print()
    out.print(Styled(f"Next step       {step.text}:", "bold"))
    if step.item is None:
        out.print(Styled(f"Next: {step.command}", "cyan"), indent=16)
        return
    out.print(step.item.text, indent=16)
    if step.item.kind == "todo":
        hint = f"Read more: cetl study module {step.item.module.number}\nWhen done:  {step.command}"
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
    out.print()
    readiness(out, cur, r.readiness)
    out.print()
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
