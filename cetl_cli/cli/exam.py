"""`cetl exam`: a 100-question mock exam, and its verbs: resume, abandon, history, review, report, delete."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session
from cetl_cli.cli.quiz import SeedOption

exam_app = typer.Typer(
    name="exam",
    help="A 100-question mock exam weighted like the CETL exam, and your past exams.\n\n"
    "Example: cetl exam --minutes 120    or    cetl exam review --wrong",
    invoke_without_command=True,
    no_args_is_help=False,
)


@exam_app.callback()
def exam(
    ctx: typer.Context,
    seed: SeedOption = None,
    minutes: Annotated[
        Optional[int],
        typer.Option("--minutes", min=1, max=1440, metavar="M", help="A time limit, e.g. 120. Default: none.",
                     show_default=False),
    ] = None,
) -> None:
    """A 100-question mock exam, scored by domain and skill area at the end.

    Questions you have not seen come first (it says how many repeat before it starts); the
    choices are shuffled. f flags a question, p and n go back and on, s shows the unanswered and
    flagged questions and submits. No feedback until the end; then your percent correct by
    domain and skill area, and the areas to study next. --minutes sets a time limit (none by
    default). q or Ctrl-C pauses it; go on later with cetl exam resume. The percent correct is
    not CoSN's scaled score, which cetl does not predict.

    Example: cetl exam --minutes 120    or    cetl exam history
    """
    if ctx.invoked_subcommand is not None:
        if seed is not None or minutes is not None:
            from cetl_cli.domain.errors import UsageError

            raise UsageError(f"--seed and --minutes are for a new exam; they do not go with "
                             f"cetl exam {ctx.invoked_subcommand}.")
        return
    from cetl_cli.cli.exam_flow import take
    from cetl_cli.services import exam as svc

    take(svc.start(session(), seed, minutes))


@exam_app.command("resume")
def exam_resume() -> None:
    """Go on with the exam you paused; its clock continues where it stopped.

    Example: cetl exam resume
    """
    from cetl_cli.cli.exam_flow import take
    from cetl_cli.services import exam as svc

    take(svc.resume(session()))


@exam_app.command("abandon")
def exam_abandon() -> None:
    """Give up the exam in progress (its answers stay in your practice record and review).

    Example: cetl exam abandon
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import exam as svc

    attempt_id, kept = svc.abandon(session())
    out = Out()
    out.print(f"Exam #{attempt_id} abandoned; its {kept} answers stay in your practice record.")
    out.print(Styled(f"Next: cetl exam review {attempt_id}, cetl exam for a new one, or cetl exam delete "
                     f"{attempt_id} to throw it away", "cyan"))


@exam_app.command("history")
def exam_history(as_json: JsonOutput = False) -> None:
    """Your mock exams: date, status, answered, right, score, time.

    Example: cetl exam history
    """
    from cetl_cli.services import exam as svc

    rows = svc.history(session())
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.exam_history(rows))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.practice import exam_history as view

    view(Out(), rows)


ExamNumber = Annotated[
    Optional[int],
    typer.Argument(metavar="[N]", min=1, help="The exam's number (cetl exam history); default: your latest.",
                   show_default=False),
]


@exam_app.command("review")
def exam_review(
    number: ExamNumber = None,
    wrong: Annotated[bool, typer.Option("--wrong", help="Only the questions you missed or left unanswered.")] = False,
    as_json: JsonOutput = False,
) -> None:
    """A finished exam question by question, as you saw it: your choice, the answer, why.

    Example: cetl exam review    or    cetl exam review 2 --wrong
    """
    from cetl_cli.services.exam_review import past_exam

    past = past_exam(session(), number)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.exam_review(past, wrong))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.exam import exam_review as view

    view(Out(), past, wrong)


@exam_app.command("report")
def exam_report(number: ExamNumber = None) -> None:
    """A past exam's report again: percent correct by domain and skill area, what to study next.

    Example: cetl exam report    or    cetl exam report 2
    """
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.practice import exam_report as view
    from cetl_cli.services.exam_review import past_exam

    past = past_exam(session(), number)
    a = past.attempt
    view(Out(), past.curriculum, a.id, past.report, past.timed_out, a.elapsed_seconds)


@exam_app.command("delete")
def exam_delete(
    number: Annotated[int, typer.Argument(metavar="N", min=1, help="The exam's number (cetl exam history).",
                                          show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete a throw-away exam, as if never taken: its answers leave your statistics and review.

    Its answers stop counting in practice accuracy and the weakest areas, the review cards are
    rebuilt without them, and its questions count as unseen again. On a terminal it asks first;
    a script adds --yes.

    Example: cetl exam delete 3
    """
    import sys

    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.domain.errors import UsageError
    from cetl_cli.services import exam_review as svc

    s = session()
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"cetl exam delete {number} asks before deleting, and there is no terminal to ask on.",
                             f"Add --yes: cetl exam delete {number} --yes")
        from cetl_cli.cli.prompts import confirm

        if not confirm(f"Delete mock exam #{number} and its answers?", default=False):
            Out().print(Styled("Nothing deleted. Next: cetl exam history", "cyan"))
            return
    done = svc.delete(s, number)
    out = Out()
    out.print(f"Mock exam #{done.attempt_id} ({done.status.replace('_', ' ')}) deleted with its {done.answers} "
              "answers: they no longer count in your practice accuracy or review, and its questions count as "
              "unseen again.")
    out.print(Styled("Next: cetl exam history, or cetl exam for a new one", "cyan"))
