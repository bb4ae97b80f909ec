"""`cetl`, `cetl study`, `cetl modules`: what a person sees."""

from __future__ import annotations

import json


def test_dashboard_on_a_fresh_start_points_at_the_first_todo(cetl):
    r = cetl()
    assert r.exit_code == 0, r.output
    assert "Current module  1. Orientation" in r.stdout
    assert "Next step       To-do 1.t1:" in r.stdout
    assert "cetl todo done 1.t1" in r.stdout


def test_dashboard_moves_on_as_work_is_done(cetl, curriculum):
    refs = [f"1.t{i}" for i in range(1, 7)]
    assert cetl("todo", "done", *refs).exit_code == 0
    r = cetl()
    assert "Next step       Reflection question 1.r1:" in r.stdout
    assert "cetl reflect 1.r1" in r.stdout


def test_study_module_shows_every_section_with_refs(cetl, curriculum):
    cetl("todo", "done", "3.t2")
    r = cetl("study", "module", "3")
    assert r.exit_code == 0, r.output
    out = r.stdout
    for heading in ("Module 3 · Strategic Planning", "Skill area I.B", "Domain I", "Summary", "Objectives",
                    "Key concepts", "To Do", "Reflection Questions", "Extending Your Study"):
        assert heading in out
    assert "[x] 3.t2" in out and "[ ] 3.t1" in out
    assert "\x1b[" not in out  # piped: plain text


def test_study_by_area_code_matches_study_by_number(cetl):
    assert cetl("study", "module", "I.B").stdout == cetl("study", "module", "3").stdout


def test_study_json_has_item_states(cetl):
    cetl("todo", "done", "3.t1")
    cetl("reflect", "3.r2", "--text", "an answer")
    data = json.loads(cetl("study", "module", "3", "--json").stdout)
    assert data["skill_area"]["code"] == "I.B" and data["domain"]["code"] == "I"
    assert [t["done"] for t in data["todos"]][:2] == [True, False]
    assert data["todos"][0]["ref"] == "3.t1"
    assert data["reflections"][1]["answered"] is True and data["reflections"][1]["versions"] == 1
    assert data["progress"]["todos_done"] == 1


def test_study_alone_opens_the_first_unfinished_module(cetl, curriculum):
    m1 = curriculum.modules[0]
    cetl("todo", "done", *[t.id for t in m1.todos])
    for r in m1.reflections:
        cetl("reflect", r.id, "--text", "done")
    r = cetl("study")
    assert r.stdout.startswith("Module 2 · Leadership & Vision")


def test_unknown_module_is_one_line_with_choices(cetl):
    r = cetl("study", "module", "99")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr.strip().count("\n") == 0
    assert "There is no module 99: modules are numbered 1-11" in r.stderr
    assert "Traceback" not in r.output


def test_modules_lists_eleven_with_progress(cetl):
    cetl("todo", "done", "2.t1")
    data = json.loads(cetl("modules", "--json").stdout)
    assert len(data) == 11
    assert data[1]["skill_area"] == "I.A" and data[1]["todos_done"] == 1
    text = cetl("modules").stdout
    assert "Leadership & Vision" in text and "1/6" in text


def test_curriculum_markup_is_shown_literally(cetl, tmp_path):
    from quizbank import minimal

    directory = minimal(tmp_path, (
        "number: 1\nid: one\ntitle: 'Title [red]x[/]'\nskill_area: I.A\nsummary: 'Sum [bold]'\n"
        "todos: [{id: t-one, text: 'Do [/] this'}]\nreflections: [{id: r-one, prompt: '[link=x]Why[/link]?'}]\n"
    ))
    r = cetl("--curriculum", str(directory), "study", "module", "1")
    assert r.exit_code == 0, r.output
    for literal in ("Title [red]x[/]", "Sum [bold]", "Do [/] this", "[link=x]Why[/link]?"):
        assert literal in r.stdout


def test_version_and_help_with_examples(cetl):
    assert cetl("--version").stdout.strip().startswith("cetl ")
    for args in (["study", "module"], ["todo", "done"], ["todo", "list"], ["reflect"], ["reflections"],
                 ["progress"], ["modules"], ["curriculum", "validate"]):
        r = cetl(*args, "--help")
        assert r.exit_code == 0, (args, r.output)
        assert "Example: cetl" in r.stdout, args
