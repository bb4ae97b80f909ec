"""`cetl reflect` in a real terminal (pexpect): a stand-in editor, and Ctrl-C in the prompt."""

from __future__ import annotations

import os
import signal
import sys
import textwrap

import pexpect
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


PROMPT_READY = "\x1b[?2004h"  # prompt_toolkit has taken the terminal (bracketed paste on)


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


def test_ctrl_c_in_the_prompt_keeps_every_character_and_it_is_offered_next_time(cetl_home, cetl):
    env = {"CETL_HOME": str(cetl_home), "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = spawn(["reflect", "5.r2"], env)
    child.expect("Ctrl-D saves it")
    child.expect_exact(PROMPT_READY)
    child.send("My district has three PLCs\r")
    child.send("that meet monthly")  # the line being typed: not yet ended with Enter
    child.expect("monthly")
    child.sendintr()
    child.expect("kept as a draft")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "No answer yet" in cetl("reflect", "5.r2", "--history").stdout

    child = spawn(["reflect", "5.r2"], env)
    child.expect("Starting from your unsaved draft")
    child.expect("that meet monthly")  # the draft is in the editing buffer
    child.send(".\rNext year: weekly.")
    child.sendcontrol("d")
    child.expect("Saved your answer to 5.r2 \\(version 1\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    history = cetl("reflect", "5.r2", "--history").stdout
    assert "My district has three PLCs\nthat meet monthly.\nNext year: weekly." in history


def test_arrow_keys_move_the_cursor_instead_of_typing_escape_codes(cetl_home, cetl):
    env = {"CETL_HOME": str(cetl_home), "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = spawn(["reflect", "5.r3"], env)
    child.expect("Ctrl-D saves it")
    child.expect_exact(PROMPT_READY)
    child.send("abc")
    child.send("\x1b[D")  # left arrow
    child.send("X")
    child.sendcontrol("d")
    child.expect("Saved your answer")
    child.expect(pexpect.EOF)
    child.close()
    assert "\nabXc\n" in cetl("reflect", "5.r3", "--history").stdout


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_a_closed_terminal_or_sigterm_in_the_prompt_keeps_the_text(cetl_home, cetl, sig):
    env = {"CETL_HOME": str(cetl_home), "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = spawn(["reflect", "5.r4"], env)
    child.expect("Ctrl-D saves it")
    child.expect_exact(PROMPT_READY)
    child.send("Half an answer")
    child.expect("answer")
    child.kill(sig)
    child.expect(pexpect.EOF)
    child.close()
    assert "kept as a draft" in child.before, child.before
    r = cetl("reflect", "5.r4", "--text", "x", "--history")  # usage error: nothing changes
    assert r.exit_code == 2
    from cetl_cli.store import Store

    store = Store.open()
    try:
        assert store.draft(cetl_id("5.r4")).text == "Half an answer"
    finally:
        store.close()


def cetl_id(ref: str) -> str:
    from cetl_cli.content.cache import load
    from cetl_cli.domain.refs import find_item

    return find_item(load(None), ref).id


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_a_closed_terminal_while_the_editor_is_open_keeps_a_draft(tmp_path, cetl_home, sig):
    script = tmp_path / "slow_ed.py"
    script.write_text(textwrap.dedent("""
        import sys, time
        text = open(sys.argv[1]).read()
        open(sys.argv[1], "w").write("Saved in the editor, then the ssh session dropped\\n" + text)
        print("EDITOR-SAVED", flush=True)
        time.sleep(60)
    """))
    child = spawn(["reflect", "5.r5"], {"CETL_HOME": str(cetl_home), "EDITOR": f"{sys.executable} {script}"})
    child.expect("EDITOR-SAVED")
    os.kill(child.pid, sig)
    child.expect(pexpect.EOF)
    child.close()
    assert "kept as a draft" in child.before, child.before
    from cetl_cli.store import Store

    store = Store.open()
    try:
        assert store.draft(cetl_id("5.r5")).text == "Saved in the editor, then the ssh session dropped"
    finally:
        store.close()


def test_ctrl_c_goes_to_the_editor_and_cetl_waits_for_it(tmp_path, cetl_home, cetl):
    # An ed-style editor handles Ctrl-C itself and goes on; cetl must not die with its buffer.
    script = tmp_path / "ed_like.py"
    script.write_text(textwrap.dedent("""
        import signal, sys, time
        got = []
        signal.signal(signal.SIGINT, lambda *a: got.append(1))
        print("EDITOR-READY", flush=True)
        while not got:
            time.sleep(0.05)
        text = open(sys.argv[1]).read()
        open(sys.argv[1], "w").write("Written after a Ctrl-C in the editor\\n" + text)
    """))
    child = spawn(["reflect", "5.r6"], {"CETL_HOME": str(cetl_home), "EDITOR": f"{sys.executable} {script}"})
    child.expect("EDITOR-READY")
    child.sendintr()
    child.expect("Saved your answer to 5.r6")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Written after a Ctrl-C in the editor" in cetl("reflect", "5.r6", "--history").stdout


def test_experience_add_asks_for_what_the_flags_leave_out(cetl_home, cetl):
    child = spawn(["experience", "add"], {"CETL_HOME": str(cetl_home)})
    child.expect_exact("Role (e.g. Director of Technology): ")
    child.sendline("Network manager")
    child.expect_exact("First day in the role (YYYY-MM-DD): ")
    child.sendline("2019-08-01")
    child.expect_exact("or now if you still hold it [now]: ")
    child.sendline("")
    child.expect_exact("all, or none): ")
    child.sendline("all")
    child.expect_exact("Added #1: Network manager, 2019-08-01 to now, domains I, II, III.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
