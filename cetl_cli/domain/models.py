"""The curriculum schema (pydantic v2) and the in-memory Curriculum with its indexes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator



def reflow(text: str) -> str:
    """Join the lines of each paragraph, so YAML block scalars wrap to the reader's screen."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(reflow)]
Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
]
AreaCode = Annotated[str, StringConstraints(pattern=r"^[IVX]+\.[A-Z]$")]
DomainCode = Annotated[str, StringConstraints(pattern=r"^[IVX]+$")]
Weight = Annotated[Union[int, float], Field(gt=0, le=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dated(Strict):
    """Optional provenance for anything that can go out of date."""

    as_of: Optional[dt.date] = None
    source: Optional[Text] = None

    @field_validator("as_of")
    @classmethod
    def _not_in_future(cls, value: Optional[dt.date]) -> Optional[dt.date]:
        if value is not None and value > dt.date.today():
            raise ValueError(f"date {value.isoformat()} is in the future")
        return value


class CoreValue(Strict):
    name: Text
    description: Text


class SkillArea(Strict):
    code: AreaCode
    name: Text
    weight: Weight
    description: Text


class Domain(Strict):
    code: DomainCode
    name: Text
    weight: Weight
    skill_areas: list[SkillArea] = Field(min_length=1)


class Framework(Dated):
    name: Text
    publisher: Optional[Text] = None
    core_values: list[CoreValue] = []
    domains: list[Domain] = Field(min_length=1)


class KeyConcept(Dated):
    term: Text
    explanation: Text


class Todo(Dated):
    id: Slug
    text: Text
    minutes: Optional[Annotated[int, Field(gt=0, le=10_000)]] = None


class Reflection(Dated):
    id: Slug
    prompt: Text


class Extending(Dated):
    title: Text
    source: Text  # the publisher
    note: Text
    url: Optional[Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]] = None


class Module(Strict):
    number: Annotated[int, Field(ge=1)]
    id: Slug
    title: Text
    skill_area: Optional[AreaCode]
    summary: Text
    objectives: list[Text] = []
    key_concepts: list[KeyConcept] = []
    todos: list[Todo] = Field(min_length=1)
    reflections: list[Reflection] = Field(min_length=1)
    extending: list[Extending] = []


Kind = Literal["todo", "reflection"]


@dataclass(frozen=True)
class Item:
    """A to-do or a reflection question, located in its module."""

    module: Module
    kind: Kind
    index: int  # 1-based position within its list
    id: str
    text: str

    @property
    def ref(self) -> str:
        return f"{self.module.number}.{'t' if self.kind == 'todo' else 'r'}{self.index}"


@dataclass
class Curriculum:
    framework: Framework
    modules: list[Module]
    source_dir: Path
    areas: dict[str, SkillArea] = field(default_factory=dict)
    area_domain: dict[str, Domain] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for domain in self.framework.domains:
            for area in domain.skill_areas:
                self.areas[area.code] = area
                self.area_domain[area.code] = domain
        for module in self.modules:
            for item in module_items(module):
                self.items.setdefault(item.id, item)

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
