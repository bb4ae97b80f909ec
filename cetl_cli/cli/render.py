"""Rendering shared by the commands: Rich output, JSON, bars, the pager.

The everyday commands draw with the lighter cetl_cli/cli/term.py instead of Rich.

User and curriculum text is always wrapped in `Text(...)`, never parsed as markup, so `[bold]`
inside a reflection or a YAML file is shown as typed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# Rich is imported by the helpers that draw, not here: `--json` output never loads it.

BAR_WIDTH = 20


def console(stderr: bool = False) -> "Console":
    from rich.console import Console

    # Rich already drops colour when NO_COLOR is set or output is not a terminal.
    return Console(stderr=stderr, highlight=False, emoji=False)


def bar(percent: float, width: int = BAR_WIDTH) -> str:
    filled = round(width * max(0.0, min(percent, 100.0)) / 100)
    return "█" * filled + "░" * (width - filled)


def pct(value: float) -> str:
    return f"{value:.0f}%"


def print_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def lit(text: str, style: str = "") -> "Text":
    """User or curriculum text, shown literally."""
    from rich.text import Text

    return Text(str(text), style=style)


def show(renderables: list, page: bool = True) -> None:
    """Print; on a terminal, long output goes through a pager ($PAGER, else `less -R -F -X`)."""

    out = console()
    if not (page and out.is_terminal):
        for r in renderables:
            out.print(r)
        return
    with out.capture() as cap:
        for r in renderables:
            out.print(r)
    text = cap.get()
    if text.count("\n") < out.size.height - 1:
        sys.stdout.write(text)
        return
    from cetl_cli.cli.term import to_pager

    if not to_pager(text):
        sys.stdout.write(text)


def checklist(headers: list[str], rows: list[list]) -> None:
    """A borderless table whose first column is a mark and second a ref; cells shown literally."""
    from rich.table import Table

    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column(headers[0])
    table.add_column(headers[1], style="cyan", no_wrap=True)
    for header in headers[2:]:
        table.add_column(header, justify="right" if header == "min" else "left")
    for row in rows:
        table.add_row(*(lit(cell) if isinstance(cell, str) and i != 1 else cell for i, cell in enumerate(row)))
    console().print(table)
