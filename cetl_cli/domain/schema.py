"""The curriculum's YAML schema (pydantic v2): what the loader validates every file against.

Only the loader uses these classes. Once a curriculum has passed, `to_model` copies it into the
plain classes of cetl_cli/domain/models.py, which the rest of cetl uses and the cache stores, so
a normal run never builds a pydantic class. The two sets of classes have the same names and the
same fields (tests/test_models.py checks this); the rules live here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Optional, Union

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
    # defer_build: a class builds its validator on first use, not when it is defined, so
    # importing schema code (and unpickling cached pydantic objects) stays cheap.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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


def to_model(value: Any) -> Any:
    """A validated schema object (or a list of them) as the same-named plain class of models.py."""
    from cetl_cli.domain import models

    twins: dict[type, Any] = {}

    def convert(v: Any) -> Any:
        if isinstance(v, BaseModel):
            cls = twins.get(type(v))
            if cls is None:
                cls = twins[type(v)] = getattr(models, type(v).__name__)
            # Validated, complete and in field order (tests/test_models.py checks the twins).
            return cls.trusted({k: convert(x) for k, x in v.__dict__.items()})
        if isinstance(v, list):
            return [convert(x) for x in v]
        return v

    return convert(value)
