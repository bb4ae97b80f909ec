"""`cetl stats`: the streak, the heatmap, the mock-exam trend and weekly accuracy by area."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, bar, grid, pct
from cetl_cli.domain.stats import DAY, HEAT_THRESHOLDS
from cetl_cli.services.stats import StatsReport

HEAT = ("·", "░", "▒", "▓", "█")  # levels 0-4
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MOCKS_SHOWN = 10


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def heatmap_lines(r: StatsReport) -> list[str]:
    """Weekdays down, weeks across (oldest on the left), with month names over the columns."""
    h = r.heatmap
    label = [" "] * (4 + 2 * len(h.rows) + 2)
    last = None
    for w in range(len(h.rows)):
        monday = h.first_day + 7 * w * DAY
        col = 4 + 2 * w
        if monday.month != last and all(c == " " for c in label[max(0, col - 1):col + 3]):
            label[col:col + 3] = MONTHS[monday.month - 1]
            last = monday.month
    lines = ["".join(label).rstrip()]
    for k in range(7):
        cells = [" " if row[k] is None else HEAT[row[k]] for row in h.rows]
        lines.append(f"{DAYS[k]} " + " ".join(cells).rstrip())
    t = HEAT_THRESHOLDS
    lines.append(f"    {HEAT[0]} none  {HEAT[1]} under {t[1]} min  {HEAT[2]} under {t[2]}  {HEAT[3]} under {t[3]}  "
                 f"{HEAT[4]} {t[3]}+")
    return lines


def stats(out: Out, r: StatsReport) -> None:
    lines: list[str] = []

    def add(text: object = "", indent: int = 0, wrap: bool = True) -> None:
        lines.extend(out.render(text, indent, wrap))  # type: ignore[arg-type]

    s = r.streak
    if s.last_study_day is None:
        add(Styled("No study recorded yet.", "bold"))
    else:
        add(Styled(f"Streak: {_days(s.current)}", "bold").append(
            f" (longest {_days(s.longest)}; last studied {s.last_study_day.isoformat()})"))
        add(Styled(f"One day off in any seven does not break a streak ({r.allowed_gaps} allowed).", "dim"))
    total = sum(r.minutes.values())
    add()
    add(Styled(f"Study days, the last {len(r.heatmap.rows)} weeks", "bold").append(
        f" ({_days(len(r.minutes))}, about {total / 60:.0f} h)"))
    lines.extend(out.render(line, wrap=False, ellipsis=True)[0] for line in heatmap_lines(r))
    add()
    _mocks(add, r)
    add()
    _weekly(add, out, r)
    add(Styled("Next: cetl quiz --missed, or cetl for your next step", "cyan"))
    out.page(lines)


def _mocks(add, r: StatsReport) -> None:  # type: ignore[no-untyped-def]
    if not r.mocks:
        add(Styled("Mock exams: none yet (cetl exam).", "bold"))
        return
    add(Styled("Mock exams", "bold").append(" (percent right; not CoSN's scaled score)"))
    shown = r.mocks[-MOCKS_SHOWN:]
    previous = r.mocks[-MOCKS_SHOWN - 1].percent if len(r.mocks) > MOCKS_SHOWN else None
    for m in shown:
        change = "" if previous is None else f"  {m.percent - previous:+.0f}"
        add(f"  #{m.attempt_id:<3} {m.day.isoformat()}  {pct(m.percent):>4}  {bar(m.percent, 20)}{change}", wrap=False)
        previous = m.percent


def _weekly(add, out: Out, r: StatsReport) -> None:  # type: ignore[no-untyped-def]
    w = r.weekly
    add(Styled("Practice accuracy by skill area, week by week", "bold").append(" (percent right; — none)"))
    shown = len(w.week_starts) if out.width >= 5 + 7 * len(w.week_starts) else (out.width - 5) // 7
    shown = max(1, shown)  # on a narrow screen, the latest weeks
    rows = []
    for a in w.areas:
        if any(t.answered for t in a.weeks) or a.area in r.curriculum.areas:
            rows.append([a.area] + ["—" if t.percent is None else f"{t.percent:.0f}" for t in a.weeks[-shown:]])
    columns = [("area", "left", 5)] + [(d.strftime("%m-%d"), "right", 5) for d in w.week_starts[-shown:]]
    add(grid(columns, rows, out.width, shrink=0), wrap=False)
    answered = sum(t.answered for a in w.areas for t in a.weeks[-shown:])
    add(Styled(f"Columns are weeks starting on Monday; {answered} answers in these {shown} weeks.", "dim"))
