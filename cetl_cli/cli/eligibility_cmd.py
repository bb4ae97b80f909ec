"""`cetl check-eligibility` and `cetl experience`: can you apply for the CETL exam, and when.

The rules are data (eligibility.yaml in the curriculum folder); the check itself is the pure
`cetl_cli.domain.eligibility.evaluate`. This module gathers the facts (flags, the experience log,
questions on a terminal, answers remembered from last time) and shows the verdict.
"""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.

import sys
from typing import Annotated, Any, Optional

import typer

from cetl_cli.cli import context
from cetl_cli.cli.context import JsonOutput

SETTING = "eligibility.answers"
DOCUMENT_FLAGS = {"waiver_request": "--waiver", "supervisor_letter": "--supervisor-letter"}
DOCUMENT_QUESTIONS = {
    "waiver_request": "Is your written waiver request to CoSN's committee ready?",
    "supervisor_letter": "Is your supervisor's signed recommendation ready?",
}
EXAMPLE = "cetl check-eligibility --degree bachelor --years 5 --domains I,II,III"

experience_app = typer.Typer(
    name="experience",
    help="Your experience log: one entry per role, for check-eligibility. Overlapping roles count once.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.command("check-eligibility")(check_eligibility)
    app.add_typer(experience_app)


def _rules():
    from cetl_cli.domain.eligibility import load_rules, rules_path

    return load_rules(rules_path(context.STATE.curriculum_dir))


def _today():
    import datetime as dt

    return dt.date.today()


def _usage_error(message: str) -> None:
    typer.echo(f"cetl: {message}", err=True)
    raise typer.Exit(2)


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
        help="The framework domains your experience covers, e.g. I,III (or none).")] = None,
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
    import json

    from cetl_cli.domain import eligibility as el

    if years is not None and since is not None:
        _usage_error("give --years or --since, not both (--since is the date your experience started).")
    today = _today()
    store = context.store()
    flags_given = any(v is not None for v in (degree, years, since, domains, waiver, letter))
    interactive = not as_json and sys.stdin.isatty() and sys.stdout.isatty()
    if reset:
        store.set_setting(SETTING, None)
        if not flags_given and not interactive:
            typer.echo("Forgot your remembered answers. Your experience log is kept (cetl experience list).")
            return
        if not as_json:
            typer.echo("Forgot your remembered answers.")
    from cetl_cli.curriculum_cache import cached

    path = el.rules_path(context.STATE.curriculum_dir)
    rules = cached(path.parent, "eligibility", lambda: el.load_rules(path))
    codes = rules.domain_codes

    # Every flag is checked before any question is asked.
    parse_exp = lambda text: _experience(el.parse_experience(text, today), today)  # noqa: E731
    parse_dom = lambda text: el.parse_domains(text, codes)  # noqa: E731
    flag_degree = el.parse_degree(degree) if degree is not None else None
    flag_exp = None
    if years is not None:
        flag_exp = el.experience_from_years(el.parse_years(years))
    elif since is not None:
        flag_exp = el.experience_since(el.parse_date(since, "--since", today), today)
    flag_domains = parse_dom(domains) if domains is not None else None

    remembered = _remembered(store)
    log = _periods(store.experience())
    if interactive and not flags_given:
        from rich.text import Text

        from cetl_cli.cli.render import console

        keep = " Press Enter to keep the answer in [brackets]." if remembered else ""
        console().print(Text(f"CETL eligibility check (rules as of {rules.as_of.isoformat()}).{keep}",
                             style="bold"))
    if interactive and log and flag_exp is None:
        typer.echo(f"Using your experience log ({len(log)} {'entry' if len(log) == 1 else 'entries'}; "
                   "cetl experience list). --years, --since or --domains override it.")

    # Each answer comes from: its flag, else the experience log, else a question on a
    # terminal, else the answer remembered from last time.
    asker = _Asker(interactive, remembered)
    deg = asker.pick("degree", flag_degree, "--degree", None, el.parse_degree,
                     "Highest degree (" + ", ".join(el.DEGREES) + ")", "--degree LEVEL",
                     canonical=lambda value, text: value)
    exp = asker.pick("experience", flag_exp, "--years" if years is not None else "--since",
                     el.experience_from_log(log, today) if log else None, parse_exp,
                     "Years of education-technology experience, or the date it started (YYYY-MM-DD)",
                     "--years N or --since YYYY-MM-DD",
                     flag_text=(years if years is not None else since))
    covered = asker.pick("domains", flag_domains, "--domains", el.log_domains(log) if log else None, parse_dom,
                         "Which domains does that experience cover? (e.g. I,II,III, or none)",
                         "--domains I,II,III", before_asking=lambda: _show_domains(rules),
                         canonical=lambda value, text: _codes(value, codes) or "none")
    if asker.need:
        _usage_error(
            f"check-eligibility needs {', '.join(asker.need)} (cetl cannot ask: this is not a terminal"
            f"{' or --json is on' if as_json else ''}). Example: {EXAMPLE}"
        )

    # Documents, only for the routes open to this degree (the waiver route, for no degree).
    flag_docs = {"waiver_request": waiver, "supervisor_letter": letter}
    remembered_docs = remembered.get("documents") if isinstance(remembered.get("documents"), dict) else {}
    doc_answers: dict[str, bool] = dict(remembered_docs)
    doc_sources: dict[str, str] = {}
    ready: set[str] = set()
    for doc in _relevant_documents(rules, deg):
        flag = DOCUMENT_FLAGS[doc.id]
        if flag_docs.get(doc.id) is not None:
            value = bool(flag_docs[doc.id])
            doc_sources[doc.id] = flag if value else flag.replace("--", "--no-", 1)
        elif interactive:
            value = _confirm(DOCUMENT_QUESTIONS[doc.id], bool(remembered_docs.get(doc.id, False)))
            doc_sources[doc.id] = "your answer"
        elif isinstance(remembered_docs.get(doc.id), bool):
            value, doc_sources[doc.id] = remembered_docs[doc.id], "remembered"
        else:  # never answered: not ready, and nothing to remember
            value, doc_sources[doc.id] = False, f"not confirmed: pass {flag} when it is ready"
        if doc_sources[doc.id] in (flag, flag.replace("--", "--no-", 1), "your answer"):
            doc_answers[doc.id] = value
        if value:
            ready.add(doc.id)
    if doc_answers:
        asker.answers["documents"] = doc_answers

    facts = el.Facts(degree=deg, experience=exp, domains=covered, documents=frozenset(ready))
    verdict = el.evaluate(rules, facts, today)
    store.set_setting(SETTING, json.dumps({**remembered, **asker.answers}, sort_keys=True))

    if as_json:
        from cetl_cli.cli.render import print_json

        print_json(verdict_json(verdict))
        return
    _show_verdict(verdict, asker.sources, doc_sources)


