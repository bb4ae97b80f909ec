"""The curriculum as cetl uses it: plain immutable records, and the Curriculum with its indexes.

These classes carry no validation: the loader checks the YAML against cetl_cli/domain/schema.py
(pydantic) and then copies it into these. They are Records (cetl_cli/domain/record.py) rather
than pydantic models or frozen dataclasses because they are built on every run, and pickled in
the curriculum cache; see BENCHMARKS.md for what that saves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal, Optional, Union

from cetl_cli.domain.record import Record

# The pydantic building blocks live in schema.py. Schema code written against the older
# models.py (`from cetl_cli.domain.models import Dated, Strict, Text`) still works: those names
# are fetched from schema.py, loading pydantic, only when asked for.
_SCHEMA_NAMES = ("Strict", "Dated", "Text", "Slug", "AreaCode", "DomainCode", "Weight", "reflow")


def __getattr__(name: str):
    if name in _SCHEMA_NAMES:
        from cetl_cli.domain import schema

        return getattr(schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Checked(Record):
    """A curriculum record: its class has a same-named twin in schema.py that checks it."""

    @classmethod
    def model_validate(cls, data: dict):
        """Check `data` against the schema twin (this loads pydantic) and return the record;
        raises pydantic's ValidationError, like the schema class itself."""
        from cetl_cli.domain import schema

        return schema.to_model(getattr(schema, cls.__name__).model_validate(data))

    def model_dump(self, mode: str = "python") -> dict:
        """The fields as plain values, as pydantic's model_dump would give them."""
        return self.as_json() if mode == "json" else self.as_dict()


class DatedRecord(Checked):
    """Optional provenance for anything that can go out of date (schema.Dated's twin)."""

    as_of: Optional[dt.date] = None
    source: Optional[str] = None


class CoreValue(Checked):
    name: str
    description: str


class SkillArea(Checked):
    code: str
    name: str
    weight: Union[int, float]
    description: str


class Domain(Checked):
    code: str
    name: str
    weight: Union[int, float]
    skill_areas: list[SkillArea]


class Framework(DatedRecord):
    name: str
    publisher: Optional[str] = None
    core_values: list[CoreValue] = []
    domains: list[Domain]


class KeyConcept(DatedRecord):
    term: str
    explanation: str


class Todo(DatedRecord):
    id: str
    text: str
    minutes: Optional[int] = None


class Reflection(DatedRecord):
    id: str
    prompt: str


class Extending(DatedRecord):
    title: str
    source: str  # the publisher
    note: str
    url: Optional[str] = None


class Module(Checked):
    number: int
    id: str
    title: str
    skill_area: Optional[str]
    summary: str
    objectives: list[str] = []
    key_concepts: list[KeyConcept] = []
    todos: list[Todo]
    reflections: list[Reflection]
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

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_items": None}

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
