"""Study groups, the pure part: the schedule, the pace rule, merging copies, and the file format's
checks (malformed, huge, newer, hostile)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cetl_cli.domain import group as grp
from cetl_cli.domain import group_format as fmt
from cetl_cli.domain.errors import UserInputError

D = dt.date
GROUP = "g-0123456789abcdef"
PAT = "m-00000000000000aa"
SAM = "m-00000000000000bb"


def member(**over) -> dict:
    data = {
        "format": "cetl-group-member", "version": 1, "group": GROUP, "member": PAT, "name": "Pat Lee",
        "written_at": "2026-10-01T12:00:00+00:00",
        "progress": {"as_of": "2026-10-01T12:00:00+00:00", "last_active": "2026-09-30", "on_track": "on_pace",
                     "modules": [{"number": 1, "todos_done": 2, "todos_total": 3, "reflections_answered": 1,
                                  "reflections_total": 2}],
                     "practice": [{"area": "I.A", "right": 3, "answered": 4}],
                     "mock": {"date": "2026-09-20T10:00:00+00:00", "right": 60, "asked": 100,
                              "domains": [{"code": "I", "right": 25, "asked": 40}]}},
        "shared": [{"item": "sp-gap", "ref": "3.r2", "version": 2, "text": "A survey first.\nThen a plan.",
                    "at": "2026-09-29T08:00:00+00:00"}],
        "comments": [{"id": "c-000000000000000a", "on": SAM, "item": "sp-gap", "text": "Agreed.",
                      "at": "2026-09-30T08:00:00+00:00"}],
    }
    data.update(over)
    return data


def raw(data: dict) -> bytes:
    return json.dumps(data).encode()


# -- the schedule ---------------------------------------------------------------------------
def test_every_reads_weeks_and_days():
    assert grp.parse_every("2w") == 14
    assert grp.parse_every("1 week") == 7
    assert grp.parse_every("10d") == 10
    for bad in ("fortnightly", "0w", "2y", "60w"):
        with pytest.raises(UserInputError):
            grp.parse_every(bad)


def test_meetings_share_the_modules_out_in_course_order():
    meetings = grp.make_meetings(D(2026, 9, 1), 14, D(2026, 11, 1), list(range(1, 12)))
    assert [m.date for m in meetings] == [D(2026, 9, 1), D(2026, 9, 15), D(2026, 9, 29), D(2026, 10, 13),
                                          D(2026, 10, 27)]
    assert [n for m in meetings for n in m.modules] == list(range(1, 12))
    assert all(1 <= len(m.modules) <= 3 for m in meetings)


def test_more_meetings_than_modules_end_in_review_meetings():
    meetings = grp.make_meetings(D(2026, 9, 1), 7, D(2026, 10, 20), [1, 2, 3])
    assert [m.modules for m in meetings] == [(1,), (2,), (3,), (), (), (), ()]


def test_the_first_meeting_must_come_before_the_exam():
    with pytest.raises(UserInputError, match="before the exam date"):
        grp.make_meetings(D(2026, 9, 1), 7, D(2026, 9, 1), [1])


def test_a_schedule_file_is_read_line_by_line():
    text = "# fall cohort\n2026-09-15 1,2\n2026-09-29: 3 4  # two modules\n\n2026-10-13\n"
    meetings = grp.parse_schedule(text, range(1, 12))
    assert [(m.date, m.modules) for m in meetings] == [(D(2026, 9, 15), (1, 2)), (D(2026, 9, 29), (3, 4)),
                                                       (D(2026, 10, 13), ())]
    with pytest.raises(UserInputError, match="line 1.*no module 12"):
        grp.parse_schedule("2026-09-15 12", range(1, 12))
    with pytest.raises(UserInputError, match="line 2"):
        grp.parse_schedule("2026-09-15 1\nnext tuesday 2", range(1, 12))
    with pytest.raises(UserInputError, match="in order"):
        grp.parse_schedule("2026-09-29 1\n2026-09-15 2", range(1, 12))


# -- pace -----------------------------------------------------------------------------------
MEETINGS = [grp.Meeting(D(2026, 9, 1), (1,)), grp.Meeting(D(2026, 9, 15), (2,)), grp.Meeting(D(2026, 9, 29), (3,))]


def test_a_meetings_modules_are_due_on_its_day():
    counts = {1: (10, 10), 2: (0, 10), 3: (0, 10)}
    assert grp.pace(MEETINGS, counts, D(2026, 9, 14)).status == "on_pace"
    on_the_day = grp.pace(MEETINGS, counts, D(2026, 9, 15))
    assert (on_the_day.status, on_the_day.due_done, on_the_day.due_total) == ("behind", 10, 20)


def test_behind_under_80_percent_of_the_due_items():
    assert grp.pace(MEETINGS, {1: (8, 10)}, D(2026, 9, 2)).status == "on_pace"
    assert grp.pace(MEETINGS, {1: (7, 10)}, D(2026, 9, 2)).status == "behind"


def test_ahead_with_everything_due_and_half_the_next_meeting():
    assert grp.pace(MEETINGS, {1: (10, 10), 2: (5, 10)}, D(2026, 9, 2)).status == "ahead"
    assert grp.pace(MEETINGS, {1: (10, 10), 2: (4, 10)}, D(2026, 9, 2)).status == "on_pace"
    assert grp.pace(MEETINGS, {1: (9, 10), 2: (10, 10)}, D(2026, 9, 2)).status == "on_pace"


def test_before_the_first_meeting_nothing_is_due():
    p = grp.pace(MEETINGS, {1: (0, 10)}, D(2026, 8, 1))
    assert (p.status, p.due_total, p.meetings_held) == ("on_pace", 0, 0)
    assert grp.pace(MEETINGS, {1: (6, 10)}, D(2026, 8, 1)).status == "ahead"


def test_next_meeting_is_today_or_later():
    assert grp.next_meeting(MEETINGS, D(2026, 9, 15)).date == D(2026, 9, 15)
    assert grp.next_meeting(MEETINGS, D(2026, 9, 30)) is None


# -- the format -----------------------------------------------------------------------------
def test_a_member_file_round_trips():
    m = fmt.parse_member(raw(member()))
    assert (m.name, m.member, m.last_active, m.on_track) == ("Pat Lee", PAT, D(2026, 9, 30), "on_pace")
    assert m.modules[0].done == 3 and m.mock.percent == 60.0
    assert fmt.parse_member(fmt.encode(fmt.member_data(m))) == m


@pytest.mark.parametrize(("data", "reason"), [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
    (b"[1, 2]", "not a JSON object"),
    (raw({**member(), "format": "something-else"}), "not a cetl-group-member file"),
    (raw({**member(), "version": 2}), "newer cetl"),
    (raw({**member(), "version": "1"}), "version"),
    (raw({k: v for k, v in member().items() if k != "member"}), '"member" is missing'),
    (raw(member(member="../../etc/passwd")), '"member" is not a valid id'),
    (raw(member(name="<script>alert(1)</script>")), "markup"),
    (raw(member(name="Pat\x1b]52;c;aGk=\x07")), "control or escape"),
    (raw(member(name="../../home/pat")), "not a plain name"),
    (raw(member(name="x" * 61)), "longer than 60"),
    (raw(member(shared=[{**member()["shared"][0], "text": "see <img src=x onerror=alert(1)>"}])), "markup"),
    (raw(member(shared=[{**member()["shared"][0], "text": "\x1b[2J gone"}])), "control or escape"),
    (raw(member(shared=[{**member()["shared"][0], "text": "\u202eevil"}])), "control or escape"),
    (raw(member(shared=[{**member()["shared"][0], "item": "../x"}])), "not a valid id"),
    (raw(member(comments=[{**member()["comments"][0], "text": "y" * 2001}])), "longer than 2,000"),
    (raw(member(progress={**member()["progress"], "modules": [{"number": 1, "todos_done": 5, "todos_total": 3,
                                                               "reflections_answered": 0,
                                                               "reflections_total": 1}]})), "impossible"),
    (raw(member(progress={**member()["progress"], "practice": [{"area": "I.A", "right": True,
                                                                 "answered": 4}]})), "whole number"),
    (raw(member(written_at="yesterday")), "UTC time"),
    (b'{"format": "cetl-group-member", "version": 1, "x": NaN}', "NaN"),
    (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    (b" " * (fmt.MAX_FILE_BYTES + 1), "too large"),
], ids=lambda x: x if isinstance(x, str) else "")
def test_a_bad_member_file_fails_with_a_reason(data, reason):
    with pytest.raises(fmt.FormatError, match=reason.replace("(", r"\(").replace("[", r"\[")):
        fmt.parse_member(data)


def test_plain_text_with_a_less_than_sign_is_fine():
    ok = member(shared=[{**member()["shared"][0], "text": "Budget < 5% & rising; 3 > 2."}])
    assert fmt.parse_member(raw(ok)).shared[0].text.startswith("Budget < 5%")


def test_names_typed_for_the_group_are_checked():
    assert fmt.check_name("Pat O'Neil-Lee (Ogden)") is None
    assert fmt.check_name("José Núñez") is None
    assert "markup" in fmt.check_name("<b>Pat</b>")
    assert "plain name" in fmt.check_name("pat/../../x")
    assert fmt.check_name("Utah: Fall #2", "group name", group=True) is None


def test_a_group_file_round_trips_and_is_checked():
    info = grp.GroupInfo(GROUP, "Utah Fall Cohort", D(2027, 3, 6), MEETINGS, "2026-08-01T00:00:00.000000+00:00")
    assert fmt.parse_group(fmt.encode(fmt.group_data(info))) == info
    data = fmt.group_data(info)
    data["meetings"] = list(reversed(data["meetings"]))
    with pytest.raises(fmt.FormatError, match="date order"):
        fmt.parse_group(fmt.encode(data))


# -- merging conflicted copies --------------------------------------------------------------
def test_copies_merge_newest_progress_and_a_union_of_comments():
    old = fmt.parse_member(raw(member()))
    newer = fmt.parse_member(raw(member(
        written_at="2026-10-02T09:00:00+00:00",
        progress={**member()["progress"], "as_of": "2026-10-02T09:00:00+00:00", "last_active": "2026-10-02"},
        shared=[],
        comments=[{"id": "c-000000000000000b", "on": SAM, "item": "sp-gap", "text": "A second thought.",
                   "at": "2026-10-02T08:00:00+00:00"}])))
    merged = grp.merge([newer, old])
    assert merged.last_active == D(2026, 10, 2)
    assert merged.shared == []  # the newest file withdrew the answer: it stays withdrawn
    assert [c.id for c in merged.comments] == ["c-000000000000000a", "c-000000000000000b"]
    assert grp.merge([old, newer]) == merged


def test_the_groups_weakest_areas_pool_the_members(curriculum):
    a = fmt.parse_member(raw(member(progress={**member()["progress"], "practice": [
        {"area": "I.A", "right": 9, "answered": 10}, {"area": "II.B", "right": 2, "answered": 10}]})))
    b = fmt.parse_member(raw(member(member=SAM, progress={**member()["progress"], "practice": [
        {"area": "I.A", "right": 1, "answered": 10}, {"area": "II.B", "right": 8, "answered": 10}]})))
    weakest = grp.group_weakest(curriculum.framework, [a, b])
    assert [(s.code, s.right, s.asked) for s in weakest] == [("I.A", 10, 20), ("II.B", 10, 20)]
