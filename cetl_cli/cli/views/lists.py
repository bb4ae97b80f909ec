"""Checklists: `cetl todo list`, `cetl reflections`, the lines after `cetl todo done`."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, excerpt, grid
from cetl_cli.cli.views.module import next_step_line
from cetl_cli.services.reflect import ReflectionRow
from cetl_cli.services.todos import Marked, TodoRow


def marked(out: Out, m: Marked, done: bool) -> None:
    verb, already = ("Done", "Already done") if done else ("Not done", "Was not done")
    for item in m.items:
        if item.id in m.changed:
            line = Styled(f"{verb} {item.ref}: ", "green" if done else "yellow")
        else:
            line = Styled(f"{already} {item.ref}: ", "dim")
        line.append(item.text)
        out.print(line, wrap=False, ellipsis=True)
    out.print(next_step_line(m.next_step))


def todo_list(out: Out, rows: list[TodoRow]) -> None:
    body = [[Styled("[x]", "green") if r.done else "[ ]", Styled(r.item.ref, "cyan"), r.todo.text,
             str(r.todo.minutes or "")] for r in rows]
    lines = out.render(grid([("", "left", 3), ("ref", "left", 3), ("to-do", "left", 0), ("min", "right", 3)],
                            body, out.width, shrink=2), wrap=False)
    open_rows = [r for r in rows if not r.done]
    tail = (f"Next: cetl todo done {open_rows[0].item.ref}   (or cetl study module {open_rows[0].item.module.number})"
            if open_rows else "Every to-do here is done. Next: cetl reflections")
    out.page(lines + out.render(Styled(tail, "cyan")))


def reflection_list(out: Out, rows: list[ReflectionRow]) -> None:
    lines: list[str] = []
    for r in rows:
        mark = Styled("[answered] " if r.versions else "[ ]        ", "green" if r.versions else "")
        mark.append(f"{r.item.ref:<6} ", "cyan")
        lines.extend(out.hanging(mark, r.item.text))
        if r.latest is not None:
            lines.extend(out.hanging(" " * 17, Styled(excerpt(r.latest.text, 120), "dim")))
    open_rows = [r for r in rows if not r.versions]
    tail = (f"Next: cetl reflect {open_rows[0].item.ref}" if open_rows
            else "Every question here has an answer. Revise one with cetl reflect REF")
    out.page(lines + out.render(Styled(tail, "cyan")))
