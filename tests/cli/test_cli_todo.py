"""`cetl todo`: done, undo, list."""

from __future__ import annotations

import json


def test_done_then_progress_counts_it_under_the_skill_area(cetl):
    r = cetl("todo", "done", "3.t1")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Done 3.t1:")
    data = json.loads(cetl("progress", "--json").stdout)
    ib = next(a for a in data["skill_areas"] if a["code"] == "I.B")
    assert (ib["todos_done"], ib["todos_total"]) == (1, 6)


def test_done_twice_and_undo(cetl):
    cetl("todo", "done", "3.t1")
    assert cetl("todo", "done", "3.t1").stdout.startswith("Already done 3.t1")
    assert cetl("todo", "undo", "3.t1").stdout.startswith("Not done 3.t1")
    data = json.loads(cetl("todo", "list", "--module", "3", "--json").stdout)
    assert data[0]["done"] is False


def test_one_bad_ref_changes_nothing(cetl):
    r = cetl("todo", "done", "3.t1", "3.t99")
    assert r.exit_code == 1
    assert "no 3.t99" in r.stderr
    data = json.loads(cetl("todo", "list", "--json").stdout)
    assert not any(t["done"] for t in data)


def test_a_reflection_ref_is_not_a_todo(cetl):
    r = cetl("todo", "done", "3.r1")
    assert r.exit_code == 1 and "3.r1 is a reflection question, not a to-do" in r.stderr


def test_done_by_id(cetl, curriculum):
    todo = curriculum.modules[4].todos[2]
    assert cetl("todo", "done", todo.id).stdout.startswith("Done 5.t3")


def test_list_filters(cetl):
    cetl("todo", "done", "2.t1")
    all_items = json.loads(cetl("todo", "list", "--json").stdout)
    assert len(all_items) == 66
    open_two = cetl("todo", "list", "-m", "2", "--open").stdout
    assert "2.t1" not in open_two and "2.t2" in open_two


def test_done_without_refs_is_a_usage_error(cetl):
    r = cetl("todo", "done")
    assert r.exit_code == 2
    assert "Missing argument" in r.output


def test_a_note_is_dated_and_shown_in_the_module_view_and_the_lists(cetl):
    r = cetl("todo", "note", "3.t2", "Scorecard:", "https://example.org/scorecard")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Noted on 3.t2 (")
    assert "Scorecard: https://example.org/scorecard" in r.stdout
    assert "Next: cetl todo done 3.t2" in r.stdout
    cetl("todo", "note", "3.t2", "Shared with cabinet")
    page = cetl("study", "module", "3").stdout
    assert "Note (" in page and "https://example.org/scorecard" in page and "Shared with cabinet" in page
    data = json.loads(cetl("study", "module", "3", "--json").stdout)
    assert [n["text"] for n in data["todos"][1]["notes"]] == ["Scorecard: https://example.org/scorecard",
                                                             "Shared with cabinet"]
    listed = json.loads(cetl("todo", "list", "-m", "3", "--json").stdout)
    assert len(listed[1]["notes"]) == 2 and listed[0]["notes"] == []


def test_a_note_needs_a_todo_and_some_text(cetl):
    assert cetl("todo", "note", "3.r1", "x").exit_code == 1
    r = cetl("todo", "note", "3.t1", "   ")
    assert r.exit_code == 1 and "empty" in r.stderr
    r = cetl("todo", "note", "3.t1", "x" * 5000)
    assert r.exit_code == 1 and "keep it under" in r.stderr
