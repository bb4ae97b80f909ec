"""The YAML schema, derived from the domain's records: pydantic validators built on demand.

Each content type is declared once, as a Record with annotated fields (cetl_cli/domain/models.py,
questions.py, rules.py). `model_for(Record class)` builds the pydantic model that checks a file
against those annotations: the markers of cetl_cli/domain/fields.py become string constraints,
patterns and limits, nested records become nested models. `check(Record class, data)` validates
and returns records. Only the loader imports this module, so a run that reads the curriculum
from its cache never loads pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from typing import Annotated, Any, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, create_model

from cetl_cli.domain.fields import Rule
from cetl_cli.domain.record import Record

MAX_TEXT = 20_000  # characters in one text field of a curriculum file


def reflow(text: str) -> str:
    """Join the lines of each paragraph, so YAML block scalars wrap to the reader's screen."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _not_in_future(value: Optional[dt.date]) -> Optional[dt.date]:
    if value is not None and value > dt.date.today():
        raise ValueError(f"date {value.isoformat()} is in the future")
    return value


def _four_distinct(value: list[str]) -> list[str]:
    if len(value) != 4:
        raise ValueError(f"needs exactly 4 choices (shown as A-D), found {len(value)}")
    seen: dict[str, int] = {}
    for i, choice in enumerate(value):
        key = " ".join(choice.casefold().split())
        if key in seen:
            raise ValueError(f"choices {'ABCD'[seen[key]]} and {'ABCD'[i]} are the same; "
                             "each choice must be different")
        seen[key] = i
    return value


_PATTERNS = {
    "slug": r"^[a-z0-9][a-z0-9-]*$",
    "area": r"^[IVX]+\.[A-Z]$",
    "domain": r"^[IVX]+$",
    "url": r"^https?://\S+$",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _for_rule(base: Any, rule: Rule) -> list[Any]:
    """The pydantic metadata for one marker on a field of type `base`."""
    meta: list[Any] = []
    if rule.kind == "text":
        meta += [StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
                 AfterValidator(reflow)]
    elif rule.kind in _PATTERNS:
        meta.append(StringConstraints(pattern=_PATTERNS[rule.kind], max_length=80 if rule.kind != "url" else 2000))
    elif rule.kind == "past":
        meta.append(AfterValidator(_not_in_future))
    elif rule.kind == "choices":
        meta.append(AfterValidator(_four_distinct))
    if rule.limits:
        meta.insert(0, Field(**rule.limits))
    return meta


def _convert(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Annotated:
        base, *marks = args
        inner = [a for a in typing.get_args(base) if a is not type(None)]
        if typing.get_origin(base) is Union and len(inner) == 1:
            # Optional[X] with rules: the rules apply to X; None stays allowed.
            return Optional[_convert(Annotated[(inner[0], *marks)])]
        meta = [m for mark in marks if isinstance(mark, Rule) for m in _for_rule(base, mark)]
        converted = _convert(base)
        return Annotated[(converted, *meta)] if meta else converted
    if origin is Union:
        return Union[tuple(_convert(a) for a in args)]
    if origin is list:
        return list[_convert(args[0])]  # type: ignore[misc]
    if isinstance(tp, type) and issubclass(tp, Record):
        return model_for(tp)
    return tp


_MODELS: dict[type, type[BaseModel]] = {}


def model_for(cls: type[Record]) -> type[BaseModel]:
    """The pydantic model that checks data for the record class `cls`."""
    model = _MODELS.get(cls)
    if model is None:
        hints = typing.get_type_hints(cls, include_extras=True)
        fields: dict[str, Any] = {}
        for name in cls._fields:
            default = cls._defaults.get(name, ...)
            fields[name] = (_convert(hints[name]), default)
        model = create_model(cls.__name__, __base__=Strict, **fields)
        _MODELS[cls] = model
    return model


def to_record(cls: type[Record], value: Any) -> Any:
    """A validated pydantic object as the record class it was built for (nested records too)."""
    hints = typing.get_type_hints(cls)
    values = {name: _to_plain(hints[name], getattr(value, name)) for name in cls._fields}
    return cls.trusted(values)


def _to_plain(tp: Any, v: Any) -> Any:
    if isinstance(v, BaseModel):
        record = _record_type(tp)
        return to_record(record, v)
    if isinstance(v, list):
        item = typing.get_args(_strip_optional(tp))
        return [_to_plain(item[0] if item else Any, x) for x in v]
    return v


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) is Union:
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(inner) == 1:
            return inner[0]
    return tp


def _record_type(tp: Any) -> type[Record]:
    tp = _strip_optional(tp)
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp
    raise TypeError(f"not a record type: {tp!r}")


def check(cls: type[Record], data: Any) -> Any:
    """Validate `data` against the record class `cls`; raises pydantic's ValidationError."""
    return to_record(cls, model_for(cls).model_validate(data))
