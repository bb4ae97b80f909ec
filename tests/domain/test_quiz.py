"""`cetl quiz`: choosing questions (pure), and the command driven by a script on stdin."""

from __future__ import annotations

import json
import random

import pytest
import yaml
from quizbank import key_shown, make_curriculum, question, shown_as

from cetl_cli.content.loader import load_curriculum
from cetl_cli.content.schema import check
from cetl_cli.domain import quiz as qz
from cetl_cli.domain.errors import NotFoundError, UserInputError
from cetl_cli.domain.questions import Question, in_file, shuffled_order


def q(code: str, n: int, answer: str = "A") -> Question:
    return check(Question, question(code, n, answer))


def stored():
    from cetl_cli.store import Store

    s = Store.open()
    try:
        return [r.as_dict() for r in s.practice_answers()]
    finally:
        s.close()


# -- choosing questions (pure) ----------------------------------------------------------------
def test_select_filters_by_area_and_is_repeatable_whatever_the_file_order(bank):
    one = qz.select(bank, 5, random.Random(7), area="I.B")
    two = qz.select(list(reversed(bank)), 5, random.Random(7), area="I.B")
    assert [x.id for x in one.questions] == [x.id for x in two.questions]
    assert len(one.questions) == 5 and {x.skill_area for x in one.questions} == {"I.B"}
    assert len(set(x.id for x in one.questions)) == 5
    other = qz.select(bank, 5, random.Random(8), area="I.B")
    assert [x.id for x in other.questions] != [x.id for x in one.questions]
    assert one.available == 16 and not one.short


def test_select_asks_all_when_fewer_match_than_asked(bank):
    sel = qz.select(bank, 50, random.Random(1), area="III.D")
    assert len(sel.questions) == 16 and sel.available == 16 and sel.short


def test_select_only_given_ids_for_missed_questions(bank):
    last = {"ib-s01": False, "ib-s02": True, "ia-s03": False, "gone-q": False}
    missed = qz.missed_ids(last)
    assert missed == {"ib-s01", "ia-s03", "gone-q"}
    sel = qz.select(bank, 10, random.Random(1), only=missed)
    assert sorted(x.id for x in sel.questions) == ["ia-s03", "ib-s01"]
    sel = qz.select(bank, 10, random.Random(1), area="I.B", only=missed)
    assert [x.id for x in sel.questions] == ["ib-s01"]


def test_area_and_module_tokens(folder):
    cur = load_curriculum(folder)
    assert qz.find_area(cur, " ii.a ") == "II.A"
    with pytest.raises(NotFoundError, match=r"Unknown skill area 'IV.A': valid codes are I.A, I.B, I.C, II.A"):
        qz.find_area(cur, "IV.A")
    assert qz.module_area(cur, "3") == "I.B"
    assert qz.module_area(cur, "III.d") == "III.D"
    with pytest.raises(UserInputError, match=r"Module 1 \(.*\) has no skill area.*\(2-11\)"):
        qz.module_area(cur, "1")
    with pytest.raises(NotFoundError, match="no module 12"):
        qz.module_area(cur, "12")


def test_score_by_area_and_domain(curriculum):
    asked = [q("I.A", 1, "A"), q("I.A", 2, "B"), q("I.B", 1, "C"), q("III.D", 1, "D")]
    report = qz.score(curriculum.framework, asked, {"ia-s01": "A", "ia-s02": "A", "ib-s01": "C"})
    areas = {a.code: (a.right, a.answered, a.asked) for a in report.areas}
    assert areas == {"I.A": (1, 2, 2), "I.B": (1, 1, 1), "III.D": (0, 0, 1)}
    assert [(d.code, d.right, d.asked, d.percent) for d in report.domains] == [("I", 2, 3, 66.7), ("III", 0, 1, 0.0)]
    o = report.overall
    assert (o.right, o.answered, o.asked, o.unanswered, o.percent) == (2, 3, 4, 1, 50.0)
    # study next: lowest percent first (III.D 0%, I.A 50%); I.B is perfect and left out
    assert [a.code for a in report.study_next()] == ["III.D", "I.A"]


def test_weakest_breaks_ties_by_exam_weight(curriculum):
    practice = qz.accuracy(curriculum.framework, {"III.B": (1, 2), "I.A": (1, 2), "II.A": (3, 3), "I.C": (2, 5)})
    by_code = {s.code: s for s in practice}
    assert by_code["I.B"].asked == 0  # no answers yet
    assert by_code["I.C"].percent == 40.0
    # I.C 40%, then I.A and III.B at 50%: I.A first (weight 15 before 7); II.A at 100% is not weak
    assert [s.code for s in qz.weakest(practice)] == ["I.C", "I.A", "III.B"]
    assert [s.code for s in qz.weakest(practice, limit=1)] == ["I.C"]


