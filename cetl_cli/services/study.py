"""Reading the course: a module page, the list of modules, and the one next step."""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain import progress as prog
from cetl_cli.domain.models import Curriculum, Item, Module
from cetl_cli.domain.progress import Tally
from cetl_cli.domain.record import Record
from cetl_cli.domain.refs import find_module
from cetl_cli.services.session import Session
from cetl_cli.store.rows import Answer, TodoNote


class NextStep(Record):
    """What to do next, and the command that does it."""

    text: str
    command: str
    item: Optional[Item] = None


class ModulePage(Record):
    curriculum: Curriculum
    module: Module
    done: set[str]
    answered: set[str]
    versions: dict[str, int]
    latest: dict[str, Answer]
    tally: Tally
    next_step: Optional[NextStep]
    notes: dict[str, list[TodoNote]] = {}  # to-do id -> its notes


def next_step(cur: Curriculum, done: set[str], answered: set[str]) -> Optional[NextStep]:
    """The first open to-do or unanswered reflection of the first unfinished module."""
    module = prog.current_module(cur, done, answered)
    if module is None:
        return None
    item = prog.next_item(cur, module, done, answered)
    if item is None:  # pragma: no cover - current_module only returns modules with work left
        return None
    if item.kind == "todo":
        return NextStep(f"To-do {item.ref}", f"cetl todo done {item.ref}", item)
    return NextStep(f"Reflection question {item.ref}", f"cetl reflect {item.ref}", item)


def current_module(s: Session) -> Module:
    done, answered = s.progress_sets()
    return prog.current_module(s.curriculum, done, answered) or s.curriculum.modules[0]


def module_page(s: Session, token: str) -> ModulePage:
    cur = s.curriculum
    module = find_module(cur, token)
    done, answered = s.progress_sets()
    latest = {r.id: a for r in module.reflections if (a := s.store.latest_answer(r.id)) is not None}
    # the next step within this module first, else the course's
    item = prog.next_item(cur, module, done, answered)
    if item is not None:
        step: Optional[NextStep] = (NextStep(f"To-do {item.ref}", f"cetl todo done {item.ref}", item)
                                    if item.kind == "todo" else
                                    NextStep(f"Reflection question {item.ref}", f"cetl reflect {item.ref}", item))
    else:
        step = next_step(cur, done, answered)
    return ModulePage(cur, module, done, answered, s.store.answer_counts(), latest,
                      prog.module_tally(cur, module, done, answered), step,
                      s.store.todo_notes([t.id for t in module.todos]))


class ModuleRow(Record):
    module: Module
    tally: Tally


def modules(s: Session) -> list[ModuleRow]:
    cur = s.curriculum
    done, answered = s.progress_sets()
    return [ModuleRow(m, prog.module_tally(cur, m, done, answered)) for m in cur.modules]
