"""`cetl exam`: a 100-question mock exam, and its verbs: resume, abandon, history."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session
from cetl_cli.cli.quiz import SeedOption

exam_app = typer.Typer(
    name="exam",
    help="A 100-question mock exam weighted like the CETL exam, and your past exams.\n\n"
    "Example: cetl exam --minutes 120    or    cetl exam history",
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

    No feedback until the end; then your percent correct by domain and skill area, and the
    areas to study next. --minutes sets a time limit (none by default). q or Ctrl-C pauses it;
    go on later with cetl exam resume. The percent correct is not CoSN's scaled score, which
    cetl does not predict.

    Example: cetl exam --minutes 120    or    cetl exam history
    """
    if ctx.invoked_subcommand is not None:
        if seed is not None or minutes is not None:
            from cetl_cli.domain.errors import UsageError

            raise UsageError(f"--seed and --minutes are for a new exam; they do not go with "
                             f"cetl exam {ctx.invoked_subcommand}.")
        return
    from cetl_cli.services import exam as svc

    _take(svc.start(session(), seed, minutes))


@exam_app.command("resume")
def exam_resume() -> None:
    """Go on with the exam you paused; its clock continues where it stopped.

    Example: cetl exam resume
    """
    from cetl_cli.services import exam as svc

    _take(svc.resume(session()))


@exam_app.command("abandon")
def exam_abandon() -> None:
    """Give up the exam in progress (its answers stay in your practice record).

    Example: cetl exam abandon
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import exam as svc

    attempt_id, kept = svc.abandon(session())
    out = Out()
    out.print(f"Exam #{attempt_id} abandoned; its {kept} answers stay in your practice record.")
    out.print(Styled("Next: cetl exam for a new one, or cetl quiz --missed", "cyan"))


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


def _take(run) -> None:  # type: ignore[no-untyped-def]
    """Ask the remaining questions; pause on q or Ctrl-C, finish at the end or when time is up."""
    from cetl_cli.cli.output import Out, Styled, duration
    from cetl_cli.cli.prompts import AnswerReader, TimeUp
    from cetl_cli.cli.views import practice as view
    from cetl_cli.services.exam import RESUME_HINT

    out = Out()
    asked = run.asked
    if run.resumed:
        out.print(Styled(f"Resuming mock exam #{run.attempt_id}: {len(run.choices)} of {len(asked)} answered.", "bold"))
    else:
        out.print(Styled(f"Mock exam #{run.attempt_id}: {len(asked)} questions, weighted like the CETL exam.", "bold"))
        out.print("No feedback until the end.")
    if run.dropped:
        out.print(Styled(f"{run.dropped} questions of this exam are no longer in the bank; they are left out "
                         "of the score.", "yellow"))
    if run.minutes:
        out.print(f"Time limit {run.minutes} minutes; {duration(run.time_left() or 0)} left.")
    out.print("Type A-D and Enter for each question; q (or Ctrl-C) pauses the exam.")
    reader = AnswerReader(out, Out(stderr=True), stop_word="pause")
    clock = run.session.clock.monotonic

    def pause(code: int) -> None:
        spent = run.pause()
        used = f" (time used {duration(spent)})" if run.minutes else ""
        Out(stderr=code != 0).print(f"\nExam #{run.attempt_id} paused after {len(run.choices)} of {len(asked)} "
                                    f"questions{used}; your answers are kept.\n{RESUME_HINT}")
        if code:
            raise KeyboardInterrupt
        raise SystemExit(0)

    timed_out = False
    try:
        for number, q in run.remaining():
            if run.time_up():
                timed_out = True
                break
            left = run.time_left()
            header = f"Question {number} of {len(asked)}"
            if left is not None:
                header += f" · {duration(left)} left"
            view.question(out, q, header)
            started = clock()
            try:
                choice = reader.read_within("Your answer (A-D, q to pause): ", left)
            except TimeUp:
                timed_out = True
                break
            if choice is None:
                pause(0)
            if not run.answer(q, choice, clock() - started):
                timed_out = True  # the answer came after the time ran out; it does not count
                break
    except KeyboardInterrupt:
        pause(130)
    done = run.finish()
    view.exam_report(out, done.curriculum, done.attempt_id, done.report, timed_out, done.spent)
