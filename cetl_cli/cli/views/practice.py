"""Practice screens: a question, the feedback on an answer, the quiz summary, the exam report
and the exam history."""

from __future__ import annotations

from typing import Optional

from cetl_cli.cli.output import Out, Styled, bar, duration, grid, pct, when
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.questions import IN_FILE_ORDER, LETTERS, Question
from cetl_cli.domain.quiz import Report
from cetl_cli.services.exam import HistoryRow


def area_label(cur: Curriculum, code: str) -> str:
    return f"{code} {cur.areas[code].name}"


def question(out: Out, q: Question, header: str, order: str = IN_FILE_ORDER,
             marks: Optional[dict[str, str]] = None) -> None:
    """The stem and the choices in the order shown (`order[i]` is the file's letter shown as
    LETTERS[i]); `marks` puts a sign before shown letters (the review's ✓ and ✗)."""
    out.print()
    out.print(Styled(header, "bold"))
    out.print(q.stem)
    for letter, in_file in zip(LETTERS, order):
        mark = (marks or {}).get(letter, " ")
        # a hanging indent, so a long choice wraps under its own text, not under the letter
        out.write_lines(out.hanging(f"{mark} {letter}. ", q.choice(in_file)))


def feedback(out: Out, q: Question, shown: str, right: bool, key_shown: str) -> None:
    """Right or wrong, in the letters shown; the key's text, since the letters change each time."""
    if right:
        out.print(Styled(f"Right: {key_shown}.", "bold green"))
    else:
        line = Styled(f"Wrong: you chose {shown}. The answer is {key_shown}: ", "bold red")
        line.append(q.choice(q.answer))
        out.print(line)
    explain(out, q)


def explain(out: Out, q: Question) -> None:
    out.print(q.explanation)
    if q.source:
        dated = f" (as of {q.as_of.isoformat()})" if q.as_of else ""
        out.print(Styled(f"Source: {q.source}{dated}", "dim"))


def quiz_summary(out: Out, cur: Curriculum, results: list[tuple[Question, bool]], total: int,
                 code: Optional[str]) -> None:
    answered = len(results)
    right = sum(1 for _, ok in results if ok)
    out.print()
    if answered == 0:
        out.print("Stopped before the first answer; nothing was recorded.")
        out.print(Styled("Next: cetl quiz", "cyan"))
        return
    share = pct(100.0 * right / answered)
    if answered < total:
        out.print(Styled(f"Stopped after {answered} of {total} questions: {right} right ({share}). "
                         "Your answers are kept.", "bold"))
    else:
        out.print(Styled(f"Done: {right} of {total} right ({share}).", "bold"))
    areas: dict[str, list[int]] = {}
    for q, ok in results:
        t = areas.setdefault(q.skill_area, [0, 0])
        t[0] += ok
        t[1] += 1
    if len(areas) > 1:
        for a in cur.areas:
            if a in areas:
                r, n = areas[a]
                out.print(f"  {a:<6} {r}/{n} right  {cur.areas[a].name}")
    wrong = answered - right
    where = f" --area {code}" if code else ""
    if wrong:
        out.print(Styled(f"Next: ask the {wrong} you missed again: cetl quiz --missed{where}", "cyan"))
    else:
        out.print(Styled(f"Next: more practice with cetl quiz{where}, or a mock exam: cetl exam", "cyan"))


def exam_report(out: Out, cur: Curriculum, attempt_id: int, report: Report, timed_out: bool, spent: float) -> None:
    o = report.overall
    out.print()
    if timed_out:
        out.print(Styled(f"Time is up. {o.unanswered} questions were left unanswered and count as not right.",
                         "bold yellow"))
    out.print(Styled(f"Mock exam #{attempt_id}: {o.right} of {o.asked} right ({pct(o.percent)}) "
                     f"in {duration(spent)}.", "bold"))
    out.print(Styled("Percent correct only: cetl does not predict CoSN's scaled score.", "dim"))
    rows: list[list[object]] = []
    for d in report.domains:
        rows.append([Styled(d.code, "bold"), Styled(d.name, "bold"), f"{d.right}/{d.asked}", bar(d.percent, 10),
                     Styled(pct(d.percent), "bold")])
        for a in report.areas:
            if a.domain == d.code:
                rows.append([f"  {a.code}", a.name, f"{a.right}/{a.asked}", bar(a.percent, 10), pct(a.percent)])
    columns = [("area", "left", 7), ("skill area", "left", 0), ("right", "right", 5), ("", "left", 10),
               ("%", "right", 4)]
    out.print(grid(columns, rows, out.width, shrink=1), wrap=False)
    if o.unanswered and not timed_out:
        out.print(f"{o.unanswered} questions unanswered.")
    study = report.study_next()
    if not study:
        out.print(Styled("Every answer right. Next: keep it fresh with cetl quiz", "green"))
        return
    out.print(Styled("\nStudy next:", "bold"))
    for a in study:
        module = next((m for m in cur.modules if m.skill_area == a.code), None)
        where = f"cetl study module {module.number} · " if module else ""
        out.print(Styled(f"  {a.code:<6} ").append(a.name).append(f": {a.right}/{a.asked} ({pct(a.percent)})"))
        out.print(Styled(f"         {where}cetl quiz --area {a.code}", "cyan"))
    out.print(Styled(f"Next: go over the questions you got wrong: cetl exam review {attempt_id} --wrong", "cyan"))


def exam_history(out: Out, rows: list[HistoryRow]) -> None:
    if not rows:
        out.print("No mock exams yet.")
        out.print(Styled("Next: cetl exam", "cyan"))
        return
    narrow = out.width < 76
    body = []
    for r in rows:
        a = r.attempt
        started = when(a.started_at)[5:] if narrow else when(a.started_at)  # drop the year when narrow
        row = [str(a.id), started, a.status.replace("_", " "), f"{r.answered}/{r.questions}",
               "—" if r.right is None else str(r.right), "—" if r.percent is None else pct(r.percent),
               duration(a.elapsed_seconds), f"{a.minutes} min" if a.minutes else "none"]
        body.append(row[:-1] if narrow else row)
    columns = [("#", "right", 1), ("started", "left", 7), ("status", "left", 6), ("answered", "right", 8),
               ("right", "right", 5), ("score", "right", 5), ("time", "right", 4), ("limit", "right", 5)]
    if narrow:
        columns = columns[:-1]
    out.print(grid(columns, body, out.width, shrink=1), wrap=False)
    if any(r.attempt.status == "in_progress" for r in rows):
        out.print(Styled("Next: cetl exam resume (or cetl exam abandon)", "cyan"))
    else:
        latest = rows[-1].attempt.id
        out.print(Styled(f"Next: cetl exam review {latest} (question by question), or cetl exam for another", "cyan"))
