"""The module page (and as plain text when piped)."""

from __future__ import annotations

from typing import Any

from cetl_cli.cli.output import Out, Styled, excerpt, when
from cetl_cli.services.study import ModulePage, NextStep


def heading(title: str) -> Styled:
    return Styled("\n" + title, "bold underline")


def dated(obj: Any) -> str:
    bits = []
    if getattr(obj, "as_of", None):
        bits.append(f"as of {obj.as_of.isoformat()}")
    if getattr(obj, "source", None):
        bits.append(f"source: {obj.source}")
    return f"({'; '.join(bits)})" if bits else ""


def next_step_line(step: NextStep | None, fallback: str = "cetl progress") -> Styled:
    if step is None:
        return Styled(f"Everything is done. Next: {fallback}", "cyan")
    return Styled(f"Next: {step.text} · {step.command}", "cyan")


def module_lines(out: Out, page: ModulePage, full: bool = False) -> list[str]:
    """The module page as finished lines for `out` (curriculum text is always literal)."""
    cur, module = page.curriculum, page.module
    lines: list[str] = []

    def add(text: Any, indent: int = 0, after: int = 0) -> None:
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
    t = page.tally
    add(Styled(f"Progress: {t.todos_done}/{t.todos_total} to-dos done, "
               f"{t.reflections_answered}/{t.reflections_total} reflections answered", "dim"))

    add(heading("Summary"))
    add(module.summary)
    if module.objectives:
        add(heading("Objectives"))
        for obj in module.objectives:
            lines.extend(out.hanging("• ", obj, indent=2))
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
        done = todo.id in page.done
        mark = Styled("[x] " if done else "[ ] ", "green" if done else "")
        mark.append(f"{item.ref:<6} ", "cyan")
        lines.extend(out.hanging(mark, todo.text, indent=2))
        extra = f"~{todo.minutes} min · " if todo.minutes else ""
        lines.extend(out.hanging(" " * 11, Styled(f"{extra}id: {todo.id}", "dim"), indent=2))
        for note in page.notes.get(todo.id, []):
            lines.extend(out.hanging(" " * 11, Styled(f"Note ({when(note.at)}): ", "dim").append(note.text),
                                     indent=2))

    add(heading("Reflection Questions"))
    for item, refl in zip(cur.reflections(module), module.reflections):
        answered = refl.id in page.answered
        mark = Styled("[answered] " if answered else "[ ]        ", "green" if answered else "")
        mark.append(f"{item.ref:<6} ", "cyan")
        lines.extend(out.hanging(mark, refl.prompt, indent=2))
        latest = page.latest.get(refl.id)
        if latest is not None:
            versions = page.versions.get(refl.id, 1)
            head = f"Your answer (version {latest.version}{f' of {versions}' if versions > 1 else ''}, {when(latest.at)}): "
            body = Styled(head, "dim").append(latest.text if full else excerpt(latest.text))
            lines.extend(out.hanging(" " * 17, body, indent=2))

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
