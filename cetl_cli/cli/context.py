"""What every command shares: the run's Session, and options defined once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from cetl_cli.services.session import Clock, Session


class State:
    curriculum_dir: Optional[Path] = None
    session: Session | None = None


STATE = State()

JsonOutput = Annotated[
    bool, typer.Option("--json", help="Print JSON instead of text (stable keys; see README).")
]
ModuleOption = Annotated[
    Optional[str],
    typer.Option("--module", "-m", metavar="N", help="Only this module: a number (1-11) or a skill-area code (I.B).",
                 show_default=False),
]


def reset(curriculum_dir: Optional[Path]) -> None:
    if STATE.session is not None:
        STATE.session.close()
    STATE.curriculum_dir = curriculum_dir
    STATE.session = None


def make_clock() -> Clock:
    """The clock of a run (tests replace this function to drive the time)."""
    from cetl_cli.services.session import Clock

    return Clock()


def session() -> Session:
    if STATE.session is None:
        from cetl_cli.services.session import Session

        STATE.session = Session(STATE.curriculum_dir, make_clock())
    return STATE.session


def debug() -> bool:
    return os.environ.get("CETL_DEBUG", "") not in ("", "0")
