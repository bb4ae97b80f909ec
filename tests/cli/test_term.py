"""cetl_cli.cli.term, the fast writer for everyday commands: it must look exactly like Rich."""

from __future__ import annotations

import io
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from cetl_cli.cli.output import Out, Styled


def term(monkeypatch, width: int = 80, **env: str) -> Out:
    """An Out writing to a string buffer, with the given environment."""
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "TERM", "COLUMNS", "LINES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", str(width))
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return Out(io.StringIO())


def rich_lines(renderable, width: int, indent: int = 0) -> list[str]:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, highlight=False, emoji=False).print(
        Padding(renderable, (0, 0, 0, indent)) if indent else renderable)
    return [line.rstrip() for line in buf.getvalue().split("\n")[:-1]]


def paragraphs(curriculum):
    for m in curriculum.modules:
        yield m.summary
        yield from m.objectives
        for c in m.key_concepts:
            yield c.explanation
        for t in m.todos:
            yield t.text
        for r in m.reflections:
            yield r.prompt
        for e in m.extending:
            yield e.note + ("\n" + e.url if e.url else "")


@pytest.mark.parametrize("width, indent", [(30, 16), (57, 2), (80, 0), (100, 4)])
def test_every_curriculum_paragraph_wraps_exactly_like_rich(curriculum, monkeypatch, width, indent):
    out = term(monkeypatch, width)
    for text in paragraphs(curriculum):
        assert out.render(Styled(text), indent) == rich_lines(Text(text), width, indent), text[:60]


words = st.text(alphabet="abcdefghij XYZ-.,é\n", min_size=0, max_size=200)


@settings(max_examples=200, deadline=None)
@given(text=words, width=st.integers(min_value=8, max_value=50), indent=st.integers(min_value=0, max_value=4))
def test_any_text_wraps_like_rich(text, width, indent):
    import os

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        out = Out(io.StringIO())
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    assert out.render(Styled(text), indent) == rich_lines(Text(text), width, indent)


def test_wide_characters_take_two_columns(monkeypatch):
    out = term(monkeypatch, 12)
    text = "アプリケーションは1670万色を使用でき"
    assert out.render(Styled(text)) == rich_lines(Text(text), 12)


def test_a_line_cut_short_ends_with_an_ellipsis_like_rich(monkeypatch):
    out = term(monkeypatch, 20)
    line = Styled("Done 3.t1: ", "green").append("Write a one-page plan for the district")
    buf = io.StringIO()
    Console(file=buf, width=20, color_system=None).print(
        Text("Done 3.t1: ", style="green").append("Write a one-page plan for the district"),
        overflow="ellipsis", no_wrap=True)
    assert out.render(line, wrap=False, ellipsis=True) == [buf.getvalue().rstrip("\n")]
    assert out.render(line, wrap=False, ellipsis=True) == ["Done 3.t1: Write a …"]


def styled_sample() -> tuple[Styled, Text]:
    ours = Styled("[x] ", "green").append("3.t1   ", "cyan").append("Plan").append(" ~30 min", "dim")
    ours.append(Styled(" Bold", "bold underline"))
    rich = Text("[x] ", style="green").append("3.t1   ", style="cyan").append("Plan")
    rich.append(" ~30 min", style="dim").append(Text(" Bold", style="bold underline"))
    return ours, rich


def test_on_a_terminal_the_escape_codes_are_richs(monkeypatch):
    out = term(monkeypatch, 80, FORCE_COLOR="1")
    ours, rich = styled_sample()
    buf = io.StringIO()
    Console(file=buf, width=80, force_terminal=True, color_system="standard").print(rich)
    assert out.styled
    assert out.render(ours) == [buf.getvalue().rstrip("\n")]


def test_no_color_keeps_bold_and_dim_but_drops_colours(monkeypatch):
    out = term(monkeypatch, 80, FORCE_COLOR="1", NO_COLOR="1")
    ours, rich = styled_sample()
    buf = io.StringIO()
    Console(file=buf, width=80, force_terminal=True, color_system="standard", no_color=True).print(rich)
    assert out.render(ours) == [buf.getvalue().rstrip("\n")]
    assert "\x1b[1;4m" in out.render(ours)[0] and "\x1b[32m" not in out.render(ours)[0]


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1", "TERM": "dumb"}, {"TTY_COMPATIBLE": "0"}])
def test_no_escape_codes_when_piped_or_on_a_dumb_terminal(monkeypatch, env):
    out = term(monkeypatch, 80, **env)
    ours, _ = styled_sample()
    assert out.render(ours) == ["[x] 3.t1   Plan ~30 min Bold"]


def test_user_text_is_literal_and_its_escapes_are_made_visible(monkeypatch):
    out = term(monkeypatch, 80, FORCE_COLOR="1")
    assert out.render(Styled("[bold]not bold[/] \x1b")) == ["[bold]not bold[/] \u241b"]
    # OSC 52 (write the clipboard), a window title, clear screen, a C1 CSI: none reaches the terminal raw
    for payload in ("\x1b]52;c;aGk=\x07", "\x1b]0;title\x07", "\x1b[2J", "\x9b31m", "\x1b]8;;http://x\x1b\\"):
        rendered = "".join(out.render(Styled("x" + payload, "bold")))
        assert "\x1b]" not in rendered and "\x07" not in rendered and "\x9b" not in rendered, repr(rendered)
        assert rendered.count("\x1b") == 2 and rendered.startswith("\x1b[1m")  # only cetl's bold and reset


def test_an_unknown_style_is_a_programming_error(monkeypatch):
    out = term(monkeypatch, 80, FORCE_COLOR="1")
    with pytest.raises(ValueError, match="unknown style 'bolt'"):
        out.render(Styled("x", "bolt"))


def test_width_comes_from_columns_else_80(monkeypatch):
    assert term(monkeypatch, 33).width == 33
    monkeypatch.delenv("COLUMNS")
    if not any(s.isatty() for s in (sys.stdin, sys.stdout, sys.stderr) if hasattr(s, "isatty")):
        assert Out(io.StringIO()).width == 80


def test_long_output_on_a_terminal_goes_through_the_pager(monkeypatch, tmp_path):
    out = term(monkeypatch, 40, FORCE_COLOR="1", LINES="5")
    seen = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"{sys.executable} -c \"import sys; open(r'{seen}', 'w').write(sys.stdin.read())\"")
    out.page(["one", "two"])
    assert out.file.getvalue() == "one\ntwo\n" and not seen.exists()
    out.page([f"line {i}" for i in range(10)])
    assert seen.read_text().splitlines() == [f"line {i}" for i in range(10)]


@pytest.mark.parametrize("width", [64, 80, 100])
def test_progress_and_modules_fit_the_width_and_keep_their_numbers(cetl, width):
    cetl("todo", "done", "5.t1")
    for args in (["progress"], ["modules"]):
        out = cetl(*args, env={"COLUMNS": str(width)}).stdout
        lines = out.splitlines()
        assert all(len(line) <= width for line in lines), (args, width)
        row = next(line for line in lines if "II.A" in line)
        assert " 8%" in row and "1/6" in row, row  # the numbers are all there
        if width >= 72:
            assert "█░░░░░░░░░    8%" in row, row  # and the bar, where there is room for it
        if width < 96:
            assert "…" in row  # the long name gave way, not the numbers
