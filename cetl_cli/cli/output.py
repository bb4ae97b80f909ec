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
from typing import TextIO, Union

# Rich's SGR codes, in Rich's order: attributes first, then the colour.
_ATTRS = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7", "strike": "9"}
_COLOURS = {"black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35",
            "cyan": "36", "white": "37"}
_WORD = re.compile(r"\s*\S+\s*")

# Control characters (C0 but newline, DEL, C1) and the bidirectional overrides, as visible
# symbols: ESC becomes ␛, so an escape sequence is shown, never obeyed.
_CONTROLS = {c: 0x2400 + c for c in range(0x20) if c != 0x0A}
_CONTROLS.update({0x09: " ", 0x7F: 0x2421})
_CONTROLS.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_CONTROLS.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """`text` with every control and escape character made visible (newlines kept)."""
    return text.translate(_CONTROLS) if _UNSAFE.search(text) else text


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


def cell_len(text: str) -> int:
    """Columns `text` takes on a terminal: 2 for wide (East Asian) characters, 0 for combining."""
    if text.isascii():
        return len(text)
    from unicodedata import combining, east_asian_width

    return sum(0 if combining(c) else 2 if east_asian_width(c) in "WF" else 1 for c in text)


def _chop(text: str, width: int) -> list[str]:
    """`text` cut into pieces of at most `width` columns."""
    if text.isascii():
        return [text[i:i + width] for i in range(0, len(text), width)] or [""]
    pieces, start, size = [], 0, 0
    for i, c in enumerate(text):
        w = cell_len(c)
        if size + w > width and i > start:
            pieces.append(text[start:i])
            start, size = i, 0
        size += w
    pieces.append(text[start:])
    return pieces


def _breaks(text: str, width: int) -> list[int]:
    """Where to break `text` so each line fits in `width` columns: Rich's greedy word wrap,
    where a word carries the spaces after it, and a word longer than a line is folded."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = cell_len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _combine(base: str, style: str) -> str:
    return f"{base} {style}".strip() if base and style else base or style


class Styled:
    """Text with styles, built like a `rich.text.Text`: a base style for the whole text, and
    pieces appended with their own style on top of it.

        line = Styled("Done 3.t1: ", "green").append(todo_text)
    """

    __slots__ = ("style", "runs")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.style = style
        self.runs: list[tuple[str, str]] = [(str(text), "")] if text else []

    def append(self, text: "Union[str, Styled]", style: str = "") -> "Styled":
        if isinstance(text, Styled):
            outer = _combine(style, text.style)
            self.runs.extend((t, _combine(outer, s)) for t, s in text.runs)
        elif text:
            self.runs.append((str(text), style))
        return self

    @property
    def plain(self) -> str:
        return "".join(t for t, _ in self.runs)

    def cells(self) -> int:
        """Columns the text takes on a terminal."""
        return cell_len(self.plain)

    def __repr__(self) -> str:
        return f"Styled({self.plain!r}, {self.style!r})"

    def lines(self) -> list[list[tuple[str, str]]]:
        """The runs split at newlines (each run's style has the base style folded in)."""
        out: list[list[tuple[str, str]]] = [[]]
        for text, style in self.runs:
            style = _combine(self.style, style)
            first, *rest = clean(text).split("\n")
            if first:
                out[-1].append((first, style))
            for part in rest:
                out.append([(part, style)] if part else [])
        return out


Renderable = Union[str, Styled]


def _as_styled(text: Renderable) -> Styled:
    return text if isinstance(text, Styled) else Styled(text)


def _cut(runs: list[tuple[str, str]], offsets: list[int]) -> list[list[tuple[str, str]]]:
    """Split a line of runs at character offsets (in one pass: a 10 MB answer stays linear)."""
    lines: list[list[tuple[str, str]]] = [[]]
    pos = 0  # where the current run starts in the line
    cuts = iter(offsets + [sys.maxsize])
    cut = next(cuts)
    for text, style in runs:
        start = 0
        end = len(text)
        while start < end:
            if pos + end <= cut:
                lines[-1].append((text[start:] if start else text, style))
                break
            stop = cut - pos
            if stop > start:
                lines[-1].append((text[start:stop], style))
            start = stop
            lines.append([])
            cut = next(cuts)
            while pos + start == cut:  # several breaks at one place (not from _breaks, but be safe)
                lines.append([])
                cut = next(cuts)
        pos += end
    return lines


def _truncate(runs: list[tuple[str, str]], width: int, ellipsis: bool) -> list[tuple[str, str]]:
    total = cell_len("".join(t for t, _ in runs))
    if total <= width:
        return runs
    room = width - 1 if ellipsis else width
    out: list[tuple[str, str]] = []
    last_style = ""
    for text, style in runs:
        if room <= 0:
            break
        piece = text if cell_len(text) <= room else _chop(text, room)[0]
        out.append((piece, style))
        room -= cell_len(piece)
        last_style = style
    if ellipsis:
        out.append(("…", last_style))
    return out


class Out:
    """Where the text goes: a stream, with Rich's rules for styles and width."""

    def __init__(self, file: "TextIO | None" = None, stderr: bool = False) -> None:
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


def grid(columns: list[tuple[str, str, int]], rows: list[list], width: int, shrink: int) -> Styled:
    """Rows of cells (str or Styled) as aligned lines, in one Styled text: the look of a
    borderless Rich table.

    `columns` are (header, "left" or "right", minimum width); headers are bold, and columns
    are two spaces apart. When the lines are wider than `width`, column `shrink` (the one with
    names in it) is cut short with an ellipsis, so the numbers on the right stay whole.
    """
    body = [[Styled(h, "bold") for h, _, _ in columns]]
    body += [[c if isinstance(c, Styled) else Styled(c) for c in row] for row in rows]
    widths = [max(least, *(row[i].cells() for row in body)) for i, (_, _, least) in enumerate(columns)]
    over = sum(widths) + 2 * (len(widths) - 1) - width
    if over > 0:
        widths[shrink] = max(8, widths[shrink] - over)
    out = Styled()
    for n, row in enumerate(body):
        if n:
            out.append("\n")
        for i, (cell, w, (_, justify, _)) in enumerate(zip(row, widths, columns)):
            if cell.cells() > w:
                cell = Styled(_chop(cell.plain[: w * 2], max(1, w - 1))[0] + "…", cell.style)
            gap = " " * (w - cell.cells())
            out.append("  " if i else "")
            out.append(gap if justify == "right" else "")
            out.append(cell)
            out.append(gap if justify == "left" else "")
    return out


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
