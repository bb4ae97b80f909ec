"""`cetl group report --html FILE`: one self-contained page for the chapter.

The page fetches nothing: its CSS is inline, its charts are inline SVG, it has no script, and
its Content-Security-Policy forbids loading anything else. Every name and text from the group
folder goes through `html.escape` (quotes too), even after the folder's checks, so no file can
add markup. It reads on a phone (one column, no fixed widths) and prints (no backgrounds, no
cards split over pages).
"""

from __future__ import annotations

from html import escape

from cetl_cli.cli.views.group import meeting_line
from cetl_cli.domain.group import PACE_WORDS
from cetl_cli.services.group_view import Agenda, GroupView, MemberView

CSS = """
:root { --ink: #1d2430; --muted: #5b6472; --line: #d7dce3; --good: #1f7a3a; --warn: #a15c00; --bar: #2f6fb3; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 16px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; color: var(--ink); background: #fff; overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 0.2rem 0; } h2 { font-size: 1.2rem; margin: 1.6rem 0 0.6rem;
  border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; } h3 { font-size: 1rem; margin: 0.8rem 0 0.3rem; }
.meta, .note { color: var(--muted); font-size: 0.9rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 0.8rem; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 0.7rem 0.8rem; break-inside: avoid; }
.card h3 { margin-top: 0; }
.pace { display: inline-block; padding: 0 0.5rem; border-radius: 1rem; font-size: 0.85rem; border: 1px solid; }
.pace-ahead { color: var(--good); } .pace-on_pace { color: var(--muted); } .pace-behind { color: var(--warn);
  font-weight: 600; }
svg { display: block; width: 100%; height: auto; max-width: 100%; } svg.chart { max-width: 34rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top;
  padding: 0.3rem 0.4rem; border-bottom: 1px solid var(--line); } th { font-size: 0.85rem; color: var(--muted); }
tr.next td { font-weight: 600; } tr.held td { color: var(--muted); }
.answer { white-space: pre-wrap; margin: 0.2rem 0 0.6rem; }
.question { border-left: 3px solid var(--line); padding-left: 0.7rem; margin: 0.8rem 0; break-inside: avoid; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.8rem; margin: 0.4rem 0; font-size: 0.9rem; }
dt { color: var(--muted); } dd { margin: 0; }
@media (max-width: 30rem) { body { padding: 0.6rem; font-size: 15px; } th, td { padding: 0.25rem; } }
@media print { body { max-width: none; padding: 0; font-size: 11pt; } .card, .question { break-inside: avoid; }
  h2 { break-after: avoid; } a { color: inherit; text-decoration: none; } }
"""


def e(value: object) -> str:
    return escape(str(value), quote=True)


def bar_svg(label: str, done: int, total: int, colour: str = "var(--bar)") -> str:
    share = done / total if total else 0.0
    text = f"{label}: {done} of {total} ({round(100 * share)}%)"
    return (f'<svg viewBox="0 0 200 14" role="img" aria-label="{e(text)}"><title>{e(text)}</title>'
            f'<rect x="0" y="2" width="200" height="10" rx="3" fill="#e9edf2"/>'
            f'<rect x="0" y="2" width="{200 * share:.1f}" height="10" rx="3" fill="{colour}"/></svg>')


def _member(v: GroupView, mv: MemberView) -> str:
    m = mv.member
    pace = (f'<span class="pace pace-{mv.pace.status}">{e(PACE_WORDS[mv.pace.status])}</span>'
            if mv.pace else '<span class="pace pace-on_pace">no schedule</span>')
    rows = []
    if mv.pace and mv.pace.due_total:
        rows.append(f"<dt>Due so far</dt><dd>{mv.pace.due_done} of {mv.pace.due_total} items"
                    f"{bar_svg('Due so far', mv.pace.due_done, mv.pace.due_total)}</dd>")
    rows.append(f"<dt>Course</dt><dd>{mv.done} of {mv.total} items{bar_svg('Course', mv.done, mv.total)}</dd>")
    if m.mock:
        rows.append(f"<dt>Latest mock</dt><dd>{m.mock.right} of {m.mock.asked} ({m.mock.percent:.0f}%)</dd>")
    rows.append(f"<dt>Last active</dt><dd>{e(m.last_active.isoformat()) if m.last_active else '—'}</dd>")
    you = ' <span class="note">(you)</span>' if mv.mine else ""
    return f'<div class="card"><h3>{e(m.name)}{you}</h3>{pace}<dl>{"".join(rows)}</dl></div>'


