"""`cetl search`: find a word in the course material, the Reflection Questions and your answers."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session


def register(app: typer.Typer) -> None:
    app.command("search")(search)


def search(
    query: Annotated[str, typer.Argument(metavar="QUERY", help="Words to find (all of them), or FTS5 syntax: "
                                         "\"a phrase\", plan*, privacy OR security.", show_default=False)],
    where: Annotated[Optional[str], typer.Option("--in", metavar="material|answers|questions",
                                                 help="Search only the course material, your answers, or the "
                                                 "Reflection Questions.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", help="At most N hits.")] = 20,
    as_json: JsonOutput = False,
) -> None:
    """Search the modules, the Reflection Questions and your latest answers, best match first.
    Each hit gives the command that opens it. Practice questions are not searched.

    Example: cetl search FERPA    or    cetl search "data privacy" --in answers
    """
    from cetl_cli.services.search import search as run

    results = run(session(), query, where, limit)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.search(results))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.record import search_results

    search_results(Out(), results)
