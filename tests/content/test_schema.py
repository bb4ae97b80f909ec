"""Each content type is declared once (a domain Record); the pydantic schema is derived from it.
Record behaves like a frozen dataclass and reads its own JSON back."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from cetl_cli.content.schema import check, model_for
from cetl_cli.domain import models, rules
from cetl_cli.domain.questions import Question
from cetl_cli.domain.record import Record

RECORDS = [models.Framework, models.Domain, models.SkillArea, models.CoreValue, models.Module, models.Todo,
           models.Reflection, models.KeyConcept, models.Extending, Question, rules.Rules, rules.Route,
           rules.Source, rules.Document, rules.NextSteps, rules.DomainName]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_the_schema_of_every_record_has_its_fields_and_defaults(cls):
    model = model_for(cls)
    assert tuple(model.model_fields) == cls._fields
    required = {n for n, f in model.model_fields.items() if f.is_required()}
    assert {n for n in cls._fields if n not in cls._defaults} == required
    for name, default in cls._defaults.items():
        assert model.model_fields[name].default == default, name


def test_rules_in_the_annotations_are_enforced():
    with pytest.raises(ValidationError, match="should match pattern"):
        check(models.Todo, {"id": "Not A Slug", "text": "x"})
    with pytest.raises(ValidationError):
        check(models.Todo, {"id": "ok", "text": "   "})  # TEXT: not empty after stripping
    with pytest.raises(ValidationError, match="less than or equal to 10000"):
        check(models.Todo, {"id": "ok", "text": "x", "minutes": 10_001})
    with pytest.raises(ValidationError, match="in the future"):
        check(models.KeyConcept, {"term": "t", "explanation": "e", "as_of": dt.date.today() + dt.timedelta(days=1)})
    with pytest.raises(ValidationError, match="at least 1"):
        check(models.Domain, {"code": "I", "name": "One", "weight": 100, "skill_areas": []})
    with pytest.raises(ValidationError, match="are the same"):
        check(Question, {"id": "q", "skill_area": "I.A", "stem": "s", "choices": ["a", "b", "A ", "d"],
                         "answer": "A", "explanation": "e", "difficulty": 1})
    with pytest.raises(ValidationError, match="Extra inputs"):
        check(models.Reflection, {"id": "r", "prompt": "p", "promt": "typo"})


def test_checked_data_becomes_records_and_text_is_reflowed():
    fw = check(models.Framework, {"name": "Chapter", "domains": [
        {"code": "I", "name": "One", "weight": 100,
         "skill_areas": [{"code": "I.A", "name": "A", "weight": 100, "description": "two\nlines"}]}]})
    assert type(fw) is models.Framework and type(fw.domains[0].skill_areas[0]) is models.SkillArea
    assert fw.domains[0].skill_areas[0].description == "two lines"


def test_the_loaded_curriculum_round_trips_through_its_json(curriculum):
    again = models.Curriculum.from_data(curriculum.to_data())
    assert again == curriculum
    dated = next(c for m in again.modules for c in m.key_concepts if c.as_of)
    assert isinstance(dated.as_of, dt.date)
    assert type(again.modules[2].todos[0]) is models.Todo


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


def test_records_hash_like_frozen_dataclasses_and_read_their_json_back():
    assert hash(Point(1, 2, None)) == hash(Point(1, 2, None))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hash(Point(1))  # a list field is not hashable
    p = Point3(1, 2, ["a"], 3)
    assert Point3.from_json(p.as_json()) == p
    assert repr(p) == "Point3(x=1, y=2, tags=['a'], z=3)"


def test_trusted_records_equal_checked_ones():
    assert Point.trusted({"x": 1, "y": 2, "tags": []}) == Point(1, 2, [])
    with pytest.raises(AttributeError, match="immutable"):
        Point.trusted({"x": 1, "y": 2, "tags": []}).x = 3
