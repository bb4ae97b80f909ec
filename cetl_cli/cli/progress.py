"""`cetl` alone, `cetl progress` and `cetl modules`: where you stand."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import typer

from cetl_cli.cli.context import JsonOutput, session


def register(app: typer.Typer) -> None:
    app.command("progress")(progress)
    app.command("modules")(modules)


def dashboard() -> None:
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.progress import dashboard as view
    from cetl_cli.services.progress import dashboard as data

    view(Out(), data(session()))


def progress(as_json: JsonOutput = False) -> None:
    """Progress for each skill area and domain, practice accuracy, and coverage weighted by exam weight.

    Example: cetl progress    or    cetl progress --json
    """
    from cetl_cli.services.progress import report

    r = report(session())
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.progress(r))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.progress import progress as view

    view(Out(), r)


def modules(as_json: JsonOutput = False) -> None:
    """List the modules with their skill area and your progress.

    Example: cetl modules
    """
    from cetl_cli.services.study import modules as rows_of

    rows = rows_of(session())
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.modules(rows))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.progress import modules as view

    view(Out(), rows)
