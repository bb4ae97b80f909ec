"""`cetl plan`: your study plan to the exam date; `plan set` makes it, `plan ics` exports it."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session

plan_app = typer.Typer(
    name="plan",
    help="Your study plan to your exam date: weeks left, the schedule week by week, whether you are "
    "on pace, and when to apply.\n\nExample: cetl plan set --exam-date 2027-05-03 --hours-per-week 6",
    invoke_without_command=True,
    no_args_is_help=False,
)


@plan_app.callback()
def plan(ctx: typer.Context, as_json: JsonOutput = False) -> None:
    """Your study plan: weeks left, each week's work, on-track status and when to apply.

    Modules go in course order, with their to-dos' minutes plus reading and reflections; then
    review time for each skill area by exam weight times your gap (from practice once there is
    enough, else your self-assessment: cetl assess); the last two weeks hold two full mock
    exams. A plan that does not fit says what would: more hours a week, or a later date.

    Example: cetl plan    or    cetl plan --json
    """
    if ctx.invoked_subcommand is not None:
        if as_json:
            from cetl_cli.domain.errors import UsageError

            raise UsageError(f"--json goes after the command: cetl plan {ctx.invoked_subcommand} --json.")
        return
    from cetl_cli.services import plan as svc

    report = svc.current(session())
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.plan(report))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.plan import plan as view

    view(Out(), report)


@plan_app.command("set")
def plan_set(
    hours: Annotated[float, typer.Option("--hours-per-week", metavar="H", show_default=False,
                                         help="Hours you can study in a usual week, e.g. 5 or 4.5.")],
    exam_date: Annotated[Optional[str], typer.Option(
        "--exam-date", metavar="YYYY-MM-DD", show_default=False,
        help="The day you will sit the exam (or plan to). With --group: the group's exam date.")] = None,
    start: Annotated[Optional[str], typer.Option("--start", metavar="YYYY-MM-DD", show_default=False,
                                                 help="The first day of the plan (default: today).")] = None,
    skip: Annotated[Optional[list[str]], typer.Option(
        "--skip", metavar="YYYY-MM-DD", show_default=False,
        help="A day without study (repeat it, or give several with commas); each costs a seventh of a week.")] = None,
    group: Annotated[bool, typer.Option(
        "--group", help="Follow your study group: plan to the group's exam date (cetl group join first).")] = False,
    as_json: JsonOutput = False,
) -> None:
    """Make (or remake) your study plan. Re-planning keeps all your progress.

    Example: cetl plan set --exam-date 2027-05-03 --hours-per-week 6 --skip 2026-12-24,2026-12-25
    """
    from cetl_cli.services import plan as svc

    if exam_date is None:
        exam_date = _group_exam_date() if group else None
    if exam_date is None:
        from cetl_cli.domain.errors import UsageError

        raise UsageError("plan set needs --exam-date YYYY-MM-DD, or --group to take your study group's date.",
                         "Example: cetl plan set --exam-date 2027-05-03 --hours-per-week 6")
    report = svc.set_plan(session(), exam_date, hours, start, skip or [])
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.plan(report))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.plan import plan_saved

    plan_saved(Out(), report)


@plan_app.command("ics")
def plan_ics(
    out: Annotated[Optional[str], typer.Option("--out", "-o", metavar="FILE", show_default=False,
                                               help="Where to write the calendar (default: cetl-plan.ics here).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Export the plan as a calendar file (iCalendar): all-day events for each week's goal, the
    mock exams, the application window and the exam day. Import it into any calendar; importing
    a later export updates the same events instead of adding copies.

    Example: cetl plan ics --out ~/cetl-plan.ics
    """
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.plan import exported
    from cetl_cli.services import ics

    exported(Out(), ics.export(session(), out, force))


def _group_exam_date() -> str:
    """The exam date in the group file of the group you joined."""
    from cetl_cli.domain.errors import NotFoundError
    from cetl_cli.services.group import current
    from cetl_cli.services.group_folder import read_group

    info = read_group(current(session()).path)
    if info.exam_date is None:
        raise NotFoundError(f"The group {info.name!r} has no exam date.",
                            "Give one: cetl plan set --exam-date YYYY-MM-DD --hours-per-week H")
    return info.exam_date.isoformat()