# -- the command, driven by a script --------------------------------------------------------
def test_scripted_quiz_runs_to_its_summary_and_counts_in_progress(cetl, folder, bank):
    expected = qz.select(bank, 5, random.Random(1), area="I.B").questions
    letters = ["A", "B", "C", "D", "A"]  # as shown; the choices are shuffled from the seed
    right = sum(key_shown(1, x) == letter for x, letter in zip(expected, letters))
    assert 0 < right < 5  # the synthetic bank and seed 1 give some right answers and some wrong
    r = cetl("--curriculum", str(folder), "quiz", "--area", "I.B", "-n", "5", "--seed", "1", input="A\nB\nC\nD\nA\n")
    assert r.exit_code == 0, r.output
    assert [line.split(" · ")[-1] for line in r.stdout.splitlines() if line.startswith("Question ")] == [
        x.id for x in expected]
    assert f"Done: {right} of 5 right ({100 * right / 5:.0f}%)." in r.stdout
    for x, letter in zip(expected, letters):
        if key_shown(1, x) != letter:  # the key's text starts with its letter in the file
            assert f"Wrong: you chose {letter}. The answer is {key_shown(1, x)}: {x.answer} " in r.stdout
    rows = stored()
    # stored: the file's letter chosen, and the order shown
    orders = [shuffled_order(f"1:{x.id}") for x in expected]
    assert [(row["question_id"], row["choice"], bool(row["correct"]), row["mode"], row["shown"]) for row in rows] == [
        (x.id, in_file(o, letter), key_shown(1, x) == letter, "quiz", o)
        for x, letter, o in zip(expected, letters, orders)]
    assert all(row["seconds"] is not None and row["attempt_id"] is None for row in rows)

    data = json.loads(cetl("--curriculum", str(folder), "progress", "--json").stdout)
    ib = next(a for a in data["skill_areas"] if a["code"] == "I.B")
    assert ib["quiz_answered"] == 5 and ib["quiz_accuracy"] == round(100 * right / 5, 1)
    ia = next(a for a in data["skill_areas"] if a["code"] == "I.A")
    assert ia["quiz_answered"] == 0 and ia["quiz_accuracy"] is None
    assert data["weakest_areas"] == [{"code": "I.B", "name": "Strategic Planning", "quiz_accuracy": ib["quiz_accuracy"]}]
    text = cetl("--curriculum", str(folder), "progress").stdout
    assert "Weakest in practice (right of your last 50 answers per area): I.B " in text
    assert "Next: cetl quiz --area I.B" in text


def test_missed_asks_again_only_what_was_last_answered_wrongly(cetl, folder, bank):
    r = cetl("--curriculum", str(folder), "quiz", "--missed")
    assert r.exit_code == 0 and "You have not answered any practice questions yet" in r.stdout
    first = qz.select(bank, 4, random.Random(3), area="II.A").questions
    script = "".join(("A" if key_shown(3, x) != "A" else "B") + "\n" for x in first[:2])  # two wrong
    script += "".join(key_shown(3, x) + "\n" for x in first[2:])  # two right
    r = cetl("--curriculum", str(folder), "quiz", "--area", "II.A", "-n", "4", "--seed", "3", input=script)
    assert r.exit_code == 0, r.output
    assert "Done: 2 of 4 right (50%)." in r.stdout
    assert "ask the 2 you missed again: cetl quiz --missed --area II.A" in r.stdout

    wrong = {x.id: x for x in first[:2]}
    again = qz.select(bank, 10, random.Random(5), only=set(wrong)).questions
    r = cetl("--curriculum", str(folder), "quiz", "--missed", "--seed", "5",
             input="".join(key_shown(5, x) + "\n" for x in again))
    assert r.exit_code == 0, r.output
    assert sorted(line.split(" · ")[-1] for line in r.stdout.splitlines() if line.startswith("Question ")) == sorted(wrong)
    assert "Done: 2 of 2 right (100%)." in r.stdout

    # one right answer is not enough: a missed question stays until spaced review counts it learned
    r = cetl("--curriculum", str(folder), "quiz", "--missed", "--seed", "6", input="q\n")
    asked = [line.split(" · ")[-1] for line in r.stdout.splitlines() if line.startswith("Question ")]
    assert asked[0] in wrong and "Question 1 of 2 · " in r.stdout
    r = cetl("--curriculum", str(folder), "quiz", "--missed", "--area", "I.C")
    assert r.exit_code == 0 and r.stderr == ""
    assert "No missed questions in I.C Ethics & Policies: every question you answered wrongly has been learned" in r.stdout


