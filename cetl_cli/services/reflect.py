"""Reflection Questions: which one to answer, its draft, saving an answer, its history.

A typed answer is never lost: until the store has committed it, it stays on disk, as a draft in
the database or, when the database cannot be written, as a recovery file in cetl's data folder
(services/recovery.py) that `cetl reflect` offers the next time.
"""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain import progress as prog
from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.models import Item
from cetl_cli.domain.record import Record
from cetl_cli.domain.refs import find_item, find_module
from cetl_cli.services import recovery
from cetl_cli.services.session import Session
from cetl_cli.services.study import NextStep, next_step
from cetl_cli.store.rows import Answer, Draft


def target(s: Session, ref: Optional[str]) -> Optional[Item]:
    """The question named by `ref`, else the next unanswered one; None when all are answered."""
    cur = s.curriculum
    if ref is not None:
        return find_item(cur, ref, kind="reflection")
    done, answered = s.progress_sets()
    return prog.first_unanswered(cur, prog.current_module(cur, done, answered), answered)


class Start(Record):
    """Where writing an answer starts: the draft (or a recovered file), else the latest answer."""

    text: str
    draft: Optional[Draft]
    recovered: list[recovery.Recovered]
    latest: Optional[Answer]


def start(s: Session, item: Item) -> Start:
    draft = s.store.draft(item.id)
    found = recovery.find(item.id)
    latest = s.store.latest_answer(item.id)
    if found:
        text = found[-1].text
    elif draft is not None:
        text = draft.text
    else:
        text = latest.text if latest else ""
    return Start(text, draft, found, latest)


class Saved(Record):
    item: Item
    version: Optional[int]  # None: unchanged from the latest version, so nothing was added
    next_step: Optional[NextStep]
    draft_kept: bool = False  # a draft opened and closed unchanged: it stays a draft


def finish(s: Session, item: Item, begin: Start, text: str) -> Saved:
    """What the editor returned, from where it started: a draft closed unchanged stays a draft
    (nothing is saved), anything else is saved as the next version (see `save`)."""
    if begin.draft is not None and not begin.recovered and text.strip() == begin.draft.text.strip():
        recovery.clear(item.id)  # the editor's file; the draft itself is in the store
        return Saved(item, None, NextStep(f"Reflection question {item.ref}", f"cetl reflect {item.ref}", item),
                     draft_kept=True)
    return save(s, item, text, clear_draft=True)


def save(s: Session, item: Item, text: str, *, clear_draft: bool = True) -> Saved:
    """Save `text` as the next version of the answer (not when it equals the latest version).

    With `clear_draft` (the answer was written from the draft) the draft goes in the same
    transaction; otherwise an unrelated draft is kept. If the store cannot take the answer, it
    is written to a recovery file first, and the StoreError goes on to the caller.
    """
    answer = text.strip()
    if not answer:
        raise UserInputError(f"The answer is empty, so nothing was saved for {item.ref}.")
    latest = s.store.latest_answer(item.id)
    version: Optional[int] = None
    if latest is None or latest.text != answer:
        try:
            version = s.store.add_answer(item.id, answer, clear_draft=clear_draft)
        except Exception:
            recovery.keep(item.id, answer)
            raise
    elif clear_draft:
        s.store.discard_draft(item.id)
    recovery.clear(item.id)
    done, answered = s.progress_sets()
    return Saved(item, version, next_step(s.curriculum, done, answered))


def keep_draft(s: Session, item: Item, text: str) -> str:
    """Keep unfinished text: as the draft in the store, else in a recovery file. Returns where."""
    if not text.strip():
        return "nothing"
    try:
        s.store.save_draft(item.id, text)
    except Exception:
        path = recovery.keep(item.id, text)
        return f"the recovery file {path}"
    return "a draft"


def discard_draft(s: Session, item: Item) -> bool:
    found = bool(recovery.find(item.id))
    recovery.clear(item.id)
    return s.store.discard_draft(item.id) or found


def history(s: Session, item: Item) -> list[Answer]:
    return s.store.answers(item.id)


class ReflectionRow(Record):
    item: Item
    versions: int
    latest: Optional[Answer]


def reflection_list(s: Session, module: Optional[str]) -> list[ReflectionRow]:
    cur = s.curriculum
    modules = [find_module(cur, module)] if module else cur.modules
    counts = s.store.answer_counts()
    latest = {a.item_id: a for a in s.store.all_answers()}
    return [ReflectionRow(i, counts.get(i.id, 0), latest.get(i.id)) for m in modules for i in cur.reflections(m)]
