"""`cetl study`: read a module: summary, objectives, key concepts, to-dos, reflections, reading."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated

import typer

from cetl_cli.cli.context import JsonOutput, session

study_app = typer.Typer(
    name="study",
    help="Read a module. 'cetl study' alone opens the first module you have not finished.\n\n"
    "Example: cetl study    or    cetl study module 3",
    invoke_without_command=True,
    no_args_is_help=False,
)

FullOption = Annotated[bool, typer.Option("--full", help="Show your answers whole, not an excerpt.")]


@study_app.callback()
def study_default(ctx: typer.Context, as_json: JsonOutput = False, full: FullOption = False) -> None:
    """Example: cetl study   (opens the first module with something left to do)"""
    if ctx.invoked_subcommand is not None:
        return
    from cetl_cli.services.study import current_module

    show_module(str(current_module(session()).number), as_json, full)


@study_app.command("module")
def study_module(
    module: Annotated[str, typer.Argument(metavar="N", help="Module number (1-11) or skill-area code (e.g. I.B).")],
    as_json: JsonOutput = False,
    full: FullOption = False,
) -> None:
    """Show module N with your to-dos, reflections and your latest answers.

    Example: cetl study module 3    or    cetl study module I.B
    """
    show_module(module, as_json, full)


def show_module(token: str, as_json: bool, full: bool = False) -> None:
    from cetl_cli.cli.output import Out
    from cetl_cli.services.study import module_page

    s = session()
    page = module_page(s, token)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        history = {r.id: s.store.answers(r.id) for r in page.module.reflections if r.id in page.answered}
        print_json(json_views.module(page, history))
        return
    from cetl_cli.cli.views.module import module_lines, next_step_line

    out = Out()
    out.page(module_lines(out, page, full))
    out.print(next_step_line(page.next_step))  # after the pager, so it stays on screen
