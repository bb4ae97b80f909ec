"""Every command has help with an example, and a row in the README's command table."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from cetl_cli.cli.main import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, object]]:
    root = typer.main.get_command(app)
    out = []

    def walk(cmd, path):
        subs = getattr(cmd, "commands", None)
        if subs:
            if getattr(cmd, "invoke_without_command", False) and path:
                out.append((path, cmd))
            for name, sub in subs.items():
                walk(sub, f"{path} {name}".strip())
        else:
            out.append((path, cmd))

    walk(root, "")
    return out


@pytest.mark.parametrize(("path", "cmd"), commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_help_with_an_example(path, cmd):
    text = cmd.help or ""
    assert "Example: cetl" in text, path


@pytest.mark.parametrize(("path", "cmd"), commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_a_row_in_the_readme(path, cmd):
    assert f"| `cetl {path}" in README, f"README.md has no row for cetl {path}"


def test_the_root_has_an_example_and_the_list_is_complete():
    names = [p for p, _ in commands()]
    assert "exam resume" in names and "todo done" in names and "check-eligibility" in names
    assert "Example: cetl" in (typer.main.get_command(app).help or "") or "Example:" in (app.registered_callback.callback.__doc__ or "")
