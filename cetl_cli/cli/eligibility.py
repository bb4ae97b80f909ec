"""`cetl check-eligibility`: can you apply for the CETL exam, and when."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import sys
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session


def register(app: typer.Typer) -> None:
    app.command("check-eligibility")(check_eligibility)


def check_eligibility(
    degree: Annotated[Optional[str], typer.Option(
        "--degree", metavar="LEVEL", show_default=False,
        help="Your highest degree: none, associate, bachelor, master or doctorate.")] = None,
    years: Annotated[Optional[str], typer.Option(
        "--years", metavar="N", show_default=False,
        help="Years of education-technology experience, whole or decimal (4, 4.5).")] = None,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="YYYY-MM-DD", show_default=False,
        help="Or: the date that experience started, if it has run without a break since.")] = None,
    domains: Annotated[Optional[str], typer.Option(
        "--domains", metavar="I,II,III", show_default=False,
        help="The framework domains your experience covers, e.g. I,III, all, or none.")] = None,
    waiver: Annotated[Optional[bool], typer.Option(
        "--waiver/--no-waiver", show_default=False,
        help="Without a degree: your written waiver request is (not) ready.")] = None,
    letter: Annotated[Optional[bool], typer.Option(
        "--supervisor-letter/--no-supervisor-letter", show_default=False,
        help="Without a degree: your supervisor's signed recommendation is (not) ready.")] = None,
    as_json: JsonOutput = False,
    reset: Annotated[bool, typer.Option(
        "--reset", help="Forget the answers remembered from last time (the experience log is kept).")] = False,
) -> None:
    """Can you apply for the CETL exam now? If not, what is missing and when can you?

    On a terminal, cetl asks what the flags do not say, offering last time's answers. With an
    experience log (cetl experience add) it counts that, unless --years or --since say otherwise.

    Experience is counted in days: roles are merged (overlaps count once, a current role runs
    up to today), and N years are met when those days reach the days in the N years that end
    where your experience ends (today, while you hold a role). For one unbroken period, such as
    --since, that is the Nth anniversary of its start; a 29 February start has it on 1 March in
    a common year.

    The verdict is eligible, eligible_pending_waiver (CoSN's committee decides) or
    not_yet_eligible; the exit code is 0 for all three.

    Example: cetl check-eligibility --degree bachelor --years 5 --domains I,II,III
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services import eligibility as svc

    flags = svc.Flags(degree, years, since, domains, waiver, letter)
    s = session()
    interactive = not as_json and sys.stdin.isatty() and sys.stdout.isatty()
    out = Out()
    if reset and not flags.any() and not interactive:
        svc.forget(s)
        if as_json:
            from cetl_cli.cli.output import print_json

            print_json({"reset": True})
            return
        out.print("Forgot your remembered answers. Your experience log is kept (cetl experience list).")
        out.print(Styled("Next: cetl check-eligibility", "cyan"))
        return
    check = svc.begin(s, flags, reset=reset)
    if reset and not as_json:
        out.print("Forgot your remembered answers.")
    if interactive:
        _ask(out, check)
    else:
        check.use_remembered()
    verdict = check.decide()
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.verdict(verdict))
        return
    from cetl_cli.cli.views.eligibility import verdict as view

    view(out, verdict, check)


def _ask(out, check) -> None:  # type: ignore[no-untyped-def]
    """Ask, on a terminal, for every fact the flags and the log left open, and the documents."""
    from cetl_cli.cli.output import Styled
    from cetl_cli.cli.prompts import ask, confirm
    from cetl_cli.cli.views.eligibility import domains
    from cetl_cli.services.eligibility import DOCUMENT_QUESTIONS, From

    questions = check.questions()
    try:
        if questions or not check.flags.any():
            keep = " Press Enter to keep the answer in [brackets]." if check.remembered else ""
            out.print(Styled(f"CETL eligibility check (rules as of {check.rules.as_of.isoformat()}).{keep}", "bold"))
        if check.log and check.flags.years is None and check.flags.since is None:
            out.print(f"Using your experience log ({len(check.log)} {'entry' if len(check.log) == 1 else 'entries'}; "
                      "cetl experience list). --years, --since or --domains override it.")
        for q in questions:
            if q.show_domains:
                domains(out, check.rules)
            check.answer(q, ask(out, q.text, q.default, q.parse))
        for doc in check.open_documents():
            if check.document_flag(doc.id) is None:
                ready = confirm(DOCUMENT_QUESTIONS[doc.id], bool(check.remembered_document(doc.id)))
                check.set_document(doc.id, ready, From.ANSWER)
    except (EOFError, KeyboardInterrupt):
        Out_err = type(out)(stderr=True)
        Out_err.print("\ncetl: stopped; nothing was checked or remembered.")
        raise KeyboardInterrupt from None
