"""Shared fixtures. No test touches the real home directory: CETL_HOME is a temp dir."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cetl_cli.content.loader import default_curriculum_dir

# The synthetic question bank fixtures (`folder`, `bank`) used by the quiz and exam tests.
pytest_plugins = ["quizbank"]

SHIPPED = default_curriculum_dir()


@pytest.fixture(autouse=True)
def cetl_home(tmp_path_factory, monkeypatch) -> Path:
    home = tmp_path_factory.mktemp("cetl-home")
    monkeypatch.setenv("CETL_HOME", str(home))
    for var in ("CETL_CURRICULUM", "CETL_DEBUG", "VISUAL", "EDITOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def store():
    from cetl_cli.store import Store

    s = Store(sqlite3.connect(":memory:"))
    yield s
    s.close()


@pytest.fixture(scope="session")
def curriculum():
    from cetl_cli.content.loader import load_curriculum

    return load_curriculum(SHIPPED)


@pytest.fixture
def curriculum_copy(tmp_path) -> Path:
    """A writable copy of the shipped curriculum, to break on purpose."""
    dest = tmp_path / "curriculum"
    shutil.copytree(SHIPPED, dest)
    return dest


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def cetl():
    """Run cetl in-process through its real entry point (`run`, the error boundary)."""
    from cetl_cli.cli.main import run

    def invoke(*args: str, input: str | None = None, env: dict | None = None) -> Run:
        runner = CliRunner()
        with runner.isolation(input=input, env=env) as (out, err, _mixed):
            code = 0
            try:
                run(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            sys.stdout.flush()
            sys.stderr.flush()
            return Run(code, out.getvalue().decode(), err.getvalue().decode())

    return invoke
