"""`cetl progress`: per skill area, per domain, readiness."""

from __future__ import annotations

import json


def test_progress_json_keys_and_weights(cetl, curriculum):
    data = json.loads(cetl("progress", "--json").stdout)
    assert [a["code"] for a in data["skill_areas"]] == [
        "I.A", "I.B", "I.C", "II.A", "II.B", "II.C", "III.A", "III.B", "III.C", "III.D"]
    assert [a["weight"] for a in data["skill_areas"]] == [15, 15, 10, 12, 9, 9, 9, 7, 7, 7]
    for a in data["skill_areas"]:
        assert {"code", "name", "weight", "todos_done", "todos_total", "reflections_answered",
                "reflections_total", "percent"} <= set(a)
    assert data["overall"]["percent"] == 0
    assert [d["weight"] for d in data["domains"]] == [40, 30, 30]


def test_finishing_module_two_gives_fifteen_percent_readiness(cetl, curriculum):
    m2 = curriculum.modules[1]
    cetl("todo", "done", *[t.id for t in m2.todos])
    for r in m2.reflections:
        cetl("reflect", r.id, "--text", "answer")
    data = json.loads(cetl("progress", "--json").stdout)
    assert data["overall"]["percent"] == 15.0
    text = cetl("progress").stdout
    assert "Coverage, weighted by exam weight: 15%" in text
    assert "I.A" in text and "100%" in text
