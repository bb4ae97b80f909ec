"""The shipped curriculum meets the content standard (issue 4): counts, lengths, no placeholders."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

PLACEHOLDER = re.compile(r"\b(TODO|TBD|lorem|ipsum|example\.(com|org)|XXX|FIXME)\b", re.IGNORECASE)


def words(text: str) -> int:
    return len(text.split())


def all_texts(curriculum):
    for m in curriculum.modules:
        yield f"{m.number}.summary", m.summary
        for i, o in enumerate(m.objectives):
            yield f"{m.number}.objectives[{i}]", o
        for c in m.key_concepts:
            yield f"{m.number}.concept {c.term}", c.explanation
        for t in m.todos:
            yield t.id, t.text
        for r in m.reflections:
            yield r.id, r.prompt
        for e in m.extending:
            yield f"{m.number}.extending {e.title}", e.note


def test_framework_codes_names_and_weights(curriculum):
    fw = curriculum.framework
    assert [(d.code, d.weight) for d in fw.domains] == [("I", 40), ("II", 30), ("III", 30)]
    areas = [(a.code, a.weight) for d in fw.domains for a in d.skill_areas]
    assert areas == [("I.A", 15), ("I.B", 15), ("I.C", 10), ("II.A", 12), ("II.B", 9), ("II.C", 9),
                     ("III.A", 9), ("III.B", 7), ("III.C", 7), ("III.D", 7)]
    assert len(fw.core_values) == 5


def test_every_skill_area_is_covered_by_exactly_one_module(curriculum):
    counts = Counter(m.skill_area for m in curriculum.modules)
    assert counts.pop(None) == 1
    assert set(counts) == set(curriculum.areas) and set(counts.values()) == {1}


@pytest.mark.parametrize("number", range(1, 12))
def test_module_meets_the_counts(curriculum, number):
    m = curriculum.modules[number - 1]
    assert 150 <= words(m.summary) <= 300, words(m.summary)
    assert len(m.objectives) >= 4
    assert len(m.key_concepts) >= 8
    for c in m.key_concepts:
        assert 40 <= words(c.explanation) <= 120, (c.term, words(c.explanation))
    assert len(m.todos) >= 6 and all(t.minutes for t in m.todos)
    assert len(m.reflections) >= 6
    assert len(m.extending) >= 5


def test_no_placeholder_text(curriculum):
    for where, text in all_texts(curriculum):
        assert not PLACEHOLDER.search(text), (where, PLACEHOLDER.search(text).group(0))
    for m in curriculum.modules:
        for e in m.extending:
            assert not (e.url and PLACEHOLDER.search(e.url)), e.url


def test_no_two_items_share_the_same_text(curriculum):
    seen = Counter(text for _, text in all_texts(curriculum))
    assert [t[:60] for t, n in seen.items() if n > 1] == []


def test_dated_facts_have_a_source_and_a_past_date(curriculum):
    today = dt.date.today()
    dated = 0
    for m in curriculum.modules:
        for item in [*m.key_concepts, *m.todos, *m.reflections, *m.extending]:
            if item.as_of:
                dated += 1
                assert item.as_of <= today and item.source, (m.number, item)
    assert dated >= 20  # the curriculum is full of rules and dates; they must carry provenance


def test_item_ids_carry_their_module_prefix(curriculum):
    for m in curriculum.modules:
        prefixes = {i.id.split("-")[0] for i in [*m.todos, *m.reflections]}
        assert len(prefixes) == 1, (m.number, prefixes)
