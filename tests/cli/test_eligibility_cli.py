"""`cetl check-eligibility` through the real entry point (not a terminal: no questions)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

ALL = ["--domains", "I,II,III"]


def years_ago(n: int, today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    if today.month == 2 and today.day == 29:
        today = today - dt.timedelta(days=1)
    return today.replace(year=today.year - n)


def as_json(cetl, *args):
    r = cetl("check-eligibility", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# -- the three examples of the issue ---------------------------------------------------------

def test_bachelor_with_five_years_in_all_domains_is_eligible(cetl):
    data = as_json(cetl, "--degree", "bachelor", "--years", "5", *ALL)
    assert data["status"] == "eligible"
    assert data["route"] == "standard"
    assert data["missing"] == [] and data["eligible_on"] is None
    assert data["as_of"] == "2026-11-28" or dt.date.fromisoformat(data["as_of"])
    assert "cosn.org/certification" in [s["page"] for s in data["sources"]]


def test_no_degree_with_eight_years_and_both_documents_may_request_a_waiver(cetl):
    args = ["--degree", "none", "--years", "8", *ALL, "--waiver", "--supervisor-letter"]
    data = as_json(cetl, *args)
    assert (data["status"], data["route"]) == ("eligible_pending_waiver", "no-degree-waiver")
    r = cetl("check-eligibility", *args)
    assert r.exit_code == 0
    assert r.stdout.startswith("Eligible to request a waiver (the committee decides)")
    assert "Committee decides each request" in " ".join(r.stdout.split())


def test_master_since_three_years_ago_is_eligible_one_year_on(cetl):
    start = years_ago(3)
    data = as_json(cetl, "--degree", "master", "--since", start.isoformat(), *ALL)
    assert data["status"] == "not_yet_eligible"
    expected = start.replace(year=start.year + 4)
    assert data["eligible_on"] == expected.isoformat()
    assert data["answers"]["experience_from"] == "since"
    r = cetl("check-eligibility", "--degree", "master", "--since", start.isoformat(), *ALL)
    assert r.exit_code == 0  # an answer, not an error
    assert r.stdout.startswith("Not yet eligible")
    assert f"you will be eligible on {expected.isoformat()}" in " ".join(r.stdout.split())


# -- the text answer -------------------------------------------------------------------------

def test_text_shows_missing_items_date_sources_reminder_and_next_steps(cetl):
    r = cetl("check-eligibility", "--degree", "none", "--years", "7", *ALL, "--waiver", "--no-supervisor-letter")
    assert r.exit_code == 0, r.output
    text = " ".join(r.stdout.split())
    assert "Not yet eligible · closest route: Route without a degree" in text
    assert "What is missing • a signed recommendation from your supervisor" in text
    assert "Rules as of 2026-11-28." in text or "Rules as of " in text
    assert "cosn.org/certification/betatest" in text
    assert "Confirm them in CoSN's current Candidate Handbook" in text
    assert "Next steps 1. Close the gaps listed above." in text
    assert "Supervisor letter not ready (--no-supervisor-letter)" in text


def test_unconfirmed_documents_count_as_not_ready_and_say_which_flag(cetl):
    data = as_json(cetl, "--degree", "associate", "--years", "9", *ALL)
    assert data["status"] == "not_yet_eligible"
    assert len(data["missing"]) == 2
    r = cetl("check-eligibility", "--degree", "associate", "--years", "9", *ALL)
    assert "not confirmed: pass --waiver when it is ready" in " ".join(r.stdout.split())


def test_degree_holders_are_not_asked_about_waiver_documents(cetl):
    r = cetl("check-eligibility", "--degree", "doctorate", "--years", "2", *ALL)
    assert "Waiver request" not in r.stdout and "Supervisor letter" not in r.stdout


def test_json_keys_are_stable(cetl):
    data = as_json(cetl, "--degree", "bachelor", "--years", "4.5", "--domains", "I")
    assert {"status", "route", "missing", "eligible_on", "as_of", "sources"} <= set(data)
    assert {"route_name", "verdict", "reminder", "next_steps", "answers", "routes"} <= set(data)
    assert data["answers"] == {"degree": "bachelor", "experience_from": "years", "years": 4.5, "days": None,
                               "since": None, "domains": ["I"], "documents_ready": []}
    assert [r["id"] for r in data["routes"]] == ["standard", "no-degree-waiver"]


# -- bad input: one line, exit 1 (2 for usage) ------------------------------------------------

@pytest.mark.parametrize("args,code,message", [
    (["--degree", "diploma", "--years", "5", *ALL], 1, "Unknown degree 'diploma'; choose one of: none, associate, bachelor"),
    (["--degree", "bachelor", "--years", "-1", *ALL], 1, "cannot be negative"),
    (["--degree", "bachelor", "--years", "lots", *ALL], 1, "not a number"),
    (["--degree", "bachelor", "--since", "2999-01-01", *ALL], 1, "is in the future"),
    (["--degree", "bachelor", "--since", "2021-02-29", *ALL], 1, "not a real date"),
    (["--degree", "bachelor", "--years", "5", "--domains", "I,IV"], 1,
     "Unknown domain 'IV'; the domains are I, II, III"),
    (["--degree", "bachelor", "--years", "5", "--since", "2020-01-01", *ALL], 2, "give --years or --since, not both"),
])
def test_bad_input_is_one_clear_line(cetl, args, code, message):
    r = cetl("check-eligibility", *args)
    assert r.exit_code == code
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("cetl: ")
    assert message in r.stderr


def test_without_a_terminal_missing_answers_name_the_flags(cetl):
    r = cetl("check-eligibility", "--degree", "bachelor")
    assert r.exit_code == 2
    assert "--years N or --since YYYY-MM-DD, --domains I,II,III" in r.stderr
    assert "--degree" not in r.stderr.split("Example:")[0]
    r = cetl("check-eligibility", "--json")
    assert r.exit_code == 2 and "--degree LEVEL" in r.stderr and r.stdout == ""


# -- remembered answers -----------------------------------------------------------------------

def test_answers_are_remembered_and_reset_forgets_them(cetl):
    as_json(cetl, "--degree", "none", "--years", "8", *ALL, "--waiver", "--supervisor-letter")
    again = as_json(cetl)
    assert again["status"] == "eligible_pending_waiver"
    assert again["answers"]["degree"] == "none"
    r = cetl("check-eligibility")
    assert "(remembered)" in r.stdout
    # A flag changes one answer; the rest are still remembered.
    assert as_json(cetl, "--no-supervisor-letter")["status"] == "not_yet_eligible"
    assert as_json(cetl)["status"] == "not_yet_eligible"
    r = cetl("check-eligibility", "--reset")
    assert r.exit_code == 0 and "Forgot your remembered answers" in r.stdout
    r = cetl("check-eligibility")
    assert r.exit_code == 2 and "--degree LEVEL" in r.stderr


def test_reset_with_flags_answers_from_the_flags_alone(cetl):
    as_json(cetl, "--degree", "master", "--years", "9", *ALL)
    data = as_json(cetl, "--reset", "--degree", "bachelor", "--years", "1", "--domains", "I")
    assert data["status"] == "not_yet_eligible" and data["answers"]["degree"] == "bachelor"


# -- the experience log -----------------------------------------------------------------------

def test_the_log_is_used_when_there_is_one(cetl):
    today = dt.date.today()
    start = years_ago(5, today)
    assert cetl("experience", "add", "--role", "Director of Technology", "--from", start.isoformat(),
                "--domains", "I,III").exit_code == 0
    assert cetl("experience", "add", "--role", "Curriculum technology lead", "--from", years_ago(6, today).isoformat(),
                "--to", years_ago(4, today).isoformat(), "--domains", "II").exit_code == 0
    data = as_json(cetl, "--degree", "bachelor")
    assert data["status"] == "eligible"
    assert data["answers"]["experience_from"] == "log"
    assert data["answers"]["domains"] == ["I", "II", "III"]
    assert data["answers"]["days"] == (today - years_ago(6, today)).days  # overlap counted once
    r = cetl("check-eligibility", "--degree", "bachelor")
    assert "(your experience log)" in r.stdout and "over 2 entries, overlaps counted once" in " ".join(r.stdout.split())


def test_flags_override_the_log(cetl):
    cetl("experience", "add", "--role", "CTO", "--from", years_ago(10).isoformat(), "--domains", "I,II,III")
    assert as_json(cetl, "--degree", "bachelor")["status"] == "eligible"
    data = as_json(cetl, "--degree", "bachelor", "--years", "2")
    assert data["status"] == "not_yet_eligible" and data["answers"]["experience_from"] == "years"
    data = as_json(cetl, "--degree", "bachelor", "--domains", "I")
    assert data["answers"]["domains"] == ["I"] and data["status"] == "not_yet_eligible"


def test_a_log_with_only_an_open_role_gives_the_date(cetl):
    start = years_ago(3)
    cetl("experience", "add", "--role", "Network manager", "--from", start.isoformat(), "--domains", "I,II,III")
    data = as_json(cetl, "--degree", "bachelor")
    assert data["eligible_on"] == start.replace(year=start.year + 4).isoformat()


def test_a_remembered_answer_that_no_longer_fits_is_not_used(cetl, cetl_home):
    from cetl_cli.store import Store

    store = Store.open()
    store.set_setting("eligibility.answers", json.dumps({"degree": "diploma", "experience": "5", "domains": "I,IV"}))
    store.close()
    r = cetl("check-eligibility")
    assert r.exit_code == 2
    assert "needs --degree LEVEL, --domains I,II,III (" in r.stderr  # the remembered 5 years still count
