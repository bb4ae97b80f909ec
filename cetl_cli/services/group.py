"""Study groups: create a group, join and leave it, share (aggregates by default, a reflection
answer only when you share it), withdraw, comment, and keep your file current.

What this cetl remembers about your group is one JSON setting in your own database (the
folder, your member id and file, what you share, your comments). Your file in the folder is
written from it and from your progress, never read back: the database is the truth, and the
folder only carries a copy for the others (services/group_folder.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from pathlib import Path
from typing import Any, Optional

from cetl_cli.domain import group as grp
from cetl_cli.domain import group_format as fmt
from cetl_cli.domain import progress as prog
from cetl_cli.domain.errors import NotFoundError, UsageError, UserInputError, shorten
from cetl_cli.domain.models import Item
from cetl_cli.domain.record import Record
from cetl_cli.domain.refs import find_item
from cetl_cli.services import group_folder as folder_io
from cetl_cli.services.group_auto import SETTING
from cetl_cli.services.progress import PRACTICE_WINDOW
from cetl_cli.services.session import Session

JOIN_HINT = "Join one with cetl group join DIR --as NAME (a facilitator creates it with cetl group create)."


class Membership(Record):
    """Your side of the group, kept in your database."""

    folder: str
    group: str
    facilitator: bool = False
    member: Optional[str] = None  # None: the facilitator has not joined as a member
    name: Optional[str] = None
    file: Optional[str] = None  # your file's name in members/
    shared: dict = {}  # reflection id -> the version of your answer you shared
    comments: list = []  # your comments, as written to your file (JSON objects)
    auto: bool = False  # rewrite your file after every command that changes your progress
    written: str = ""  # a digest of what was last written (the times left out)

    @property
    def path(self) -> Path:
        return Path(self.folder)


def membership(s: Session) -> Optional[Membership]:
    data = s.store.get_json(SETTING)
    if not isinstance(data.get("folder"), str) or not isinstance(data.get("group"), str):
        return None
    known = {k: data[k] for k in Membership._fields if k in data}
    return Membership(**known)


def current(s: Session) -> Membership:
    m = membership(s)
    if m is None:
        raise NotFoundError("You are not in a study group.", JOIN_HINT)
    return m


def _save(s: Session, m: Optional[Membership]) -> None:
    s.store.set_json(SETTING, None if m is None else m.as_json())


def _with(m: Membership, **changes: Any) -> Membership:
    return Membership(**{**m.as_dict(), **changes})


def _stamp(s: Session) -> str:
    return s.clock.now().astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def _day(text: str, what: str) -> dt.date:
    value = text.strip()
    try:
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserInputError(f"{what} {shorten(text)!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-09-15.") \
            from None


def _not_over_database(folder: Path) -> None:
    """The live database must never be inside a shared folder: sync tools corrupt it."""
    from cetl_cli.store import data_dir

    home, shared = data_dir().resolve(), folder.resolve()
    if shared == home or shared in home.parents:
        raise UserInputError(f"{folder} holds cetl's own database ({home}); a synced copy of a live database "
                             "gets corrupted.", "Use another folder for the group, or set CETL_HOME outside it.")


# -- create, join, leave --------------------------------------------------------------------
class Created(Record):
    group: grp.GroupInfo
    folder: Path


def create(s: Session, folder: Path, name: str, *, exam_date: Optional[str], first_meeting: Optional[str],
           every: Optional[str], schedule: Optional[Path]) -> Created:
    problem = fmt.check_name(name, "group name", group=True)
    if problem:
        raise UserInputError(problem + ".")
    exam = _day(exam_date, "The exam date") if exam_date else None
    numbers = [m.number for m in s.curriculum.modules]
    if schedule is not None:
        if first_meeting or every:
            raise UsageError("use --schedule FILE or --first-meeting with --every, not both.")
        try:
            text = folder_io.read_limited(schedule, 64 * 1024).decode("utf-8")
        except (fmt.FormatError, UnicodeDecodeError) as err:
            raise UserInputError(f"The schedule file {schedule} cannot be used: {err}.") from None
        meetings = grp.parse_schedule(text, numbers)
    elif first_meeting and every:
        if exam is None:
            raise UsageError("--first-meeting and --every need --exam-date: meetings run until the exam.")
        meetings = grp.make_meetings(_day(first_meeting, "The first meeting"), grp.parse_every(every), exam, numbers)
    else:
        raise UsageError("say when the group meets: --first-meeting DATE --every 2w (with --exam-date), "
                         "or --schedule FILE.")
    previous = membership(s)
    if previous is not None:
        raise UserInputError(f"You are already in the group at {previous.folder}.",
                             "Leave it first with cetl group leave.")
    _not_over_database(folder)
    if (folder / folder_io.GROUP_FILE).exists():
        raise UserInputError(f"{folder} holds a study group already.",
                             "Join it with cetl group join DIR --as NAME.")
    try:
        (folder / folder_io.MEMBERS).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserInputError(f"Cannot create the group folder {folder}: {err.strerror or err}.") from None
    info = grp.GroupInfo(f"g-{secrets.token_hex(8)}", name, exam, meetings, _stamp(s))
    folder_io.write_atomic(folder / folder_io.GROUP_FILE, fmt.encode(fmt.group_data(info)))
    _save(s, Membership(str(folder.resolve()), info.id, facilitator=True))
    return Created(info, folder)


class Joined(Record):
    group: grp.GroupInfo
    file: Path
    membership: Membership


def _file_name(name: str, taken: dict[str, str], member: str) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:40] or "member"
    for n in range(1, 1000):
        candidate = f"{stem}.json" if n == 1 else f"{stem}-{n}.json"
        if taken.get(candidate, member) == member:
            return candidate
    raise UserInputError("Too many members share that name; choose another with --as.")


def join(s: Session, folder: Path, name: str, auto: bool = False) -> Joined:
    problem = fmt.check_name(name)
    if problem:
        raise UserInputError(problem + ".", "Use letters, digits and spaces, e.g. --as \"Pat Lee\".")
    _not_over_database(folder)
    info = folder_io.read_group(folder)
    previous = membership(s)
    if previous is not None and previous.group != info.id:
        raise UserInputError(f"You are in another group already (at {previous.folder}).",
                             "Leave it first with cetl group leave.")
    copies, _ = folder_io.read_members(folder, info.id)
    # Every file there is someone's, even one cetl cannot read: never take its name.
    # (Compared without case: Windows and macOS folders do not tell pat.json from Pat.json.)
    taken = {n.casefold(): "" for n in folder_io.file_names(folder)}
    taken.update({c.file.split("/", 1)[1].casefold(): c.member.member for c in copies})
    if previous is not None and previous.member:
        m = _with(previous, name=name, folder=str(folder.resolve()), auto=auto or previous.auto)
    else:
        member = f"m-{secrets.token_hex(8)}"
        m = Membership(str(folder.resolve()), info.id, facilitator=bool(previous and previous.facilitator),
                       member=member, name=name, file=_file_name(name, taken, member), auto=auto)
    _save(s, m)
    path = write_mine(s, m)
    return Joined(info, path, current(s))


class Left(Record):
    folder: str
    removed: Optional[str]  # your file, removed from the folder
    facilitator: bool


def leave(s: Session) -> Left:
    m = current(s)
    removed = None
    if m.file:
        path = m.path / folder_io.MEMBERS / m.file
        if folder_io.remove(path):
            removed = str(path)
    _save(s, None)
    return Left(m.folder, removed, m.facilitator)


# -- your file ------------------------------------------------------------------------------
def _utc(stamp: str) -> str:
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def latest_mock(s: Session) -> Optional[grp.MockResult]:
    """Your latest finished mock exam, by domain (None before any)."""
    finished = s.store.exam_attempts("finished")
    if not finished:
        return None
    from cetl_cli.domain.quiz import score

    attempt = finished[-1]
    try:
        by_id = {q.id: q for q in s.bank()}
    except NotFoundError:
        return None
    asked = [by_id[i] for i in attempt.question_ids if i in by_id]
    choices = {a.question_id: a.choice for a in s.store.practice_answers(attempt.id)}
    report = score(s.curriculum.framework, asked, choices)
    return grp.MockResult(_utc(attempt.finished_at or attempt.started_at), report.overall.right,
                          report.overall.asked, [grp.DomainCount(d.code, d.right, d.asked) for d in report.domains])


def my_file(s: Session, m: Membership, info: Optional[grp.GroupInfo]) -> grp.MemberFile:
    """Your file as the group will read it: aggregates, and the answers you chose to share."""
    assert m.member and m.name
    cur = s.curriculum
    done, answered = s.progress_sets()
    modules = [grp.ModuleCount(mod.number, *prog.astuple(prog.module_tally(cur, mod, done, answered)))
               for mod in cur.modules]
    practice = [grp.AreaCount(code, right, n) for code, (right, n) in
                sorted(s.store.practice_accuracy(PRACTICE_WINDOW).items()) if code in cur.areas]
    last = s.store.last_activity()
    last_day = dt.datetime.fromisoformat(last).astimezone().date() if last else None
    on_track = None
    if info is not None and info.meetings:
        counts = {c.number: (c.done, c.total) for c in modules}
        on_track = grp.pace(info.meetings, counts, s.clock.today()).status
    shared = []
    for item_id, version in m.shared.items():
        item = cur.items.get(item_id)
        answers = {a.version: a for a in s.store.answers(item_id)}
        answer = answers.get(version)
        if item is None or answer is None:
            continue
        shared.append(grp.SharedAnswer(item_id, item.ref, answer.version, answer.text, _utc(answer.at)))
    comments = [grp.Comment(c["id"], c["on"], c["item"], c["text"], c["at"]) for c in m.comments]
    stamp = _stamp(s)
    return grp.MemberFile(m.group, m.member, m.name, stamp, stamp, last_day, modules, practice,
                          latest_mock(s), on_track, shared, comments)


def _digest(data: dict[str, Any]) -> str:
    rest = {**data, "written_at": None, "progress": {**data["progress"], "as_of": None}}
    return hashlib.sha256(fmt.encode(rest)).hexdigest()


def write_mine(s: Session, m: Membership, force: bool = True) -> Path:
    """Write your file into the group folder (atomically); with `force` False, only when what it
    says has changed since it was last written."""
    if not m.member or not m.file:
        raise UserInputError("You created this group but have not joined it as a member, so you have no file "
                             "to share.", f"Join it with cetl group join {m.folder} --as NAME.")
    info = folder_io.read_group(m.path)
    data = fmt.member_data(my_file(s, m, info))
    digest = _digest(data)
    path = m.path / folder_io.MEMBERS / m.file
    if not force and digest == m.written and path.exists():
        return path
    raw = fmt.encode(data)
    if len(raw) > fmt.MAX_FILE_BYTES:
        raise UserInputError(f"Your group file would be {len(raw):,} bytes; the limit is {fmt.MAX_FILE_BYTES:,}.",
                             "Withdraw some shared answers with cetl group withdraw REF.")
    fmt.parse_member(raw)  # what the others read must pass their checks
    members = m.path / folder_io.MEMBERS
    if members.is_symlink():
        raise UserInputError(f"{members} is a symbolic link; cetl writes only inside the group folder.")
    members.mkdir(exist_ok=True)
    folder_io.write_atomic(path, raw)
    _save(s, _with(m, written=digest))
    return path


def autoshare(s: Session) -> Optional[Path]:
    """After a command that wrote to the database: rewrite your file when you asked for that
    (`--auto`) and what it says has changed. None when there is nothing to do."""
    m = membership(s)
    if m is None or not m.auto or not m.member:
        return None
    before = m.written
    path = write_mine(s, m, force=False)
    after = membership(s)
    return path if after is not None and after.written != before else None


# -- sharing answers, withdrawing them, comments -----------------------------------------------
class Shared(Record):
    path: Path
    added: list[tuple[Item, int]]  # reflection, version shared
    auto: bool


def text_problem(text: str, limit: int, what: str) -> Optional[str]:
    """Why a text cannot go into the group's files (they carry no markup or escape characters)."""
    try:
        fmt._text({"text": text}, "text", limit)
    except fmt.FormatError as err:
        return str(err).replace("\"text\"", what)
    return None


