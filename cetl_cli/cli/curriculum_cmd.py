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
    from cetl_cli.cli.quiz_cmd import exam_shortfall, validate_bank
    from cetl_cli.domain.errors import CurriculumError
    from cetl_cli.domain.loader import default_curriculum_dir, load_curriculum

    folder = directory if directory is not None else context.STATE.curriculum_dir
    root = Path(folder) if folder is not None else default_curriculum_dir()
    problems: list[str] = []
    try:
        cur = load_curriculum(folder)
    except CurriculumError as err:
        cur, problems = None, list(err.problems)
    # The question bank and eligibility.yaml are optional in a chapter's folder; their problems
    # are listed with the rest, all at once.
    questions, bank_problems = validate_bank(root, cur)
    problems += bank_problems
    eligibility = _validate_eligibility(root, cur)
    if isinstance(eligibility, list):
        problems += eligibility
    if problems or cur is None:
        raise CurriculumError(problems)
    todos = sum(len(m.todos) for m in cur.modules)
    refl = sum(len(m.reflections) for m in cur.modules)
    typer.echo(
        f"OK: {cur.source_dir} has {len(cur.modules)} modules, {len(cur.areas)} skill areas, "
        f"{todos} to-dos, {refl} reflection questions and {len(questions)} practice questions."
    )
    for note in exam_shortfall(cur, questions):
        typer.echo(note)
    if eligibility is not None:
        typer.echo(f"OK: eligibility.yaml has {len(eligibility.routes)} routes, rules as of "
                   f"{eligibility.as_of.isoformat()}.")


def _validate_eligibility(folder: Path, cur):
    """The rules in folder/eligibility.yaml, a list of problems, or None when there is no file."""
    from cetl_cli.domain.eligibility import FILE_NAME, rule_problems

    path = folder / FILE_NAME
    if not path.is_file():
        return None
    return rule_problems(path, [d.code for d in cur.framework.domains] if cur is not None else None)
