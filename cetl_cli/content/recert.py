"""recert.yaml: read, check (every problem as `file:line: field: message`) and load."""

from __future__ import annotations

from pathlib import Path

from cetl_cli.domain.errors import CurriculumError
from cetl_cli.domain.recert import RecertRules

FILE_NAME = "recert.yaml"


def recert_path(directory: Path | str | None) -> Path:
    """The recert.yaml to use: the curriculum folder's own, else the one cetl ships."""
    from cetl_cli.content import default_curriculum_dir

    if directory is not None:
        own = Path(directory) / FILE_NAME
        if own.is_file():
            return own
    return default_curriculum_dir() / FILE_NAME


def load_recert(path: Path | str) -> RecertRules:
    """Read and check recert.yaml; raise CurriculumError listing every problem."""
    found = recert_problems(Path(path))
    if isinstance(found, RecertRules):
        return found
    raise CurriculumError(found)


def recert_problems(path: Path) -> RecertRules | list[str]:
    """The loaded rules, or the list of `file:line: field: message` problems."""
    from cetl_cli.content.loader import Problems, read_yaml, validate

    problems = Problems()
    src = read_yaml(path, str(path), problems)
    rules = validate(RecertRules, src, problems) if src is not None else None
    if rules is not None:
        seen: set[str] = set()
        for i, category in enumerate(rules.categories):
            if category.id in seen:
                problems.add(src, ("categories", i, "id"), f"duplicate category id {category.id!r}")
            seen.add(category.id)
            if category.cap is not None and category.cap > rules.hours_required:
                problems.add(src, ("categories", i, "cap"),
                             f"{category.cap:g} is more than hours_required ({rules.hours_required:g})")
    if problems.lines:
        return problems.lines
    assert rules is not None
    return rules
