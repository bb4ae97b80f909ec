"""Seeing the group: every member against the schedule, the group's weak areas, the next
meeting's agenda, and the discussion of one reflection question.

Everything comes from the files in the group folder, checked and merged
(services/group_folder.py, domain/group.py); the curriculum is the reader's own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

from cetl_cli.domain import group as grp
from cetl_cli.domain.errors import NotFoundError, UserInputError, shorten
from cetl_cli.domain.models import Curriculum, Item, Module
from cetl_cli.domain.quiz import Score, accuracy
from cetl_cli.domain.record import Record
from cetl_cli.domain.refs import find_item
from cetl_cli.services import group_folder as folder_io
from cetl_cli.services.group import current, membership
from cetl_cli.services.session import Session


class MemberView(Record):
    member: grp.MemberFile  # merged from all its copies
    file: str  # e.g. members/pat.json
    copies: list[str]  # the other files merged into it (a sync tool's conflicted copies)
    pace: Optional[grp.Pace]  # None when the group has no meetings
    counts: dict  # module number -> (items done, items in the module)
    mine: bool

    @property
    def done(self) -> int:
        return sum(d for d, _ in self.counts.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.counts.values())

    @property
    def percent(self) -> float:
        return round(100.0 * self.done / self.total, 1) if self.total else 0.0


class GroupView(Record):
    folder: Path
    group: grp.GroupInfo
    today: dt.date
    curriculum: Curriculum
    members: list[MemberView]
    skipped: list[folder_io.Skipped]
    practice: dict  # skill area -> Score, pooled over the members
    weakest: list[Score]
    next_meeting: Optional[grp.Meeting]
    facilitator: bool  # the reader created the group

    def meeting_number(self, meeting: grp.Meeting) -> int:
        return self.group.meetings.index(meeting) + 1

    def modules_of(self, meeting: grp.Meeting) -> list[Module]:
        by_number = {m.number: m for m in self.curriculum.modules}
        return [by_number[n] for n in meeting.modules if n in by_number]


def _counts(cur: Curriculum, member: grp.MemberFile) -> dict[int, tuple[int, int]]:
    theirs = {c.number: c for c in member.modules}
    out = {}
    for m in cur.modules:
        c = theirs.get(m.number)
        out[m.number] = (c.done, c.total) if c else (0, len(m.todos) + len(m.reflections))
    return out


def view(s: Session, folder: Optional[Path] = None) -> GroupView:
    """The group in `folder` (default: yours), as of today."""
    m = membership(s)
    if folder is None:
        if m is None:
            raise NotFoundError("You are not in a study group.", "Join one with cetl group join DIR --as NAME, "
                                "or read a group's folder with --dir DIR.")
        folder = m.path
    info = folder_io.read_group(folder)
    copies, skipped = folder_io.read_members(folder, info.id)
    by_member: dict[str, list[folder_io.Copy]] = {}
    for c in copies:
        by_member.setdefault(c.member.member, []).append(c)
    cur = s.curriculum
    today = s.clock.today()
    mine = m.member if m is not None and m.group == info.id else None
    members = []
    for member_id, group in by_member.items():
        files = sorted((c.file for c in group), key=lambda f: (len(f), f))
        merged = grp.merge([c.member for c in group])
        counts = _counts(cur, merged)
        pace = grp.pace(info.meetings, counts, today) if info.meetings else None
        members.append(MemberView(merged, files[0], files[1:], pace, counts, member_id == mine))
    members.sort(key=lambda v: (v.member.name.casefold(), v.member.member))
    pooled = grp.pooled_practice(v.member for v in members)
    practice = {sc.code: sc for sc in accuracy(cur.framework, pooled)}
    return GroupView(folder, info, today, cur, members, skipped, practice,
                     grp.group_weakest(cur.framework, [v.member for v in members]),
                     grp.next_meeting(info.meetings, today),
                     bool(m is not None and m.group == info.id and m.facilitator))


# -- the agenda ---------------------------------------------------------------------------
class Answers(Record):
    """One reflection question and the answers members shared for it, side by side."""

    item: Item
    answers: list  # (MemberView, SharedAnswer)


class Agenda(Record):
    view: GroupView
    meeting: Optional[grp.Meeting]
    modules: list[Module]
    reflections: list[Answers]


def shared_answers(v: GroupView, item: Item) -> list[tuple[MemberView, grp.SharedAnswer]]:
    return [(mv, a) for mv in v.members for a in mv.member.shared if a.item == item.id]


def agenda(s: Session, folder: Optional[Path] = None) -> Agenda:
    v = view(s, folder)
    meeting = v.next_meeting
    modules = v.modules_of(meeting) if meeting else []
    reflections = [Answers(item, shared_answers(v, item)) for mod in modules for item in v.curriculum.reflections(mod)]
    return Agenda(v, meeting, modules, reflections)


# -- one question's discussion --------------------------------------------------------------
class Thread(Record):
    author: MemberView
    answer: Optional[grp.SharedAnswer]  # None: withdrawn since the comments were written
    comments: list  # (commenter's name, Comment), oldest first


class Discussion(Record):
    view: GroupView
    item: Item
    threads: list[Thread]


def discuss(s: Session, ref: str, folder: Optional[Path] = None) -> Discussion:
    v = view(s, folder)
    item = find_item(v.curriculum, ref, kind="reflection")
    names = {mv.member.member: mv for mv in v.members}
    comments: dict[str, list[tuple[str, grp.Comment]]] = {}
    for mv in v.members:
        for c in mv.member.comments:
            if c.item == item.id and c.on in names:
                comments.setdefault(c.on, []).append((mv.member.name, c))
    threads = []
    for mv in v.members:
        answer = next((a for a in mv.member.shared if a.item == item.id), None)
        mine = sorted(comments.get(mv.member.member, []), key=lambda pair: (pair[1].at, pair[1].id))
        if answer is not None or mine:
            threads.append(Thread(mv, answer, mine))
    return Discussion(v, item, threads)


def find_member(v: GroupView, token: str) -> MemberView:
    """A member by name (any case), by file name (pat or pat.json) or by member id."""
    wanted = token.strip().casefold()
    hits = [mv for mv in v.members if wanted in (mv.member.name.casefold(), mv.member.member,
                                                 mv.file.split("/", 1)[1].casefold(),
                                                 mv.file.split("/", 1)[1].casefold().removesuffix(".json"))]
    if len(hits) == 1:
        return hits[0]
    names = ", ".join(mv.member.name for mv in v.members) or "nobody yet"
    if hits:
        raise UserInputError(f"{len(hits)} members are called {shorten(token)!r}.",
                             f"Name one by file: {', '.join(h.file.split('/', 1)[1] for h in hits)}.")
    raise NotFoundError(f"No member of the group is called {shorten(token)!r}; the members are {names}.",
                        "Run cetl group status to list them.")


def comment(s: Session, member: str, ref: str, text: str) -> tuple[MemberView, Item, Path]:
    """Comment on a member's shared answer; the comment goes into your own file."""
    from cetl_cli.services.group import add_comment

    current(s)
    v = view(s)
    target = find_member(v, member)
    item = find_item(v.curriculum, ref, kind="reflection")
    if not any(a.item == item.id for a in target.member.shared):
        raise UserInputError(f"{target.member.name} has not shared an answer to {item.ref}.",
                             f"See what is shared with cetl group discuss {item.ref}.")
    return target, item, add_comment(s, target.member.member, item, text)


def write_page(path: Path, page: str) -> None:
    """Write the report page (atomically, like the group's files)."""
    if not path.parent.is_dir():
        raise NotFoundError(f"The folder {path.parent} does not exist.", "Create it, or write the page elsewhere.")
    folder_io.write_atomic(path, page.encode("utf-8"))
