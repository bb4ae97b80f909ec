"""Mock-exam screens beyond the questions: before submitting, and the review of a past exam."""

from __future__ import annotations

from cetl_cli.cli.output import Out, Styled, pct, when
from cetl_cli.cli.views.practice import area_label, explain, question
from cetl_cli.services.exam_review import PastExam


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def before_submit(out: Out, total: int, unanswered: list[int], flagged: list[int]) -> None:
    out.print()
    out.print(Styled(f"Before you submit: {total - len(unanswered)} of {total} questions answered.", "bold"))
    if not unanswered and not flagged:
        out.print("Every question is answered and none is flagged.")
        return
    if unanswered:
        out.print(Styled(f"Unanswered ({len(unanswered)}; they count as not right): {_numbers(unanswered)}",
                         "yellow"))
    if flagged:
        out.print(Styled(f"Flagged ({len(flagged)}): {_numbers(flagged)}", "bold"))


def exam_review(out: Out, past: PastExam, wrong_only: bool) -> None:
    """Every question as it was shown, ✓ on the answer and ✗ on a wrong choice; through the
    pager on a terminal."""
    a, o = past.attempt, past.report.overall
    rec = out.recording()
    rec.print(Styled(f"Mock exam #{a.id} · {when(a.started_at)} · {a.status.replace('_', ' ')} · "
                     f"{o.right} of {o.asked} right ({pct(o.percent)})", "bold"))
    shown = [r for r in past.questions if not (wrong_only and r.right)]
    if wrong_only:
        rec.print(f"The {len(shown)} questions you missed or left unanswered, as you saw them: "
                  "✓ marks the answer, ✗ your choice.")
    else:
        rec.print("Every question as you saw it: ✓ marks the answer, ✗ your choice when it was wrong.")
    if past.dropped:
        rec.print(Styled(f"{past.dropped} questions of this exam are no longer in the bank and are left out.",
                         "yellow"))
    cur = past.curriculum
    for r in shown:
        q = r.question
        verdict = "right" if r.right else ("not answered" if r.choice is None else "wrong")
        header = f"Question {r.number} of {len(a.question_ids)} · {area_label(cur, q.skill_area)} · {q.id} · {verdict}"
        if r.flagged:
            header += " · flagged"
        marks = {r.key_shown: "✓"}
        if r.choice_shown and not r.right:
            marks[r.choice_shown] = "✗"
        question(rec, q, header, r.shown, marks)
        if r.right:
            rec.print(Styled(f"You chose {r.key_shown}, the answer.", "green"))
        elif r.choice_shown is None:
            rec.print(Styled(f"Not answered. The answer is {r.key_shown}: ", "yellow").append(q.choice(q.answer)))
        else:
            rec.print(Styled(f"You chose {r.choice_shown}. The answer is {r.key_shown}: ", "red")
                      .append(q.choice(q.answer)))
        explain(rec, q)
    if not shown:
        rec.print("\nEvery answer was right: nothing to go over.")
    out.page(rec.recorded())
    missed = sum(1 for r in past.questions if not r.right)
    if missed and not wrong_only:
        out.print(Styled(f"Next: only the {missed} missed: cetl exam review {a.id} --wrong; then cetl review", "cyan"))
    else:
        out.print(Styled(f"Next: cetl review for what is due, or cetl exam report {a.id}", "cyan"))
