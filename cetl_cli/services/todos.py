"""Marking To Do exercises done or not done, listing them, and keeping notes on them."""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.models import Item, Todo
from cetl_cli.domain.record import Record
from cetl_cli.domain.refs import find_item, find_module
from cetl_cli.services.session import Session
from cetl_cli.services.study import NextStep, next_step
from cetl_cli.store.rows import TodoNote

MAX_NOTE = 4_000  # characters in one note


class Marked(Record):
    items: list[Item]
    changed: set[str]
    next_step: Optional[NextStep]


def mark(s: Session, refs: list[str], done: bool) -> Marked:
    cur = s.curriculum
    # Resolve every ref before writing anything: one bad ref changes nothing.
    items = [find_item(cur, r, kind="todo") for r in refs]
    changed = s.store.set_todos([i.id for i in items], done=done)
    d, answered = s.progress_sets()
    return Marked(items, set(changed), next_step(cur, d, answered))


class TodoRow(Record):
    item: Item
    todo: Todo
    done: bool
    notes: list[TodoNote] = []


def todo_list(s: Session, module: Optional[str], open_only: bool) -> list[TodoRow]:
    cur = s.curriculum
    modules = [find_module(cur, module)] if module else cur.modules
    done = s.store.done_todos()
    notes = s.store.todo_notes()
    return [TodoRow(i, t, t.id in done, notes.get(t.id, [])) for m in modules for i, t in zip(cur.todos(m), m.todos)
            if not (open_only and t.id in done)]


class Noted(Record):
    item: Item
    notes: list[TodoNote]  # every note on the to-do, the new one last
    done: bool


def add_note(s: Session, ref: str, text: str) -> Noted:
    """Add a dated note to a to-do (an artifact link, a remark); notes are kept in order."""
    item = find_item(s.curriculum, ref, kind="todo")
    note = text.strip()
    if not note:
        raise UserInputError(f"The note is empty, so nothing was added to {item.ref}.",
                             f'Example: cetl todo note {item.ref} "Plan draft: https://example.org/plan"')
    if len(note) > MAX_NOTE:
        raise UserInputError(f"The note is {len(note):,} characters long; keep it under {MAX_NOTE:,} "
                             "(link to a longer document instead).")
    s.store.add_todo_note(item.id, note)
    return Noted(item, s.store.todo_notes([item.id]).get(item.id, []), item.id in s.store.done_todos())