def test_bad_lines_get_a_hint_and_the_next_line_answers(cetl, folder, bank):
    [only] = qz.select(bank, 1, random.Random(2), area="I.C").questions
    r = cetl("--curriculum", str(folder), "quiz", "--area", "I.C", "-n", "1", "--seed", "2",
             input=f"x\n\nE\n{key_shown(2, only).lower()}\n")
    assert r.exit_code == 0, r.output
    assert "cetl: 'x' is not an answer: type A, B, C or D, or q to stop." in r.stderr
    assert "cetl: 'E' is not an answer" in r.stderr
    assert r.stderr.count("not an answer") == 2  # the blank line is skipped quietly
    assert "Done: 1 of 1 right (100%)." in r.stdout
    assert [row["choice"] for row in stored()] == [only.answer]  # the file's letter


@pytest.mark.parametrize("ending", ["", "q\nA\n"])
def test_stopping_part_way_keeps_the_answers(cetl, folder, ending):
    r = cetl("--curriculum", str(folder), "quiz", "--area", "III.A", "-n", "5", "--seed", "4", input="A\nB\n" + ending)
    assert r.exit_code == 0, r.output
    assert "Stopped after 2 of 5 questions:" in r.stdout and "Your answers are kept." in r.stdout
    assert len(stored()) == 2
    r = cetl("--curriculum", str(folder), "quiz", "-n", "3", input="q\n")
    assert "Stopped before the first answer; nothing was recorded." in r.stdout
    assert len(stored()) == 2


def test_more_than_available_asks_all_and_says_so(cetl, folder, bank):
    r = cetl("--curriculum", str(folder), "quiz", "--module", "11", "-n", "40", "--seed", "8", input="A\n" * 40)
    assert r.exit_code == 0, r.output
    assert "Only 16 questions in III.D Data Management; asking all 16." in r.stdout
    right = sum(key_shown(8, x) == "A" for x in qz.select(bank, 40, random.Random(8), area="III.D").questions)
    assert f"Done: {right} of 16 right ({100 * right / 16:.0f}%)." in r.stdout
    assert {row["skill_area"] for row in stored()} == {"III.D"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--area", "I.B", "--module", "3"], 2, "cetl: use --area or --module, not both."),
        (["--area", "IV.Q"], 1, "cetl: Unknown skill area 'IV.Q': valid codes are I.A"),
        (["--module", "1"], 1, "has no skill area, so it has no practice questions"),
        (["--module", "0"], 1, "There is no module 0"),
        (["-n", "0"], 2, "Invalid value for '-n'"),
    ],
)
def test_bad_options(cetl, folder, args, code, message):
    r = cetl("--curriculum", str(folder), "quiz", *args, input="A\n")
    assert r.exit_code == code, r.output
    assert message in r.stderr
    assert "Traceback" not in r.output
    assert stored() == []


def test_a_curriculum_without_questions_says_where_to_add_them(cetl, tmp_path):
    folder = make_curriculum(tmp_path / "empty", per_area={})
    r = cetl("--curriculum", str(folder), "quiz")
    assert r.exit_code == 1
    assert "has no practice questions: add them as" in r.stderr and "questions/*.yaml" in r.stderr


def test_question_text_is_shown_literally(cetl, tmp_path):
    folder = make_curriculum(tmp_path / "lit", per_area={})
    item = question("I.A", 1, "B")
    item["stem"] = "Is [bold]this[/bold] markup?"
    item["choices"][1] = "[red]No[/red], it is text"
    item["source"] = "A [link]source[/link]"
    item["as_of"] = "2025-02-01"
    (folder / "questions" / "ia.yaml").write_text(yaml.safe_dump({"questions": [item]}))
    r = cetl("--curriculum", str(folder), "quiz", "--seed", "1", input="A\n")
    assert r.exit_code == 0, r.output
    assert "Is [bold]this[/bold] markup?" in r.stdout
    shown = shown_as(1, check(Question, item), "B")
    assert f"  {shown}. [red]No[/red], it is text" in r.stdout
    if shown != "A":
        assert f"The answer is {shown}: [red]No[/red], it is text" in r.stdout
    assert "Source: A [link]source[/link] (as of 2025-02-01)" in r.stdout
