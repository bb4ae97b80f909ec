"""Readiness in `cetl progress` and the dashboard, after a scripted mock exam, on a fixed clock."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from quizbank import key_shown

from cetl_cli.domain import quiz as qz

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
RIGHT = {"I.A", "I.B", "I.C", "III.D"}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    monkeypatch.setattr(context, "make_clock", lambda: Clock(now=lambda: NOW, monotonic=lambda: 0.0))


def script(bank, curriculum, seed: int, count: int = 100) -> str:
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(seed))
    def right(q) -> str:
        return key_shown(seed, q)  # the choices are shown shuffled

    return "".join((right(q) if q.skill_area in RIGHT else ("B" if right(q) == "A" else "A")) + "\n"
                   for q in exam[:count])


def test_after_a_scripted_mock_exam_progress_json_has_coverage_and_ranges_by_domain(cetl, folder, bank, curriculum):
    cur = ("--curriculum", str(folder))
    assert cetl(*cur, "exam", "--seed", "11", input=script(bank, curriculum, 11)).exit_code == 0
    cetl(*cur, "todo", "done", *[t.id for t in curriculum.modules[1].todos])
    data = json.loads(cetl(*cur, "progress", "--json").stdout)
    r = data["readiness"]
    assert r["coverage"] == data["coverage"] == 7.5  # module 2's to-dos: half of I.A (15% of the exam)
    e = r["estimate"]
    assert "not CoSN's scaled score" in e["what"] and e["level"] == 90 and e["min_answers"] == 7
    assert [d["code"] for d in e["domains"]] == ["I", "II", "III"]
    for d in e["domains"]:
        assert d["enough_answers"] and d["low"] < d["percent"] < d["high"] and d["lacking"] == []
    assert [d["questions"] for d in e["domains"]] == [40, 30, 30]
    assert e["domains"][0]["percent"] > 85 and e["domains"][1]["percent"] < 10
    o = e["overall"]
    assert o["questions"] == 100 and o["low"] < o["percent"] < o["high"]
    assert len(e["skill_areas"]) == 10 and e["skill_areas"][0]["answers"] == 15
    assert r["calibration"]["assessed"] is False and r["calibration"]["skill_areas"] == []
    text = cetl(*cur, "progress").stdout
    flat = " ".join(text.split())
    assert "Coverage, weighted by exam weight: 8%" in flat  # 7.5 rounds to 8
    assert f"Estimated score: {o['percent']:.0f}% ({o['low']:.0f}-{o['high']:.0f}%)" in flat
    assert "Not CoSN's scaled score (0-800), and no prediction of a pass." in flat


def test_too_few_answers_say_so_per_domain(cetl, folder, bank, curriculum):
    cur = ("--curriculum", str(folder))
    cetl(*cur, "exam", "--seed", "4", input=script(bank, curriculum, 4, 20) + "q\n")
    e = json.loads(cetl(*cur, "progress", "--json").stdout)["readiness"]["estimate"]
    assert e["overall"]["percent"] is None and e["overall"]["enough_answers"] is False
    assert any(d["lacking"] for d in e["domains"])
    assert "not enough answers yet" in cetl(*cur, "progress").stdout


def test_the_dashboard_shows_the_exam_pace_the_last_mock_and_one_next_step(cetl, folder, bank, curriculum):
    cur = ("--curriculum", str(folder))
    cetl(*cur, "exam", "--seed", "11", input=script(bank, curriculum, 11))
    cetl(*cur, "plan", "set", "--exam-date", "2026-06-22", "--hours-per-week", "14")
    r = cetl(*cur, env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert all(len(line) <= 60 for line in lines), [x for x in lines if len(x) > 60]
    flat = " ".join(r.stdout.split())
    assert "Exam 2026-06-22, in 112 days · ahead by 3 h" in flat  # the mock exam was planned work
    assert "Last mock #1 on 2026-03-02: 47% · I 100% · II 0% · III 23%" in flat
    assert "Not CoSN's scaled score (0-800), and no prediction of a pass." in flat
    # the mock exam's answers made review cards due (issue 11), and reviews come before the plan
    assert "reviews due today" in flat and lines[-1].endswith("cetl review")
    cetl(*cur, "exam", input="A\nq\n")  # a paused exam comes first
    r = cetl(*cur)
    assert "Next step       Mock exam #2 is paused:" in r.stdout
    assert r.stdout.splitlines()[-1].strip() == "Next: cetl exam resume"
