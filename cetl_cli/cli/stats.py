"""`cetl stats`: streak, heatmap, mock-exam trend, accuracy by area week by week."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import typer

from cetl_cli.cli.context import JsonOutput, session


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)


def stats(as_json: JsonOutput = False) -> None:
    """Your study streak (one day off in any seven does not break it), a heatmap of study days
    over the last 16 weeks, your mock-exam scores over time, and practice accuracy by skill
    area for each of the last 8 weeks.

    Example: cetl stats    or    cetl stats --json
    """
    from cetl_cli.services.stats import stats as data

    report = data(session())
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.stats(report))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.stats import stats as view

    view(Out(), report)