def _experience(value, today):
    """An answer to the experience question (years, or a start date) as an Experience."""
    from cetl_cli.domain import eligibility as el

    if isinstance(value, float):
        return el.experience_from_years(value)
    return el.experience_since(value, today)


class _Asker:
    """Picks each answer from a flag, the log, a question or memory; notes what to remember."""

    def __init__(self, interactive: bool, remembered: dict):
        self.interactive = interactive
        self.remembered = remembered
        self.answers: dict[str, Any] = {}  # what to remember next time (typed text)
        self.sources: dict[str, str] = {}  # where each answer came from, for the summary
        self.need: list[str] = []  # flags still missing, when nothing can be asked

    def pick(self, key: str, flag_value, flag_label: str, log_value, parse, question: str, need: str,
             before_asking=None, flag_text: Optional[str] = None, canonical=None):
        """`canonical(value, text)` is the text to remember (default: the text as typed)."""
        canonical = canonical or (lambda value, text: text.strip())
        if flag_value is not None:
            self.sources[key] = flag_label
            self.answers[key] = canonical(flag_value, flag_text if flag_text is not None else str(flag_value))
            return flag_value
        if log_value is not None:
            self.sources[key] = "your experience log"
            return log_value
        remembered = self.remembered.get(key)
        if self.interactive:
            if before_asking is not None:
                before_asking()
            text = _ask(question, remembered, parse)
            self.sources[key] = "your answer"
        elif _valid(parse, remembered) is not None:
            text = remembered
            self.sources[key] = "remembered"
        else:
            self.need.append(need)
            return None
        value = parse(text)
        self.answers[key] = canonical(value, text)
        return value


