"""How a module looks on screen (and as plain text when piped)."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text

from cetl_cli.cli.render import lit
from cetl_cli.domain.progress import module_tally


def heading(title: str) -> Text:
    return Text("\n" + title, style="bold underline")


def dated(obj) -> str:
    bits = []
    if getattr(obj, "as_of", None):
        bits.append(f"as of {obj.as_of.isoformat()}")
    if getattr(obj, "source", None):
        bits.append(f"source: {obj.source}")
    return f"({'; '.join(bits)})" if bits else ""


def module_renderables(cur, module, done: set[str], answered: set[str]) -> list:
    out: list = []
    title = Text(f"Module {module.number} · ", style="bold")
    title.append(lit(module.title, "bold"))
    out.append(title)
    if module.skill_area:
        area = cur.areas[module.skill_area]
        domain = cur.area_domain[module.skill_area]
        line = Text(f"Skill area {area.code} ", style="dim")
        line.append(lit(area.name, "dim"))
        line.append(f" ({area.weight:g}% of the exam) · Domain {domain.code} ", style="dim")
        line.append(lit(domain.name, "dim"))
        line.append(f" ({domain.weight:g}%)", style="dim")
        out.append(line)
    else:
        out.append(Text("Orientation: the exam, the framework, and how to prepare", style="dim"))
    tally = module_tally(cur, module, done, answered)
    out.append(Text(f"Progress: {tally.todos_done}/{tally.todos_total} to-dos done, "
                    f"{tally.reflections_answered}/{tally.reflections_total} reflections answered", style="dim"))

    out.append(heading("Summary"))
    out.append(lit(module.summary))
    if module.objectives:
        out.append(heading("Objectives"))
        for obj in module.objectives:
            out.append(Padding(Text("• ").append(lit(obj)), (0, 0, 0, 2)))
    if module.key_concepts:
        out.append(heading("Key concepts"))
        for c in module.key_concepts:
            out.append(lit(c.term, "bold"))
            body = lit(c.explanation)
            if dated(c):
                body.append(" " + dated(c), style="dim")
            out.append(Padding(body, (0, 0, 1, 2)))

    out.append(heading("To Do"))
    for item, todo in zip(cur.todos(module), module.todos):
        mark = Text("[x] " if todo.id in done else "[ ] ", style="green" if todo.id in done else "")
        mark.append(f"{item.ref:<6} ", style="cyan")
        mark.append(lit(todo.text))
        extra = f" ~{todo.minutes} min" if todo.minutes else ""
        mark.append(f"{extra}  id: {todo.id}", style="dim")
        out.append(Padding(mark, (0, 0, 0, 2)))
    out.append(Padding(Text(f"Mark one done: cetl todo done {module.number}.t1", style="dim"), (0, 0, 0, 2)))

    out.append(heading("Reflection Questions"))
    for item, refl in zip(cur.reflections(module), module.reflections):
        is_answered = refl.id in answered
        mark = Text("[answered] " if is_answered else "[ ]        ", style="green" if is_answered else "")
        mark.append(f"{item.ref:<6} ", style="cyan")
        mark.append(lit(refl.prompt))
        out.append(Padding(mark, (0, 0, 0, 2)))
    out.append(Padding(Text(f"Answer one: cetl reflect {module.number}.r1", style="dim"), (0, 0, 0, 2)))

    if module.extending:
        out.append(heading("Extending Your Study"))
        for e in module.extending:
            line = lit(e.title, "bold")
            line.append(" · ")
            line.append(lit(e.source))
            out.append(Padding(line, (0, 0, 0, 2)))
            note = lit(e.note)
            if e.url:
                note.append("\n")
                note.append(lit(e.url, "underline"))
            out.append(Padding(note, (0, 0, 1, 4)))
    return out
