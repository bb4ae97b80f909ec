"""`cetl curriculum validate`: the authors' check of a curriculum folder."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli.cli import context

curriculum_app = typer.Typer(name="curriculum", help="Tools for curriculum authors.", no_args_is_help=True)


@curriculum_app.command("validate")
def curriculum_validate(
    directory: Annotated[
        Optional[Path],
        typer.Argument(metavar="[DIR]", help="The curriculum folder (default: the one in use).", show_default=False),
    ] = None,
) -> None:
    """Check a curriculum folder and list every problem as file:line: field: message (exit 2).

    Example: cetl curriculum validate ./my-chapter-curriculum
    """
    from cetl_cli.domain.loader import load_curriculum

    cur = load_curriculum(directory if directory is not None else context.STATE.curriculum_dir)
    todos = sum(len(m.todos) for m in cur.modules)
    refl = sum(len(m.reflections) for m in cur.modules)
    typer.echo(
        f"OK: {cur.source_dir} has {len(cur.modules)} modules, {len(cur.areas)} skill areas, "
        f"{todos} to-dos and {refl} reflection questions."
    )
