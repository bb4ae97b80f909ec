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
        follow_up(STATE.session)
        STATE.session.close()
    STATE.curriculum_dir = curriculum_dir
    STATE.session = None


def follow_up(s: Session) -> None:
    """After a command that wrote to the database: keep the group file current, when asked to
    (`cetl group share --auto`). A failure there is one warning; the command's work is done."""
    store = s._store
    if store is None or not store.db.writes:
        return
    from cetl_cli.domain.errors import CetlError, StoreError

    try:
        from cetl_cli.services.group_auto import autoshare

        autoshare(s)
    except (StoreError, KeyboardInterrupt):
        pass  # the command has said what is wrong with the database already, or the user stopped
    except Exception as err:  # noqa: BLE001 - the command itself has succeeded
        from cetl_cli.cli.output import Out, Styled

        text = err.line() if isinstance(err, CetlError) else f"{type(err).__name__}: {str(err)[:200]}"
        Out(stderr=True).line(Styled(f"cetl: your group file was not updated: {text}", "yellow"))


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
