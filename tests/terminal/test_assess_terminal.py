"""`cetl assess` in a real terminal: the levels, a wrong level asked again, Enter keeps the last
rating, Ctrl-C keeps the areas rated so far."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

CETL = str(Path(sys.executable).with_name("cetl"))

pytestmark = pytest.mark.skipif(not Path(CETL).exists(), reason="the cetl console script is not installed")


@pytest.fixture
def env(cetl_home) -> dict:
    return {**os.environ, "CETL_HOME": str(cetl_home), "NO_COLOR": "1", "COLUMNS": "100"}


def spawn(env: dict) -> pexpect.spawn:
    return pexpect.spawn(CETL, ["assess"], env=env, encoding="utf-8", timeout=15, dimensions=(50, 100))


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    out = re.sub(r"\x1b\[[0-9;]*m", "", child.before)
    child.close()
    return " ".join(out.split())


def latest(env: dict) -> dict:
    r = subprocess.run([CETL, "assess", "--json"], env=env, capture_output=True, text=True, check=True)
    return {a["code"]: (a["knowledge"], a["experience"]) for a in json.loads(r.stdout)["skill_areas"]}


def test_asking_then_ctrl_c_keeps_what_was_rated_and_enter_keeps_it_next_time(env):
    child = spawn(env)
    child.expect_exact("Knowledge levels")
    child.expect_exact("3  Solid: I could explain it to a colleague")
    child.expect_exact("Experience levels")
    child.expect_exact("I.A Leadership & Vision (15% of the exam)")
    child.expect_exact("  Knowledge (1-4): ")
    child.sendline("5")
    child.expect_exact("Error: Knowledge '5' is not a level; type 1, 2, 3 or 4.")
    child.expect_exact("  Knowledge (1-4): ")
    child.sendline("3")
    child.expect_exact("  Experience (1-4): ")
    child.sendline("2")
    child.expect_exact("I.B Strategic Planning (15% of the exam)")
    child.expect_exact("  Knowledge (1-4): ")
    child.sendcontrol("c")
    out = finish(child)
    assert child.exitstatus == 130 and "cetl: stopped; 1 area rated and kept." in out and "Traceback" not in out
    assert latest(env) == {"I.A": (3, 2)}

    child = spawn(env)
    child.expect_exact("  Knowledge (1-4) [3]: ")
    child.sendline("")
    child.expect_exact("  Experience (1-4) [2]: ")
    child.sendline("3")
    for _ in range(9):
        child.expect_exact("  Knowledge (1-4): ")
        child.sendline("2")
        child.expect_exact("  Experience (1-4): ")
        child.sendline("1")
    out = finish(child)
    assert child.exitstatus == 0 and "Saved 10 ratings" in out and "Next: cetl plan set" in out
    assert latest(env) == {"I.A": (3, 3), **{a: (2, 1) for a in list(latest(env))[1:]}}
    assert len(latest(env)) == 10
