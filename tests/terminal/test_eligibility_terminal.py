"""`cetl check-eligibility` in a real terminal: the questions, remembered answers, Ctrl-C."""

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


def spawn(env: dict, *args: str) -> pexpect.spawn:
    return pexpect.spawn(CETL, ["check-eligibility", *args], env=env, encoding="utf-8", timeout=15,
                         dimensions=(50, 100))


def finish(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    out = re.sub(r"\x1b\[[0-9;]*m", "", child.before)  # NO_COLOR keeps bold; drop it
    child.close()
    return " ".join(out.split())


def remembered_status(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([CETL, "check-eligibility", "--json"], env=env, capture_output=True, text=True)


def test_questions_then_remembered_answers_as_defaults(env):
    child = spawn(env)
    child.expect_exact("Highest degree (none, associate, bachelor, master, doctorate): ")
    child.sendline("diploma")
    child.expect_exact("Error: Unknown degree 'diploma'; choose one of: none, associate, bachelor, master, doctorate.")
    child.expect_exact("Highest degree (none, associate, bachelor, master, doctorate): ")
    child.sendline("None")
    child.expect_exact("or the date it started (YYYY-MM-DD): ")
    child.sendline("-2")
    child.expect_exact("cannot be negative")
    child.expect_exact("or the date it started (YYYY-MM-DD): ")
    child.sendline("8")
    child.expect_exact("II   Understanding the Educational Environment")
    child.expect_exact("(e.g. I,II,III, all, or none): ")
    child.sendline("I, II")
    child.expect_exact("Is your written waiver request to CoSN's committee ready? [y/N]: ")
    child.sendline("y")
    child.expect_exact("Is your supervisor's signed recommendation ready? [y/N]: ")
    child.sendline("")
    out = finish(child)
    assert child.exitstatus == 0
    assert "Not yet eligible · closest route: Route without a degree" in out
    assert "experience in domain III, Managing Technology & Support Resources" in out
    assert "a signed recommendation from your supervisor" in out

    # Second time: last answers are the defaults; change two of them.
    child = spawn(env)
    child.expect_exact("Press Enter to keep the answer in [brackets].")
    child.expect_exact("doctorate) [none]: ")
    child.sendline("")
    child.expect_exact("(YYYY-MM-DD) [8]: ")
    child.sendline("")
    child.expect_exact("or none) [I,II]: ")
    child.sendline("I,II,III")
    child.expect_exact("committee ready? [Y/n]: ")  # yes, last time
    child.sendline("")
    child.expect_exact("recommendation ready? [y/N]: ")
    child.sendline("yes")
    out = finish(child)
    assert child.exitstatus == 0
    assert out.startswith("yes Eligible to request a waiver (the committee decides)")
    assert "Committee decides each request" in out

    # And a script (no terminal) now gets the same answer from the remembered ones.
    r = remembered_status(env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["status"] == "eligible_pending_waiver"


def test_flags_given_on_a_terminal_leave_only_the_rest_to_ask(env):
    child = spawn(env, "--degree", "bachelor", "--domains", "I,II,III")
    child.expect_exact("or the date it started (YYYY-MM-DD): ")
    child.sendline("2999-01-01")
    child.expect_exact("is in the future")
    child.expect_exact("or the date it started (YYYY-MM-DD): ")
    child.sendline("2010-03-15")
    out = finish(child)
    assert child.exitstatus == 0
    # The output since the last question: the typed date, then the verdict, degree not asked.
    assert out.startswith("2010-03-15 Eligible · route: Standard route")
    assert "Waiver request" not in out  # no waiver questions for a degree holder


def test_the_experience_log_replaces_the_experience_questions(env):
    subprocess.run([CETL, "experience", "add", "--role", "Director of Technology", "--from", "2015-08-01",
                    "--domains", "I,II,III"], env=env, check=True, capture_output=True)
    child = spawn(env)
    child.expect_exact("Using your experience log (1 entry; cetl experience list)")
    child.expect_exact("doctorate): ")
    child.sendline("master")
    out = finish(child)  # the degree was the only question
    assert out.startswith("master Eligible · route: Standard route")
    assert "(your experience log)" in out


def test_ctrl_c_stops_cleanly_and_remembers_nothing(env):
    child = spawn(env)
    child.expect_exact("doctorate): ")
    child.sendline("master")
    child.expect_exact("(YYYY-MM-DD): ")
    child.sendcontrol("c")
    out = finish(child)
    assert child.exitstatus == 130
    assert "cetl: stopped; nothing was checked or remembered." in out
    assert "Traceback" not in out
    r = remembered_status(env)
    assert r.returncode == 2 and "--degree LEVEL" in r.stderr


def test_a_bad_flag_stops_before_any_question(env):
    child = spawn(env, "--domains", "I,IV")
    out = finish(child)
    assert child.exitstatus == 1
    assert out == "cetl: Unknown domain 'IV'; the domains are I, II, III (e.g. --domains I,II,III), or none."
