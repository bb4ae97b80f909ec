"""The root `cetl` app: global options, the dashboard, and the command groups. The one exit is
`cetl_cli.cli.boundary.run`."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli import __version__
from cetl_cli.cli import context
from cetl_cli.cli.assess import assess_app
from cetl_cli.cli.backup import register as register_backup
from cetl_cli.cli.boundary import run
from cetl_cli.cli.curriculum import curriculum_app
from cetl_cli.cli.eligibility import register as register_eligibility
from cetl_cli.cli.exam import exam_app
from cetl_cli.cli.experience import experience_app
from cetl_cli.cli.export import export_app
from cetl_cli.cli.export import register as register_import
from cetl_cli.cli.group import group_app
from cetl_cli.cli.plan import plan_app
from cetl_cli.cli.progress import register as register_progress
from cetl_cli.cli.quiz import register as register_quiz
from cetl_cli.cli.recert import recert_app
from cetl_cli.cli.reflect import register as register_reflect
from cetl_cli.cli.review import register as register_review
from cetl_cli.cli.search import register as register_search
from cetl_cli.cli.stats import register as register_stats
from cetl_cli.cli.study import study_app
from cetl_cli.cli.todo import todo_app

__all__ = ["app", "run"]

app = typer.Typer(
    name="cetl",
    help="A study companion for CoSN's CETL exam: study the modules, do the to-dos, write your "
    "reflections, practice, and see where you stand in each skill area.\n\nRun 'cetl' alone for your next step.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cetl {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    curriculum: Annotated[
        Optional[str],
        typer.Option(
            "--curriculum",
            envvar="CETL_CURRICULUM",
            metavar="DIR",
            help="Use the curriculum in DIR instead of the one cetl ships (also CETL_CURRICULUM).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show cetl's version and exit."),
    ] = False,
) -> None:
    """Example: cetl   (shows overall progress, your current module and your next step)"""
    if curriculum is not None and not curriculum.strip():
        from cetl_cli.domain.errors import UsageError

        raise UsageError("--curriculum (or CETL_CURRICULUM) is empty.", "Name a folder, or leave it out "
                         "to use the curriculum cetl ships.")
    context.reset(Path(curriculum).expanduser() if curriculum else None)
    if ctx.invoked_subcommand is None:
        from cetl_cli.cli.progress import dashboard

        dashboard()


app.add_typer(study_app)
app.add_typer(todo_app)
register_reflect(app)
register_progress(app)
register_quiz(app)
register_review(app)
app.add_typer(exam_app)
app.add_typer(assess_app)
app.add_typer(plan_app)
register_stats(app)
app.add_typer(curriculum_app)
register_eligibility(app)
app.add_typer(experience_app)
register_search(app)
app.add_typer(recert_app)
app.add_typer(export_app)
register_import(app)
register_backup(app)
app.add_typer(group_app)
