"""YAML in, checked records out: the curriculum, the question bank, the eligibility rules, and
the cache that keeps them between runs (as data, never code)."""

from __future__ import annotations

from pathlib import Path


def default_curriculum_dir() -> Path:
    """The curriculum installed inside the package; in a source checkout, the top-level folder."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "curriculum"
    if installed.is_dir():
        return installed
    return package.parent / "curriculum"
