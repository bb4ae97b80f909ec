"""Styled text for the output layer: runs of text with styles, wrapped like Rich wraps them,
with every control and escape character made visible (`clean`), and aligned columns (`grid`)."""

from __future__ import annotations

import re
import sys
from typing import Union

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

    def append(self, text: Union[str, Styled], style: str = "") -> Styled:
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
