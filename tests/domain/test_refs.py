"""Refs: what people type (`3`, `I.B`, `3.t2`, an id) turned into modules and items."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cetl_cli.domain.errors import NotFoundError, UserInputError
from cetl_cli.domain.refs import SHORT_REF, find_item, find_module


def test_modules_by_number_and_by_skill_area_code_any_case(curriculum):
    assert find_module(curriculum, "3").skill_area == "I.B"
    assert find_module(curriculum, "i.b").number == 3
    assert find_module(curriculum, " III.D ").number == 11


@pytest.mark.parametrize("token, words", [
    ("0", "modules are numbered 1-11"),
    ("99", "There is no module 99"),
    ("IV.A", "neither a module number (1-11) nor a skill-area code (I.A, I.B"),
])
def test_unknown_modules_name_the_valid_choices(curriculum, token, words):
    with pytest.raises(NotFoundError) as info:
        find_module(curriculum, token)
    assert words in str(info.value)


def test_short_refs_and_ids_find_the_same_item(curriculum):
    item = find_item(curriculum, "3.t2")
    assert item.module.number == 3 and item.kind == "todo" and item.index == 2
    assert find_item(curriculum, item.id) == item
    assert find_item(curriculum, "3.T2") == item
    assert find_item(curriculum, "3.r1", kind="reflection").kind == "reflection"


def test_ref_of_the_wrong_kind_is_refused(curriculum):
    with pytest.raises(UserInputError, match="3.r1 is a reflection question, not a to-do"):
        find_item(curriculum, "3.r1", kind="todo")
    todo_id = curriculum.modules[2].todos[0].id
    with pytest.raises(NotFoundError):
        find_item(curriculum, todo_id, kind="reflection")


def test_out_of_range_ref_says_what_exists(curriculum):
    with pytest.raises(NotFoundError, match=r"Module 3 has 6 to-dos \(3.t1-3.t6\), so there is no 3.t9"):
        find_item(curriculum, "3.t9")


def test_every_item_ref_round_trips(curriculum):
    for item in curriculum.items.values():
        assert find_item(curriculum, item.ref) == item
        assert find_item(curriculum, item.id) == item


@given(st.text(max_size=20))
def test_any_text_resolves_or_raises_a_user_error(text):
    cur = _cached()
    try:
        item = find_item(cur, text)
    except UserInputError as err:
        assert str(err)
    else:
        assert item.id == text.strip() or SHORT_REF.match(text.strip())


_CACHE = {}


def _cached():
    from cetl_cli.content.loader import load_curriculum

    if "c" not in _CACHE:
        _CACHE["c"] = load_curriculum()
    return _CACHE["c"]
