"""`cetl assess`: rate yourself on the ten skill areas, knowledge and experience, 1-4."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import sys
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session

assess_app = typer.Typer(
    name="assess",
    help="Rate yourself on each skill area, knowledge and experience 1-4, and see where your "
    "ratings and your practice disagree.\n\nExample: cetl assess --area I.A --knowledge 3 --experience 2",
    invoke_without_command=True,
    no_args_is_help=False,
)

ListOption = Optional[list[str]]


@assess_app.callback()
def assess(
    ctx: typer.Context,
    area: Annotated[ListOption, typer.Option(
        "--area", "-a", metavar="CODE", show_default=False,
        help="The skill area to rate (I.A ... III.D), or all; repeat with --knowledge and --experience.")] = None,
    knowledge: Annotated[ListOption, typer.Option(
        "--knowledge", "-k", metavar="1-4", show_default=False, help="What you know about it (see the levels below).")] = None,
    experience: Annotated[ListOption, typer.Option(
        "--experience", "-e", metavar="1-4", show_default=False, help="How much of this work you have done.")] = None,
    as_json: JsonOutput = False,
) -> None:
    """Rate yourself on each skill area: knowledge and experience, 1 to 4.

    On a terminal, without flags, cetl asks for all ten areas (Enter keeps your last rating;
    each area is saved as soon as you rate it). With flags it asks nothing: repeat --area,
    --knowledge and --experience in step, or use --area all. Rating again keeps the history
    (cetl assess history). Knowledge levels: 1 new to me, 2 partly, 3 solid, 4 deep.
    Experience levels: 1 none yet, 2 some, 3 regular, 4 leading. --json without ratings shows
    your latest ones.

    Example: cetl assess --area I.A --knowledge 3 --experience 2 --area I.B -k 2 -e 2
    """
    if ctx.invoked_subcommand is not None:
        if area or knowledge or experience or as_json:
            from cetl_cli.domain.errors import UsageError

            raise UsageError(f"Options go after the command: cetl assess {ctx.invoked_subcommand} --json.")
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.services import assess as svc

    s = session()
    saved = 0
    if area or knowledge or experience:
        saved = svc.save(s, svc.ratings_from_flags(s, area or [], knowledge or [], experience or []))
    elif not as_json:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            from cetl_cli.domain.errors import UsageError

            raise UsageError("cetl assess needs --area, --knowledge and --experience (cetl cannot ask: this "
                             "is not a terminal).", f"Example: {svc.EXAMPLE}")
        saved = _ask(Out(), s)
    result = svc.report(s, saved)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.assessment(result, s.curriculum))
        return
    from cetl_cli.cli.views.assess import assessment

    assessment(Out(), s.curriculum, result)


@assess_app.command("history")
def assess_history(as_json: JsonOutput = False) -> None:
    """Every rating you have given, oldest first.

    Example: cetl assess history
    """
    from cetl_cli.services import assess as svc

    s = session()
    result = svc.report(s)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.assessment_history(result))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.assess import history

    history(Out(), s.curriculum, result)


def _ask(out, s) -> int:  # type: ignore[no-untyped-def]
    """Ask for each area on a terminal; each area is saved once both of its ratings are in."""
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.cli.prompts import ask
    from cetl_cli.cli.views.assess import anchors
    from cetl_cli.domain.assessment import parse_rating
    from cetl_cli.services import assess as svc

    cur = s.curriculum
    latest = svc.latest(s)
    anchors(out)
    out.print("Press Enter to keep the rating in [brackets]; Ctrl-C stops (areas rated so far are kept).")
    saved = 0
    try:
        for code, area in cur.areas.items():
            before = latest.get(code)
            out.print()
            out.print(Styled(f"{code} {area.name} ({area.weight:g}% of the exam)", "bold"))
            k = ask(out, "  Knowledge (1-4)", str(before.knowledge) if before else None,
                    lambda t: parse_rating(t, "knowledge"))
            e = ask(out, "  Experience (1-4)", str(before.experience) if before else None,
                    lambda t: parse_rating(t, "experience"))
            saved += svc.save(s, [svc.Rating(code, int(k), int(e))])
    except (EOFError, KeyboardInterrupt):
        Out(stderr=True).print(f"\ncetl: stopped; {saved} area{'' if saved == 1 else 's'} rated and kept.")
        raise KeyboardInterrupt from None
    return saved
