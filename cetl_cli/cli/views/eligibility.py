"""`cetl check-eligibility` and `cetl experience`: the verdict, the log and what it adds up to."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, grid
from cetl_cli.domain.eligibility import Verdict
from cetl_cli.domain.rules import DEGREE_NAMES, Rules
from cetl_cli.services.eligibility import Check, From, Picked
from cetl_cli.services.experience import Experience, Summary

HEADLINES = {
    "eligible": "Eligible",
    "eligible_pending_waiver": "Eligible to request a waiver (the committee decides)",
    "not_yet_eligible": "Not yet eligible",
}
DOC_LABELS = {"waiver_request": "Waiver request", "supervisor_letter": "Supervisor letter"}


def source(p: Picked) -> str:
    if p.source is From.FLAG:
        if isinstance(p.value, bool):
            return p.flag if p.value else p.flag.replace("--", "--no-", 1)
        return p.flag
    if p.source is From.NOT_CONFIRMED:
        return f"not confirmed: pass {p.flag} when it is ready"
    return p.source.value


def domains(out: Out, rules: Rules) -> None:
    out.print("The three domains of CoSN's framework:")
    for d in rules.domains:
        out.print(Styled(f"  {d.code:<4} ").append(d.name))


def verdict(out: Out, v: Verdict, check: Check) -> None:
    style = {"eligible": "bold green", "eligible_pending_waiver": "bold yellow"}.get(v.status, "bold red")
    head = Styled(HEADLINES[v.status], style)
    head.append(" · " + ("route: " if v.status != "not_yet_eligible" else "closest route: "), "bold")
    head.append(Styled(v.route.name, "bold"))
    out.print(head)
    if v.status != "not_yet_eligible":
        out.print(v.route.verdict_text)

    exp = v.facts.experience
    codes = v.rules.domain_codes
    amount = exp.words()
    if exp.basis == "since" and exp.since is not None:
        amount += f" (since {exp.since.isoformat()})"
    elif exp.basis == "log":
        amount += f" over {len(exp.periods)} {'entry' if len(exp.periods) == 1 else 'entries'}, overlaps counted once"
        if exp.growing:
            amount += ", still growing"
    rows: list[list[object]] = [["Highest degree", DEGREE_NAMES[v.facts.degree], Styled(f"({source(check.picked['degree'])})", "dim")],
            ["Experience", amount, Styled(f"({source(check.picked['experience'])})", "dim")],
            ["Domains covered", ", ".join(c for c in codes if c in v.facts.domains) or "none",
             Styled(f"({source(check.picked['domains'])})", "dim")]]
    for doc_id, p in check.documents.items():
        rows.append([DOC_LABELS.get(doc_id, doc_id), "ready" if p.value else "not ready", Styled(f"({source(p)})", "dim")])
    out.print(Styled("\nYour answers", "bold underline"))
    for label, value, where in rows:
        out.write_lines(out.hanging(Styled(f"{label:<18}", "bold"), Styled(str(value)).append(" ").append(where),
                                    indent=2))

    if v.missing:
        out.print(Styled("\nWhat is missing", "bold underline"))
        for m in v.missing:
            out.write_lines(out.hanging("• ", m.text, indent=2))
        if v.eligible_on is not None:
            gives = "eligible" if v.route.verdict == "eligible" else "able to request a waiver"
            out.print(Styled(f"\nTime is the only gap: you will be {gives} on {v.eligible_on.isoformat()} "
                             "if your experience continues.", "bold"))
        # Other routes worth knowing about: not those meant for a lower degree than yours.
        for r in v.results:
            if r.route.id != v.route.id and not r.met and not r.over_qualified:
                line = Styled("\nAnother route, ", "dim").append(Styled(r.route.name, "dim"))
                line.append(", would need: ", "dim").append(Styled("; ".join(m.text for m in r.missing), "dim"))
                out.print(line)
    out.print(Styled("\nNext steps", "bold underline"))
    for i, step in enumerate(v.next_steps, start=1):
        out.write_lines(out.hanging(f"{i}. ", step, indent=2))
    srcs = Styled(f"\nRules as of {v.rules.as_of.isoformat()}. Sources: ", "dim")
    srcs.append(Styled("; ".join(f"{s.title} ({s.page})" for s in v.rules.sources), "dim"))
    out.print(srcs)
    out.print(Styled(v.rules.reminder, "dim"))


def experience_summary(out: Out, s: Summary) -> None:
    exp = s.experience
    codes = s.rules.domain_codes
    text = f"Together: {exp.words()} of experience (overlaps counted once"
    text += ", a current role up to today)" if exp.growing else "; no current role)"
    text += f", covering domains {', '.join(c for c in codes if c in s.domains) or 'none'}"
    text += f"; not yet {', '.join(s.missing_domains)}." if s.missing_domains else "."
    out.print(Styled(text, "dim"))
    out.print(Styled("Next: see what it means for applying: cetl check-eligibility", "cyan"))


def experience_list(out: Out, s: Summary) -> None:
    if not s.entries:
        out.print("Your experience log is empty.")
        out.print(Styled('Next: cetl experience add --role "Director of Technology" --from 2019-08-01 '
                         "--domains I,III", "cyan"))
        return
    rows = [[str(r.id), r.role, r.start, r.end or "now", ", ".join(r.domains) or "none"] for r in s.entries]
    columns = [("id", "right", 2), ("role", "left", 0), ("from", "left", 10), ("to", "left", 10),
               ("domains", "left", 7)]
    out.print(grid(columns, rows, out.width, shrink=1), wrap=False)
    for r in s.entries:
        if r.employer or r.supervisor or r.notes:
            experience_details(out, r)
    experience_summary(out, s)


def experience_details(out: Out, r: Experience, with_id: bool = True) -> None:
    """Employer, supervisor and notes of one entry, under its id."""
    bits = Styled(f"#{r.id} " if with_id else "", "bold")
    parts = [(label, value) for label, value in (("employer", r.employer), ("supervisor", r.supervisor))
             if value]
    for n, (label, value) in enumerate(parts):
        bits.append(("; " if n else "") + f"{label}: ", "dim").append(value)
    if r.notes:
        bits.append(("; " if parts else "") + "notes: ", "dim").append(r.notes)
    out.write_lines(out.hanging("", bits, indent=2))


def experience_entry(out: Out, r: Experience) -> None:
    line = Styled(f"#{r.id} ", "bold").append(r.role)
    line.append(f", {r.start} to {r.end or 'now'}, domains {', '.join(r.domains) or 'none'}.")
    out.print(line)
    if r.employer or r.supervisor or r.notes:
        experience_details(out, r, with_id=False)
