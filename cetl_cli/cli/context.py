"""What every command needs, loaded lazily: the curriculum, the store, shared options."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from cetl_cli.domain.models import Curriculum
    from cetl_cli.storage import Store


class State:
    curriculum_dir: Optional[Path] = None
    _curriculum: "Curriculum | None" = None
    _store: "Store | None" = None


STATE = State()

JsonOutput = Annotated[
    bool, typer.Option("--json", help="Print JSON instead of text (stable keys; see README).")
]
ModuleOption = Annotated[
    Optional[str],
    typer.Option("--module", "-m", metavar="N", help="Only this module: a number (1-11) or a skill-area code (I.B)."),
]


def reset(curriculum_dir: Optional[Path]) -> None:
    STATE.curriculum_dir = curriculum_dir
    STATE._curriculum = None
    if STATE._store is not None:
        STATE._store.close()
    STATE._store = None


def curriculum() -> "Curriculum":
    if STATE._curriculum is None:
        from cetl_cli.curriculum_cache import load  # validated YAML, reused while unchanged

        STATE._curriculum = load(STATE.curriculum_dir)
    return STATE._curriculum


def store() -> "Store":
    if STATE._store is None:
        from cetl_cli.storage import Store

        STATE._store = Store.open()
    return STATE._store


def progress_sets() -> tuple[set[str], set[str]]:
    s = store()
    return s.done_todos(), s.answered_reflections()


def debug() -> bool:
    return os.environ.get("CETL_DEBUG", "") not in ("", "0")
