"""Your study record: search hits, recertification hours, and the lines after export, import,
backup and restore."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, bar, grid, when
from cetl_cli.domain.search import marked
from cetl_cli.services.recert import Added, Status
from cetl_cli.services.search import Results


def snippet(text: str) -> Styled:
    """A search snippet with its matched words in bold (the markers never reach the terminal)."""
    line = Styled()
    for part, match in marked(" ".join(text.split())):
        line.append(part, "bold underline" if match else "")
    return line


def search_results(out: Out, r: Results) -> None:
    lines: list[str] = []
    if not r.hits:
        out.print(f"Nothing found for {r.query!r} in {', '.join(r.where)}.")
        out.print(Styled("Next: try fewer or other words, or a prefix like plan*: cetl search 'plan*'", "cyan"))
        return
    for n, h in enumerate(r.hits, start=1):
        head = Styled(f"{n:>2}. ", "dim")
        head.append(h.label, "bold")
        if h.kind != "answer":
            head.append(f" · module {h.module}", "dim")
        elif h.version is not None:
            head.append(f" · version {h.version}" + (f", {when(h.at)}" if h.at else ""), "dim")
        lines += out.render(head)
        lines += out.render(snippet(h.snippet), indent=4)
        lines += out.render(Styled(h.command, "cyan"), indent=4)
    first = r.hits[0]
    lines += out.render(Styled(f"\nNext: open the best match with {first.command}", "cyan"))
    out.page(lines)


def hours(value: float | None) -> str:
    return "none" if value is None else f"{value:g}"


def _categories(out: Out, st: Status) -> None:
    out.print(Styled("\nWhat each category counts", "bold underline"))
    for c in st.rules.categories:
        head = Styled(c.id, "cyan").append(f" · {c.name}", "bold")
        head.append(f" (cap {hours(c.cap)} h)" if c.cap is not None else " (no cap)", "dim")
        out.print(head)
        out.print(c.earns, indent=2)
        if c.note:
            out.print(Styled(c.note, "dim"), indent=2)


def recert_status(out: Out, st: Status) -> None:
    c = st.cycle
    if c is None:
        out.print(Styled("Recertification", "bold"))
        out.print(f"No cycle yet. CoSN asks for {hours(st.rules.hours_required)} hours of continuing education "
                  f"in each {st.rules.cycle_years}-year cycle, counted from the day your certification was issued.")
        _categories(out, st)
        _sources(out, st)
        out.print(Styled("Next: cetl recert start --certified YYYY-MM-DD", "cyan"))
        return
    left = (f"{c.days_left} days left" if c.days_left > 0 else
            "ended today" if c.days_left == 0 else f"ended {-c.days_left} days ago")
    out.print(Styled(f"Recertification cycle: certified {c.certified.isoformat()}, ends {c.ends.isoformat()} "
                     f"({left})", "bold"))
    rows = []
    for t in c.categories:
        mark = "" if t.category.verified else " *"
        rows.append([Styled(t.category.id + mark, "cyan"), hours(t.logged), hours(t.counted),
                     hours(t.category.cap) if t.category.cap is not None else "-"])
    out.print(grid([("category", "left", 8), ("logged", "right", 6), ("counted", "right", 7), ("cap", "right", 3)],
                   rows, out.width, shrink=0), wrap=False)
    total = Styled(f"Counted: {hours(c.counted)} of {hours(c.required)} hours", "bold")
    total.append("; the cycle is complete." if c.complete else f"; {hours(c.remaining)} to go.")
    out.print(total)
    out.print(bar(100.0 * c.counted / c.required if c.required else 100.0, 30))
    for t in c.categories:
        if not t.category.verified:
            out.print(Styled(f"* {t.category.id}: {t.category.note or 'unverified'}", "dim"))
    if c.outside:
        out.print(Styled(f"{len(c.outside)} activit{'y is' if len(c.outside) == 1 else 'ies are'} dated outside "
                         "this cycle and not counted.", "yellow"))
    if c.unknown:
        out.print(Styled(f"{len(c.unknown)} activit{'y has' if len(c.unknown) == 1 else 'ies have'} a category "
                         "the current rules do not have, and not counted.", "yellow"))
    recent = st.activities[-5:]
    if recent:
        out.print(Styled("\nLatest activities", "bold underline"))
        for a in recent:
            line = Styled(f"#{a.id} ", "bold").append(f"{a.date} ").append(a.category, "cyan")
            line.append(f" {hours(a.hours)} h")
            if a.note:
                line.append(" · ").append(a.note)
            out.write_lines(out.hanging("", line, indent=2))
    _sources(out, st)
    out.print(Styled('Next: cetl recert add -c teaching --hours 1 --note "..."'
                     if not c.complete else "Next: send CoSN your record of activities before the cycle ends",
                     "cyan"))


def _sources(out: Out, st: Status) -> None:
    srcs = Styled(f"\nRules as of {st.rules.as_of.isoformat()}. Sources: ", "dim")
    srcs.append(Styled("; ".join(f"{s.title} ({s.page})" for s in st.rules.sources), "dim"))
    out.print(srcs)
    out.print(Styled(st.rules.reminder, "dim"))


def recert_added(out: Out, a: Added) -> None:
    line = Styled(f"Logged #{a.id}: ", "green").append(f"{hours(a.hours)} h of {a.category.name}, {a.date.isoformat()}.")
    out.print(line)
    c = a.status.cycle
    if c is None:
        out.print(Styled("Not counted yet: start your cycle first with cetl recert start --certified YYYY-MM-DD",
                         "yellow"))
    elif not a.counted:
        out.print(Styled(f"Not counted: {a.date.isoformat()} is outside your cycle "
                         f"({c.certified.isoformat()} to {c.ends.isoformat()}).", "yellow"))
    else:
        t = next(t for t in c.categories if t.category.id == a.category.id)
        if a.category.cap is not None and t.logged > a.category.cap:
            out.print(Styled(f"{a.category.id} is at its cap: {hours(t.logged)} h logged, "
                             f"{hours(a.category.cap)} h count.", "yellow"))
        out.print(f"Counted this cycle: {hours(c.counted)} of {hours(c.required)} hours"
                  + ("; complete." if c.complete else f"; {hours(c.remaining)} to go."))
