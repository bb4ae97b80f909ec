"""`cetl curriculum validate`: the authors' check of a curriculum folder."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import STATE

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
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.curriculum import validate

    v = validate(directory if directory is not None else STATE.curriculum_dir)
    cur = v.curriculum
    todos = sum(len(m.todos) for m in cur.modules)
    refl = sum(len(m.reflections) for m in cur.modules)
    out = Out()
    out.line(f"OK: {cur.source_dir} has {len(cur.modules)} modules, {len(cur.areas)} skill areas, "
              f"{todos} to-dos, {refl} reflection questions and {len(v.questions)} practice questions.")
    for note in v.notes:
        out.line(note)
    if v.rules is not None:
        out.line(f"OK: eligibility.yaml has {len(v.rules.routes)} routes, rules as of {v.rules.as_of.isoformat()}.")
    if v.recert is not None:
        out.line(f"OK: recert.yaml has {len(v.recert.categories)} categories, rules as of "
                 f"{v.recert.as_of.isoformat()}.")
    where = f" --curriculum {cur.source_dir}" if directory is not None else ""
    out.print(Styled(f"Next: cetl{where} study", "cyan"))
