"""`cetl quiz`: practice questions, each explained as soon as it is answered.

On a terminal a single key press answers (a bad key asks again); otherwise answers are read one
per line from standard input, so a script can drive it. The choices are shuffled (the order
shown is stored with the answer). Every answer is stored the moment it is given, so q, Ctrl-C
or the end of input lose nothing.
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


ANSWER_PROMPT = "Your answer (A-D, q to stop): "


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
    missed: Annotated[bool, typer.Option(
        "--missed", help="Ask again the questions you answered wrongly and have not learned since.")] = False,
) -> None:
    """Practice questions, each explained as soon as you answer.

    One question at a time, the choices shuffled: press A-D (no Enter needed); q stops (your
    answers so far are kept). Without options the questions are drawn by exam weight, unseen
    ones and weak areas first. --missed asks the questions you got wrong until spaced review
    counts them as learned. Without a terminal, reads one letter per line from standard input.

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
        out.print(f"No missed questions{scope}: every question you answered wrongly has been learned since.")
        out.print(Styled("Next: cetl review, cetl quiz, or a mock exam: cetl exam", "cyan"))
        return
    if plan.short:
        kind = "missed questions" if missed else "questions"
        out.print(f"Only {plan.available} {kind}{scope}; asking all {plan.available}.")
    if plan.by_weight:
        out.print("Drawn by exam weight, questions you have not seen and your weaker areas first.")
    reader = AnswerReader(out, Out(stderr=True))
    out.print(reader.instruction())
    results = []
    total = len(plan.questions)
    interrupted = False
    clock = s.clock.monotonic
    try:
        for number, q in enumerate(plan.questions, start=1):
            shown = plan.shown(q)
            view.question(out, q, f"Question {number} of {total} · {view.area_label(cur, q.skill_area)} · {q.id}",
                          shown)
            started = clock()
            choice = reader.read(ANSWER_PROMPT)
            if choice is None:
                break
            right, key = svc.record(s, q, shown, choice, clock() - started)
            results.append((q, right))
            view.feedback(out, q, choice, right, key)
    except KeyboardInterrupt:
        interrupted = True
        out.print()
    view.quiz_summary(out, cur, results, total, plan.area)
    if interrupted:
        raise KeyboardInterrupt
