"""cetl's one output layer: every screen, interactive or not, is drawn through this module.

cetl prints paragraphs, a few styles (bold, dim, underline, green...) and aligned columns. Rich
draws the same thing, but importing it costs about as much as a quarter of a bare Typer app's
start-up and laying out a module page with it as much again (BENCHMARKS.md), so cetl draws with
this small writer instead.

Text from users, curricula and (soon) group members is data: it is never read as markup, and
every control or escape character in it is shown as a visible symbol (`clean`), so no file can
move the cursor, set the window title, write to the clipboard (OSC 52) or clear the screen.

The rules are Rich's, so the output is the same:
- styles only on a terminal (or with FORCE_COLOR / TTY_COMPATIBLE=1); none when piped, or when
  TERM is dumb; NO_COLOR drops colours but keeps bold, dim and underline;
- the width is the terminal's (COLUMNS overrides it), 80 when there is no terminal;
- text wraps at spaces like Rich's (`rich._wrap.divide_line`), words longer than a line are
  folded, and an indent wraps with the text (like `rich.padding.Padding`).
tests/test_term.py checks the plain output against Rich's for every module of the curriculum.
On Windows the finished text is handed to Rich, which knows the legacy console.

Long output goes through a pager on a terminal ($PAGER, else `less`), with LESS=FRX when LESS
is unset (as git does), so colour shows as colour and a short page needs no `q`.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

from cetl_cli.cli.text import (
    _UNSAFE,
    Renderable,
    Styled,
    _as_styled,
    _breaks,
    _cut,
    _truncate,
    cell_len,
    clean,
    grid,
)

__all__ = ["Out", "Styled", "Renderable", "bar", "cell_len", "clean", "duration", "excerpt", "grid", "pct",
           "print_json", "to_pager", "when"]

# Rich's SGR codes, in Rich's order: attributes first, then the colour.
_ATTRS = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7", "strike": "9"}
_COLOURS = {"black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
            "cyan": "36", "white": "37"}
def bar(percent: float, width: int = 20) -> str:
    filled = round(width * max(0.0, min(percent, 100.0)) / 100)
    return "█" * filled + "░" * (width - filled)


def pct(value: float) -> str:
    return f"{value:.0f}%"


def when(stamp: str) -> str:
    """A stored UTC timestamp (ISO 8601) as local time, to the minute: 2026-12-01 09:30."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp)[:16].replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def duration(seconds: float) -> str:
    """A time span in words a reader cannot mistake: 45 s, 12 min 05 s, 1 h 21 min."""
    s = max(0, round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h} h {m:02d} min"
    if m:
        return f"{m} min {s:02d} s"
    return f"{s} s"


def excerpt(text: str, limit: int = 160) -> str:
    """The start of a long text on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def print_json(data: object) -> None:
    """JSON on stdout: stable keys; C1 controls escaped too, so even raw JSON on a terminal is inert."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if _UNSAFE.search(text):
        text = re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.write(text + "\n")


