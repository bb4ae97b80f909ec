"""`cetl stats` on a fixed clock: streak, heatmap, mock-exam trend, weekly accuracy, at 60 columns."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from quizbank import key_shown

TODAY = dt.datetime(2026, 3, 18, 12, 0, tzinfo=dt.timezone.utc)  # a Wednesday
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    holder = {"now": TODAY}
    monkeypatch.setattr(context, "make_clock", lambda: Clock(now=lambda: holder["now"], monotonic=lambda: 0.0))
    return holder


def at(day: dt.date):
    from cetl_cli.store import Store

    return Store.open(clock=lambda: dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc))


def study(day: dt.date, todo: str | None = None, reflection: str | None = None, practice: float | None = None):
    s = at(day)
    if todo:
        s.set_todos([todo], True)
    if reflection:
        s.add_answer(reflection, "an answer")
    if practice is not None:
        s.record_practice(f"q-{day}", "I.A", "A", True, practice, "quiz")
    s.close()


def mock(cetl, folder, bank, curriculum, fixed_clock, day: dt.date, seed: int, right_areas: set[str]):
    import random

    from cetl_cli.domain import quiz as qz

    fixed_clock["now"] = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)
    from cetl_cli.store import Store

    store = Store.open()
    seen = store.last_seen()  # a new exam prefers questions not seen before (issue 11)
    store.close()
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(seed), last_seen=seen)
    script = "".join((key_shown(seed, q) if q.skill_area in right_areas
                      else ("B" if key_shown(seed, q) == "A" else "A")) + "\n"
                     for q in exam)
    assert cetl("--curriculum", str(folder), "exam", "--seed", str(seed), input=script).exit_code == 0
    fixed_clock["now"] = TODAY


@pytest.fixture
def history(cetl, folder, bank, curriculum, fixed_clock):
    today = TODAY.date()
    for n in range(3):  # an old run of three days
        study(today - (26 - n) * DAY, practice=30.0)
    for n in range(9, 0, -1):  # 03-09 .. 03-17, with 03-12 off
        day = today - n * DAY
        if day != dt.date(2026, 3, 12):
            study(day, practice=30.0)
    study(dt.date(2026, 3, 9), todo="or-self-assessment")  # 75 minutes
    study(dt.date(2026, 3, 10), reflection="or-why-now")  # 20 minutes
    mock(cetl, folder, bank, curriculum, fixed_clock, dt.date(2026, 3, 3), 1, {"I.A", "I.B", "I.C"})
    mock(cetl, folder, bank, curriculum, fixed_clock, dt.date(2026, 3, 16), 2, {"I.A", "I.B", "I.C", "II.A"})


def test_stats_json(cetl, folder, history):
    data = json.loads(cetl("--curriculum", str(folder), "stats", "--json").stdout)
    assert data["today"] == "2026-03-18"
    assert data["streak"] == {"current": 9, "longest": 9, "last_study_day": "2026-03-17",
                              "allowed_missed_days_per_week": 1}
    heat = data["heatmap"]
    assert heat["first_day"] == "2025-12-01" and len(heat["weeks"]) == 16
    # Mon 03-16 and Tue 03-17: half a minute of practice each (the mock exam's answers took no time on
    # this clock), which still makes a study day; Wednesday is today, not over yet
    assert heat["weeks"][-1] == [1, 1, 0, None, None, None, None]
    assert heat["weeks"][-2][0] == 4 and heat["weeks"][-2][1] == 2 and heat["weeks"][-2][3] == 0  # 03-09, 03-10, 03-12
    assert heat["minutes"]["2026-03-09"] == 76 and heat["minutes"]["2026-03-10"] == 20
    assert [(m["date"], m["percent"]) for m in data["mock_exams"]] == [("2026-03-03", 40.0), ("2026-03-16", 52.0)]
    weekly = data["weekly_accuracy"]
    assert weekly["week_starts"][-1] == "2026-03-16" and len(weekly["week_starts"]) == 8
    ii_a = next(a for a in weekly["skill_areas"] if a["code"] == "II.A")
    assert ii_a["weeks"][-3] == {"right": 0, "answered": 12, "percent": 0.0}  # the week of 03-02
    assert ii_a["weeks"][-1] == {"right": 12, "answered": 12, "percent": 100.0}


def test_stats_at_sixty_columns(cetl, folder, history):
    r = cetl("--curriculum", str(folder), "stats", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert all(len(line) <= 60 for line in lines), [x for x in lines if len(x) > 60]
    assert lines[0] == "Streak: 9 days (longest 9 days; last studied 2026-03-17)"
    heat = lines[lines.index(next(x for x in lines if x.startswith("Study days"))) + 2:][:7]
    assert [row[:3] for row in heat] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert heat[0].endswith("█ ░") and heat[3].endswith("·")  # Mondays 03-09 and 03-16; Thursday 03-12 off
    assert "  #1   2026-03-03   40%  ████████░░░░░░░░░░░░" in lines
    assert "  #2   2026-03-16   52%  ██████████░░░░░░░░░░  +12" in lines
    row = next(x for x in lines if x.startswith("II.A "))
    assert row.split()[-3:] == ["0", "—", "100"]
    assert lines[lines.index(row) - 4].split()[:2] == ["area", "02-02"]  # 7 weeks fit in 60 columns
    assert lines[-1].startswith("Next: cetl")


def test_stats_with_nothing_yet(cetl):
    r = cetl("stats")
    assert r.exit_code == 0 and r.stdout.startswith("No study recorded yet.")
    assert "Mock exams: none yet (cetl exam)." in r.stdout
    data = json.loads(cetl("stats", "--json").stdout)
    assert data["streak"]["current"] == 0 and data["mock_exams"] == []
