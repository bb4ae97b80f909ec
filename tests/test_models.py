"""The plain curriculum classes (models.py) match the schema (schema.py); Record behaves like a
frozen dataclass."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from pydantic import BaseModel

from cetl_cli.domain import models, schema
from cetl_cli.domain.record import Record


def schema_classes():
    return [c for c in vars(schema).values()
            if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == schema.__name__
            and c.__name__ not in ("Strict", "Dated")]  # bases; Dated's twin is DatedRecord


@pytest.mark.parametrize("cls", schema_classes(), ids=lambda c: c.__name__)
def test_every_schema_class_has_a_plain_twin_with_the_same_fields(cls):
    twin = getattr(models, cls.__name__)
    assert issubclass(twin, Record)
    assert twin._fields == tuple(cls.model_fields), cls.__name__
    required = {n for n, f in cls.model_fields.items() if f.is_required()}
    assert {n for n in twin._fields if n not in twin._defaults} == required, cls.__name__
    for name in twin._defaults:
        assert twin._defaults[name] == cls.model_fields[name].default, (cls.__name__, name)


def test_dated_records_have_the_schemas_provenance_fields():
    assert models.DatedRecord._fields == tuple(schema.Dated.model_fields)
    assert models.Dated is schema.Dated  # old imports of the pydantic base keep working


def test_the_loaded_curriculum_is_plain_and_its_json_is_the_schemas(curriculum):
    module = curriculum.modules[2]
    assert type(module) is models.Module and type(module.todos[0]) is models.Todo
    dated = next(c for m in curriculum.modules for c in m.key_concepts if c.as_of)
    assert isinstance(dated.as_of, dt.date)
    again = schema.KeyConcept.model_validate(dated.as_dict())
    assert dated.as_json() == again.model_dump(mode="json")


class Point(Record):
    x: int
    y: int = 0
    tags: list[str] = []


class Point3(Point):
    z: int = 0


def test_record_fields_positions_defaults_and_errors():
    assert Point(1) == Point(x=1, y=0) == Point(1, 0, [])
    assert Point3(1, 2, ["a"], 3).as_dict() == {"x": 1, "y": 2, "tags": ["a"], "z": 3}
    assert Point(1) != Point3(1)  # a different class is never equal
    with pytest.raises(TypeError, match="needs a value for 'x'"):
        Point()
    with pytest.raises(TypeError, match="has no field 'w'"):
        Point(1, w=2)
    with pytest.raises(TypeError, match="got 'x' twice"):
        Point(1, x=2)
    with pytest.raises(TypeError, match="at most 3"):
        Point(1, 2, [], 4)


def test_records_are_immutable_and_mutable_defaults_are_not_shared():
    p = Point(1)
    with pytest.raises(AttributeError, match="immutable"):
        p.x = 2
    with pytest.raises(AttributeError, match="immutable"):
        del p.y
    p.tags.append("mine")
    assert Point(1).tags == []


def test_records_hash_like_frozen_dataclasses_and_pickle_back_equal():
    assert hash(Point(1, 2, None)) == hash(Point(1, 2, None))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hash(Point(1))  # a list field is not hashable
    p = Point3(1, 2, ["a"], 3)
    assert pickle.loads(pickle.dumps(p)) == p
    assert repr(p) == "Point3(x=1, y=2, tags=['a'], z=3)"


def test_trusted_records_equal_checked_ones():
    assert Point.trusted({"x": 1, "y": 2, "tags": []}) == Point(1, 2, [])
    with pytest.raises(AttributeError, match="immutable"):
        Point.trusted({"x": 1, "y": 2, "tags": []}).x = 3


def test_records_can_be_checked_and_dumped_like_the_schema_classes(curriculum):
    from pydantic import ValidationError

    fw = models.Framework.model_validate({"name": "Chapter", "domains": [
        {"code": "I", "name": "One", "weight": 100,
         "skill_areas": [{"code": "I.A", "name": "A", "weight": 100, "description": "d"}]}]})
    assert type(fw) is models.Framework and type(fw.domains[0].skill_areas[0]) is models.SkillArea
    with pytest.raises(ValidationError):
        models.Todo.model_validate({"id": "Not A Slug", "text": "x"})
    todo = curriculum.modules[2].todos[0]
    assert todo.model_dump(mode="json") == schema.Todo.model_validate(todo.as_dict()).model_dump(mode="json")
