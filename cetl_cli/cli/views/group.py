"""Study-group screens: the group's status, the agenda, one question's discussion, and the
warnings for files that were skipped. Every name and text from the folder is someone else's
data: it reaches the terminal only through the output layer, which makes escapes visible."""

from __future__ import annotations

from shlex import quote

from cetl_cli.cli.output import Out, Styled, excerpt, grid, pct, when
from cetl_cli.domain.group import PACE_WORDS, GroupInfo, Meeting
from cetl_cli.services.group_folder import Skipped
from cetl_cli.services.group_view import Agenda, Discussion, GroupView, MemberView

PACE_STYLE = {"ahead": "green", "on_pace": "", "behind": "bold yellow"}


def warnings(v: GroupView) -> None:
    """One line on stderr for each file that was skipped, naming it."""
    err = Out(stderr=True)
    for sk in v.skipped:
        err.line(Styled(f"cetl: skipped {sk.file} in the group folder: {sk.reason}.", "yellow"))
    for mv in v.members:
        for copy in mv.copies:
            err.line(Styled(f"cetl: merged {copy} into {mv.file} ({mv.member.name}'s file, a sync tool's copy).",
                            "dim"))


def skipped_lines(skipped: list[Skipped]) -> list[str]:
    return [f"{s.file}: {s.reason}" for s in skipped]


def meeting_line(v: GroupView, m: Meeting) -> str:
    mods = v.modules_of(m)
    what = ", ".join(f"{x.number}. {x.title}" for x in mods) if mods else "review"
    return f"{m.date.isoformat()} (meeting {v.meeting_number(m)} of {len(v.group.meetings)}): {what}"


def _header(out: Out, v: GroupView) -> None:
    g = v.group
    exam = f" · exam {g.exam_date.isoformat()}" if g.exam_date else ""
    count = len(v.members)
    out.print(Styled(g.name, "bold").append(f"{exam} · {count} member{'' if count == 1 else 's'}"))


def _pace_cell(mv: MemberView) -> Styled:
    if mv.pace is None:
        return Styled("—")
    return Styled(PACE_WORDS[mv.pace.status], PACE_STYLE[mv.pace.status])


def status(out: Out, v: GroupView) -> None:
    _header(out, v)
    if v.next_meeting:
        out.print(Styled("Next meeting ", "bold").append(meeting_line(v, v.next_meeting)))
    elif v.group.meetings:
        out.print("The group's last meeting has been held.")
    out.print()
    if not v.members:
        out.print("No member has shared a file yet.")
        out.print(Styled(f"Next: cetl group join {quote(str(v.folder))} --as NAME, for each member", "cyan"))
        return
    rows = []
    for mv in v.members:
        name = Styled(mv.member.name).append(" (you)" if mv.mine else "", "dim")
        due = f"{mv.pace.due_done}/{mv.pace.due_total}" if mv.pace else "—"
        last = mv.member.last_active.isoformat() if mv.member.last_active else "—"
        mock = pct(mv.member.mock.percent) if mv.member.mock else "—"
        rows.append([name, _pace_cell(mv), due, pct(mv.percent), mock, last])
    columns = [("member", "left", 6), ("pace", "left", 7), ("due", "right", 5), ("done", "right", 4),
               ("mock", "right", 4), ("last active", "left", 10)]
    out.print(grid(columns, rows, out.width, shrink=0), wrap=False)
    out.print(Styled("due: items of the modules of past meetings done; done: the whole course.", "dim"))
    if v.weakest:
        out.print("\nThe group's weakest areas in practice: "
                  + ", ".join(f"{s.code} {pct(s.percent)} ({s.asked} answers)" for s in v.weakest))
    behind = [mv.member.name for mv in v.members if mv.pace and mv.pace.status == "behind"]
    if behind:
        out.print(Styled("Behind the schedule: ", "bold").append(", ".join(behind)))
    out.print(Styled("Next: cetl group agenda for the next meeting", "cyan"))


def schedule(out: Out, v: GroupView) -> None:
    out.print(Styled("Schedule", "bold"))
    if not v.group.meetings:
        out.print("  No meetings are planned.")
    for m in v.group.meetings:
        mark = "→" if m is v.next_meeting else ("✓" if m.date < v.today else " ")
        out.write_lines(out.hanging(f"  {mark} ", meeting_line(v, m)))
    out.print()


def agenda(out: Out, a: Agenda, full: bool = True) -> None:
    v = a.view
    _header(out, v)
    if full:
        schedule(out, v)
    if a.meeting is None:
        out.print("No meeting is planned from today on.")
        out.print(Styled("Next: cetl group status", "cyan"))
        return
    out.print(Styled("Next meeting ", "bold").append(meeting_line(v, a.meeting)))
    for r in a.reflections:
        out.print()
        out.write_lines(out.hanging(Styled(f"{r.item.ref}  ", "bold"), r.item.text))
        if not r.answers:
            out.print(Styled("No answer shared yet.", "dim"), indent=4)
        for mv, ans in r.answers:
            out.write_lines(out.hanging(Styled(f"{mv.member.name}: ", "bold"), excerpt(ans.text, 300), indent=4))
    if v.weakest:
        out.print("\nAreas the group scores lowest in: "
                  + ", ".join(f"{s.code} {v.curriculum.areas[s.code].name} {pct(s.percent)}" for s in v.weakest))
    first = next((r.item.ref for r in a.reflections if r.answers), None)
    if first:
        out.print(Styled(f"Next: cetl group discuss {first}, to read the answers in full", "cyan"))
    else:
        out.print(Styled("Next: cetl group share REF, to share your answer to one of these", "cyan"))


def discussion(out: Out, d: Discussion) -> None:
    out.write_lines(out.hanging(Styled(f"{d.item.ref}  ", "bold"), d.item.text))
    if not d.threads:
        out.print("\nNo member has shared an answer to this question yet.")
        out.print(Styled(f"Next: cetl group share {d.item.ref}, to share yours", "cyan"))
        return
    for t in d.threads:
        out.print()
        head = Styled(t.author.member.name, "bold")
        if t.answer is not None:
            head.append(f" · version {t.answer.version} · {when(t.answer.at)}", "dim")
            out.print(head)
            out.print(t.answer.text, indent=2)
        else:
            out.print(head.append(" · answer no longer shared", "dim"))
        for name, c in t.comments:
            out.write_lines(out.hanging(Styled(f"{name} ({when(c.at)}): ", "bold"), c.text, indent=4))
    who = next((t.author.member.name for t in d.threads if t.answer is not None and not t.author.mine), None)
    if who:
        out.print(Styled(f"Next: cetl group comment \"{who}\" {d.item.ref} --text \"...\"", "cyan"))
    else:
        out.print(Styled("Next: cetl group agenda", "cyan"))


def created(out: Out, g: GroupInfo, folder: str) -> None:
    out.print(Styled(f"Created the study group {g.name!s} in {folder}.", "green"))
    out.print(f"{len(g.meetings)} meetings, the first on {g.meetings[0].date.isoformat()}."
              if g.meetings else "No meetings yet.")
    out.print("Each member's progress stays in their own database; each writes only their own small file "
              "into the folder's members/ folder, and everyone reads everyone's.")
    out.print(Styled(f"Next: cetl group join {quote(folder)} --as NAME, for each member (you too, to share "
                     "your own progress); then cetl group status", "cyan"))