def areas_svg(v: GroupView) -> str:
    """A bar per skill area with answers: its name above, the bar below (legible on a phone)."""
    scores = [sc for sc in v.practice.values() if sc.asked]
    if not scores:
        return '<p class="note">No member has shared practice answers yet.</p>'
    weak = {s.code for s in v.weakest}
    row, width = 32, 320
    parts = []
    for i, sc in enumerate(scores):
        y = i * row
        label = f"{sc.code} {v.curriculum.areas[sc.code].name}"
        short = label if len(label) <= 44 else label[:43] + "…"
        colour = "var(--warn)" if sc.code in weak else "var(--bar)"
        parts.append(
            f'<g><title>{e(label)}: {sc.percent:.0f}% of {sc.asked} answers right</title>'
            f'<text x="0" y="{y + 11}" font-size="11" fill="currentColor">{e(short)}</text>'
            f'<text x="{width}" y="{y + 11}" font-size="11" text-anchor="end" fill="currentColor">'
            f'{sc.percent:.0f}% of {sc.asked}</text>'
            f'<rect x="0" y="{y + 15}" width="{width}" height="10" rx="3" fill="#e9edf2"/>'
            f'<rect x="0" y="{y + 15}" width="{width * sc.percent / 100:.1f}" height="10" rx="3" '
            f'fill="{colour}"/></g>')
    height = row * len(scores)
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="Practice accuracy by skill area">{"".join(parts)}</svg>')


def _agenda(a: Agenda) -> str:
    v = a.view
    if a.meeting is None:
        return "<p>No meeting is planned from today on.</p>"
    out = [f"<p><strong>{e(meeting_line(v, a.meeting))}</strong></p>"]
    for r in a.reflections:
        out.append(f'<div class="question"><p><strong>{e(r.item.ref)}</strong> {e(r.item.text)}</p>')
        if not r.answers:
            out.append('<p class="note">No answer shared yet.</p>')
        for mv, ans in r.answers:
            out.append(f'<p class="note">{e(mv.member.name)} · version {ans.version}</p>'
                       f'<p class="answer">{e(ans.text)}</p>')
        out.append("</div>")
    if v.weakest:
        names = ", ".join(f"{s.code} {v.curriculum.areas[s.code].name} ({s.percent:.0f}%)" for s in v.weakest)
        out.append(f"<p><strong>Areas the group scores lowest in:</strong> {e(names)}</p>")
    return "".join(out)


def _schedule(v: GroupView) -> str:
    rows = []
    for m in v.group.meetings:
        cls = "next" if m is v.next_meeting else ("held" if m.date < v.today else "")
        mods = v.modules_of(m)
        what = "; ".join(f"{x.number}. {x.title}" for x in mods) or "Review"
        rows.append(f'<tr class="{cls}"><td>{v.meeting_number(m)}</td><td>{e(m.date.isoformat())}</td>'
                    f"<td>{e(what)}</td></tr>")
    if not rows:
        return "<p>No meetings are planned.</p>"
    return ('<table><thead><tr><th>#</th><th>Date</th><th>Modules</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def render(a: Agenda, generated: str) -> str:
    v = a.view
    g = v.group
    exam = f" · exam {e(g.exam_date.isoformat())}" if g.exam_date else ""
    members = "".join(_member(v, mv) for mv in v.members) or "<p>No member has shared a file yet.</p>"
    skipped = ""
    if v.skipped:
        items = "".join(f"<li>{e(s.file)}: {e(s.reason)}</li>" for s in v.skipped)
        skipped = f'<p class="note">Files left out (they failed cetl\'s checks):</p><ul class="note">{items}</ul>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{e(g.name)} · study group report</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{e(g.name)}</h1>
<p class="meta">CETL study group{exam} · {len(v.members)} members · as of {e(generated)}</p>
</header>
<main>
<section id="members"><h2>Members against the schedule</h2>
<div class="cards">{members}</div>
<p class="note">Ahead, on pace or behind: the items (to-dos and reflections) of the modules of past meetings
done; the course bar counts every module.</p>
</section>
<section id="areas"><h2>The group's practice by skill area</h2>{areas_svg(v)}
<p class="note">Right answers out of the members' latest practice answers per area, pooled; the weakest
are in orange.</p></section>
<section id="agenda"><h2>Next meeting</h2>{_agenda(a)}</section>
<section id="schedule"><h2>Schedule</h2>{_schedule(v)}</section>
</main>
<footer><p class="note">Made by cetl from the files in the group folder. Only what each member chose to
share is here.</p>{skipped}</footer>
</body>
</html>
"""
