"""`cetl review`: today's spaced review (FSRS) of practice questions and key concepts."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session

QUESTION_PROMPT = "Your answer (A-D, q to stop): "
CONCEPT_PROMPT = "Enter shows it; 1 Again 2 Hard 3 Good 4 Easy (q to stop): "
GRADE_PROMPT = "How well did you know it? 1 Again, 2 Hard, 3 Good, 4 Easy: "
GRADES = ("1", "2", "3", "4")


def register(app: typer.Typer) -> None:
    app.command("review")(review)


def review(
    limit: Annotated[
        Optional[int],
        typer.Option("--limit", "-n", min=1, max=10_000, metavar="N", help="At most N cards this session.",
                     show_default=False),
    ] = None,
    area: Annotated[
        Optional[str],
        typer.Option("--area", "-a", metavar="CODE", help="Only this skill area, e.g. I.B.", show_default=False),
    ] = None,
    as_json: JsonOutput = False,
) -> None:
    """Today's spaced review: the practice questions and key concepts that are due.

    A question comes back when FSRS expects you to start forgetting it (a wrong answer at
    once), and is graded from right or wrong and the time taken. A key concept shows its term
    first; Enter shows the explanation, and you grade it 1 Again, 2 Hard, 3 Good or 4 Easy. A
    few new key concepts join each day. --json shows what is due without asking anything.

    Example: cetl review    or    cetl review --limit 20 --area I.B
    """
    from cetl_cli.domain.quiz import find_area
    from cetl_cli.services import review as svc

    s = session()
    code = find_area(s.curriculum, area) if area is not None else None
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.review_status(svc.overview(s, code)))
        return
    _session(svc.start(s, limit, code))


def _session(run) -> None:  # type: ignore[no-untyped-def]
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.prompts import AnswerReader
    from cetl_cli.cli.views import practice as pview
    from cetl_cli.cli.views import review as view
    from cetl_cli.domain.questions import as_shown

    out = Out()
    view.intro(out, run.status, len(run.queue))
    if not run.queue:
        view.nothing_due(out, run.status)
        return
    reader = AnswerReader(out, Out(stderr=True))
    out.print(reader.instruction("; a key concept: Enter shows it, then 1-4 grades it"))
    s = run.session
    clock = s.clock.monotonic
    cur = s.curriculum
    stopped = False
    try:
        while (item := run.next()) is not None:
            number = run.reviewed + 1
            total = run.reviewed + len(run.queue) + 1
            again = " · again" if item.again else ""
            started = clock()
            if item.question is not None:
                q = item.question
                pview.question(out, q, f"Review {number} of {total} · {pview.area_label(cur, q.skill_area)} · "
                                       f"{q.id}{again}", item.shown)
                letter = reader.read(QUESTION_PROMPT)
                if letter is None:
                    run.queue.insert(0, item)
                    stopped = True
                    break
                right, card, rating = run.answer(item, letter, clock() - started)
                pview.feedback(out, q, letter, right, as_shown(item.shown, q.answer))
            else:
                view.concept(out, item, f"Review {number} of {total} · key concept{again}")
                key = reader.read(CONCEPT_PROMPT, answers=GRADES, named="1, 2, 3 or 4 (Enter shows it)",
                                  enter="show")
                if key == "show":
                    view.explanation(out, item)
                    key = reader.read(GRADE_PROMPT, answers=GRADES, named="1, 2, 3 or 4")
                    shown = True
                else:
                    shown = False
                if key is None:
                    run.queue.insert(0, item)
                    stopped = True
                    break
                rating = int(key)
                card = run.rate(item, rating, clock() - started)
                if not shown:
                    view.explanation(out, item)
            view.comes_back(out, card, s.clock.now(), rating)
    except KeyboardInterrupt:
        out.print()
        view.summary(out, run, stopped=True)
        raise
    view.summary(out, run, stopped)
