"""`cetl experience add/list/remove`: the experience log behind check-eligibility."""

from __future__ import annotations

import datetime as dt
import json

import pytest


def entries(cetl) -> dict:
    r = cetl("experience", "list", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_add_list_and_remove(cetl):
    r = cetl("experience", "add", "--role", "Director of Technology", "--from", "2019-08-01",
             "--to", "2022-06-30", "--domains", "i,iii")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Added #1: Director of Technology, 2019-08-01 to 2022-06-30, domains I, III.")
    r = cetl("experience", "add", "--role", "Chief Technology Officer", "--from", "2022-07-01", "--domains", "I,II,III")
    assert "to now" in r.stdout
    data = entries(cetl)
    assert [(e["id"], e["role"], e["from"], e["to"], e["domains"]) for e in data["entries"]] == [
        (1, "Director of Technology", "2019-08-01", "2022-06-30", ["I", "III"]),
        (2, "Chief Technology Officer", "2022-07-01", None, ["I", "II", "III"]),
    ]
    assert data["current"] is True
    assert data["days"] == (dt.date.today() - dt.date(2019, 8, 1)).days  # back to back: no gap
    r = cetl("experience", "list")
    assert "Director of Technology" in r.stdout and "now" in r.stdout
    assert "Together:" in r.stdout and "covering domains I, II, III." in " ".join(r.stdout.split())
    r = cetl("experience", "remove", "2")
    assert r.exit_code == 0 and "Removed #2" in r.stdout
    data = entries(cetl)
    assert [e["id"] for e in data["entries"]] == [1]
    assert data["current"] is False and data["domains"] == ["I", "III"]
    assert "not yet II" in " ".join(cetl("experience", "list").stdout.split())


def test_overlapping_entries_count_once_in_the_log(cetl):
    cetl("experience", "add", "--role", "Network manager", "--from", "2018-01-01", "--to", "2020-12-31",
         "--domains", "III")
    cetl("experience", "add", "--role", "Acting director", "--from", "2020-01-01", "--to", "2020-12-31",
         "--domains", "I")
    data = entries(cetl)
    assert data["days"] == (dt.date(2021, 1, 1) - dt.date(2018, 1, 1)).days
    assert (data["whole_years"], data["extra_days"]) == (3, 0)
    assert data["domains"] == ["I", "III"]


def test_role_text_is_shown_literally(cetl):
    cetl("experience", "add", "--role", "[bold]Tech[/bold] lead", "--from", "2020-01-01", "--domains", "none")
    r = cetl("experience", "list")
    assert "[bold]Tech[/bold] lead" in r.stdout


def test_empty_log_says_how_to_start(cetl):
    r = cetl("experience", "list")
    assert r.exit_code == 0 and "cetl experience add --role" in r.stdout
    assert entries(cetl)["entries"] == []


@pytest.mark.parametrize("args,message", [
    (["--role", "CTO", "--from", "2999-01-01", "--domains", "I"], "--from 2999-01-01 is in the future"),
    (["--role", "CTO", "--from", "2020-01-01", "--to", "2999-01-01", "--domains", "I"],
     "--to 2999-01-01 is in the future"),
    (["--role", "CTO", "--from", "2020-01-01", "--to", "2019-01-01", "--domains", "I"], "is before --from"),
    (["--role", "CTO", "--from", "01/08/2019", "--domains", "I"], "YYYY-MM-DD"),
    (["--role", "CTO", "--from", "2020-01-01", "--domains", "IV"], "Unknown domain 'IV'"),
    (["--role", "  ", "--from", "2020-01-01", "--domains", "I"], "--role is empty"),
])
def test_bad_entries_are_refused_and_nothing_is_stored(cetl, args, message):
    r = cetl("experience", "add", *args)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and message in r.stderr
    assert entries(cetl)["entries"] == []


def test_removing_an_unknown_entry(cetl):
    r = cetl("experience", "remove", "7")
    assert r.exit_code == 1
    assert "No experience entry #7" in r.stderr and "cetl experience list" in r.stderr
    r = cetl("experience", "remove", "abc")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "'abc' is not an entry id" in r.stderr


def test_remove_accepts_the_id_as_shown_after_add(cetl):
    cetl("experience", "add", "--role", "CTO", "--from", "2020-01-01", "--domains", "I")
    r = cetl("experience", "remove", "#1")
    assert r.exit_code == 0 and entries(cetl)["entries"] == []


def test_required_options_are_a_usage_error(cetl):
    r = cetl("experience", "add", "--role", "CTO")
    assert r.exit_code == 2


def test_employer_supervisor_and_notes_are_kept_and_edited(cetl):
    r = cetl("experience", "add", "--role", "Director of Technology", "--from", "2019-08-01", "--domains", "I,III",
             "--employer", "Example USD", "--supervisor", "Dr. A. Rivera, Superintendent")
    assert r.exit_code == 0, r.output
    e = entries(cetl)["entries"][0]
    assert (e["employer"], e["supervisor"], e["notes"]) == ("Example USD", "Dr. A. Rivera, Superintendent", None)
    assert "supervisor: Dr. A. Rivera" in cetl("experience", "list").stdout
    r = cetl("experience", "edit", "1", "--notes", "Led the 1:1 rollout", "--to", "2023-06-30", "--domains", "all")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Changed #1: to, domains, notes.")
    assert "Next: " in r.stdout
    e = entries(cetl)["entries"][0]
    assert (e["to"], e["domains"], e["notes"], e["employer"]) == ("2023-06-30", ["I", "II", "III"],
                                                                 "Led the 1:1 rollout", "Example USD")
    r = cetl("experience", "edit", "1", "--to", "now", "--employer", "")
    assert entries(cetl)["entries"][0]["to"] is None and entries(cetl)["entries"][0]["employer"] is None
    assert "already says that" in cetl("experience", "edit", "1", "--role", "Director of Technology").stdout


@pytest.mark.parametrize(("args", "message"), [
    (["9", "--role", "x"], "No experience entry #9"),
    (["1"], "Nothing to change"),
    (["1", "--to", "2010-01-01"], "before the first day"),
    (["1", "--from", "2030-01-01"], "in the future"),
    (["1", "--supervisor", "x" * 300], "keep it under 200"),
    (["abc", "--role", "x"], "not an entry id"),
])
def test_edit_refuses_what_cannot_be(cetl, args, message):
    cetl("experience", "add", "--role", "CTO", "--from", "2019-08-01", "--domains", "I")
    r = cetl("experience", "edit", *args)
    assert r.exit_code == 1, r.output
    assert message in r.stderr
