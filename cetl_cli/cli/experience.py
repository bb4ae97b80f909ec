"""`cetl experience`: your experience log, one entry per role, for check-eligibility."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, session

Employer = Annotated[Optional[str], typer.Option("--employer", metavar="TEXT", show_default=False,
                                                 help="The district or organization.")]
Supervisor = Annotated[Optional[str], typer.Option("--supervisor", metavar="TEXT", show_default=False,
                                                   help="Your supervisor there (CoSN's application asks).")]
Notes = Annotated[Optional[str], typer.Option("--notes", metavar="TEXT", show_default=False,
                                              help="What you did there: work to cite for each domain.")]

experience_app = typer.Typer(
    name="experience",
    help="Your experience log: one entry per role, for check-eligibility. Overlapping roles count once.",
    no_args_is_help=True,
)


@experience_app.command("add")
def experience_add(
    role: Annotated[Optional[str], typer.Option("--role", metavar="TEXT", show_default=False,
                                                help="The role, e.g. \"Director of Technology\".")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", show_default=False,
                                                 help="The first day in the role.")] = None,
    domains: Annotated[Optional[str], typer.Option("--domains", metavar="I,II,III", show_default=False,
                                                   help="The framework domains the role covered, e.g. I,III, all, or none.")] = None,
    end: Annotated[Optional[str], typer.Option(
        "--to", metavar="YYYY-MM-DD", show_default=False,
        help="The last day in the role; leave out if you still hold it.")] = None,
    employer: Employer = None,
    supervisor: Supervisor = None,
    notes: Notes = None,
) -> None:
    """Add a role to your experience log. On a terminal, cetl asks for what the flags leave out;
    --employer, --supervisor and --notes are optional (CoSN's application asks for your
    employment history with supervisors).

    Example: cetl experience add --role "Director of Technology" --from 2019-08-01 --domains I,III
    """
    import sys

    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.cli.views.eligibility import experience_summary
    from cetl_cli.domain.errors import UsageError
    from cetl_cli.services import experience as svc

    out = Out()
    missing = [flag for flag, value in (("--role", role), ("--from", start), ("--domains", domains)) if value is None]
    if missing:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise UsageError(f"experience add needs {', '.join(missing)} (cetl cannot ask: this is not a terminal).",
                             'Example: cetl experience add --role "Director of Technology" --from 2019-08-01 '
                             "--domains I,III")
        role, start, end, domains = _ask(out, role, start, end, domains)
    assert role is not None and start is not None and domains is not None
    s = session()
    entry_id, name, first, last, codes = svc.add(s, role, start, end, domains, employer, supervisor, notes)
    line = Styled(f"Added #{entry_id}: ", "green").append(name)
    line.append(f", {first.isoformat()} to {last.isoformat() if last else 'now'}, "
                f"domains {', '.join(codes) or 'none'}.")
    out.print(line)
    experience_summary(out, svc.summary(s))


def _ask(out, role, start, end, domains):  # type: ignore[no-untyped-def]
    from cetl_cli.cli.prompts import ask
    from cetl_cli.domain import experience as ex

    s = session()
    today = s.clock.today()
    codes = s.rules().domain_codes

    def any_text(text: str) -> str:
        return text

    if role is None:
        role = ask(out, "Role (e.g. Director of Technology)", None, any_text)
    if start is None:
        start = ask(out, "First day in the role (YYYY-MM-DD)", None, lambda t: ex.parse_date(t, "The date", today))
        if end is None:
            end_text = ask(out, "Last day (YYYY-MM-DD), or now if you still hold it", "now",
                           lambda t: t if t.strip().lower() == "now" else ex.parse_date(t, "The date", today))
            end = None if end_text.strip().lower() == "now" else end_text
    if domains is None:
        domains = ask(out, f"Domains the role covered ({','.join(codes)}, all, or none)", None,
                      lambda t: ex.parse_domains(t, codes))
    return role, start, end, domains


@experience_app.command("list")
def experience_list(as_json: JsonOutput = False) -> None:
    """List your experience log, with the years it adds up to and the domains it covers.

    Example: cetl experience list
    """
    from cetl_cli.services.experience import summary

    data = summary(session())
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        print_json(json_views.experience(data))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.eligibility import experience_list as view

    view(Out(), data)


@experience_app.command("edit")
def experience_edit(
    entry: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, from cetl experience list.",
                                         show_default=False)],
    role: Annotated[Optional[str], typer.Option("--role", metavar="TEXT", show_default=False,
                                                help="The role.")] = None,
    start: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM-DD", show_default=False,
                                                 help="The first day in the role.")] = None,
    end: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM-DD|now", show_default=False,
                                               help="The last day in the role, or now if you still hold it.")] = None,
    domains: Annotated[Optional[str], typer.Option("--domains", metavar="I,II,III", show_default=False,
                                                   help="The framework domains the role covered.")] = None,
    employer: Employer = None,
    supervisor: Supervisor = None,
    notes: Notes = None,
) -> None:
    """Change an entry of your experience log: only the fields you give change ("" clears
    --employer, --supervisor or --notes).

    Example: cetl experience edit 2 --supervisor "Dr. A. Rivera, Superintendent" --employer "Example USD"
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.cli.views.eligibility import experience_entry, experience_summary
    from cetl_cli.services import experience as svc

    s = session()
    entry_row, changed = svc.edit(s, entry, role=role, start=start, end=end, domains=domains, employer=employer,
                                  supervisor=supervisor, notes=notes)
    out = Out()
    if changed:
        out.print(Styled(f"Changed #{entry_row.id}: {', '.join(changed)}.", "green"))
    else:
        out.print(Styled(f"#{entry_row.id} already says that; nothing changed.", "yellow"))
    experience_entry(out, entry_row)
    experience_summary(out, svc.summary(s))


@experience_app.command("remove")
def experience_remove(
    entry: Annotated[str, typer.Argument(metavar="ID", help="The entry's id, from cetl experience list.",
                                         show_default=False)],
) -> None:
    """Remove an entry from your experience log.

    Example: cetl experience remove 2
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.services.experience import remove

    entry_id = remove(session(), entry)
    out = Out()
    out.print(f"Removed #{entry_id}.")
    out.print(Styled("Next: cetl experience list", "cyan"))
