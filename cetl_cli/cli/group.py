"""`cetl group`: a study group through a shared folder (Drive, OneDrive, Dropbox, Syncthing, git)."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from pathlib import Path
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session

group_app = typer.Typer(
    name="group",
    help="A study group through a shared folder: each member's progress stays on their computer, and each "
    "writes only their own small file into the folder.\n\nExample: cetl group status",
    no_args_is_help=True,
)

DirArg = Annotated[str, typer.Argument(metavar="DIR", help="The group's shared folder.", show_default=False)]
DirOption = Annotated[Optional[str], typer.Option(
    "--dir", metavar="DIR", help="Read the group in DIR instead of your own.", show_default=False)]
RefArg = Annotated[str, typer.Argument(metavar="REF", help="A reflection ref like 3.r2, or its id.",
                                       show_default=False)]
RefsArg = Annotated[list[str], typer.Argument(metavar="REF...", help="Reflection refs like 3.r2.",
                                              show_default=False)]


def _folder(path: Optional[str]) -> Optional[Path]:
    return Path(path).expanduser() if path else None


@group_app.command("create")
def group_create(
    folder: DirArg,
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The group's name.", show_default=False)],
    exam_date: Annotated[Optional[str], typer.Option("--exam-date", metavar="YYYY-MM-DD", show_default=False,
                                                     help="The exam date the group aims at.")] = None,
    first_meeting: Annotated[Optional[str], typer.Option("--first-meeting", metavar="YYYY-MM-DD",
                                                         show_default=False, help="The first meeting.")] = None,
    every: Annotated[Optional[str], typer.Option("--every", metavar="PERIOD", show_default=False,
                                                 help="Time between meetings: 2w, 1w, 10d.")] = None,
    schedule: Annotated[Optional[str], typer.Option(
        "--schedule", metavar="FILE", show_default=False,
        help="Meetings from a file you write: one a line, 'YYYY-MM-DD 1,2' (date, module numbers).")] = None,
) -> None:
    """Create a study group in a shared folder: its name, exam date and meetings.

    The modules are shared out over the meetings in course order. You are the facilitator;
    to share your own progress too, join it as well.

    Example: cetl group create ~/Drive/cetl-cohort --name "Utah Fall Cohort" --exam-date 2027-03-06 --first-meeting 2026-09-15 --every 2w
    """
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.group import created
    from cetl_cli.services import group as svc

    path = _folder(folder)
    if path is None:
        from cetl_cli.domain.errors import UsageError

        raise UsageError("DIR is empty.", "Name the folder for the group, e.g. ~/Drive/cetl-cohort")
    done = svc.create(session(), path, name, exam_date=exam_date, first_meeting=first_meeting, every=every,
                      schedule=_folder(schedule))
    created(Out(), done.group, str(done.folder))


@group_app.command("join")
def group_join(
    folder: DirArg,
    as_name: Annotated[str, typer.Option("--as", metavar="NAME", help="Your name as the group sees it.",
                                         show_default=False)],
    auto: Annotated[bool, typer.Option("--auto", help="Keep your file up to date after every command that "
                                                      "changes your progress.")] = False,
) -> None:
    """Join the study group in a shared folder; writes your file there (aggregates only).

    Example: cetl group join ~/Drive/cetl-cohort --as "Pat Lee"
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import group as svc

    path = _folder(folder)
    if path is None:
        from cetl_cli.domain.errors import UsageError

        raise UsageError("DIR is empty.", "Name the group's folder, e.g. cetl group join ~/Drive/cetl-cohort --as NAME")
    j = svc.join(session(), path, as_name, auto)
    out = Out()
    out.print(Styled("Joined ", "green").append(j.group.name).append(f" as {j.membership.name}."))
    out.print(f"Your file {j.file} holds your progress in aggregate: to-dos and reflections done per module, "
              "practice accuracy per skill area, your latest mock exam by domain, your pace and your last "
              "active day. No answer is shared until you share it.")
    if j.membership.auto:
        out.print("It is kept up to date after every command that changes your progress.")
    out.print(Styled("Next: cetl group status (and cetl group share 3.r2 to share an answer)", "cyan"))


@group_app.command("leave")
def group_leave() -> None:
    """Leave your study group: removes your file from the folder and forgets the group.

    Example: cetl group leave
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import group as svc

    left = svc.leave(session())
    out = Out()
    out.print(f"You have left the group at {left.folder}.")
    if left.removed:
        out.print(f"Your file {left.removed} is removed. Copies already synced to other computers cannot be "
                  "recalled by cetl.")
    if left.facilitator:
        out.print("The group file stays, so the members can go on; cetl no longer treats you as its facilitator.")
    out.print(Styled("Next: cetl (your own progress is unchanged)", "cyan"))


@group_app.command("share")
def group_share(
    refs: Annotated[Optional[list[str]], typer.Argument(
        metavar="[REF...]", help="Reflection answers to share, e.g. 3.r2 (default: none, aggregates only).",
        show_default=False)] = None,
    auto: Annotated[Optional[bool], typer.Option(
        "--auto/--no-auto", help="Keep your file up to date after every command that changes progress.",
        show_default=False)] = None,
) -> None:
    """Write your file into the group folder now; with REF, share that reflection answer too.

    Example: cetl group share    or    cetl group share 3.r2
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import group as svc

    done = svc.share(session(), refs or [], auto)
    out = Out()
    out.print(Styled(f"Updated {done.path}.", "green"))
    for item, version in done.added:
        out.print(f"Shared your answer to {item.ref} (version {version}). A later version is shared only when "
                  f"you share it again; withdraw it with cetl group withdraw {item.ref}.")
    if auto is not None:
        out.print("Your file now follows every command that changes your progress." if done.auto else
                  "Your file is now updated only when you run cetl group share.")
    out.print(Styled("Next: cetl group status", "cyan"))


