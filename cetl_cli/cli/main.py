"""The root `cetl` app: global options, the dashboard, and the command groups. The one exit is
`cetl_cli.cli.boundary.run`."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import os
from pathlib import Path
from typing import Annotated, Callable, Optional

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

SETTINGS: dict = dict(
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



def _group(sub: typer.Typer) -> Callable[[typer.Typer], None]:
    return lambda a: a.add_typer(sub)


# What each command word adds: a group, or a register function that adds one or more commands.
PARTS: list[tuple[tuple[str, ...], Callable[[typer.Typer], None]]] = [
    (("study",), _group(study_app)),
    (("todo",), _group(todo_app)),
    (("reflect", "reflections"), register_reflect),
    (("progress", "modules"), register_progress),
    (("quiz",), register_quiz),
    (("review",), register_review),
    (("exam",), _group(exam_app)),
    (("assess",), _group(assess_app)),
    (("plan",), _group(plan_app)),
    (("stats",), register_stats),
    (("curriculum",), _group(curriculum_app)),
    (("check-eligibility",), register_eligibility),
    (("experience",), _group(experience_app)),
    (("search",), register_search),
    (("recert",), _group(recert_app)),
    (("export",), _group(export_app)),
    (("import",), register_import),
    (("backup", "restore"), register_backup),
    (("group",), _group(group_app)),
]
WORDS = {w for names, _ in PARTS for w in names}


def make_app(only: Optional[str] = None) -> typer.Typer:
    """The app with every command, or with only the part that `only` names. Typer turns every
    registered command into a Click command on each run (about 20 ms for all of them), so a run
    builds only the one it was asked for; help, completion and slips get them all."""
    a = typer.Typer(**SETTINGS)
    a.callback(invoke_without_command=True)(root)
    for names, add in PARTS:
        if only is None or only in names:
            add(a)
    return a


def command_word(args: list[str]) -> Optional[str]:
    """The command a command line names (after the root's own options), or None."""
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--curriculum":
            if rest:
                rest.pop(0)
            continue
        if arg.startswith("--curriculum="):
            continue
        return None if arg.startswith("-") else arg
    return None


def app_for(args: list[str]) -> typer.Typer:
    if any(a in ("-h", "--help", "--install-completion", "--show-completion") for a in args) or \
            "_CETL_COMPLETE" in os.environ:
        return app
    word = command_word(args)
    if word is None:
        return make_app("progress")  # the dashboard: the root's callback, and one small group
    return make_app(word) if word in WORDS else app


app = make_app()