def _ask(text: str, default: Optional[str], parse) -> str:
    """typer.prompt that re-asks (with the reason) until `parse` accepts it; returns the text."""
    from cetl_cli.domain.errors import UserInputError

    def proc(value: str) -> str:
        try:
            parse(value)
        except UserInputError as err:
            raise typer.BadParameter(str(err)) from None
        return value.strip()

    if default is not None and _valid(parse, default) is None:
        default = None  # a remembered answer that no longer fits (e.g. rules changed)
    try:
        return typer.prompt(text, default=default, value_proc=proc)
    except typer.Abort:
        _stopped()


def _confirm(text: str, default: bool) -> bool:
    try:
        return typer.confirm(text, default=default)
    except typer.Abort:
        _stopped()


def _stopped() -> None:
    """Ctrl-C or end of input at a question: nothing is checked and nothing remembered."""
    typer.echo("\ncetl: stopped; nothing was checked or remembered.", err=True)
    raise typer.Exit(130)


def _valid(parse, value):
    """parse(value), or None when there is no usable value."""
    from cetl_cli.domain.errors import UserInputError

    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except UserInputError:
        return None


def _remembered(store) -> dict:
    import json

    raw = store.get_setting(SETTING)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _periods(rows) -> list:
    import datetime as dt

    from cetl_cli.domain.eligibility import Period

    out = []
    for r in rows:
        out.append(Period(
            start=dt.date.fromisoformat(r.start),
            end=dt.date.fromisoformat(r.end) if r.end else None,
            domains=frozenset(c for c in r.domains.split(",") if c),
            label=r.role,
        ))
    return out


def _codes(codes, order) -> str:
    return ",".join(c for c in order if c in codes)


def _relevant_documents(rules, degree: str) -> list:
    seen: dict[str, Any] = {}
    for route in rules.routes:
        if degree in route.degrees:
            for doc in route.documents:
                seen.setdefault(doc.id, doc)
    return list(seen.values())


def _show_domains(rules) -> None:
    from rich.text import Text

    from cetl_cli.cli.render import console, lit

    out = console()
    out.print("The three domains of CoSN's framework:")
    for d in rules.domains:
        out.print(Text(f"  {d.code:<4} ").append(lit(d.name)))


HEADLINES = {
    "eligible": "Eligible",
    "eligible_pending_waiver": "Eligible to request a waiver (the committee decides)",
    "not_yet_eligible": "Not yet eligible",
}


def verdict_json(v) -> dict:
    exp = v.facts.experience
    codes = v.rules.domain_codes
    return {
        "status": v.status,
        "route": v.route.id,
        "route_name": v.route.name,
        "verdict": v.route.verdict_text if v.status != "not_yet_eligible" else None,
        "missing": [m.text for m in v.missing],
        "eligible_on": v.eligible_on.isoformat() if v.eligible_on else None,
        "as_of": v.rules.as_of.isoformat(),
        "sources": [s.model_dump(mode="json") for s in v.rules.sources],
        "reminder": v.rules.reminder,
        "next_steps": list(v.next_steps),
        "answers": {
            "degree": v.facts.degree,
            "experience_from": exp.basis,
            "years": round(exp.years, 2) if exp.days is None else int(exp.years * 100) / 100,
            "days": exp.days,
            "since": exp.since.isoformat() if exp.since else None,
            "domains": [c for c in codes if c in v.facts.domains],
            "documents_ready": sorted(v.facts.documents),
        },
        "routes": [
            {"id": r.route.id, "name": r.route.name, "gives": r.route.verdict, "met": r.met,
             "missing": [m.text for m in r.missing],
             "eligible_on": r.eligible_on.isoformat() if r.eligible_on else None}
            for r in v.results
        ],
    }


