"""`cetl group`: a facilitator and a member, each with their own CETL_HOME, and one shared folder.

The acceptance tests of issue 13: the facilitator creates, a member joins and shares, and the
facilitator's `group status --json` shows the member's progress and pace; an answer is in the
folder only while it is shared; damaged, huge and hostile files each give one warning and the
rest of the group still shows; a sync tool's conflicted copy is merged.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from groupkit import finish_modules, fix_clock

ANSWER = "We would start with a survey of every principal. Budget < 5% & rising."


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    fix_clock(monkeypatch)  # today is 2026-10-01: modules 1-3 are due; module 4 is next (13 October)


@pytest.fixture
def homes(tmp_path):
    fac, pat = tmp_path / "facilitator", tmp_path / "pat"
    fac.mkdir()
    pat.mkdir()
    return {"fac": {"CETL_HOME": str(fac)}, "pat": {"CETL_HOME": str(pat)}}


@pytest.fixture
def folder(tmp_path, cetl, homes) -> Path:
    where = tmp_path / "Shared drive" / "cetl cohort"
    r = cetl("group", "create", str(where), "--name", "Utah Fall Cohort", "--exam-date", "2027-01-15",
             "--first-meeting", "2026-09-01", "--every", "2w", env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert "Next: " in r.stdout
    return where


def folder_text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def status(cetl, home) -> dict:
    r = cetl("group", "status", "--json", env=home)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_facilitator_sees_a_members_progress_and_pace_and_answers_only_while_shared(
        cetl, homes, folder, curriculum):
    assert json.loads((folder / "group.json").read_text())["meetings"][0] == {"date": "2026-09-01", "modules": [1]}
    assert cetl("reflect", "3.r2", "--text", ANSWER, env=homes["pat"]).exit_code == 0
    r = cetl("group", "join", str(folder), "--as", "Pat Lee", env=homes["pat"])
    assert r.exit_code == 0, r.output
    mine = folder / "members" / "pat-lee.json"
    assert mine.exists()
    assert "survey of every principal" not in folder_text(folder)  # aggregates only

    seen = status(cetl, homes["fac"])
    [pat] = seen["members"]
    assert (pat["name"], pat["on_track"], pat["due_done"], pat["due_total"]) == ("Pat Lee", "behind", 1, 36)
    assert seen["next_meeting"] == {"number": 4, "date": "2026-10-13", "modules": [4]}

    finish_modules(homes["pat"], [1, 2, 3])
    r = cetl("group", "share", env=homes["pat"])
    assert r.exit_code == 0, r.output
    [pat] = status(cetl, homes["fac"])["members"]
    assert (pat["on_track"], pat["due_done"], pat["due_total"]) == ("on_pace", 36, 36)
    assert pat["modules"][2] == {"number": 3, "done": 12, "total": 12}
    assert pat["last_active"] is not None and pat["shared"] == []
    text = cetl("group", "status", env=homes["fac"]).stdout
    assert "Pat Lee" in text and "on pace" in text and "Next: cetl group agenda" in text

    # a reflection answer reaches the folder only when shared, and leaves it when withdrawn
    assert ANSWER not in folder_text(folder)
    r = cetl("group", "share", "3.r2", env=homes["pat"])
    assert r.exit_code == 0, r.output
    assert ANSWER in folder_text(folder)
    shared = json.loads(mine.read_text())["shared"]
    assert [(a["ref"], a["version"]) for a in shared] == [("3.r2", 1)]
    assert shared[0]["text"] == ANSWER
    r = cetl("group", "discuss", "3.r2", env=homes["fac"])
    assert ANSWER in r.stdout and "Pat Lee" in r.stdout

    r = cetl("group", "withdraw", "3.r2", env=homes["pat"])
    assert r.exit_code == 0, r.output
    assert "cannot be recalled" in r.stdout
    assert ANSWER not in folder_text(folder)
    assert ANSWER not in cetl("group", "discuss", "3.r2", env=homes["fac"]).stdout


def joined(cetl, homes, folder, who="pat", name="Pat Lee", *extra) -> Path:
    r = cetl("group", "join", str(folder), "--as", name, *extra, env=homes[who])
    assert r.exit_code == 0, r.output
    return folder / "members" / (name.lower().replace(" ", "-") + ".json")


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("cetl: skipped")]


def test_damaged_huge_and_hostile_files_each_give_one_warning_and_the_rest_still_shows(
        cetl, homes, folder, tmp_path):
    mine = joined(cetl, homes, folder)
    members = folder / "members"
    good = json.loads(mine.read_text())
    (members / "damaged.json").write_bytes(mine.read_bytes()[:200])  # cut off mid-write
    with open(members / "huge.json", "wb") as f:  # 50 MB, sparse: never read in full
        f.truncate(50 * 1024 * 1024)
    hostile = {**good, "member": "m-00000000000000ee", "name": "Eve\x1b]52;c;cm0gLXJmIH4=\x07"}
    (members / "hostile.json").write_text(json.dumps(hostile))
    markup = {**good, "member": "m-00000000000000ef", "name": "<img src=x onerror=alert(1)>"}
    (members / "markup.json").write_text(json.dumps(markup))
    (members / "newer.json").write_text(json.dumps({**good, "member": "m-00000000000000f0", "version": 9}))
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps({**good, "member": "m-00000000000000f1", "name": "Linked"}))
    os.symlink(outside, members / "link.json")
    os.mkfifo(members / "pipe.json")  # opening it for reading must not hang
    (members / "evil\x1b[31m.json").write_text("{}")
    (members / "notes.txt").write_text("not a member file")

    r = cetl("group", "status", "--json", env=homes["fac"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [m["name"] for m in data["members"]] == ["Pat Lee"]
    lines = warning_lines(r.stderr)
    assert len(lines) == 8, lines
    for name, why in [("damaged.json", "not valid JSON"), ("huge.json", "too large"),
                      ("hostile.json", "control or escape"), ("markup.json", "markup"),
                      ("newer.json", "newer cetl"), ("link.json", "symbolic link"),
                      ("pipe.json", "not a regular file"), ("evil␛[31m.json", "format")]:
        assert sum(name in line for line in lines) == 1, (name, lines)
        assert why in next(line for line in lines if name in line)
    assert "\x1b" not in r.stdout + r.stderr and "\x07" not in r.stdout + r.stderr
    assert {s["file"] for s in data["skipped"]} >= {"members/damaged.json", "members/link.json"}
    assert "Linked" not in r.stdout

    text = cetl("group", "status", env=homes["fac"])
    assert "Pat Lee" in text.stdout and len(warning_lines(text.stderr)) == 8
    assert "\x1b" not in text.stdout + text.stderr


def test_a_conflicted_copy_is_merged_by_the_member_id_inside(cetl, homes, folder, curriculum):
    mine = joined(cetl, homes, folder)
    old = json.loads(mine.read_text())
    # the sync tool kept the older version as a "conflicted copy", with a comment only it has
    old["written_at"] = old["progress"]["as_of"] = "2026-09-30T10:00:00+00:00"
    old["comments"] = [{"id": "c-00000000000000c1", "on": old["member"], "item": "or-why-now",
                        "text": "A note written on my laptop.", "at": "2026-09-30T10:00:00+00:00"}]
    (folder / "members" / "pat-lee (conflicted copy 2026-09-30).json").write_text(json.dumps(old))
    (folder / "members" / "pat-lee.sync-conflict-20260930-101010-ABCDEFG.json").write_text(json.dumps(old))
    finish_modules(homes["pat"], [1])
    assert cetl("group", "share", env=homes["pat"]).exit_code == 0

    r = cetl("group", "status", "--json", env=homes["fac"])
    [pat] = json.loads(r.stdout)["members"]
    assert pat["file"] == "members/pat-lee.json"
    assert len(pat["merged_copies"]) == 2
    assert pat["modules"][0]["done"] == 12  # the newest progress wins
    assert pat["comments"] == 1  # comments are a union by id
    assert warning_lines(r.stderr) == []
    assert r.stderr.count("cetl: merged") == 2


def test_comments_go_into_the_commenters_own_file(cetl, homes, folder):
    assert cetl("reflect", "3.r2", "--text", ANSWER, env=homes["pat"]).exit_code == 0
    pat_file = joined(cetl, homes, folder)
    assert cetl("group", "share", "3.r2", env=homes["pat"]).exit_code == 0
    before = pat_file.read_bytes()
    sam_file = joined(cetl, homes, folder, "fac", "Sam Ortiz")
    r = cetl("group", "comment", "pat lee", "3.r2", "--text", "We ran that survey in 2024: 41% replied.",
             env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert pat_file.read_bytes() == before  # never written by anyone but Pat
    assert json.loads(sam_file.read_text())["comments"][0]["text"].startswith("We ran that survey")
    r = cetl("group", "discuss", "3.r2", env=homes["pat"])
    assert "Sam Ortiz" in r.stdout and "41% replied" in r.stdout and ANSWER in r.stdout

    bad = cetl("group", "comment", "Pat Lee", "3.r2", "--text", "<script>x</script>", env=homes["fac"])
    assert bad.exit_code == 1 and "markup" in bad.stderr
    unshared = cetl("group", "comment", "Pat Lee", "3.r1", "--text", "Hm.", env=homes["fac"])
    assert unshared.exit_code == 1 and "has not shared an answer to 3.r1" in unshared.stderr
    nobody = cetl("group", "comment", "Quinn", "3.r2", "--text", "Hm.", env=homes["fac"])
    assert nobody.exit_code == 1 and "Pat Lee" in nobody.stderr


def test_with_auto_the_file_follows_every_command_that_changes_progress(cetl, homes, folder):
    mine = joined(cetl, homes, folder, "pat", "Pat Lee", "--auto")
    stamp = json.loads(mine.read_text())["written_at"]
    assert cetl("modules", env=homes["pat"]).exit_code == 0  # reads only: the file is not rewritten
    assert json.loads(mine.read_text())["written_at"] == stamp
    assert cetl("todo", "done", "4.t1", env=homes["pat"]).exit_code == 0
    module4 = json.loads(mine.read_text())["progress"]["modules"][3]
    assert module4["number"] == 4 and module4["todos_done"] == 1
    assert cetl("group", "share", "--no-auto", env=homes["pat"]).exit_code == 0
    assert cetl("todo", "done", "4.t2", env=homes["pat"]).exit_code == 0
    assert json.loads(mine.read_text())["progress"]["modules"][3]["todos_done"] == 1


def test_a_missing_folder_does_not_fail_the_command_that_changed_progress(cetl, homes, folder, tmp_path):
    joined(cetl, homes, folder, "pat", "Pat Lee", "--auto")
    folder.rename(tmp_path / "unplugged")
    r = cetl("todo", "done", "4.t1", env=homes["pat"])
    assert r.exit_code == 0, r.output
    assert r.stderr.count("cetl: your group file was not updated") == 1 and "is not there" in r.stderr
    r = cetl("group", "status", env=homes["pat"])
    assert r.exit_code == 1 and "is not there" in r.stderr


def test_an_answer_with_markup_cannot_be_shared(cetl, homes, folder):
    joined(cetl, homes, folder)
    assert cetl("reflect", "3.r1", "--text", "See <b>this</b>.", env=homes["pat"]).exit_code == 0
    r = cetl("group", "share", "3.r1", env=homes["pat"])
    assert r.exit_code == 1 and "markup" in r.stderr and "cetl reflect 3.r1" in r.stderr
    r = cetl("group", "share", "3.r3", env=homes["pat"])
    assert r.exit_code == 1 and "not answered 3.r3" in r.stderr


def test_leave_removes_only_your_own_file(cetl, homes, folder):
    mine = joined(cetl, homes, folder)
    theirs = joined(cetl, homes, folder, "fac", "Sam Ortiz")
    r = cetl("group", "leave", env=homes["pat"])
    assert r.exit_code == 0, r.output
    assert not mine.exists() and theirs.exists() and (folder / "group.json").exists()
    assert "cannot be recalled" in r.stdout
    r = cetl("group", "status", env=homes["pat"])
    assert r.exit_code == 1 and "not in a study group" in r.stderr
    # reading a folder without joining it
    assert "Sam Ortiz" in cetl("group", "status", "--dir", str(folder), env=homes["pat"]).stdout


def test_a_name_that_is_taken_gets_its_own_file(cetl, homes, folder):
    (folder / "members" / "pat-lee.json").write_text("someone else's damaged file")
    mine = joined(cetl, homes, folder)
    assert mine.name == "pat-lee.json"  # the helper's guess ...
    assert (folder / "members" / "pat-lee.json").read_text() == "someone else's damaged file"
    assert (folder / "members" / "pat-lee-2.json").exists()


def test_the_database_is_never_in_the_group_folder(cetl, homes, tmp_path):
    home = Path(homes["pat"]["CETL_HOME"])
    r = cetl("group", "create", str(home.parent), "--name", "Oops", "--schedule", "/dev/null", env=homes["pat"])
    assert r.exit_code in (1, 2)
    r = cetl("group", "create", str(home), "--name", "Oops", "--exam-date", "2027-01-15",
             "--first-meeting", "2026-11-01", "--every", "2w", env=homes["pat"])
    assert r.exit_code == 1 and "database" in r.stderr
    assert not (home / "group.json").exists()


def test_create_says_what_is_missing(cetl, homes, tmp_path):
    r = cetl("group", "create", str(tmp_path / "g"), "--name", "Cohort", env=homes["fac"])
    assert r.exit_code == 2 and "--first-meeting" in r.stderr
    r = cetl("group", "create", str(tmp_path / "g"), "--name", "<b>Cohort</b>", "--exam-date", "2027-01-15",
             "--first-meeting", "2026-11-01", "--every", "2w", env=homes["fac"])
    assert r.exit_code == 1 and "markup" in r.stderr
    schedule = tmp_path / "meetings.txt"
    schedule.write_text("2026-10-06 1,2\n2026-10-20 3\n")
    r = cetl("group", "create", str(tmp_path / "g"), "--name", "Cohort", "--schedule", str(schedule),
             env=homes["fac"])
    assert r.exit_code == 0, r.output
    meetings = json.loads((tmp_path / "g" / "group.json").read_text())["meetings"]
    assert meetings == [{"date": "2026-10-06", "modules": [1, 2]}, {"date": "2026-10-20", "modules": [3]}]
    again = cetl("group", "create", str(tmp_path / "h"), "--name", "Two", "--schedule", str(schedule),
                 env=homes["fac"])
    assert again.exit_code == 1 and "cetl group leave" in again.stderr


def test_agenda_shows_the_next_meeting_with_the_answers_shared_for_it(cetl, homes, folder):
    assert cetl("reflect", "4.r1", "--text", "Our board hears from us twice a year.", env=homes["pat"]).exit_code == 0
    joined(cetl, homes, folder)
    assert cetl("group", "share", "4.r1", env=homes["pat"]).exit_code == 0
    r = cetl("group", "agenda", env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert "Schedule" in r.stdout and "2026-10-13 (meeting 4 of" in r.stdout
    assert "Pat Lee: Our board hears from us twice a year." in r.stdout
    assert "Next: cetl group discuss 4.r1" in r.stdout
    short = cetl("group", "agenda", "--next", env=homes["fac"], )
    assert "Schedule" not in short.stdout and "4.r1" in short.stdout


def test_group_screens_fit_60_columns(cetl, homes, folder):
    joined(cetl, homes, folder, "pat", "Patricia Montgomery-Villanueva")
    for args in (["status"], ["agenda"], ["discuss", "3.r2"]):
        r = cetl("group", *args, env={**homes["fac"], "COLUMNS": "60"})
        assert r.exit_code == 0, r.output
        assert max(len(line) for line in r.stdout.splitlines()) <= 60, (args, r.stdout)
        assert "Next: cetl" in r.stdout


def test_the_plan_can_follow_the_groups_exam_date(cetl, tmp_path):
    folder = tmp_path / "cohort"
    folder.mkdir()
    assert cetl("group", "create", str(folder), "--name", "WA cohort", "--exam-date", "2027-05-03",
                "--first-meeting", "2026-12-10", "--every", "2w").exit_code == 0
    assert cetl("group", "join", str(folder), "--as", "Pat").exit_code == 0
    r = cetl("plan", "set", "--group", "--hours-per-week", "14", "--json")
    assert r.exit_code == 0, r.output
    import json

    assert json.loads(r.stdout)["exam_date"] == "2027-05-03"
    r = cetl("plan", "set", "--hours-per-week", "14")
    assert r.exit_code == 2 and "--group" in r.stderr
