"""Marking To Do exercises done or not done, listing them, and keeping notes on them."""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain.models import Item, Todo
from cetl_cli.domain.record import Record
from cetl_cli.domain.refs import find_item, find_module
from cetl_cli.services.session import Session
from cetl_cli.services.study import NextStep, next_step


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


def todo_list(s: Session, module: Optional[str], open_only: bool) -> list[TodoRow]:
    cur = s.curriculum
    modules = [find_module(cur, module)] if module else cur.modules
    done = s.store.done_todos()
    return [TodoRow(i, t, t.id in done) for m in modules for i, t in zip(cur.todos(m), m.todos)
            if not (open_only and t.id in done)]
