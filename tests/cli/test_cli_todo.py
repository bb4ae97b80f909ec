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
