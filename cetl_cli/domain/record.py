"""Record: a small immutable value class, the cheap cousin of a frozen dataclass.

cetl builds the curriculum's classes on every run, and a frozen `@dataclass` costs about a
millisecond to define (it compiles its methods with `exec`), a pydantic model more. A Record
subclass costs microseconds: fields are read from the class annotations, and one generic
`__init__`, `__eq__` and `__repr__` serve every subclass.

    class Todo(Record):
        id: str
        text: str
        minutes: Optional[int] = None

Fields are inherited (base class fields first), may be given by position or keyword, and
those without a default are required. A mutable default (a list) is copied for each record.
Records compare equal when they are the same class with equal fields. `as_json()` gives plain
data and `from_json()` reads it back, guided by the field annotations (this is how the
curriculum cache stores records: data, never code).
"""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any, Callable, ClassVar, Union

_MISSING = object()


class Record:
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = list(cls._fields)
        defaults = dict(cls._defaults)
        for name in cls.__dict__.get("__annotations__", {}):
            if name.startswith("_"):
                continue
            if name not in fields:
                fields.append(name)
            defaults.pop(name, None)  # a field declared again keeps its place, not its default
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                delattr(cls, name)  # the value lives on each record, not on the class
        cls._fields = tuple(fields)
        cls._defaults = defaults

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(self._fields):
            raise TypeError(f"{type(self).__name__} takes at most {len(self._fields)} fields")
        values = dict(zip(self._fields, args))
        for name, value in kwargs.items():
            if name not in self._fields:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            if name in values:
                raise TypeError(f"{type(self).__name__} got {name!r} twice")
            values[name] = value
        d = self.__dict__
        for name in self._fields:
            value = values.get(name, _MISSING)
            if value is _MISSING:
                value = self._defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{type(self).__name__} needs a value for {name!r}")
                if isinstance(value, (list, dict, set)):
                    value = value.copy()
            d[name] = value

    @classmethod
    def trusted(cls, values: dict[str, Any]) -> Record:
        """A record from a dict holding exactly its fields, in order, without checking them:
        for values that were validated already (the loader's), where speed matters."""
        self = object.__new__(cls)
        self.__dict__.update(values)
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        # Like a frozen dataclass: hashable when every field is (a list field raises TypeError).
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Any:
        """A record from `as_json()` data, nested records and dates included. The data is
        trusted to have the record's shape (cetl wrote it); a wrong shape raises TypeError,
        KeyError or ValueError."""
        plan = _PLANS.get(cls)
        if plan is None:
            plan = _PLANS[cls] = _plan(cls)
        self = object.__new__(cls)
        d = self.__dict__
        for name, decode in plan:
            d[name] = decode(data[name])
        return self

    def as_dict(self) -> dict[str, Any]:
        """The fields, in order, as plain Python values (nested records become dicts)."""
        return {k: _plain(v, json=False) for k, v in self.__dict__.items()}

    def as_json(self) -> dict[str, Any]:
        """Like `as_dict`, with dates as YYYY-MM-DD: ready for json.dumps."""
        return {k: _plain(v, json=True) for k, v in self.__dict__.items()}


def _plain(value: Any, json: bool) -> Any:
    if isinstance(value, Record):
        return value.as_json() if json else value.as_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v, json) for v in value]
    if json and isinstance(value, dt.date):
        return value.isoformat()
    return value


# -- reading as_json() data back ------------------------------------------------------------
_PLANS: dict[type, list[tuple[str, Callable[[Any], Any]]]] = {}


def _same(value: Any) -> Any:
    return value


def _plan(cls: type[Record]) -> list[tuple[str, Callable[[Any], Any]]]:
    hints = typing.get_type_hints(cls)
    fields: tuple[str, ...] = cls._fields
    return [(name, _decoder(hints[name])) for name in fields]


def _decoder(tp: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            one = _decoder(inner[0])
            return lambda v: None if v is None else one(v)
        return _same  # e.g. Union[int, float]
    if origin in (list, tuple):
        item = _decoder(args[0]) if args else _same
        if item is _same:
            return list if origin is list else tuple
        if origin is list:
            return lambda v: [item(x) for x in v]
        return lambda v: tuple(item(x) for x in v)
    if origin is dict:
        return dict
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.from_json
    if tp is dt.date:
        return dt.date.fromisoformat
    return _same
