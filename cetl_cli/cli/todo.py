"""`cetl todo`: mark To Do exercises done or not done, and list them."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated

import typer

from cetl_cli.cli import context
from cetl_cli.cli.context import JsonOutput, ModuleOption

todo_app = typer.Typer(name="todo", help="Mark To Do exercises done or undone, and list them.", no_args_is_help=True)

Refs = Annotated[
    list[str],
    typer.Argument(metavar="REF...", help="Refs like 3.t2 (module 3, to-do 2), or to-do ids.", show_default=False),
]


def _resolve(refs: list[str]):
    from cetl_cli.domain.refs import find_item

    cur = context.curriculum()
    # Resolve every ref before writing anything: one bad ref changes nothing.
    return [find_item(cur, r, kind="todo") for r in refs]


def _report(items, changed: list[str], verb: str, already: str) -> None:
    from cetl_cli.cli.term import Out, Styled

    out = Out()
    for item in items:
        if item.id in changed:
            line = Styled(f"{verb} {item.ref}: ", "green" if verb == "Done" else "yellow")
        else:
            line = Styled(f"{already} {item.ref}: ", "dim")
        line.append(item.text)
        out.print(line, wrap=False, ellipsis=True)


@todo_app.command("done")
def todo_done(refs: Refs) -> None:
    """Mark to-dos done.

    Example: cetl todo done 3.t1 3.t2
    """
    items = _resolve(refs)
    changed = context.store().set_todos([i.id for i in items], done=True)
    _report(items, changed, "Done", "Already done")


@todo_app.command("undo")
def todo_undo(refs: Refs) -> None:
    """Mark to-dos not done again (the history keeps both events).

    Example: cetl todo undo 3.t1
    """
    items = _resolve(refs)
    changed = context.store().set_todos([i.id for i in items], done=False)
    _report(items, changed, "Not done", "Was not done")


@todo_app.command("list")
def todo_list(module: ModuleOption = None, as_json: JsonOutput = False,
              open_only: Annotated[bool, typer.Option("--open", help="Only to-dos not yet done.")] = False) -> None:
    """List to-dos with their refs and done marks.

    Example: cetl todo list --module 3
    """
    from cetl_cli.domain.refs import find_module

    cur = context.curriculum()
    modules = [find_module(cur, module)] if module else cur.modules
    done = context.store().done_todos()
    rows = [
        (item, t)
        for m in modules
        for item, t in zip(cur.todos(m), m.todos)
        if not (open_only and t.id in done)
    ]
    if as_json:
        from cetl_cli.cli.render import print_json

        print_json([
            {"ref": i.ref, "id": t.id, "module": i.module.number, "text": t.text,
             "minutes": t.minutes, "done": t.id in done}
            for i, t in rows
        ])
        return
    from cetl_cli.cli.render import checklist

    checklist(["", "ref", "to-do", "min"],
              [["[x]" if t.id in done else "[ ]", i.ref, t.text, str(t.minutes or "")] for i, t in rows])
