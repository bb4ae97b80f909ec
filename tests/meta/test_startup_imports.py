"""Start-up guard: the everyday commands must not import heavy modules they do not need.

Deterministic, unlike a timing: each command runs in a fresh interpreter with `-X importtime`,
and the modules it imported are checked against a list of known-heavy ones (BENCHMARKS.md has
what each one costs). When this fails, the message shows which import chain pulled the module
in; move that import inside the function that needs it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

# Heavy, and not needed by the commands below when the curriculum cache is current.
HEAVY = {
    "rich": "Rich (cetl_cli/cli/output.py draws every screen)",
    "pygments": "Rich's syntax highlighting",
    "markdown_it": "Rich's Markdown",
    "yaml": "PyYAML (the curriculum comes from the cache)",
    "sqlite_utils": "sqlite-utils (only for pending migrations)",
    "cetl_cli.content.schema": "the pydantic curriculum schema (only when validating)",
    "cetl_cli.content.loader": "the YAML loader (the curriculum comes from the cache)",
    "pickle": "pickle (the cache holds JSON data, never pickles)",
    "_pickle": "pickle (the cache holds JSON data, never pickles)",
    "prompt_toolkit": "prompt_toolkit (only for typing an answer)",
    "fsrs": "fsrs (only for spaced review)",
    "icalendar": "icalendar (only for calendar export)",
    "platformdirs": "platformdirs (CETL_HOME is set)",
}
# `cetl --help` does not even need these.
HELP_HEAVY = {
    "pydantic": "pydantic (Typer loads it only to convert parameter values)",
    "sqlite3": "sqlite3",
    "cetl_cli.store": "the store",
    "cetl_cli.content.cache": "the curriculum",
    "cetl_cli.domain.models": "the curriculum",
}
LINE = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|( *)(\S+)$")


def imported(args: list[str], env: dict) -> list[tuple[int, str]]:
    """(depth, module) for every module the command imported, in -X importtime's order."""
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "cetl_cli", *args],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    found = []
    for line in r.stderr.splitlines():
        m = LINE.match(line)
        if m:
            found.append((len(m.group(1)) // 2, m.group(2)))
    assert found, "no -X importtime output"
    return found


def chain(found: list[tuple[int, str]], index: int) -> str:
    """Who imported found[index]: importtime lists a module before the one that imported it."""
    depth, name = found[index]
    names = [name]
    for d, parent in found[index + 1:]:
        if d < depth:
            names.append(parent)
            depth = d
    return " <- ".join(names)


def heavy_ones(found, forbidden: dict) -> list[str]:
    return [f"{name}: {forbidden[top]}; imported by {chain(found, i)}"
            for i, (_, name) in enumerate(found)
            if (top := next((f for f in forbidden if name == f or name.startswith(f + ".")), None))]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """A private home with a current curriculum cache (the state of every run but the first)."""
    import shutil

    from cetl_cli.content.loader import default_curriculum_dir

    home = tmp_path_factory.mktemp("home")
    cur = tmp_path_factory.mktemp("cur") / "curriculum"
    shutil.copytree(default_curriculum_dir(), cur)
    past = time.time() - 3600
    for p in cur.rglob("*"):
        os.utime(p, (past, past))
    e = {k: v for k, v in os.environ.items() if not k.startswith(("CETL_", "PYTHON"))}
    e.update({"CETL_HOME": str(home), "CETL_CURRICULUM": str(cur), "NO_COLOR": "1", "COLUMNS": "100"})
    e["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # the cetl under test
    subprocess.run([sys.executable, "-m", "cetl_cli", "progress"], env=e, check=True, capture_output=True)
    return e


def test_help_loads_neither_pydantic_nor_the_store_nor_rich(env):
    found = imported(["--help"], env)
    assert heavy_ones(found, {**HEAVY, **HELP_HEAVY}) == []


@pytest.mark.parametrize("args", [
    ["progress"], ["progress", "--json"], [], ["study", "module", "3"], ["todo", "done", "3.t1"],
    ["stats"], ["assess", "--json"],
], ids=lambda a: " ".join(a) or "dashboard")
def test_everyday_commands_load_no_heavy_module(env, args):
    found = imported(args, env)
    assert heavy_ones(found, HEAVY) == []
    assert any(name == "cetl_cli.content.cache" for _, name in found) or args == ["--help"]


def test_the_guard_names_the_import_chain():
    # -X importtime lists a module before the module that imported it, indented one level deeper.
    found = [(2, "yaml.error"), (1, "yaml"), (0, "cetl_cli.content.rules"), (0, "json")]
    assert heavy_ones(found, HEAVY) == [
        "yaml.error: PyYAML (the curriculum comes from the cache); imported by "
        "yaml.error <- yaml <- cetl_cli.content.rules",
        "yaml: PyYAML (the curriculum comes from the cache); imported by yaml <- cetl_cli.content.rules",
    ]