class Out:
    """Where the text goes: a stream, with Rich's rules for styles and width."""

    def __init__(self, file: TextIO | None = None, stderr: bool = False) -> None:
        self.file = file or (sys.stderr if stderr else sys.stdout)
        env = os.environ
        self.is_terminal = _is_terminal(self.file, env)
        dumb = env.get("TERM", "").lower() in ("dumb", "unknown")
        self.styled = self.is_terminal and not dumb
        self.no_color = env.get("NO_COLOR", "") != ""
        self.width, self.height = _size(env, dumb and self.is_terminal)

    # -- building lines ----------------------------------------------------------------------
    def render(self, text: Renderable = "", indent: int = 0, wrap: bool = True,
               ellipsis: bool = False) -> list[str]:
        """`text` as finished lines: wrapped (or cut short) to the width, indented, styled."""
        room = max(1, self.width - indent)
        pad = " " * indent
        out: list[str] = []
        for line in _as_styled(text).lines():
            plain = "".join(t for t, _ in line)
            if not wrap:
                pieces = [_truncate(line, room, ellipsis)]
            elif cell_len(plain) <= room:
                pieces = [line]
            else:
                pieces = _cut(line, _breaks(plain, room))
            for piece in pieces:
                rendered = self._sgr(piece)
                out.append(pad + rendered if rendered else "")
        return out

    def _sgr(self, runs: list[tuple[str, str]]) -> str:
        # Trailing spaces are dropped (Rich keeps them as padding; they are invisible).
        while runs and not runs[-1][0].rstrip():
            runs = runs[:-1]
        if runs:
            runs = runs[:-1] + [(runs[-1][0].rstrip(), runs[-1][1])]
        if not self.styled:
            return "".join(t for t, _ in runs)
        parts = []
        for text, style in runs:
            codes = self._codes(style)
            parts.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
        return "".join(parts)

    def _codes(self, style: str) -> str:
        attrs: set[str] = set()
        colour = ""
        for word in style.split():
            if word in _ATTRS:
                attrs.add(_ATTRS[word])
            elif word in _COLOURS:
                colour = _COLOURS[word]
            elif word.startswith("not") or word == "none":
                continue
            else:
                raise ValueError(f"unknown style {word!r}")
        codes = sorted(attrs)
        if colour and not self.no_color:
            codes.append(colour)
        return ";".join(codes)

    # -- writing -----------------------------------------------------------------------------
    def hanging(self, prefix: Renderable, body: Renderable, indent: int = 0) -> list[str]:
        """`prefix` then `body`, the body's later lines indented under its first (a hanging indent)."""
        head = _as_styled(prefix)
        width = head.cells()
        inner = Out.__new__(Out)
        inner.__dict__.update(self.__dict__)
        inner.width = max(20, self.width - indent - width)
        lines = inner.render(body)
        first = self._sgr(list(head.lines()[0])) if head.runs else ""
        first += " " * (width - cell_len(head.plain.rstrip()))  # _sgr drops trailing spaces
        pad = " " * indent
        out = [pad + first + (lines[0] if lines else "")]
        out += [pad + " " * width + line if line else "" for line in lines[1:]]
        return out

    def print(self, text: Renderable = "", indent: int = 0, wrap: bool = True, ellipsis: bool = False,
              after: int = 0) -> None:
        """Write `text` (wrapped, indented), then `after` blank lines."""
        self.write_lines(self.render(text, indent, wrap, ellipsis) + [""] * after)

    def line(self, text: Renderable) -> None:
        """Write `text` as one line, neither wrapped nor cut (for lines a script reads)."""
        self.write("".join(self._sgr(list(runs)) + "\n" for runs in _as_styled(text).lines()))

    def write_lines(self, lines: list[str]) -> None:
        self.write("".join(line + "\n" for line in lines))

    def write(self, text: str) -> None:
        if os.name == "nt" and self.styled:  # pragma: no cover - Windows consoles go through Rich
            from rich.console import Console
            from rich.text import Text

            Console(file=self.file, highlight=False, emoji=False).print(
                Text.from_ansi(text), end="", soft_wrap=True)
            return
        self.file.write(text)

    def recording(self) -> Out:
        """An Out like this one (width, styles) that keeps what is written: `.recorded()` gives
        the lines, e.g. for `page`."""
        import io

        rec = Out.__new__(Out)
        rec.__dict__.update(self.__dict__)
        rec.file = io.StringIO()
        return rec

    def recorded(self) -> list[str]:
        text = self.file.getvalue() if hasattr(self.file, "getvalue") else ""
        return text.splitlines()

    def page(self, lines: list[str]) -> None:
        """Write lines; on a terminal, more than a screenful goes through a pager ($PAGER,
        else `less`, with LESS=FRX when LESS is unset)."""
        text = "".join(line + "\n" for line in lines)
        if not self.is_terminal or len(lines) < self.height - 1:
            self.write(text)
            return
        if not to_pager(text):
            self.write(text)


def to_pager(text: str) -> bool:
    """Pipe text through $PAGER (else `less`); False when no pager could be started."""
    import shlex
    import subprocess

    pager = os.environ.get("PAGER") or "less"
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # colour, quit on a short page, leave the text on screen
    try:
        proc = subprocess.Popen(shlex.split(pager), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    try:
        proc.communicate(text.encode("utf-8", "replace"))
    except (BrokenPipeError, KeyboardInterrupt):
        pass
    proc.wait()
    return True


def _is_terminal(file: TextIO, env) -> bool:
    """Rich's Console.is_terminal, without the Jupyter and IDLE cases cetl never runs in."""
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = env.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return bool(file.isatty())
    except (AttributeError, ValueError):
        return False


def _size(env, dumb: bool) -> tuple[int, int]:
    """Rich's Console.size: the terminal of stdin, stdout or stderr; COLUMNS and LINES win;
    80 x 25 when nothing says otherwise."""
    if dumb:
        return 80, 25
    width = height = None
    for fd in ((1, 2) if os.name == "nt" else (0, 1, 2)):
        try:
            width, height = os.get_terminal_size(fd)
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns, lines = env.get("COLUMNS"), env.get("LINES")
    if columns is not None and columns.isdigit():
        width = int(columns)
    if lines is not None and lines.isdigit():
        height = int(lines)
    return width or 80, height or 25
