"""Study groups: the group's schedule, what a member shares, merging a sync tool's copies, and
each member's pace against the schedule.

Pure: no IO and no clock (`today` is a parameter). The file format, its limits and its checks
are in domain/group_format.py; reading and writing the folder is services/group_folder.py.

The pace rule (docs/group-format.md says the same):

- A meeting's modules are due on the meeting's day: by then a member has done their to-dos and
  answered their reflections, so the group can discuss them.
- `due` is every item (to-do or reflection) of the modules of the meetings on or before today;
  `next` the items of the next meeting's modules.
- behind: fewer than 80% (`ON_PACE_SHARE`) of the due items are done;
- ahead: every due item is done and at least half (`AHEAD_SHARE`) of the next meeting's;
- on pace: anything between. Before the first meeting nothing is due, so a member is on pace
  (or ahead, having started on the first meeting's modules).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Literal, Mapping, Optional, Sequence

from cetl_cli.domain.errors import UserInputError, shorten
from cetl_cli.domain.models import Framework
from cetl_cli.domain.quiz import Score, accuracy, weakest
from cetl_cli.domain.record import Record

PaceStatus = Literal["ahead", "on_pace", "behind"]
PACE_WORDS: Mapping[str, str] = {"ahead": "ahead", "on_pace": "on pace", "behind": "behind"}
ON_PACE_SHARE = 0.8
AHEAD_SHARE = 0.5
MAX_MEETINGS = 200


class Meeting(Record):
    date: dt.date
    modules: tuple[int, ...]  # module numbers this meeting discusses; () for a review meeting


class GroupInfo(Record):
    """The group's own file (group.json), written by the facilitator only."""

    id: str  # g- and 16 hex digits
    name: str
    exam_date: Optional[dt.date]
    meetings: list[Meeting]
    created_at: str  # UTC, ISO 8601


class ModuleCount(Record):
    number: int
    todos_done: int
    todos_total: int
    reflections_answered: int
    reflections_total: int

    @property
    def done(self) -> int:
        return self.todos_done + self.reflections_answered

    @property
    def total(self) -> int:
        return self.todos_total + self.reflections_total


class AreaCount(Record):
    area: str  # a skill-area code
    right: int
    answered: int  # over the member's latest practice answers in that area


class DomainCount(Record):
    code: str
    right: int
    asked: int


class MockResult(Record):
    """The member's latest finished mock exam, by domain."""

    date: str  # UTC, ISO 8601
    right: int
    asked: int
    domains: list[DomainCount]

    @property
    def percent(self) -> float:
        return round(100.0 * self.right / self.asked, 1) if self.asked else 0.0


class SharedAnswer(Record):
    """A reflection answer its author chose to share (`cetl group share 3.r2`)."""

    item: str  # the reflection's stable id
    ref: str  # e.g. 3.r2, as the author's curriculum numbers it
    version: int
    text: str
    at: str


class Comment(Record):
    """A comment on another member's shared answer; it lives in the commenter's own file."""

    id: str  # c- and 16 hex digits
    on: str  # the member id of the answer's author
    item: str  # the reflection's id
    text: str
    at: str


class MemberFile(Record):
    """One member's file in the group folder, written by that member only."""

    group: str
    member: str  # m- and 16 hex digits: the same in every copy of the file
    name: str
    written_at: str  # UTC, ISO 8601
    as_of: str  # when the progress below was counted
    last_active: Optional[dt.date]  # the member's last day with a to-do, answer or practice
    modules: list[ModuleCount]
    practice: list[AreaCount]
    mock: Optional[MockResult]
    on_track: Optional[str]  # the member's own pace when they wrote the file
    shared: list[SharedAnswer]
    comments: list[Comment]


class Pace(Record):
    status: PaceStatus
    due_done: int
    due_total: int
    next_done: int
    next_total: int
    meetings_held: int


# -- the schedule -------------------------------------------------------------------------
EVERY = re.compile(r"^\s*(\d{1,3})\s*(d|days?|w|weeks?)\s*$", re.IGNORECASE | re.ASCII)


def parse_every(text: str) -> int:
    """`2w`, `14d`, `1 week` -> days between meetings."""
    m = EVERY.match(text)
    if not m:
        raise UserInputError(f"--every {shorten(text)!r} is not a period: write it like 2w (two weeks) or 10d.")
    days = int(m.group(1)) * (7 if m.group(2).lower().startswith("w") else 1)
    if not 1 <= days <= 366:
        raise UserInputError(f"--every {shorten(text)} is {days} days; meetings must be 1 to 366 days apart.")
    return days


