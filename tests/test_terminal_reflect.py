"""`cetl reflect` in a real terminal (pexpect): a stand-in editor, and Ctrl-C in the prompt."""

from __future__ import annotations

import os
import signal
import sys
import textwrap

import pexpect
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def spawn(args: list[str], env: dict) -> pexpect.spawn:
    full_env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")}
    full_env.update(env)
    # Ctrl-C must reach cetl even when the tests were started with SIGINT ignored (a background
    # job of a non-interactive shell): ignored signals are inherited, and Python keeps them so.
    child = pexpect.spawn(sys.executable, ["-m", "cetl_cli", *args], env=full_env,
                          encoding="utf-8", timeout=20, dimensions=(40, 100),
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return child


def test_reflect_with_a_stand_in_editor(tmp_path, cetl_home, cetl):
    script = tmp_path / "ed.py"
    script.write_text(textwrap.dedent("""
        import sys
        text = open(sys.argv[1]).read()
        open(sys.argv[1], "w").write("Answered in a real terminal\\n" + text)
    """))
    child = spawn(["reflect", "5.r1"], {"CETL_HOME": str(cetl_home), "EDITOR": f"{sys.executable} {script}"})
    child.expect("Saved your answer to 5.r1 \\(version 1\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Answered in a real terminal" in cetl("reflect", "5.r1", "--history").stdout


def test_ctrl_c_in_the_prompt_keeps_a_draft_and_it_is_offered_next_time(cetl_home, cetl):
    env = {"CETL_HOME": str(cetl_home)}
    child = spawn(["reflect", "5.r2"], env)
    child.expect("Press Ctrl-D on an empty line to save")
    child.sendline("My district has three PLCs")
    child.expect("three PLCs\r\n")  # echoed: the line has been read
    child.sendline("that meet monthly.")
    child.expect("monthly.\r\n")
    child.sendintr()
    child.expect("kept as a draft")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "No answer yet" in cetl("reflect", "5.r2", "--history").stdout

    child = spawn(["reflect", "5.r2"], env)
    child.expect("Your draft so far:")
    child.expect("that meet monthly.")
    child.expect("Ctrl-D")
    child.sendline("Next year: weekly.")
    child.sendeof()
    child.expect("Saved your answer to 5.r2 \\(version 1\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    history = cetl("reflect", "5.r2", "--history").stdout
    assert "My district has three PLCs\nthat meet monthly.\nNext year: weekly." in history
