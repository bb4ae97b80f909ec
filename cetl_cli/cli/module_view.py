"""How a module looks on screen (and as plain text when piped)."""

from __future__ import annotations

from cetl_cli.cli.term import Out, Styled
from cetl_cli.domain.progress import module_tally


def heading(title: str) -> Styled:
    return Styled("\n" + title, "bold underline")


def dated(obj) -> str:
    bits = []
    if getattr(obj, "as_of", None):
        bits.append(f"as of {obj.as_of.isoformat()}")
    if getattr(obj, "source", None):
        bits.append(f"source: {obj.source}")
    return f"({'; '.join(bits)})" if bits else ""


def module_lines(out: Out, cur, module, done: set[str], answered: set[str]) -> list[str]:
    """The module page as finished lines for `out` (curriculum text is always literal)."""
    lines: list[str] = []

    def add(text, indent: int = 0, after: int = 0) -> None:
        lines.extend(out.render(text, indent))
        lines.extend([""] * after)

    add(Styled(f"Module {module.number} · ", "bold").append(Styled(module.title, "bold")))
    if module.skill_area:
        area = cur.areas[module.skill_area]
        domain = cur.area_domain[module.skill_area]
        line = Styled(f"Skill area {area.code} ", "dim")
        line.append(Styled(area.name, "dim"))
        line.append(f" ({area.weight:g}% of the exam) · Domain {domain.code} ", "dim")
        line.append(Styled(domain.name, "dim"))
        line.append(f" ({domain.weight:g}%)", "dim")
        add(line)
    else:
        add(Styled("Orientation: the exam, the framework, and how to prepare", "dim"))
    tally = module_tally(cur, module, done, answered)
    add(Styled(f"Progress: {tally.todos_done}/{tally.todos_total} to-dos done, "
               f"{tally.reflections_answered}/{tally.reflections_total} reflections answered", "dim"))

    add(heading("Summary"))
    add(module.summary)
    if module.objectives:
        add(heading("Objectives"))
        for obj in module.objectives:
            add(Styled("• ").append(obj), indent=2)
    if module.key_concepts:
        add(heading("Key concepts"))
        for c in module.key_concepts:
            add(Styled(c.term, "bold"))
            body = Styled(c.explanation)
            if dated(c):
                body.append(" " + dated(c), "dim")
            add(body, indent=2, after=1)

    add(heading("To Do"))
    for item, todo in zip(cur.todos(module), module.todos):
        mark = Styled("[x] " if todo.id in done else "[ ] ", "green" if todo.id in done else "")
        mark.append(f"{item.ref:<6} ", "cyan")
        mark.append(todo.text)
        extra = f" ~{todo.minutes} min" if todo.minutes else ""
        mark.append(f"{extra}  id: {todo.id}", "dim")
        add(mark, indent=2)
    add(Styled(f"Mark one done: cetl todo done {module.number}.t1", "dim"), indent=2)

    add(heading("Reflection Questions"))
    for item, refl in zip(cur.reflections(module), module.reflections):
        is_answered = refl.id in answered
        mark = Styled("[answered] " if is_answered else "[ ]        ", "green" if is_answered else "")
        mark.append(f"{item.ref:<6} ", "cyan")
        mark.append(refl.prompt)
        add(mark, indent=2)
    add(Styled(f"Answer one: cetl reflect {module.number}.r1", "dim"), indent=2)

    if module.extending:
        add(heading("Extending Your Study"))
        for e in module.extending:
            line = Styled(e.title, "bold")
            line.append(" · ")
            line.append(e.source)
            add(line, indent=2)
            note = Styled(e.note)
            if e.url:
                note.append("\n")
                note.append(e.url, "underline")
            add(note, indent=4, after=1)
    return lines
