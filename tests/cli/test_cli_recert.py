"""`cetl recert`: hours per category with the caps applied, the cycle's end date, and recert.yaml
as checked data."""

from __future__ import annotations

import datetime as dt
import json

import pytest


def status(cetl, env=None) -> dict:
    r = cetl("recert", "--json", env=env)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_recert_json_sums_hours_per_category_with_the_caps_applied(cetl):
    assert status(cetl)["started"] is False
    r = cetl("recert", "start", "--certified", "2025-03-15")
    assert r.exit_code == 0, r.output
    assert "ends 2028-03-15" in r.stdout
    for category, hours, day in (("volunteer-leadership", "15", "2025-10-01"), ("volunteer", "8", "2026-01-01"),
                                 ("teaching", "12.5", "2026-02-01"), ("certification", "4", "2025-05-01"),
                                 ("certification", "4", "2025-06-01"), ("certification", "4", "2025-07-01"),
                                 ("certification", "4", "2025-08-01"), ("membership", "2", "2025-04-01"),
                                 ("teaching", "3", "2025-03-14")):  # the day before the cycle
        r = cetl("recert", "add", "--category", category, "--hours", hours, "--date", day, "--note", "evidence")
        assert r.exit_code == 0, r.output
    data = status(cetl)
    cats = {c["id"]: (c["logged"], c["counted"], c["cap"]) for c in data["categories"]}
    assert cats["volunteer-leadership"] == (23.0, 20.0, 20.0)  # capped at 20
    assert cats["certification"] == (16.0, 12.0, 12.0)  # four of them: capped at 12
    assert cats["teaching"] == (12.5, 12.5, 30.0)  # the activity before the cycle is not counted
    assert cats["membership"] == (2.0, 2.0, None)
    assert (data["hours_counted"], data["hours_required"], data["hours_remaining"]) == (46.5, 60.0, 13.5)
    assert data["certified"] == "2025-03-15" and data["cycle_ends"] == "2028-03-15"
    assert data["days_left"] == (dt.date(2028, 3, 15) - dt.date.today()).days
    assert [a["in_cycle"] for a in data["activities"]][0] is False  # sorted by date: 2025-03-14 first
    assert data["as_of"] and data["sources"] and data["reminder"]
    unverified = [c for c in data["categories"] if not c["verified"]]
    assert unverified and all(c["note"].startswith("Unverified") for c in unverified)


def test_the_text_view_shows_the_cycle_caps_and_the_next_step(cetl):
    cetl("recert", "start", "--certified", "2025-03-15")
    r = cetl("recert", "add", "-c", "volunteer", "--hours", "25", "--date", "2025-04-01")
    assert "volunteer-leadership is at its cap: 25 h logged, 20 h count." in r.stdout
    r = cetl("recert", env={"COLUMNS": "60"})
    assert r.exit_code == 0
    assert "Counted: 20 of 60 hours; 40 to go." in r.stdout
    assert all(len(line) <= 60 for line in r.stdout.splitlines())
    assert r.stdout.rstrip().splitlines()[-1].startswith("Next: cetl recert add")
    assert cetl("recert", "remove", "1").exit_code == 0
    assert status(cetl)["hours_counted"] == 0


@pytest.mark.parametrize(("args", "message"), [
    (["add", "-c", "golf", "--hours", "1"], "Unknown category 'golf'; the categories are certification"),
    (["add", "-c", "teaching", "--hours", "nan"], "is not a number of hours"),
    (["add", "-c", "teaching", "--hours", "0"], "more than 0"),
    (["add", "-c", "teaching", "--hours", "2", "--date", "2999-01-01"], "in the future"),
    (["start", "--certified", "yesterday"], "is not a date"),
    (["remove", "5"], "No recertification activity #5"),
])
def test_wrong_values_are_one_line(cetl, args, message):
    r = cetl("recert", *args)
    assert r.exit_code == 1, r.output
    assert message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_an_activity_before_the_cycle_starts_is_kept_and_says_it_is_not_counted(cetl):
    r = cetl("recert", "add", "-c", "teaching", "--hours", "2")
    assert r.exit_code == 0 and "Not counted yet: start your cycle first" in r.stdout
    cetl("recert", "start", "--certified", dt.date.today().isoformat())
    assert status(cetl)["hours_counted"] == 2.0  # today is inside a cycle that starts today


def test_recert_yaml_is_checked_by_curriculum_validate(cetl, curriculum_copy):
    r = cetl("curriculum", "validate", str(curriculum_copy))
    assert r.exit_code == 0 and "recert.yaml has 6 categories" in r.stdout
    path = curriculum_copy / "recert.yaml"
    good = path.read_text()
    for broken, message in ((good.replace("cap: 30", "cap: -3"), "categories[3].cap: Input should be greater than 0"),
                            (good.replace("id: membership", "id: certification"),
                             "categories[1].id: duplicate category id 'certification'"),
                            (good.replace("cycle_years: 3\n", ""), "cycle_years: required field is missing")):
        path.write_text(broken)
        r = cetl("curriculum", "validate", str(curriculum_copy))
        assert r.exit_code == 2
        lines = r.stderr.strip().splitlines()
        assert any("recert.yaml:" in l and message in l for l in lines), lines
    r = cetl("recert", env={"CETL_CURRICULUM": str(curriculum_copy)})
    assert r.exit_code == 2 and "recert.yaml" in r.stderr
