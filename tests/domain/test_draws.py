"""Drawing questions (pure): mock exams that prefer unseen questions, the quiz by exam weight and
weakness, and shuffled choices."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from quizbank import make_curriculum

from cetl_cli.content.questions import load_questions
from cetl_cli.domain import quiz as qz
from cetl_cli.domain.questions import LETTERS, as_shown, in_file, names_a_letter, shuffled_order

WEIGHTS = {"I.A": 15, "I.B": 15, "I.C": 10, "II.A": 12, "II.B": 9, "II.C": 9,
           "III.A": 9, "III.B": 7, "III.C": 7, "III.D": 7}


def bank_of(tmp_path, extra: int = 0):
    """A bank of exactly three exams' worth per area (the blueprint times 3), plus `extra`."""
    folder = make_curriculum(tmp_path / "cur", per_area={a: 3 * n + extra for a, n in WEIGHTS.items()})
    return load_questions(folder)


def run_exams(bank, framework, n):
    seen: dict[str, str] = {}
    exams, repeats = [], []
    for i in range(n):
        drawn = qz.draw_exam(bank, framework, random.Random(i), last_seen=seen)
        repeats.append(qz.repeats(drawn, seen))
        exams.append({q.id for q in drawn})
        assert Counter(q.skill_area for q in drawn) == WEIGHTS and len(drawn) == 100
        seen.update((q.id, f"2026-12-0{i + 1}") for q in drawn)  # the exam's start
    return exams, repeats


def test_three_exams_on_a_bank_of_three_share_no_question_and_the_fourth_repeats(tmp_path, curriculum):
    bank = bank_of(tmp_path)
    assert len(bank) == 300
    exams, repeats = run_exams(bank, curriculum.framework, 4)
    assert repeats == [0, 0, 0, 100]
    assert not exams[0] & exams[1] and not exams[1] & exams[2] and not exams[0] & exams[2]
    assert exams[3] == exams[0]  # the least recently seen come back first


def test_a_bigger_bank_repeats_only_what_it_must(tmp_path, curriculum):
    bank = bank_of(tmp_path, extra=3)  # 330 questions, 3 more per area
    exams, repeats = run_exams(bank, curriculum.framework, 4)
    assert repeats == [0, 0, 0, 70]  # 30 unseen, then 70 of the oldest
    fresh = exams[3] - (exams[0] | exams[1] | exams[2])
    assert len(fresh) == 30 and exams[3] - fresh <= exams[0]  # the repeats are the oldest exam's


def test_without_history_the_draw_is_the_seeds(bank, curriculum):
    a = qz.draw_exam(bank, curriculum.framework, random.Random(3))
    b = qz.draw_exam(bank, curriculum.framework, random.Random(3), last_seen={})
    assert [q.id for q in a] == [q.id for q in b]


def test_a_quiz_without_options_goes_by_exam_weight_unseen_first_and_weak_areas_more(bank, curriculum):
    fw = curriculum.framework
    sel = qz.draw_practice(bank, fw, 100, random.Random(1), {}, {})
    assert Counter(q.skill_area for q in sel.questions) == WEIGHTS  # no history: the exam's weights
    # I.B answered all wrong, everything else all right: I.B gets twice its share
    acc = {a: (10, 10) for a in WEIGHTS} | {"I.B": (0, 10)}
    counts = Counter(q.skill_area for q in qz.draw_practice(bank, fw, 50, random.Random(2), {}, acc).questions)
    assert counts["I.B"] >= 2 * counts["I.A"] - 1 and counts["I.B"] > counts["I.A"]
    # unseen questions first within an area
    seen = {q.id: "2026-12-01" for q in bank if q.skill_area == "III.D" and q.id != "iiid-s03"}
    picked = [q.id for q in qz.draw_practice(bank, fw, 10, random.Random(3), seen, {}).questions
              if q.skill_area == "III.D"]
    assert picked == ["iiid-s03"]


def test_allot_shares_out_and_respects_capacity():
    rng = random.Random(0)
    assert qz.allot({"a": 3, "b": 1}, {"a": 10, "b": 10}, 8, rng) == {"a": 6, "b": 2}
    assert qz.allot({"a": 3, "b": 1}, {"a": 2, "b": 10}, 8, rng) == {"a": 2, "b": 6}
    assert qz.allot({"a": 3, "b": 1}, {"a": 2, "b": 1}, 8, rng) == {"a": 2, "b": 1}


def test_shuffled_orders_are_repeatable_permutations():
    orders = {shuffled_order(f"7:q{i}") for i in range(50)}
    assert all(sorted(o) == list(LETTERS) for o in orders) and len(orders) > 10
    assert shuffled_order("7:q1") == shuffled_order("7:q1")
    for o in orders:
        for letter in LETTERS:
            assert in_file(o, as_shown(o, letter)) == letter
    assert as_shown("CADB", "C") == "A" and in_file("CADB", "B") == "A"


@pytest.mark.parametrize(("text", "names"), [
    ("Choice C is best: a leader at the table shapes priorities.", True),
    ("Option B goes around the superintendent.", True),
    ("The answer (B) ignores the board.", True),
    ("A is wrong because it waits.", True),
    ("A leader who is at the table can shape priorities.", False),
    ("Title IV-A requires consultation; a plan B is not a plan.", False),
])
def test_explanations_that_name_a_letter_are_noticed(text, names):
    assert names_a_letter(text) is names
