"""`cetl` with no arguments: where you stand and the one next step."""

from __future__ import annotations

from cetl_cli.cli import context


def dashboard() -> None:
    from cetl_cli.cli.render import bar, pct
    from cetl_cli.cli.term import Out, Styled
    from cetl_cli.domain import progress as prog

    cur = context.curriculum()
    done, answered = context.progress_sets()
    p = prog.compute(cur, done, answered)
    out = Out()
    out.print(Styled("cetl · your CETL study companion", "bold"))
    out.print(
        f"Overall   {bar(p.overall.percent)} {pct(p.overall.percent)}  "
        f"({p.overall.todos_done}/{p.overall.todos_total} to-dos, "
        f"{p.overall.reflections_answered}/{p.overall.reflections_total} reflections)"
    )
    out.print(f"Readiness {bar(p.readiness)} {pct(p.readiness)}  (skill areas weighted by exam weight)")
    module = prog.current_module(cur, done, answered)
    if module is None:
        out.print("\nEvery to-do is done and every reflection answered. Review your answers with "
                  "'cetl reflections', and check 'cetl check-eligibility' before you apply.")
        return
    tally = p.modules[module.number]
    area = f" ({module.skill_area})" if module.skill_area else ""
    line = Styled(f"\nCurrent module  {module.number}. ")
    line.append(module.title)
    line.append(f"{area}  {tally.done}/{tally.total} done")
    out.print(line)
    item = prog.next_item(cur, module, done, answered)
    assert item is not None  # current_module only returns modules with something left
    label = "To-do" if item.kind == "todo" else "Reflection question"
    out.print(Styled(f"Next step       {label} {item.ref}:", "bold"))
    out.print(item.text, indent=16)
    if item.kind == "todo":
        hint = f"Read more: cetl study module {module.number}\nWhen done:  cetl todo done {item.ref}"
    else:
        hint = f"Answer it: cetl reflect {item.ref}"
    out.print(Styled(hint, "cyan"), indent=16)