def share(s: Session, refs: list[str], auto: Optional[bool] = None) -> Shared:
    m = current(s)
    cur = s.curriculum
    items = [find_item(cur, r, kind="reflection") for r in refs]
    shared = dict(m.shared)
    added = []
    for item in items:
        latest = s.store.latest_answer(item.id)
        if latest is None:
            raise UserInputError(f"You have not answered {item.ref} yet, so there is nothing to share.",
                                 f"Answer it first: cetl reflect {item.ref}")
        problem = text_problem(latest.text, fmt.MAX_TEXT, f"Your answer to {item.ref}")
        if problem:
            raise UserInputError(problem + "; the group's files carry plain text only.",
                                 f"Edit it with cetl reflect {item.ref}, then share it again.")
        shared[item.id] = latest.version
        added.append((item, latest.version))
    m = _with(m, shared=shared, auto=m.auto if auto is None else auto)
    path = write_mine(s, m)
    return Shared(path, added, m.auto)


def withdraw(s: Session, refs: list[str]) -> tuple[Path, list[Item], list[Item]]:
    """Stop sharing answers: (your file, the answers withdrawn, those that were not shared)."""
    m = current(s)
    items = [find_item(s.curriculum, r, kind="reflection") for r in refs]
    shared = dict(m.shared)
    gone = [i for i in items if shared.pop(i.id, None) is not None]
    path = write_mine(s, _with(m, shared=shared))
    return path, gone, [i for i in items if i not in gone]


def add_comment(s: Session, on: str, item: Item, text: str) -> Path:
    """Your comment on member `on`'s shared answer to `item`, written to your own file."""
    m = current(s)
    body = text.strip()
    problem = text_problem(body, fmt.MAX_COMMENT, "The comment") if body else "The comment is empty"
    if problem:
        raise UserInputError(problem + ".", "Write plain text, e.g. --text \"Good point about the budget.\"")
    comment = {"id": f"c-{secrets.token_hex(8)}", "on": on, "item": item.id, "text": body, "at": _stamp(s)}
    return write_mine(s, _with(m, comments=[*m.comments, comment]))
