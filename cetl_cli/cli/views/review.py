"""Spaced-review screens: what is due, a key concept, when a card comes back, the summary."""

from __future__ import annotations

import datetime as dt

from cetl_cli.cli.output import Out, Styled, when
from cetl_cli.domain import review as rv
from cetl_cli.services.review import Item, Run


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def intro(out: Out, st: rv.Status, session_cards: int) -> None:
    parts = [f"{_plural(len(st.due), 'card')} due ({st.due_questions} questions, {st.due_concepts} key concepts)"]
    if st.new:
        parts.append(f"{st.new_today} new key concepts today ({len(st.new)} not started yet)")
    out.print(Styled("Review: " + "; ".join(parts) + ".", "bold"))
    if st.exam_date is not None:
        line = f"Exam date {st.exam_date.isoformat()}: no card is scheduled after the day before it"
        out.print(line + ("; these last weeks, the least stable cards come first." if st.final else "."))
    if st.retired:
        out.print(Styled(f"{_plural(st.retired, 'card')} retired: their question or key concept is no longer in "
                         "the curriculum.", "dim"))
    if session_cards < len(st.due) + st.new_today:
        out.print(f"This session: the first {session_cards}.")


def nothing_due(out: Out, st: rv.Status) -> None:
    if st.next_due is not None:
        out.print(f"Nothing is due now; the next card is due {when(st.next_due.isoformat())}.")
    elif not st.cards:
        out.print("Nothing to review yet: a card starts with your first practice answer, and key concepts "
                  "come a few a day.")
    else:
        out.print("Nothing is due now.")
    out.print(Styled("Next: practice with cetl quiz (its answers come back here when they are due)", "cyan"))


def concept(out: Out, item: Item, header: str) -> None:
    c = item.concept
    assert c is not None
    out.print()
    out.print(Styled(header, "bold"))
    out.print(Styled(c.term, "bold"))


def explanation(out: Out, item: Item) -> None:
    c = item.concept
    assert c is not None
    out.print(c.explanation, indent=2)
    out.print(Styled(f"Module {c.module.number}: cetl study module {c.module.number}", "dim"))


def comes_back(out: Out, card: rv.Card, now: dt.datetime, rating: int) -> None:
    """When the card is due again, in words."""
    name = rv.RATING_NAMES[rating]
    if card.due <= now:
        out.print(Styled(f"{name}: asked again at the end of this session.", "yellow"))
        return
    hours = round((card.due - now).total_seconds() / 3600)
    gap = f"in {hours or 1} h" if hours < 22 else f"in {_plural(round(hours / 24), 'day')}"
    out.print(Styled(f"{name}: next review {gap} ({when(card.due.isoformat())[:10]}).", "dim"))


def summary(out: Out, run: Run, stopped: bool) -> None:
    out.print()
    if run.reviewed == 0:
        out.print("Stopped before the first card; nothing was recorded.")
        out.print(Styled("Next: cetl review", "cyan"))
        return
    again = run.ratings.get(rv.AGAIN, 0)
    head = "Stopped" if stopped else "Done"
    out.print(Styled(f"{head}: {_plural(run.reviewed, 'review')}, {run.reviewed - again} right or recalled, "
                     f"{again} again. Every review is kept.", "bold"))
    left = len(run.queue)
    if left:
        out.print(Styled(f"Next: {_plural(left, 'card')} still due: cetl review", "cyan"))
    else:
        out.print(Styled("Next: cetl quiz for new questions, or cetl exam for a mock exam", "cyan"))
