"""Properties of the shipped question bank as a whole (issue 5): enough questions in every
skill area, answers spread over A-D, the right answer not given away by its length, no
"all/none of the above", unique ids and stems."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from cetl_cli.content.loader import default_curriculum_dir
from cetl_cli.content.questions import load_questions
from cetl_cli.domain.questions import LETTERS
from cetl_cli.domain.quiz import exam_counts

MIN_PER_AREA = 15


@pytest.fixture(scope="module")
def bank(curriculum):
    return load_questions(default_curriculum_dir(), curriculum.areas)


def test_every_skill_area_has_at_least_15_questions(bank, curriculum):
    have = Counter(q.skill_area for q in bank)
    short = {code: have[code] for code in curriculum.areas if have[code] < MIN_PER_AREA}
    assert not short, f"skill areas with fewer than {MIN_PER_AREA} questions: {short}"
    # and so a mock exam can always be drawn
    assert all(have[code] >= need for code, need in exam_counts(curriculum.framework).items())


def test_no_answer_position_holds_more_than_35_percent(bank):
    positions = Counter(q.answer for q in bank)
    for letter in LETTERS:
        assert positions[letter] <= 0.35 * len(bank), (letter, dict(positions), len(bank))


def test_right_answer_is_the_longest_choice_in_at_most_40_percent(bank):
    def uniquely_longest(q) -> bool:
        lengths = [len(c) for c in q.choices]
        right = lengths[LETTERS.index(q.answer)]
        return all(right > n for i, n in enumerate(lengths) if LETTERS[i] != q.answer)

    longest = [q.id for q in bank if uniquely_longest(q)]
    assert len(longest) <= 0.40 * len(bank), f"{len(longest)} of {len(bank)}: {longest}"


ABOVE = re.compile(r"\b(all|none|both|neither)\s+of\s+the\s+(above|preceding|options|choices)\b", re.I)


def test_no_all_or_none_of_the_above(bank):
    bad = [(q.id, c) for q in bank for c in q.choices if ABOVE.search(c)]
    assert not bad


def test_ids_and_stems_are_unique(bank):
    ids = Counter(q.id for q in bank)
    assert [i for i, n in ids.items() if n > 1] == []
    stems = Counter(" ".join(q.stem.casefold().split()) for q in bank)
    assert [s for s, n in stems.items() if n > 1] == []


def test_every_question_explains_itself(bank):
    # the explanation should say more than the answer letter: why it is right and the others not
    thin = [q.id for q in bank if len(q.explanation.split()) < 15]
    assert not thin