def _show_verdict(v, sources: dict, doc_sources: dict) -> None:
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from cetl_cli.cli.render import console, lit
    from cetl_cli.domain.eligibility import DEGREE_NAMES

    out = console()
    style = {"eligible": "bold green", "eligible_pending_waiver": "bold yellow"}.get(v.status, "bold red")
    head = Text(HEADLINES[v.status], style=style)
    head.append(" · " + ("route: " if v.status != "not_yet_eligible" else "closest route: "), style="bold")
    head.append(lit(v.route.name, "bold"))
    out.print(head)
    if v.status != "not_yet_eligible":
        out.print(lit(v.route.verdict_text))

    exp = v.facts.experience
    codes = v.rules.domain_codes
    table = Table(box=None, show_header=False, pad_edge=False, title=None)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_column(style="dim")
    table.add_row("Highest degree", DEGREE_NAMES[v.facts.degree], f"({sources['degree']})")
    amount = exp.words()
    if exp.basis == "since":
        amount += f" (since {exp.since.isoformat()})"
    elif exp.basis == "log":
        amount += f" over {len(exp.periods)} {'entry' if len(exp.periods) == 1 else 'entries'}, overlaps counted once"
        if exp.growing:
            amount += ", still growing"
    table.add_row("Experience", amount, f"({sources['experience']})")
    covered = ", ".join(c for c in codes if c in v.facts.domains) or "none"
    table.add_row("Domains covered", covered, f"({sources['domains']})")
    for doc_id, where in doc_sources.items():
        table.add_row(_doc_label(doc_id), "ready" if doc_id in v.facts.documents else "not ready", f"({where})")
    out.print(Text("\nYour answers", style="bold underline"))
    out.print(Padding(table, (0, 0, 0, 2), expand=False))

    if v.missing:
        out.print(Text("\nWhat is missing", style="bold underline"))
        for m in v.missing:
            out.print(Padding(Text("• ").append(lit(m.text)), (0, 0, 0, 2), expand=False))
        if v.eligible_on is not None:
            gives = "eligible" if v.route.verdict == "eligible" else "able to request a waiver"
            out.print(Text(f"\nTime is the only gap: you will be {gives} on {v.eligible_on.isoformat()} "
                           "if your experience continues.", style="bold"))
        # Other routes worth knowing about: not those meant for a lower degree than yours.
        others = [r for r in v.results if r.route.id != v.route.id and not r.met and not r.over_qualified]
        for r in others:
            line = Text("\nAnother route, ", style="dim")
            line.append(lit(r.route.name, "dim"))
            line.append(", would need: ", style="dim")
            line.append(lit("; ".join(m.text for m in r.missing), "dim"))
            out.print(line)
    out.print(Text("\nNext steps", style="bold underline"))
    for i, step in enumerate(v.next_steps, start=1):
        out.print(Padding(Text(f"{i}. ").append(lit(step)), (0, 0, 0, 2), expand=False))

    srcs = Text(f"\nRules as of {v.rules.as_of.isoformat()}. Sources: ", style="dim")
    srcs.append(lit("; ".join(f"{s.title} ({s.page})" for s in v.rules.sources), "dim"))
    out.print(srcs)
    out.print(lit(v.rules.reminder, "dim"))


def _doc_label(doc_id: str) -> str:
    return {"waiver_request": "Waiver request", "supervisor_letter": "Supervisor letter"}.get(doc_id, doc_id)


# -- the experience log ----------------------------------------------------------------------

