"""The store for issue 12: self-assessments (history kept), the plan setting, and the reads across
kinds of data that the plan, the readiness estimate and the stats use."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from cetl_cli.store import Store
from cetl_cli.store.db import stamp
from cetl_cli.store.rows import StudyPlan

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.timezone.utc)


class Tick:
    """A clock that the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def tick():
    return Tick()


@pytest.fixture
def db(tick):
    s = Store(sqlite3.connect(":memory:"), clock=tick)
    yield s
    s.close()


def test_an_old_database_gains_the_self_assessment_table(tmp_path):
    from sqlite_utils import Database

    from cetl_cli.store.migrations import migration_set

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    migration_set().apply(Database(conn), stop_before="m005_plan")
    conn.execute("INSERT INTO todo_events (item_id, action, at) VALUES ('a', 'done', 'x')")
    conn.commit()
    conn.close()
    s = Store.open(path)
    assert "m005_plan" in s.applied_migrations() and "self_assessments" in s.tables()
    assert s.done_todos() == {"a"}
    s.close()


def test_rating_again_keeps_the_history_and_the_latest_row_counts(db, tick):
    assert db.latest_assessments() == {} and db.assessment_history() == []
    assert db.add_assessments([("I.A", 2, 1), ("I.B", 3, 3)]) == 2
    tick.now += dt.timedelta(days=10)
    db.add_assessments([("I.A", 3, 2)])
    latest = db.latest_assessments()
    assert {a: (r.knowledge, r.experience) for a, r in latest.items()} == {"I.A": (3, 2), "I.B": (3, 3)}
    assert latest["I.A"].at == stamp(T0 + dt.timedelta(days=10))
    assert [(h.skill_area, h.knowledge) for h in db.assessment_history()] == [("I.A", 2), ("I.B", 3), ("I.A", 3)]


def test_the_plan_is_the_setting_plan_in_the_agreed_json_shape(db):
    assert db.study_plan() is None
    plan = StudyPlan("2026-06-22", 5.0, "2026-03-02", ("2026-04-03",))
    db.set_study_plan(plan)
    assert json.loads(db.get_setting("plan")) == {"exam_date": "2026-06-22", "hours_per_week": 5.0,
                                                   "start": "2026-03-02", "skip": ["2026-04-03"]}
    assert db.study_plan() == plan
    for broken in ('{"exam_date": "2026-06-22"}', '{"exam_date": 1, "hours_per_week": "x", "start": 2}',
                   '{"exam_date": "a", "hours_per_week": 1, "start": "b", "skip": "2026-01-01"}', "[1]", "nonsense"):
        db.set_setting("plan", broken)
        assert db.study_plan() is None, broken
    db.set_study_plan(None)
    assert db.get_setting("plan") is None


def test_work_before_a_moment_and_practice_since(db, tick):
    db.set_todos(["t1", "t2"], True)
    db.add_answer("r1", "first")
    db.record_practice("q1", "I.A", "A", True, 30.0, "quiz")
    tick.now += dt.timedelta(days=1)
    moment = stamp(tick.now)
    db.set_todos(["t2"], False)
    db.set_todos(["t3"], True)
    db.add_answer("r2", "later")
    db.record_practice("q2", "I.A", "B", False, 45.0, "quiz")
    db.record_practice("q3", "I.B", "B", False, 200.0, "exam")
    assert db.done_todos_before(moment) == {"t1", "t2"}
    assert db.done_todos() == {"t1", "t3"}
    assert db.answered_reflections_before(moment) == {"r1"}
    assert db.practice_seconds_since(moment) == 45.0
    assert db.practice_seconds_since(moment, "exam") == 200.0
    kinds = [(a.kind, a.item_id) for a in db.activity(moment)]
    assert kinds == [("todo", "t3"), ("reflection", "r2"), ("practice", "q2"), ("practice", "q3")]
    assert len(db.activity()) == 8  # the undone event is not activity


def test_recent_practice_marks_first_answers_and_keeps_the_latest_per_area(db):
    for q, correct in [("a1", True), ("a2", False), ("a1", False), ("a3", True), ("a1", True)]:
        db.record_practice(q, "I.A", "A", correct, 1.0, "quiz")
    db.record_practice("b1", "I.B", "A", True, 1.0, "exam")
    rows = db.recent_practice(per_area=4)
    assert [(r.skill_area, r.correct, r.first) for r in rows] == [
        ("I.A", False, True), ("I.A", False, False), ("I.A", True, True), ("I.A", True, False),
        ("I.B", True, True)]
    assert db.recent_practice() and Store(sqlite3.connect(":memory:")).recent_practice() == []
