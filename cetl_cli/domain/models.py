"""The curriculum as cetl uses it: plain immutable records, and the Curriculum with its indexes.

Each type is declared here once. Its field annotations carry the rules a valid file must meet
(cetl_cli/domain/fields.py); cetl_cli/content/schema.py derives the pydantic validators from
them, and the loader turns a checked file into these records. A normal run, which reads the
curriculum from the cache, never builds a pydantic class.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from cetl_cli.domain.fields import NOT_EMPTY, PAST, AreaCode, DomainCode, Slug, Text, Url, Weight, between
from cetl_cli.domain.record import Record


class Dated(Record):
    """Optional provenance for anything that can go out of date."""

    as_of: Annotated[Optional[dt.date], PAST] = None
    source: Optional[Text] = None


class CoreValue(Record):
    name: Text
    description: Text


class SkillArea(Record):
    code: AreaCode
    name: Text
    weight: Weight
    description: Text


class Domain(Record):
    code: DomainCode
    name: Text
    weight: Weight
    skill_areas: Annotated[list[SkillArea], NOT_EMPTY]


class Framework(Dated):
    name: Text
    publisher: Optional[Text] = None
    core_values: list[CoreValue] = []
    domains: Annotated[list[Domain], NOT_EMPTY]


class KeyConcept(Dated):
    term: Text
    explanation: Text


class Todo(Dated):
    id: Slug
    text: Text
    minutes: Annotated[Optional[int], between(1, 10_000)] = None


class Reflection(Dated):
    id: Slug
    prompt: Text


class Extending(Dated):
    title: Text
    source: Text  # the publisher
    note: Text
    url: Optional[Url] = None


class Module(Record):
    number: Annotated[int, between(1, 999)]
    id: Slug
    title: Text
    skill_area: Optional[AreaCode]
    summary: Text
    objectives: list[Text] = []
    key_concepts: list[KeyConcept] = []
    todos: Annotated[list[Todo], NOT_EMPTY]
    reflections: Annotated[list[Reflection], NOT_EMPTY]
    extending: list[Extending] = []


Kind = Literal["todo", "reflection"]


class Item(Record):
    """A to-do or a reflection question, located in its module."""

    module: Module
    kind: Kind
    index: int  # 1-based position within its list
    id: str
    text: str

    @property
    def ref(self) -> str:
        return f"{self.module.number}.{'t' if self.kind == 'todo' else 'r'}{self.index}"


class Curriculum:
    """A checked curriculum: the framework, the modules in order, and indexes over them."""

    def __init__(self, framework: Framework, modules: list[Module], source_dir: Path) -> None:
        self.framework = framework
        self.modules = modules
        self.source_dir = source_dir
        self.areas: dict[str, SkillArea] = {}
        self.area_domain: dict[str, Domain] = {}
        for domain in framework.domains:
            for area in domain.skill_areas:
                self.areas[area.code] = area
                self.area_domain[area.code] = domain
        self._items: dict[str, Item] | None = None

    @property
    def items(self) -> dict[str, Item]:
        """Every to-do and reflection question by id. Built on first use, and not cached on disk:
        most commands never look an item up by id, and a large curriculum has thousands."""
        if self._items is None:
            items: dict[str, Item] = {}
            for module in self.modules:
                for item in module_items(module):
                    items.setdefault(item.id, item)
            self._items = items
        return self._items

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-ready data (for the curriculum cache); `from_data` reads it back."""
        return {"framework": self.framework.as_json(), "modules": [m.as_json() for m in self.modules],
                "source_dir": str(self.source_dir)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Curriculum:
        return cls(Framework.from_json(data["framework"]),
                   [Module.from_json(m) for m in data["modules"]], Path(data["source_dir"]))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Curriculum):
            return NotImplemented
        return (self.framework, self.modules, self.source_dir) == (other.framework, other.modules, other.source_dir)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Curriculum({self.source_dir}, {len(self.modules)} modules)"

    def todos(self, module: Module) -> list[Item]:
        return [i for i in module_items(module) if i.kind == "todo"]

    def reflections(self, module: Module) -> list[Item]:
        return [i for i in module_items(module) if i.kind == "reflection"]


def module_items(module: Module) -> list[Item]:
    items = [
        Item(module, "todo", n, t.id, t.text) for n, t in enumerate(module.todos, start=1)
    ]
    items += [
        Item(module, "reflection", n, r.id, r.prompt)
        for n, r in enumerate(module.reflections, start=1)
    ]
    return items
