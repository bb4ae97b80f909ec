"""`cetl export` and `cetl import`: a portfolio to send, everything as JSON, tables for spreadsheets."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import ModuleOption, session

export_app = typer.Typer(
    name="export",
    help="Export your study record: a Markdown portfolio, everything as JSON (for cetl import), or CSV "
    "tables. Files are written whole or not at all, and never overwritten without --force.",
    no_args_is_help=True,
)

OutFile = Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", show_default=False,
                                                 help="Write to FILE (default: standard output).")]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def _deliver(data: bytes, out_file: Optional[Path], force: bool, what: str, next_step: str) -> None:
    import sys

    from cetl_cli.cli.output import Out, Styled

    if out_file is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        if sys.stdout.isatty():
            Out().print(Styled(f"Next: save it with --out FILE, then {next_step}", "cyan"))
        return
    from cetl_cli.services.files import write_new

    path = write_new(out_file, data, force)
    out = Out()
    out.print(Styled(f"Wrote {what} to {path} ({len(data):,} bytes).", "green"))
    out.print(Styled(f"Next: {next_step}", "cyan"))


@export_app.command("markdown")
def export_markdown(
    module: ModuleOption = None,
    history: Annotated[bool, typer.Option("--history", help="Every version of each answer, not only the latest.")]
    = False,
    out_file: OutFile = None,
    force: Force = False,
) -> None:
    """A portfolio in Markdown: per module each question with your answer and its date, the to-dos
    you have done with their dates and notes, then where you stand and your mock exams.

    Example: cetl export markdown --module 2 --out module-2-reflections.md
    """
    from cetl_cli.services.portfolio import portfolio

    text = portfolio(session(), module, history)
    _deliver(text.encode("utf-8"), out_file, force, "your portfolio", "send the file to your group or mentor")


@export_app.command("json")
def export_json(out_file: OutFile = None, force: Force = False) -> None:
    """Everything you recorded, in cetl's versioned JSON format (docs/export-format.md).

    Example: cetl export json --out cetl-export.json    (then: cetl import cetl-export.json)
    """
    from cetl_cli.services.export import export_json as build

    data = build(session())
    _deliver(data, out_file, force, "everything you recorded", "keep it safe; cetl import FILE puts it back")


@export_app.command("csv")
def export_csv(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="answers, todos, notes, practice, exams, experience "
                                        "or recert.", show_default=False)],
    out_file: OutFile = None,
    force: Force = False,
) -> None:
    """One table for a spreadsheet (UTF-8 with a BOM; text that a spreadsheet would run as a formula
    starts with ').

    Example: cetl export csv answers --out answers.csv
    """
    from cetl_cli.services.export import export_csv as build

    _deliver(build(session(), kind.strip().lower()), out_file, force, f"the {kind} table",
             "open it in your spreadsheet")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file made by cetl export json.",
                                         show_default=False)],
) -> None:
    """Merge a cetl export (cetl export json) into your database: into an empty one it restores
    everything; into one in use it adds only what is not there yet, so importing twice changes
    nothing. A file that fails its checks changes nothing at all.

    Example: cetl import cetl-export.json
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.export import import_file

    done = import_file(session(), file)
    out = Out()
    names = {"todo_events": "to-do events", "todo_notes": "to-do notes", "reflection_answers": "answer versions",
             "drafts": "drafts", "experience": "experience entries", "exam_attempts": "mock exams",
             "practice_answers": "practice answers", "recert": "recertification activities",
             "settings": "remembered settings"}
    if done.total == 0:
        out.print(f"Nothing new in {done.path}: everything in it is already in your database.")
    else:
        added = ", ".join(f"{n:,} {names[k]}" for k, n in done.added.items() if n)
        out.print(Styled(f"Imported {done.path}: added {added}. Nothing already there was duplicated.", "green"))
    out.print(Styled("Next: cetl progress", "cyan"))
