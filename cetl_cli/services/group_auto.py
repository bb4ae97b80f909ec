"""After a command that wrote to the database: keep the group file current when asked to.

This is on the path of every command that writes (`cetl todo done`, `cetl reflect`...), so it
reads one setting and imports the group's code only when `--auto` is on."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from cetl_cli.services.session import Session

SETTING = "group"  # the JSON setting holding your side of the group (services/group.py)


def autoshare(s: Session) -> Optional[Path]:
    """Your rewritten file, or None when there was nothing to do."""
    if s.store.get_json(SETTING).get("auto") is not True:
        return None
    from cetl_cli.services.group import autoshare as rewrite

    return rewrite(s)
