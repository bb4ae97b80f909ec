"""The root `cetl` app: global options, the dashboard, and the one error boundary (`run`)."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli import __version__
from cetl_cli.cli import context
from cetl_cli.cli.curriculum_cmd import curriculum_app
from cetl_cli.cli.eligibility_cmd import register as register_eligibility
from cetl_cli.cli.progress_cmd import register as register_progress
from cetl_cli.cli.quiz_cmd import register as register_quiz
from cetl_cli.cli.reflect import register as register_reflect
from cetl_cli.cli.study import study_app
from cetl_cli.cli.todo import todo_app

app = typer.Typer(
    name="cetl",
    help="A study companion for CoSN's CETL exam: study the modules, do the to-dos, write your "
    "reflections, and see where you stand in each skill area.\n\nRun 'cetl' alone for your next step.",
    no_args_is_help=False,
    add_completion=False,
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
        Optional[Path],
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
    context.reset(curriculum)
    if ctx.invoked_subcommand is None:
        from cetl_cli.cli.dashboard import dashboard

        dashboard()


app.add_typer(study_app)
app.add_typer(todo_app)
register_reflect(app)
register_progress(app)
register_quiz(app)
app.add_typer(curriculum_app)
register_eligibility(app)


def run(argv: list[str] | None = None) -> None:
    """Entry point: runs the app and turns cetl's errors into one line and an exit code."""
    from cetl_cli.domain.errors import CetlError

    try:
        app(args=argv, prog_name="cetl")
    except CetlError as err:
        if context.debug():
            raise
        sys.stderr.write(f"cetl: {err}\n" if not hasattr(err, "problems") else f"{err}\n")
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("cetl: interrupted; nothing was lost.\n")
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the boundary: no traceback unless asked for
        if context.debug():
            raise
        sys.stderr.write(
            f"cetl: unexpected error: {type(err).__name__}: {err}. "
            "Run again with CETL_DEBUG=1 to see the traceback, and please report it.\n"
        )
        sys.exit(1)
    finally:
        context.reset(None)
