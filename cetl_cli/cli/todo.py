"""`cetl todo`: mark To Do exercises done or not done, note on them, and list them."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated

import typer

from cetl_cli.cli.context import JsonOutput, ModuleOption, session

todo_app = typer.Typer(name="todo", help="Mark To Do exercises done or undone, add notes, and list them.", no_args_is_help=True)

Refs = Annotated[
    list[str],
    typer.Argument(metavar="REF...", help="Refs like 3.t2 (module 3, to-do 2), or to-do ids.", show_default=False),
]


def _mark(refs: list[str], done: bool) -> None:
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.lists import marked
    from cetl_cli.services.todos import mark

    marked(Out(), mark(session(), refs, done), done)


@todo_app.command("done")
def todo_done(refs: Refs) -> None:
    """Mark to-dos done.

    Example: cetl todo done 3.t1 3.t2
    """
    _mark(refs, True)


@todo_app.command("undo")
def todo_undo(refs: Refs) -> None:
    """Mark to-dos not done again (the history keeps both events).

    Example: cetl todo undo 3.t1
    """
    _mark(refs, False)


@todo_app.command("note")
def todo_note(
    ref: Annotated[str, typer.Argument(metavar="REF", help="A ref like 3.t2, or a to-do id.", show_default=False)],
    text: Annotated[list[str], typer.Argument(metavar="TEXT", help="The note: a link to your artifact, a remark.",
                                              show_default=False)],
) -> None:
    """Add a dated note to a to-do: a link to what you made, or a remark. Shown in the module view
    and the portfolio (cetl export markdown); notes are kept in order, never overwritten.

    Example: cetl todo note 3.t2 "Gap analysis: https://drive.example.org/gap.pdf"
    """
    from cetl_cli.cli.output import Out, Styled, when
    from cetl_cli.services.todos import add_note

    noted = add_note(session(), ref, " ".join(text))
    out = Out()
    note = noted.notes[-1]
    out.print(Styled(f"Noted on {noted.item.ref} ({when(note.at)}): ", "green").append(note.text))
    if len(noted.notes) > 1:
        out.print(Styled(f"{noted.item.ref} has {len(noted.notes)} notes.", "dim"))
    tail = (f"Next: see it in cetl study module {noted.item.module.number}" if noted.done
            else f"Next: cetl todo done {noted.item.ref}   (or cetl study module {noted.item.module.number})")
    out.print(Styled(tail, "cyan"))


@todo_app.command("list")
def todo_list(module: ModuleOption = None, as_json: JsonOutput = False,
              open_only: Annotated[bool, typer.Option("--open", help="Only to-dos not yet done.")] = False) -> None:
    """List to-dos with their refs and done marks.

    Example: cetl todo list --module 3
    """
    from cetl_cli.services.todos import todo_list as rows_of

    rows = rows_of(session(), module, open_only)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.todos(rows))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.lists import todo_list as view

    view(Out(), rows)
