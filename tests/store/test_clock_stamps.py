"""Rows are stamped with the session's clock, so tests (and the plan, stats and estimates built on
those stamps) run at a fixed time."""

from __future__ import annotations

import datetime as dt
import sqlite3

from cetl_cli.services.session import Clock, Session
from cetl_cli.store import Store

NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)


def test_every_kind_of_row_takes_its_time_from_the_clock():
    s = Store(sqlite3.connect(":memory:"), clock=lambda: NOON)
    s.set_todos(["a"], True)
    s.add_answer("r", "text")
    s.record_practice("q", "I.A", "A", True, 3.0, "quiz")
    attempt = s.start_exam(1, None, [("q", "ABCD")])
    s.update_exam(attempt, status="finished")
    s.add_experience("CTO", "2020-01-01", None, ["I"])
    stamp = "2026-03-02T12:00:00.000000+00:00"
    assert [e.at for e in s.todo_events()] == [stamp]
    assert s.latest_answer("r").at == stamp
    assert s.practice_answers()[0].at == stamp
    a = s.exam_attempt(attempt)
    assert (a.started_at, a.finished_at) == (stamp, stamp)
    created = s.db.execute("SELECT created_at FROM experience").fetchone()[0]
    assert created == stamp


def test_a_local_clock_is_stored_in_utc_and_the_session_passes_its_clock():
    plus_two = dt.timezone(dt.timedelta(hours=2))
    s = Store(sqlite3.connect(":memory:"), clock=lambda: NOON.astimezone(plus_two))
    s.set_todos(["a"], True)
    assert s.todo_events()[0].at == "2026-03-02T12:00:00.000000+00:00"
    session = Session(clock=Clock(now=lambda: NOON))
    try:
        session.store.record_practice("q", "I.A", "B", False, None, "quiz")
        assert session.store.practice_answers()[0].at.startswith("2026-03-02T12:00:00")
    finally:
        session.close()
