"""`cetl quiz`: practice questions, each explained as soon as it is answered.

Answers are read one per line: on a terminal with a prompt (a bad key asks again), otherwise from
standard input so a script can drive it. Every answer is stored the moment it is given, so q,
Ctrl-C or the end of input lose nothing.
"""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import session

SeedOption = Annotated[
    Optional[int],
    typer.Option("--seed", metavar="S", min=0, max=2**31 - 1, show_default=False,
                 help="Repeat a selection: the same seed asks the same questions."),
]


def register(app: typer.Typer) -> None:
    app.command("quiz")(quiz)


def quiz(
    area: Annotated[
        Optional[str],
        typer.Option("--area", "-a", metavar="CODE", help="Only this skill area, e.g. I.B.", show_default=False),
    ] = None,
    module: Annotated[
        Optional[str],
        typer.Option("--module", "-m", metavar="N", help="Only the skill area of module N, e.g. 3.", show_default=False),
    ] = None,
    count: Annotated[
        Optional[int],
        typer.Option("-n", "--count", min=1, max=1000, metavar="N", help="How many questions (default 10).",
                     show_default=False),
    ] = None,
    seed: SeedOption = None,
    missed: Annotated[bool, typer.Option("--missed", help="Ask again the questions you last answered wrongly.")] = False,
) -> None:
    """Practice questions, each explained as soon as you answer.

    One question at a time: type A-D and Enter; q stops (your answers so far are kept).
    Without a terminal, reads one letter per line from standard input.

    Example: cetl quiz --area I.B -n 5    or    cetl quiz --missed
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.cli.prompts import AnswerReader
    from cetl_cli.cli.views import practice as view
    from cetl_cli.services import practice as svc

    s = session()
    plan = svc.plan(s, area=area, module=module, count=count, seed=seed, missed=missed)
    cur = plan.curriculum
    out = Out()
    scope = f" in {view.area_label(cur, plan.area)}" if plan.area else ""
    if plan.nothing_answered_yet:
        out.print("You have not answered any practice questions yet, so none are missed.")
        out.print(Styled("Next: cetl quiz", "cyan"))
        return
    if not plan.questions:
        out.print(f"No missed questions{scope}: every question you have answered was right the last time.")
        out.print(Styled("Next: cetl quiz, or a mock exam: cetl exam", "cyan"))
        return
    if plan.short:
        kind = "missed questions" if missed else "questions"
        out.print(f"Only {plan.available} {kind}{scope}; asking all {plan.available}.")
    reader = AnswerReader(out, Out(stderr=True))
    results = []
    total = len(plan.questions)
    interrupted = False
    clock = s.clock.monotonic
    try:
        for number, q in enumerate(plan.questions, start=1):
            view.question(out, q, f"Question {number} of {total} · {view.area_label(cur, q.skill_area)} · {q.id}")
            started = clock()
            choice = reader.read("Your answer (A-D, q to stop): ")
            if choice is None:
                break
            right = svc.record(s, q, choice, clock() - started)
            results.append((q, right))
            view.feedback(out, q, choice, right, q.answer)
    except KeyboardInterrupt:
        interrupted = True
        out.print()
    view.quiz_summary(out, cur, results, total, plan.area)
    if interrupted:
        raise KeyboardInterrupt
