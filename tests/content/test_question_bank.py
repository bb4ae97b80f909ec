"""The shipped question bank as a whole (issue 10): enough items for three mock exams that never
repeat, answer positions balanced, no length or wording cues, mostly scenarios, no letters in
explanations, no "all/none of the above", unique ids and stems."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from cetl_cli.content import default_curriculum_dir
from cetl_cli.content.questions import load_questions
from cetl_cli.domain.questions import LETTERS
from cetl_cli.domain.quiz import exam_counts

EXAMS_WITHOUT_REPEATS = 3


@pytest.fixture(scope="module")
def bank(curriculum):
    return load_questions(default_curriculum_dir(), curriculum.areas)


def test_every_area_has_three_times_its_exam_share(bank, curriculum):
    have = Counter(q.skill_area for q in bank)
    need = {code: EXAMS_WITHOUT_REPEATS * n for code, n in exam_counts(curriculum.framework).items()}
    assert need == {"I.A": 45, "I.B": 45, "I.C": 30, "II.A": 36, "II.B": 27, "II.C": 27,
                    "III.A": 27, "III.B": 21, "III.C": 21, "III.D": 21}
    short = {code: (have[code], n) for code, n in need.items() if have[code] < n}
    assert not short, f"areas below 3x the blueprint (have, need): {short}"
    assert len(bank) >= 300


def test_answer_positions_are_balanced(bank):
    positions = Counter(q.answer for q in bank)
    for letter in LETTERS:
        assert 0.20 * len(bank) <= positions[letter] <= 0.30 * len(bank), dict(positions)


def strictly(q, pick) -> bool:
    lengths = [len(c) for c in q.choices]
    key = lengths[LETTERS.index(q.answer)]
    others = [n for i, n in enumerate(lengths) if LETTERS[i] != q.answer]
    return all(pick(key, n) for n in others)


def test_the_key_is_rarely_the_longest_or_the_shortest_option(bank):
    longest = [q.id for q in bank if strictly(q, lambda k, n: k > n)]
    shortest = [q.id for q in bank if strictly(q, lambda k, n: k < n)]
    assert len(longest) <= 0.30 * len(bank), f"{len(longest)} of {len(bank)}: {longest}"
    assert len(shortest) <= 0.35 * len(bank), f"{len(shortest)} of {len(bank)}: {shortest}"


LETTER_REF = re.compile(r"\b(choice|option|answer)s?\s+\(?[A-D]\)?(?![\w-])|\([A-D]\)", re.I)


def test_explanations_never_name_a_letter(bank):
    bad = [(q.id, m.group()) for q in bank if (m := LETTER_REF.search(q.explanation))]
    assert not bad


ABOVE = re.compile(r"\b(all|none|both|neither)\s+of\s+the\s+(above|preceding|options|choices)\b", re.I)


def test_no_all_or_none_of_the_above(bank):
    assert not [(q.id, c) for q in bank for c in q.choices if ABOVE.search(c)]


def test_ids_and_stems_are_unique(bank):
    ids = Counter(q.id for q in bank)
    assert [i for i, n in ids.items() if n > 1] == []
    stems = Counter(" ".join(q.stem.casefold().split()) for q in bank)
    assert [s for s, n in stems.items() if n > 1] == []


def test_most_items_are_scenarios_and_difficulty_is_spread(bank):
    kinds = Counter(q.kind for q in bank)
    assert kinds[None] == 0, "every item says whether it is a scenario or recall"
    assert kinds["scenario"] >= 0.70 * len(bank), dict(kinds)
    levels = Counter(q.difficulty for q in bank)
    assert all(levels[d] >= 0.15 * len(bank) for d in (1, 2, 3)), dict(levels)


def test_every_question_explains_itself(bank):
    thin = [q.id for q in bank if len(q.explanation.split()) < 25]
    assert not thin


def test_dated_facts_carry_their_source(bank):
    assert not [q.id for q in bank if q.as_of and not q.source]
