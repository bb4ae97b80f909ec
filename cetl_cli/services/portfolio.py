"""`cetl export markdown`: your portfolio, for a study group, a supervisor or a mentor.

Per module: each answered Reflection Question with your latest answer and its date (every
version with `history`), and the to-dos you have done with their dates and notes. Then where you
stand per skill area (to-dos, reflections, practice accuracy) and your mock-exam results.

Everything is text from a person or a curriculum, so it is escaped for Markdown renderers that
allow HTML: every `<` becomes `&lt;` (so no tag, script or comment can start), control characters
become U+FFFD, and answers are quoted (`> `) so a line of yours never turns into a heading of
the document. Other Markdown in an answer (lists, emphasis, links) is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from cetl_cli import __version__
from cetl_cli.domain.models import Module
from cetl_cli.domain.refs import find_module
from cetl_cli.services import exam, progress
from cetl_cli.services.session import Session

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def md(text: str) -> str:
    """Text made inert for Markdown with HTML: no `<` to open a tag, no control characters."""
    return _CONTROL.sub("\ufffd", text.replace("\t", "    ")).replace("<", "&lt;")


def cell(text: str) -> str:
    return md(" ".join(text.split())).replace("|", "\\|")


def local(stamp: Optional[str]) -> str:
    """A stored UTC time as local time to the minute (2026-12-01 09:30)."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return md(stamp[:16])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def quoted(text: str) -> list[str]:
    return [("> " + md(line)).rstrip() for line in text.strip().splitlines()] or [">"]


def portfolio(s: Session, module: Optional[str] = None, history: bool = False) -> str:
    cur = s.curriculum
    modules = [find_module(cur, module)] if module else cur.modules
    store = s.store
    answers: dict[str, list] = {}
    for a in store.all_answers():
        answers.setdefault(a.item_id, []).append(a)
    done = store.done_todos()
    done_at: dict[str, str] = {}
    for e in store.todo_events():
        if e.action == "done":
            done_at[e.item_id] = e.at
    notes = store.todo_notes()
    today = s.clock.today().isoformat()
    scope = f"module {modules[0].number}" if module else f"all {len(cur.modules)} modules"
    lines = ["# CETL study portfolio", "",
             f"Exported {today} by cetl {__version__} ({scope}). Times are local. cetl is not made or "
             "endorsed by CoSN.", ""]
    for m in modules:
        lines += _module(s, m, answers, done, done_at, notes, history)
    lines += _standing(s, modules if module else None)
    return "\n".join(lines).rstrip() + "\n"


def _module(s: Session, m: Module, answers, done, done_at, notes, history: bool) -> list[str]:  # type: ignore[no-untyped-def]
    cur = s.curriculum
    out = [f"## Module {m.number} · {md(m.title)}", ""]
    if m.skill_area:
        area, dom = cur.areas[m.skill_area], cur.area_domain[m.skill_area]
        out += [f"Skill area {area.code} {md(area.name)} ({area.weight:g}% of the exam) · "
                f"Domain {dom.code} {md(dom.name)}", ""]
    refl = cur.reflections(m)
    answered = [i for i in refl if i.id in answers]
    out += ["### Reflections", "", f"{len(answered)} of {len(refl)} answered.", ""]
    for item in answered:
        versions = answers[item.id]
        out += [f"#### {item.ref} · {md(item.text)}", ""]
        shown = versions if history else versions[-1:]
        for a in shown:
            out += quoted(a.text)
            label = f"Version {a.version} of {len(versions)}" if len(versions) > 1 else "Answered"
            out += ["", f"*{label}, {local(a.at)}*", ""]
    todos = [i for i in cur.todos(m) if i.id in done or i.id in notes]
    out += ["### To-dos", ""]
    done_here = sum(1 for i in cur.todos(m) if i.id in done)
    out += [f"{done_here} of {len(cur.todos(m))} done.", ""]
    for item in todos:
        state = f"done {local(done_at.get(item.id))}" if item.id in done else "not done yet"
        out.append(f"- **{item.ref}** ({state}): {cell(item.text)}")
        for n in notes.get(item.id, []):
            out.append(f"  - Note, {local(n.at)}: {cell(n.text)}")
    out.append("")
    return out


def _standing(s: Session, only: Optional[list[Module]]) -> list[str]:
    r = progress.report(s)
    p = r.progress
    codes = {m.skill_area for m in only} if only else None
    out = ["## Where I stand", "",
           f"Course coverage, weighted by exam weight: {p.readiness:g}%.", "",
           "| Skill area | Exam weight | To-dos done | Reflections answered | Practice accuracy |",
           "|---|---|---|---|---|"]
    for a in p.areas:
        if codes is not None and a.code not in codes:
            continue
        sc = r.practice[a.code]
        acc = f"{sc.percent:g}% of {sc.asked}" if sc.asked else "no practice yet"
        out.append(f"| {a.code} {cell(a.name)} | {a.weight:g}% | {a.tally.todos_done}/{a.tally.todos_total} | "
                   f"{a.tally.reflections_answered}/{a.tally.reflections_total} | {acc} |")
    out += ["", "Practice accuracy is the share of the area's last 50 practice answers (quiz and mock exam) "
            "that were right.", "", "## Mock exams", ""]
    rows = exam.history(s)
    if not rows:
        return out + ["No mock exam yet.", ""]
    out += ["| Started | Status | Answered | Right | Percent |", "|---|---|---|---|---|"]
    for h in rows:
        pct = f"{h.percent:g}%" if h.percent is not None else "in progress"
        right = str(h.right) if h.right is not None else "-"
        out.append(f"| {local(h.attempt.started_at)} | {h.attempt.status.replace('_', ' ')} | "
                   f"{h.answered}/{h.questions} | {right} | {pct} |")
    out += ["", "Percent is right answers out of 100 questions, not CoSN's scaled score.", ""]
    return out
