"""Turn what a user typed (`3`, `I.B`, `3.t2`, `sp-gap-analysis`) into curriculum objects."""

from __future__ import annotations

import re

from cetl_cli.domain.errors import NotFoundError, UserInputError, shorten
from cetl_cli.domain.models import Curriculum, Item, Kind, Module

SHORT_REF = re.compile(r"^(\d{1,6})\.([tr])(\d{1,6})$", re.IGNORECASE | re.ASCII)


def find_module(curriculum: Curriculum, token: str) -> Module:
    """A module by number (`3`) or by skill-area code (`I.B`, any case)."""
    text = str(token).strip()
    last = len(curriculum.modules)
    if text.isascii() and text.isdigit() and len(text) <= 6:
        number = int(text)
        if 1 <= number <= last:
            return curriculum.modules[number - 1]
        raise NotFoundError(
            f"There is no module {shorten(text)}: modules are numbered 1-{last}. Run 'cetl modules' to list them."
        )
    code = text.upper()
    for module in curriculum.modules:
        if module.skill_area == code:
            return module
    codes = ", ".join(m.skill_area for m in curriculum.modules if m.skill_area)
    raise NotFoundError(
        f"{shorten(text)!r} is neither a module number (1-{last}) nor a skill-area code ({codes})."
    )


def find_item(curriculum: Curriculum, token: str, kind: Kind | None = None) -> Item:
    """An item by short ref (`3.t2`, `3.r1`) or by its id; `kind` restricts what is accepted."""
    text = str(token).strip()
    what = {"todo": "to-do", "reflection": "reflection question", None: "item"}[kind]
    example = {"todo": "3.t2 (module 3, to-do 2)", "reflection": "3.r1 (module 3, reflection 1)",
               None: "3.t2 (module 3, to-do 2)"}[kind]
    match = SHORT_REF.match(text)
    if match:
        number, letter, index = int(match.group(1)), match.group(2).lower(), int(match.group(3))
        found_kind: Kind = "todo" if letter == "t" else "reflection"
        if kind is not None and found_kind != kind:
            raise UserInputError(
                f"{text} is a {'to-do' if found_kind == 'todo' else 'reflection question'}, "
                f"not a {what}: use a ref like {example}."
            )
        module = find_module(curriculum, str(number))
        items = curriculum.todos(module) if found_kind == "todo" else curriculum.reflections(module)
        if 1 <= index <= len(items):
            return items[index - 1]
        plural = "to-dos" if found_kind == "todo" else "reflection questions"
        raise NotFoundError(
            f"Module {number} has {len(items)} {plural} ({items[0].ref}-{items[-1].ref}), so "
            f"there is no {text}. Run 'cetl study module {number}' to see them."
        )
    item = curriculum.items.get(text)
    if item is not None and (kind is None or item.kind == kind):
        return item
    raise NotFoundError(
        f"Unknown {what} {shorten(text)!r}: use a ref like {example} or an item id. "
        f"Run 'cetl {'todo list' if kind != 'reflection' else 'reflections'}' to list them."
    )
