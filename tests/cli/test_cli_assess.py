"""`cetl assess` from flags and `cetl assess history`, on a fixed clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
AREAS = ["I.A", "I.B", "I.C", "II.A", "II.B", "II.C", "III.A", "III.B", "III.C", "III.D"]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    holder = {"now": NOW}
    monkeypatch.setattr(context, "make_clock", lambda: Clock(now=lambda: holder["now"]))
    return holder


def latest(cetl) -> dict:
    data = json.loads(cetl("assess", "--json").stdout)
    return {a["code"]: (a["knowledge"], a["experience"]) for a in data["skill_areas"]}


def test_rating_one_area_with_flags(cetl):
    r = cetl("assess", "--area", "I.A", "--knowledge", "3", "--experience", "2")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Saved 1 rating; earlier ones stay in cetl assess history.")
    assert "I.A    Leadership & Vision" in r.stdout
    assert r.stdout.splitlines()[-1] == "Next: cetl assess --area I.B -k N -e N (9 not rated)"
    assert latest(cetl) == {"I.A": (3, 2)}


def test_all_ten_at_once_then_some_again_keeps_the_history(cetl, fixed_clock):
    r = cetl("assess", "--area", "all", "-k", "2", "-e", "1", "--json")
    data = json.loads(r.stdout)
    assert data["saved"] == 10 and data["not_rated"] == [] and data["calibration"]["assessed"] is True
    assert [a["code"] for a in data["skill_areas"]] == AREAS
    assert data["skill_areas"][0]["at"] == "2026-03-02T12:00:00.000000+00:00"
    fixed_clock["now"] = NOW + dt.timedelta(days=30)
    r = cetl("assess", "-a", "I.B", "-k", "4", "-e", "3", "-a", "iii.d", "-k", "3", "-e", "3")
    assert r.exit_code == 0 and "Saved 2 ratings" in r.stdout
    r = cetl("assess", "-a", "I.C", "-k", "3")  # experience kept from the last rating
    assert latest(cetl)["I.C"] == (3, 1) and latest(cetl)["I.B"] == (4, 3) and latest(cetl)["III.D"] == (3, 3)
    history = json.loads(cetl("assess", "history", "--json").stdout)
    assert len(history) == 13 and history[0] == {"code": "I.A", "knowledge": 2, "experience": 1,
                                                 "at": "2026-03-02T12:00:00.000000+00:00"}
    assert [h["code"] for h in history[10:]] == ["I.B", "III.D", "I.C"]
    text = cetl("assess", "history").stdout
    assert text.splitlines()[0].split() == ["when", "area", "skill", "area", "know", "exp"]
    assert text.splitlines()[-1] == "Next: cetl assess to rate yourself again"


@pytest.mark.parametrize(("args", "code", "message"), [
    ([], 2, "cetl assess needs --area, --knowledge and --experience (cetl cannot ask: this is not a terminal)"),
    (["--knowledge", "3"], 2, "--knowledge and --experience need --area"),
    (["--area", "I.A"], 2, "Say what to rate"),
    (["--area", "I.A", "--area", "I.B", "-k", "3", "-e", "2"], 2, "Give one --knowledge for each --area"),
    (["--area", "I.A", "-k", "3"], 2, "I.A has no earlier rating to keep, so it needs --experience too."),
    (["--area", "I.A", "-k", "5", "-e", "2"], 1, "Knowledge '5' is not a level; type 1, 2, 3 or 4."),
    (["--area", "IV.Z", "-k", "3", "-e", "2"], 1, "IV.Z"),
])
def test_usage_and_value_errors(cetl, args, code, message):
    r = cetl("assess", *args)
    assert r.exit_code == code and message in r.stderr, r.output
    assert json.loads(cetl("assess", "history", "--json").stdout) == []


def test_before_any_rating_the_levels_are_shown(cetl):
    r = cetl("assess", "--json")
    assert json.loads(r.stdout)["skill_areas"] == []
    r = cetl("assess", "history")
    assert r.stdout == "No ratings yet.\nNext: cetl assess\n"


def test_calibration_after_practice_names_the_areas(cetl, folder):
    # eight wrong practice answers in II.A, then a knowledge rating of 4 (85%): over-confident
    from cetl_cli.store import Store

    s = Store.open()
    for n in range(8):
        s.record_practice(f"iia-s{n:02d}", "II.A", "A", False, 20.0, "quiz")
    s.close()
    r = cetl("--curriculum", str(folder), "assess", "-a", "II.A", "-k", "4", "-e", "4")
    assert "over-confident in II.A" in " ".join(r.stdout.split())
    data = json.loads(cetl("--curriculum", str(folder), "assess", "--json").stdout)
    assert data["calibration"]["over_confident"] == ["II.A"]