def make_meetings(first: dt.date, every_days: int, exam_date: dt.date, modules: Sequence[int]) -> list[Meeting]:
    """Meetings from `first`, every `every_days`, before the exam day, with the modules shared
    out in course order: one or more per meeting, as evenly as the meetings allow. Meetings
    left over after the last module are review meetings."""
    if first >= exam_date:
        raise UserInputError(f"The first meeting ({first.isoformat()}) must be before the exam date "
                             f"({exam_date.isoformat()}).")
    dates: list[dt.date] = []
    day = first
    while day < exam_date and len(dates) < MAX_MEETINGS:
        dates.append(day)
        day += dt.timedelta(days=every_days)
    n, k = len(modules), len(dates)
    out = []
    for i, date in enumerate(dates):
        if k >= n:
            share = tuple(modules[i:i + 1])
        else:
            share = tuple(modules[i * n // k:(i + 1) * n // k])
        out.append(Meeting(date, share))
    return out


SCHEDULE_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*:?\s*((?:\d{1,3}\s*[, ]\s*)*\d{1,3})?\s*$", re.ASCII)


def parse_schedule(text: str, modules: Iterable[int]) -> list[Meeting]:
    """A schedule a facilitator writes: one meeting a line, `2026-09-15 1,2` (the date, then
    the module numbers; none for a review meeting); `#` starts a comment."""
    known = set(modules)
    out: list[Meeting] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = SCHEDULE_LINE.match(line)
        if not m:
            raise UserInputError(f"Schedule line {n}: {shorten(line)!r} is not `YYYY-MM-DD MODULES`, "
                                 "e.g. 2026-09-15 1,2.")
        try:
            date = dt.date.fromisoformat(m.group(1))
        except ValueError:
            raise UserInputError(f"Schedule line {n}: {m.group(1)} is not a real date.") from None
        numbers = tuple(int(x) for x in re.split(r"[,\s]+", m.group(2) or "") if x)
        unknown = [x for x in numbers if x not in known]
        if unknown:
            raise UserInputError(f"Schedule line {n}: there is no module {unknown[0]}.",
                                 "Run cetl modules to list them.")
        out.append(Meeting(date, numbers))
    if not out:
        raise UserInputError("The schedule file has no meetings: one a line, e.g. 2026-09-15 1,2.")
    if len(out) > MAX_MEETINGS:
        raise UserInputError(f"The schedule has {len(out)} meetings; at most {MAX_MEETINGS}.")
    dates = [m.date for m in out]
    if dates != sorted(dates) or len(set(dates)) != len(dates):
        raise UserInputError("The schedule's dates must be in order, one meeting a day.")
    return out


def next_meeting(meetings: Sequence[Meeting], today: dt.date) -> Optional[Meeting]:
    """The first meeting on or after today."""
    return next((m for m in meetings if m.date >= today), None)


# -- pace -------------------------------------------------------------------------------
def pace(meetings: Sequence[Meeting], counts: Mapping[int, tuple[int, int]], today: dt.date) -> Pace:
    """A member's pace against the schedule (the rule is in the module docstring). `counts`
    is module number -> (items done, items in the module)."""
    held = [m for m in meetings if m.date <= today]
    due = {n for m in held for n in m.modules}
    upcoming = next((m for m in meetings if m.date > today), None)
    nxt = {n for n in (upcoming.modules if upcoming else ()) if n not in due}
    due_done = sum(counts.get(n, (0, 0))[0] for n in due)
    due_total = sum(counts.get(n, (0, 0))[1] for n in due)
    next_done = sum(counts.get(n, (0, 0))[0] for n in nxt)
    next_total = sum(counts.get(n, (0, 0))[1] for n in nxt)
    status: PaceStatus
    if due_total and due_done < ON_PACE_SHARE * due_total:
        status = "behind"
    elif due_done >= due_total and next_total and next_done >= AHEAD_SHARE * next_total:
        status = "ahead"
    else:
        status = "on_pace"
    return Pace(status, due_done, due_total, next_done, next_total, len(held))


# -- merging a sync tool's copies ---------------------------------------------------------
def merge(copies: Sequence[MemberFile]) -> MemberFile:
    """One member's copies of their file (a sync tool's "conflicted copy") as one: the newest
    progress wins, the newest file gives the name and the shared answers (so a withdrawn answer
    stays withdrawn), and the comments are the union by id (the newest wins a clash)."""
    if not copies:
        raise ValueError("nothing to merge")
    newest = max(copies, key=lambda c: c.written_at)
    progress = max(copies, key=lambda c: c.as_of)
    comments: dict[str, Comment] = {}
    for copy in sorted(copies, key=lambda c: c.written_at):
        for c in copy.comments:
            if c.id not in comments or c.at >= comments[c.id].at:
                comments[c.id] = c
    return MemberFile(
        newest.group, newest.member, newest.name, newest.written_at, progress.as_of, progress.last_active,
        progress.modules, progress.practice, progress.mock, progress.on_track, newest.shared,
        sorted(comments.values(), key=lambda c: (c.at, c.id)))


# -- the group's weak areas -----------------------------------------------------------------
def pooled_practice(members: Iterable[MemberFile]) -> dict[str, tuple[int, int]]:
    """Skill area -> (right, answered), summed over the members' shared practice."""
    pooled: dict[str, tuple[int, int]] = {}
    for m in members:
        for a in m.practice:
            right, answered = pooled.get(a.area, (0, 0))
            pooled[a.area] = (right + a.right, answered + a.answered)
    return pooled


def group_weakest(framework: Framework, members: Iterable[MemberFile], limit: int = 3) -> list[Score]:
    """The group's weakest skill areas in practice: pooled accuracy, lowest first."""
    return weakest(accuracy(framework, pooled_practice(members)), limit)
