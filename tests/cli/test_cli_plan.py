"""`cetl plan`, `cetl plan set`, `cetl plan ics` on a fixed clock: the issue's acceptance checks."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil

import pytest

from cetl_cli.content.loader import default_curriculum_dir

MONDAY = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
EXAM = "2026-06-22"  # 16 weeks after MONDAY


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    holder = {"now": MONDAY}
    monkeypatch.setattr(context, "make_clock", lambda: Clock(now=lambda: holder["now"]))
    return holder


@pytest.fixture(scope="module")
def light(tmp_path_factory):
    """The shipped curriculum with every to-do at 15 minutes: a course that fits 16 weeks at 5 h."""
    dest = tmp_path_factory.mktemp("light") / "cur"
    shutil.copytree(default_curriculum_dir(), dest)
    for f in (dest / "modules").glob("*.yaml"):
        f.write_text(re.sub(r"minutes: \d+", "minutes: 15", f.read_text()))
    return dest


def plan_json(cetl, *args):
    r = cetl(*args, "plan", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def module_weeks(data) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for w in data["schedule"]:
        for i in w["items"]:
            if i["kind"] == "module":
                out.setdefault(i["module"], set()).add(w["number"])
    return out


def test_sixteen_weeks_at_five_hours_covers_every_module_before_the_final_two_weeks(cetl, light):
    r = cetl("--curriculum", str(light), "plan", "set", "--exam-date", EXAM, "--hours-per-week", "5")
    assert r.exit_code == 0, r.output
    data = plan_json(cetl, "--curriculum", str(light))
    assert data["fits"] is True and data["weeks"] == 16 and data["days_to_exam"] == 112
    final = {w["number"] for w in data["schedule"] if w["final"]}
    assert final == {15, 16}
    weeks = module_weeks(data)
    assert sorted(weeks) == list(range(1, 12)) and all(max(w) <= 14 for w in weeks.values())
    assert data["on_track"]["status"] == "on_pace" and data["this_week"]["number"] == 1
    assert data["application"] == {
        "apply_from": "2026-03-24", "apply_by": "2026-06-08", "window_days": 90, "as_of": "2026-11-28",
        "source": "cosn.org/certification/taking-cetl-exam", "margin_days": 14,
        "margin_note": "apply_by is cetl's suggestion (time for approval and booking), not a CoSN rule"}
    assert data["hours_per_week_needed"] is None and data["earliest_exam_date"] is None


def test_one_hour_a_week_says_the_plan_does_not_fit_and_what_would(cetl, light):
    r = cetl("--curriculum", str(light), "plan", "set", "--exam-date", EXAM, "--hours-per-week", "1")
    assert r.exit_code == 0, r.output
    assert "It does not fit:" in r.stdout and "To fit, study" in r.stdout and "Or keep 1 h a week" in r.stdout
    data = plan_json(cetl, "--curriculum", str(light))
    assert data["fits"] is False and data["unscheduled"]
    hours, date = data["hours_per_week_needed"], data["earliest_exam_date"]
    assert hours > 1 and date > EXAM
    assert f"cetl plan set --exam-date {EXAM} --hours-per-week {hours:g}" in r.stdout
    assert f"cetl plan set --exam-date {date} --hours-per-week 1" in r.stdout
    cetl("--curriculum", str(light), "plan", "set", "--exam-date", EXAM, "--hours-per-week", f"{hours:g}")
    assert plan_json(cetl, "--curriculum", str(light))["fits"] is True


def test_the_shipped_course_at_five_hours_names_thirteen_and_a_half(cetl):
    r = cetl("plan", "set", "--exam-date", EXAM, "--hours-per-week", "5", "--json")
    data = json.loads(r.stdout)
    assert data["fits"] is False and data["hours_per_week_needed"] == 13.5


def test_the_plan_at_sixty_columns_ends_with_the_next_step(cetl, light):
    cetl("--curriculum", str(light), "plan", "set", "--exam-date", EXAM, "--hours-per-week", "5")
    r = cetl("--curriculum", str(light), "plan", env={"COLUMNS": "60"})
    lines = r.stdout.splitlines()
    assert r.exit_code == 0 and all(len(line) <= 60 for line in lines), [x for x in lines if len(x) > 60]
    assert lines[0] == "Study plan: the exam on Monday 2026-06-22 (112 days away, 16"
    assert "When to apply: apply between 2026-03-24 and 2026-06-08." in r.stdout
    flat = " ".join(r.stdout.split())
    assert "Applying by 2026-06-08 is cetl's suggestion (14 days for approval and booking), not a CoSN rule" in flat
    assert "This week (week 1, 03-02 to 03-08) asks 5 h:" in r.stdout
    assert lines[-1] == "Next: cetl assess (review time then follows your gaps)"


def test_pace_after_two_weeks_without_work(cetl, light, fixed_clock):
    cetl("--curriculum", str(light), "plan", "set", "--exam-date", EXAM, "--hours-per-week", "5")
    fixed_clock["now"] = MONDAY + dt.timedelta(days=14)
    data = plan_json(cetl, "--curriculum", str(light))
    assert data["on_track"]["status"] == "behind" and data["on_track"]["hours_ahead"] == -10.0
    assert "behind by 10 h" in cetl("--curriculum", str(light)).stdout  # the dashboard says so too


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--exam-date", "2026-01-01", "--hours-per-week", "5"], 1, "is not after today (2026-03-02)"),
    (["--exam-date", "soon", "--hours-per-week", "5"], 1, "is not a date"),
    (["--exam-date", EXAM, "--hours-per-week", "0"], 1, "Hours per week must be more than 0"),
    (["--exam-date", EXAM], 2, "Missing option '--hours-per-week'"),
    (["--hours-per-week", "5"], 2, "plan set needs --exam-date"),
])
def test_plan_set_refuses_bad_values(cetl, args, code, message):
    r = cetl("plan", "set", *args)
    assert r.exit_code == code and message in r.stderr, r.output
    assert cetl("plan").exit_code == 1


def test_no_plan_yet(cetl):
    r = cetl("plan")
    assert r.exit_code == 1
    assert r.stderr == ("cetl: You have no study plan yet. Make one: cetl plan set --exam-date YYYY-MM-DD "
                        "--hours-per-week 5\n")
    assert "Exam       no date yet." in cetl().stdout


# -- the calendar ------------------------------------------------------------------------------

def read_events(path) -> list[dict]:
    from icalendar import Calendar

    cal = Calendar.from_ical(path.read_bytes())
    return [{"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "start": e.start, "end": e.end,
             "description": str(e.get("DESCRIPTION", ""))} for e in cal.walk("VEVENT")]


def test_ics_parses_back_with_the_same_events_and_a_second_export_has_the_same_uids(cetl, light, tmp_path,
                                                                                   fixed_clock):
    cetl("--curriculum", str(light), "plan", "set", "--exam-date", EXAM, "--hours-per-week", "5")
    data = plan_json(cetl, "--curriculum", str(light))
    out = tmp_path / "plan.ics"
    r = cetl("--curriculum", str(light), "plan", "ics", "--out", str(out))
    assert r.exit_code == 0, r.output
    busy = [w for w in data["schedule"] if any(i["kind"] != "buffer" for i in w["items"])]
    n = len(busy) + 2 + 2  # the weeks with work, two mock exams, the application window, the exam day
    assert " ".join(r.stdout.split()).startswith(f"Wrote {out} with {n} all-day events")
    assert "Next: cetl plan" in r.stdout
    events = read_events(out)
    assert len(events) == n and len({e["uid"] for e in events}) == n
    assert all(type(e["start"]) is dt.date and type(e["end"]) is dt.date for e in events)  # all-day
    by_key = {e["uid"].split("-")[0] + ("-" + e["uid"].split("-")[1] if e["uid"][0] in "wm" else ""): e
              for e in events}
    assert by_key["exam"]["start"] == dt.date(2026, 6, 22) and by_key["exam"]["end"] == dt.date(2026, 6, 23)
    assert (by_key["application"]["start"], by_key["application"]["end"]) == (dt.date(2026, 3, 24),
                                                                               dt.date(2026, 6, 9))
    assert "cetl's suggestion" in by_key["application"]["description"]
    weeks = [e for e in events if e["uid"].startswith("week-")]
    assert [(e["start"].isoformat(), (e["end"] - dt.timedelta(days=1)).isoformat()) for e in weeks] == [
        (w["start"], w["end"]) for w in busy]
    assert weeks[0]["summary"].startswith("CETL study week 1 of 16: Module 1: Orientation")
    mocks = [e for e in events if e["uid"].startswith("mock-")]
    assert [e["start"] for e in mocks] == [dt.date(2026, 6, 8), dt.date(2026, 6, 15)]  # the final weeks

    fixed_clock["now"] = MONDAY + dt.timedelta(days=3)
    second = tmp_path / "again.ics"
    assert cetl("--curriculum", str(light), "plan", "ics", "-o", str(second)).exit_code == 0
    again = read_events(second)
    assert [e["uid"] for e in again] == [e["uid"] for e in events]
    assert again == events  # the same plan: the same events


def test_ics_never_overwrites_without_force(cetl, tmp_path, monkeypatch):
    cetl("plan", "set", "--exam-date", EXAM, "--hours-per-week", "14")
    out = tmp_path / "mine.ics"
    out.write_text("my own calendar")
    r = cetl("plan", "ics", "--out", str(out))
    assert r.exit_code == 1 and out.read_text() == "my own calendar"
    assert r.stderr == (f"cetl: {out} exists already; cetl did not change it. Replace it with cetl plan ics "
                        f"--out {out} --force, or name another file.\n")
    r = cetl("plan", "ics", "--out", str(out), "--force")
    assert r.exit_code == 0 and r.stdout.startswith(f"Replaced {out} with")
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert sorted(os.listdir(tmp_path)) == ["mine.ics"]  # no temporary file left behind
    monkeypatch.chdir(tmp_path)
    assert cetl("plan", "ics").exit_code == 0 and (tmp_path / "cetl-plan.ics").exists()
    for bad, message in ((tmp_path, "is a folder"), (tmp_path / "no" / "x.ics", "does not exist")):
        r = cetl("plan", "ics", "--out", str(bad))
        assert r.exit_code == 1 and message in r.stderr


def test_ics_needs_a_plan(cetl, tmp_path):
    r = cetl("plan", "ics", "--out", str(tmp_path / "x.ics"))
    assert r.exit_code == 1 and "no study plan yet" in r.stderr and not (tmp_path / "x.ics").exists()