@experience_app.command("add")
def experience_add(
    role: Annotated[str, typer.Option("--role", metavar="TEXT", show_default=False,
                                      help="The role, e.g. \"Director of Technology\".")],
    start: Annotated[str, typer.Option("--from", metavar="YYYY-MM-DD", show_default=False,
                                       help="The first day in the role.")],
    domains: Annotated[str, typer.Option("--domains", metavar="I,II,III", show_default=False,
                                         help="The framework domains the role covered, e.g. I,III (or none).")],
    end: Annotated[Optional[str], typer.Option(
        "--to", metavar="YYYY-MM-DD", show_default=False,
        help="The last day in the role; leave out if you still hold it.")] = None,
) -> None:
    """Add a role to your experience log.

    Example: cetl experience add --role "Director of Technology" --from 2019-08-01 --domains I,III
    """
    from cetl_cli.domain import eligibility as el
    from cetl_cli.domain.errors import UserInputError

    today = _today()
    rules = _rules()
    name = " ".join(role.split())
    if not name:
        raise UserInputError("--role is empty; name the role, e.g. --role \"Director of Technology\".")
    first = el.parse_date(start, "--from", today)
    last = el.parse_date(end, "--to", today) if end is not None else None
    if last is not None and last < first:
        raise UserInputError(f"--to {last.isoformat()} is before --from {first.isoformat()}.")
    covered = el.parse_domains(domains, rules.domain_codes)
    store = context.store()
    entry_id = store.add_experience(name, first.isoformat(), last.isoformat() if last else None,
                                    _codes(covered, rules.domain_codes))
    from rich.text import Text

    from cetl_cli.cli.render import console, lit

    line = Text(f"Added #{entry_id}: ", style="green")
    line.append(lit(name))
    line.append(f", {first.isoformat()} to {last.isoformat() if last else 'now'}, "
                f"domains {_codes(covered, rules.domain_codes).replace(',', ', ') or 'none'}.")
    console().print(line)
    _summary(rules, store, today)


@experience_app.command("list")
def experience_list(as_json: JsonOutput = False) -> None:
    """List your experience log, with the years it adds up to and the domains it covers.

    Example: cetl experience list
    """
    today = _today()
    rules = _rules()
    store = context.store()
    rows = store.experience()
    if as_json:
        from cetl_cli.cli.render import print_json
        from cetl_cli.domain import eligibility as el

        periods = _periods(rows)
        exp = el.experience_from_log(periods, today)
        whole, extra, _ = el.years_from_days(exp.days or 0, exp.end or today)
        print_json({
            "entries": [
                {"id": r.id, "role": r.role, "from": r.start, "to": r.end,
                 "domains": [c for c in r.domains.split(",") if c]}
                for r in rows
            ],
            "days": exp.days,
            "years": int(exp.years * 100) / 100,
            "whole_years": whole,
            "extra_days": extra,
            "current": exp.growing,
            "domains": [c for c in rules.domain_codes if c in el.log_domains(periods)],
        })
        return
    from rich.table import Table

    from cetl_cli.cli.render import console, lit

    out = console()
    if not rows:
        out.print("Your experience log is empty. Add a role: cetl experience add --role \"Director of "
                  "Technology\" --from 2019-08-01 --domains I,III", markup=False)
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("role")
    table.add_column("from", no_wrap=True)
    table.add_column("to", no_wrap=True)
    table.add_column("domains", no_wrap=True)
    for r in rows:
        table.add_row(str(r.id), lit(r.role), r.start, r.end or "now", r.domains.replace(",", ", ") or "none")
    out.print(table)
    _summary(rules, store, today)


@experience_app.command("remove")
def experience_remove(
    entry: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, from cetl experience list.",
                                         show_default=False)],
) -> None:
    """Remove an entry from your experience log.

    Example: cetl experience remove 2
    """
    from cetl_cli.domain.errors import NotFoundError, UserInputError

    text = entry.strip().lstrip("#")
    if not text.isdigit():
        raise UserInputError(f"{entry!r} is not an entry id; ids are numbers: see them with cetl experience list")
    entry_id = int(text)
    store = context.store()
    if not store.remove_experience(entry_id):
        raise NotFoundError(f"No experience entry #{entry_id}; see the ids with: cetl experience list")
    typer.echo(f"Removed #{entry_id}.")


def _summary(rules, store, today) -> None:
    from rich.text import Text

    from cetl_cli.cli.render import console
    from cetl_cli.domain import eligibility as el

    periods = _periods(store.experience())
    exp = el.experience_from_log(periods, today)
    covered = el.log_domains(periods)
    missing = [c for c in rules.domain_codes if c not in covered]
    text = f"Together: {exp.words()} of experience (overlaps counted once"
    text += ", a current role up to today)" if exp.growing else "; no current role)"
    text += f", covering domains {', '.join(c for c in rules.domain_codes if c in covered) or 'none'}"
    text += f"; not yet {', '.join(missing)}." if missing else "."
    out = console()
    out.print(Text(text, style="dim"))
    out.print(Text("See what it means for applying: cetl check-eligibility", style="dim"))
