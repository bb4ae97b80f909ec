"""`cetl backup` and `cetl restore`: a consistent copy of your database, and putting one back."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import session


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("restore")(restore)


def backup(
    file: Annotated[Optional[Path], typer.Argument(metavar="[FILE]", show_default=False,
                                                   help="Where to write it (default: a dated file in the backups "
                                                   "folder of cetl's data folder).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Back up your database with SQLite's online backup API: a consistent copy even while another
    cetl is writing, including what is still in SQLite's write-ahead log. Checked before it is done.

    Example: cetl backup    or    cetl backup ~/Documents/cetl-backup.db
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.backup import backup as run

    done = run(session(), file, force)
    out = Out()
    out.print(Styled(f"Backed up to {done.path} ({done.size:,} bytes; integrity check passed).", "green"))
    out.print(Styled(f"Next: keep a copy somewhere else; to put it back: cetl restore {done.path}", "cyan"))


def restore(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by cetl backup.", show_default=False)],
) -> None:
    """Replace your database with a backup. The file is checked first (integrity and cetl's schema);
    your current database is kept as a dated copy in the backups folder.

    Example: cetl restore ~/.local/share/cetl/backups/cetl-20261201-093000.db
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.backup import restore as run

    done = run(session(), file)
    out = Out()
    out.print(Styled(f"Restored your database from {done.source}.", "green"))
    if done.kept is not None:
        out.print(f"Your database as it was is kept at {done.kept}.")
    if done.migrations:
        out.print(Styled(f"The backup was from an older cetl; its data was brought up to date "
                         f"({done.migrations} migration{'s' if done.migrations != 1 else ''}).", "dim"))
    out.print(Styled("Next: cetl progress", "cyan"))
