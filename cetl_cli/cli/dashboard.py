"""`cetl` with no arguments: where you stand and the one next step."""

from __future__ import annotations

from cetl_cli.cli import context


def dashboard() -> None:
    from rich.padding import Padding
    from rich.text import Text

    from cetl_cli.cli.render import bar, console, lit, pct
    from cetl_cli.domain import progress as prog

    cur = context.curriculum()
    done, answered = context.progress_sets()
    p = prog.compute(cur, done, answered)
    out = console()
    out.print(Text("cetl · your CETL study companion", style="bold"))
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
    line = Text(f"\nCurrent module  {module.number}. ")
    line.append(lit(module.title))
    line.append(f"{area}  {tally.done}/{tally.total} done")
    out.print(line)
    item = prog.next_item(cur, module, done, answered)
    assert item is not None  # current_module only returns modules with something left
    label = "To-do" if item.kind == "todo" else "Reflection question"
    out.print(Text(f"Next step       {label} {item.ref}:", style="bold"))
    out.print(Padding(lit(item.text), (0, 0, 0, 16)))
    if item.kind == "todo":
        hint = f"Details: cetl study module {module.number}    When it is done: cetl todo done {item.ref}"
    else:
        hint = f"Answer it: cetl reflect {item.ref}"
    out.print(Padding(Text(hint, style="cyan"), (0, 0, 0, 16)))
