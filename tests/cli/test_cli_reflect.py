"""`cetl reflect` and `cetl reflections` (non-interactive paths; see test_terminal_reflect.py)."""

from __future__ import annotations

import json
import sys
import textwrap


def test_answer_with_text_then_again_keeps_both_versions(cetl):
    r = cetl("reflect", "3.r1", "--text", "first [bold]try[/]")
    assert r.exit_code == 0, r.output
    assert "Saved your answer to 3.r1 (version 1)" in r.stdout
    assert "(version 2)" in cetl("reflect", "3.r1", "--text", "second").stdout
    history = cetl("reflect", "3.r1", "--history").stdout
    assert "version 1" in history and "version 2" in history
    assert "first [bold]try[/]" in history and "second" in history
    listed = json.loads(cetl("reflections", "--module", "3", "--json").stdout)
    assert listed[0]["answered"] is True and listed[0]["versions"] == 2
    assert listed[1]["answered"] is False


def test_answer_from_stdin(cetl):
    r = cetl("reflect", "2.r2", "--stdin", input="line one\nline two\n")
    assert r.exit_code == 0, r.output
    assert "line one\nline two" in cetl("reflect", "2.r2", "--history").stdout


def test_without_ref_answers_the_next_unanswered_question_of_the_current_module(cetl):
    cetl("reflect", "1.r1", "--text", "a")
    r = cetl("reflect", "--text", "b")
    assert "Saved your answer to 1.r2" in r.stdout


def test_empty_answer_is_refused_and_nothing_is_saved(cetl):
    r = cetl("reflect", "3.r1", "--text", "   ")
    assert r.exit_code == 1
    assert "empty" in r.stderr
    assert "No answer yet" in cetl("reflect", "3.r1", "--history").stdout


def test_no_editor_and_no_terminal_says_how_to_answer(cetl):
    r = cetl("reflect", "3.r1", input="")
    assert r.exit_code == 1
    assert "--text" in r.stderr and "$EDITOR" in r.stderr


def test_a_todo_ref_is_not_a_reflection(cetl):
    r = cetl("reflect", "3.t1", "--text", "x")
    assert r.exit_code == 1 and "not a reflection question" in r.stderr


def editor(tmp_path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(textwrap.dedent(body))
    return f"{sys.executable} {script}"


def test_editor_answer_is_saved_and_the_question_is_in_the_file(cetl, tmp_path):
    ed = editor(tmp_path, """
        import sys
        path = sys.argv[1]
        text = open(path).read()
        open(path + ".seen", "w").write(text)
        open(path, "w").write("My answer from the editor\\n" + text)
    """)
    r = cetl("reflect", "4.r1", env={"EDITOR": ed})
    assert r.exit_code == 0, r.output
    history = cetl("reflect", "4.r1", "--history").stdout
    assert "My answer from the editor" in history
    assert ">8" not in history  # the scissors line and the question below it are not saved


def test_editor_failure_keeps_a_draft_that_is_offered_next_time(cetl, tmp_path):
    failing = editor(tmp_path, """
        import sys
        open(sys.argv[1], "w").write("Half-written thought")
        sys.exit(3)
    """)
    r = cetl("reflect", "4.r2", env={"VISUAL": failing})
    assert r.exit_code == 1
    assert "exited with status 3" in r.stderr and "kept as a draft" in r.stderr
    assert "No answer yet" in cetl("reflect", "4.r2", "--history").stdout
    finishing = editor(tmp_path, """
        import sys
        path = sys.argv[1]
        text = open(path).read()
        assert text.startswith("Half-written thought"), text
        open(path, "w").write(text.replace("Half-written thought", "Half-written thought, finished."))
    """)
    r = cetl("reflect", "4.r2", env={"VISUAL": finishing})
    assert r.exit_code == 0, r.output
    assert "Half-written thought, finished." in cetl("reflect", "4.r2", "--history").stdout


def test_an_emptied_editor_file_cancels(cetl, tmp_path):
    ed = editor(tmp_path, """
        import sys
        open(sys.argv[1], "w").write("")
    """)
    r = cetl("reflect", "4.r3", env={"EDITOR": ed})
    assert r.exit_code == 0
    assert "cancelled, nothing saved" in r.stdout
    assert json.loads(cetl("reflections", "-m", "4", "--json").stdout)[2]["answered"] is False


def test_a_missing_editor_is_reported(cetl):
    r = cetl("reflect", "4.r3", env={"EDITOR": "/nonexistent/editor"})
    assert r.exit_code == 1
    assert "could not start the editor" in r.stderr


def test_a_draft_opened_and_closed_unchanged_stays_a_draft(cetl, tmp_path):
    failing = editor(tmp_path, """
        import sys
        open(sys.argv[1], "w").write("A draft I am not done with")
        sys.exit(1)
    """)
    assert cetl("reflect", "6.r1", env={"EDITOR": failing}).exit_code == 1  # leaves a draft
    untouched = editor(tmp_path, """
        import sys
        text = open(sys.argv[1]).read()
        assert text.startswith("A draft I am not done with"), text
    """)  # saves nothing new: the file stays as cetl wrote it
    r = cetl("reflect", "6.r1", env={"EDITOR": untouched})
    assert r.exit_code == 0, r.output
    assert "unchanged, so it stays a draft; nothing was saved" in r.stdout
    assert "Next:" in r.stdout
    assert "No answer yet" in cetl("reflect", "6.r1", "--history").stdout
    # still offered next time, and saved once it is changed
    finishing = editor(tmp_path, """
        import sys
        path = sys.argv[1]
        text = open(path).read()
        assert text.startswith("A draft I am not done with"), text
        open(path, "w").write(text.replace("not done with", "done with"))
    """)
    r = cetl("reflect", "6.r1", env={"EDITOR": finishing})
    assert "Starting from your unsaved draft" in r.stdout
    assert "Saved your answer to 6.r1 (version 1)" in r.stdout
    assert "A draft I am done with" in cetl("reflect", "6.r1", "--history").stdout


def test_an_answer_opened_and_closed_unchanged_adds_no_version(cetl, tmp_path):
    cetl("reflect", "6.r2", "--text", "Settled answer")
    untouched = editor(tmp_path, """
        import sys
        assert open(sys.argv[1]).read().startswith("Settled answer")
    """)
    r = cetl("reflect", "6.r2", env={"EDITOR": untouched})
    assert "unchanged, so no new version was added" in r.stdout
    assert json.loads(cetl("reflections", "-m", "6", "--json").stdout)[1]["versions"] == 1
