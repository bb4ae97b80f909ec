"""`cetl recert`: once certified, log continuing-education hours for the three-year cycle."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session

recert_app = typer.Typer(
    name="recert",
    help="Recertification: the 60 hours of continuing education in each three-year cycle, by CoSN's "
    "categories and caps.\n\nExample: cetl recert    or    cetl recert start --certified 2026-03-15",
    invoke_without_command=True,
    no_args_is_help=False,
)


@recert_app.callback()
def recert_status(ctx: typer.Context, as_json: JsonOutput = False) -> None:
    """Example: cetl recert   (hours per category against the caps, and the cycle's end date)"""
    if ctx.invoked_subcommand is not None:
        return
    from cetl_cli.services.recert import status

    show(status(session()), as_json)


def show(data, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.recert(data))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.record import recert_status as view

    view(Out(), data)


@recert_app.command("start")
def recert_start(
    certified: Annotated[str, typer.Option("--certified", metavar="YYYY-MM-DD", show_default=False,
                                           help="The day your CETL certification was issued (or renewed).")],
) -> None:
    """Start (or restart, after recertifying) your cycle: it runs three years from the day of issue.

    Example: cetl recert start --certified 2026-03-15
    """
    from cetl_cli.services.recert import start

    show(start(session(), certified), False)


@recert_app.command("add")
def recert_add(
    category: Annotated[str, typer.Option("--category", "-c", metavar="C", show_default=False,
                                          help="A category id (cetl recert lists them), e.g. teaching.")],
    hours: Annotated[str, typer.Option("--hours", metavar="H", show_default=False, help="Hours earned, e.g. 1.5.")],
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", show_default=False,
                                                help="The day of the activity (default: today).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", metavar="TEXT", show_default=False,
                                                help="What it was, and where the evidence is.")] = None,
) -> None:
    """Log a continuing-education activity: its category, hours, date and a note.

    Example: cetl recert add --category volunteer-leadership --hours 2 --date 2026-10-14 --note "Led the chapter study group"
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.cli.views.record import recert_added
    from cetl_cli.services.recert import add

    added = add(session(), category, hours, date, note)
    out = Out()
    recert_added(out, added)
    out.print(Styled("Next: cetl recert", "cyan"))


@recert_app.command("remove")
def recert_remove(
    activity: Annotated[str, typer.Argument(metavar="ID", help="The activity's id, from cetl recert.",
                                            show_default=False)],
) -> None:
    """Remove a logged activity (a slip, a duplicate).

    Example: cetl recert remove 3
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.recert import remove

    activity_id = remove(session(), activity)
    out = Out()
    out.print(f"Removed activity #{activity_id}.")
    out.print(Styled("Next: cetl recert", "cyan"))