@group_app.command("withdraw")
def group_withdraw(refs: RefsArg) -> None:
    """Stop sharing reflection answers: removes them from your file in the folder.

    Example: cetl group withdraw 3.r2
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import group as svc

    path, gone, not_shared = svc.withdraw(session(), refs)
    out = Out()
    for item in gone:
        out.print(Styled(f"Withdrew your answer to {item.ref} from {path}.", "green"))
    for item in not_shared:
        out.print(f"Your answer to {item.ref} was not shared.")
    if gone:
        out.print("Copies that the sync tool or git already took to other computers cannot be recalled by cetl.")
    out.print(Styled("Next: cetl group status", "cyan"))


@group_app.command("status")
def group_status(as_json: JsonOutput = False, folder: DirOption = None) -> None:
    """Each member against the schedule (ahead, on pace, behind), last active, and the group's weakest areas.

    Example: cetl group status    or    cetl group status --json
    """
    from cetl_cli.cli.views import group as views
    from cetl_cli.services.group_view import view

    v = view(session(), _folder(folder))
    views.warnings(v)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.group_status(v))
        return
    from cetl_cli.cli.output import Out

    views.status(Out(), v)


@group_app.command("agenda")
def group_agenda(
    next_only: Annotated[bool, typer.Option("--next", help="Only the next meeting, not the schedule.")] = False,
    folder: DirOption = None,
) -> None:
    """The schedule and the next meeting: its modules, the answers members shared for it, side by
    side, and the areas the group scores lowest in.

    Example: cetl group agenda --next
    """
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views import group as views
    from cetl_cli.services.group_view import agenda

    a = agenda(session(), _folder(folder))
    views.warnings(a.view)
    views.agenda(Out(), a, full=not next_only)


@group_app.command("discuss")
def group_discuss(ref: RefArg, folder: DirOption = None) -> None:
    """The answers members shared to one reflection question, and the comments on them.

    Example: cetl group discuss 3.r2
    """
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views import group as views
    from cetl_cli.services.group_view import discuss

    d = discuss(session(), ref, _folder(folder))
    views.warnings(d.view)
    views.discussion(Out(), d)


@group_app.command("comment")
def group_comment(
    member: Annotated[str, typer.Argument(metavar="MEMBER", help="Whose answer: a member's name.",
                                          show_default=False)],
    ref: RefArg,
    text: Annotated[str, typer.Option("--text", metavar="TEXT", help="Your comment (plain text).",
                                      show_default=False)],
) -> None:
    """Comment on a member's shared answer; the comment is written to your own file.

    Example: cetl group comment "Pat Lee" 3.r2 --text "Your survey idea would work for us too."
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.group_view import comment

    target, item, path = comment(session(), member, ref, text)
    out = Out()
    out.print(Styled(f"Comment added on {target.member.name}'s answer to {item.ref}, in your file {path}.", "green"))
    out.print(Styled(f"Next: cetl group discuss {item.ref}", "cyan"))


@group_app.command("report")
def group_report(
    html: Annotated[str, typer.Option("--html", metavar="FILE", help="Where to write the page.",
                                       show_default=False)],
    folder: DirOption = None,
) -> None:
    """One self-contained web page for the chapter: the schedule, each member against it, the
    group's weak areas and the next agenda (readable on a phone, printable).

    Example: cetl group report --html cohort.html
    """
    from cetl_cli.cli.output import Out, Styled, when
    from cetl_cli.cli.views import group as views
    from cetl_cli.cli.views.group_html import render
    from cetl_cli.services.group_view import agenda, write_page

    s = session()
    a = agenda(s, _folder(folder))
    views.warnings(a.view)
    path = Path(html).expanduser()
    write_page(path, render(a, when(s.clock.now().isoformat())))
    out = Out()
    out.print(Styled(f"Wrote {path}: one page, nothing fetched from the internet.", "green"))
    out.print(Styled("Next: open it in a browser, print it or send it to the chapter; cetl group status shows "
                     "the same here", "cyan"))


@group_app.command("sync")
def group_sync() -> None:
    """For a group folder in a git work tree: commit your own file, pull with rebase, push.

    Example: cetl group sync
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.group_git import sync

    r = sync(session())
    out = Out()
    out.print("Committed your file." if r.committed else "Your file had no changes to commit.")
    if r.upstream is None:
        out.print("The branch has no upstream, so nothing was pulled or pushed.")
        out.print(Styled("Next: git push -u origin HEAD in the repository, then cetl group sync", "cyan"))
        return
    out.print(f"Pulled from {r.upstream} (rebased)" + ("; pushed." if r.pushed else "; nothing to push."))
    out.print(Styled("Next: cetl group status", "cyan"))
