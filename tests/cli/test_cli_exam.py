"""`cetl exam`: the draw by exam weight (pure), and scripted mock exams: report, pause, resume,
abandon, time limit, history."""

from __future__ import annotations

import json
import random
import re
from collections import Counter

import pytest
from quizbank import key_shown, make_curriculum

from cetl_cli.content.questions import load_questions
from cetl_cli.content.schema import check
from cetl_cli.domain import quiz as qz
from cetl_cli.domain.errors import CurriculumError
from cetl_cli.domain.models import Framework

WEIGHTS = {"I.A": 15, "I.B": 15, "I.C": 10, "II.A": 12, "II.B": 9, "II.C": 9,
           "III.A": 9, "III.B": 7, "III.C": 7, "III.D": 7}




def store():
    from cetl_cli.store import Store

    return Store.open()


def attempts() -> list[dict]:
    s = store()
    try:
        return [a.as_dict() for a in s.exam_attempts()]
    finally:
        s.close()


def exam_answers(attempt_id: int) -> list[dict]:
    s = store()
    try:
        return [r.as_dict() for r in s.practice_answers(attempt_id)]
    finally:
        s.close()


def wrong(letter: str) -> str:
    return "B" if letter == "A" else "A"


def headers(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("Question ")]


# -- the draw (pure) ------------------------------------------------------------------------
def test_exam_counts_are_the_exam_weights(curriculum):
    assert qz.exam_counts(curriculum.framework) == WEIGHTS


def test_exam_counts_share_other_weights_out_to_exactly_the_total():
    def area(code, weight):
        return {"code": code, "name": code, "weight": weight, "description": "x"}

    fw = check(Framework, {"name": "Chapter", "domains": [
        {"code": "I", "name": "One", "weight": 50, "skill_areas": [area("I.A", 33.4), area("I.B", 16.6)]},
        {"code": "II", "name": "Two", "weight": 50, "skill_areas": [area("II.A", 33.3), area("II.B", 16.7)]},
    ]})
    counts = qz.exam_counts(fw)
    assert sum(counts.values()) == 100
    assert counts == {"I.A": 33, "I.B": 17, "II.A": 33, "II.B": 17}
    assert sum(qz.exam_counts(fw, total=10).values()) == 10


def test_draw_exam_has_100_questions_by_weight_mixed_together(bank, curriculum):
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(42))
    assert len(exam) == 100 and len({q.id for q in exam}) == 100
    assert Counter(q.skill_area for q in exam) == WEIGHTS
    again = qz.draw_exam(list(reversed(bank)), curriculum.framework, random.Random(42))
    assert [q.id for q in again] == [q.id for q in exam]
    assert [q.id for q in qz.draw_exam(bank, curriculum.framework, random.Random(43))] != [q.id for q in exam]
    # shuffled together, not asked area by area
    runs = sum(1 for a, b in zip(exam, exam[1:]) if a.skill_area != b.skill_area)
    assert runs > 30


def test_draw_exam_names_every_area_that_is_too_small(tmp_path, curriculum):
    folder = make_curriculum(tmp_path / "small", per_area={**{a: 16 for a in WEIGHTS}, "I.B": 9, "III.D": 0})
    with pytest.raises(CurriculumError) as err:
        qz.draw_exam(load_questions(folder), curriculum.framework, random.Random(1), source="bank")
    assert err.value.problems == [
        "bank: skill area I.B has 9 questions but the mock exam draws 15 from it (its share of the exam "
        "weight); add questions to the bank",
        "bank: skill area III.D has 0 questions but the mock exam draws 7 from it (its share of the exam "
        "weight); add questions to the bank",
    ]


def test_time_left_and_clock():
    assert qz.time_left(None, 5000) is None
    assert qz.time_left(2, 30) == 90
    assert qz.time_left(1, 75) == 0
    assert [qz.clock(s) for s in (0, 69.4, 69.6, 3600, 7199, 7199.8)] == ["0:00", "1:09", "1:10", "1:00:00", "1:59:59", "2:00:00"]


# -- a scripted mock exam -------------------------------------------------------------------
RIGHT_AREAS = {"I.A", "I.B", "I.C", "III.D"}  # answered with the key; every other area wrongly


def script_for(questions, seed) -> str:
    """The letters to type: the key as shown in RIGHT_AREAS, another letter elsewhere."""
    return "".join((key_shown(seed, q) if q.skill_area in RIGHT_AREAS else wrong(key_shown(seed, q))) + "\n"
                   for q in questions)


def test_scripted_exam_reports_by_domain_and_area(cetl, folder, bank, curriculum):
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(11))
    r = cetl("--curriculum", str(folder), "exam", "--seed", "11", input=script_for(exam, 11))
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert len(headers(out)) == 100 and headers(out)[0] == "Question 1 of 100"
    assert "Right:" not in out and "Wrong:" not in out  # no feedback until the end
    assert "Mock exam #1: 47 of 100 right (47%)" in out
    assert "Percent correct only: cetl does not predict CoSN's scaled score." in out
    table = out.split("Study next:")[0]
    rows = {line.split()[0]: line.split() for line in table.splitlines()
            if line.strip() and line.split()[0] in {*WEIGHTS, "I", "II", "III"}}
    expected = {"I": ("40/40", "100%"), "II": ("0/30", "0%"), "III": ("7/30", "23%"),
                **{a: (f"{n}/{n}" if a in RIGHT_AREAS else f"0/{n}", "100%" if a in RIGHT_AREAS else "0%")
                   for a, n in WEIGHTS.items()}}
    assert {code: (cells[-3], cells[-1]) for code, cells in rows.items()} == expected
    study = out.split("Study next:")[1]
    # all at 0%: the largest exam weights first
    assert [line.split()[0] for line in study.splitlines() if line.split() and line.split()[0] in WEIGHTS] == [
        "II.A", "II.B", "II.C"]
    assert "II.A   Instructional Focus & Professional Development: 0/12 (0%)\n" in study
    assert "cetl study module 5 · cetl quiz --area II.A" in study
    assert "unanswered" not in out

    [attempt] = attempts()
    assert attempt["status"] == "finished" and attempt["seed"] == 11 and attempt["minutes"] is None
    assert list(attempt["question_ids"]) == [q.id for q in exam]
    answers = exam_answers(1)
    assert len(answers) == 100 and {a["mode"] for a in answers} == {"exam"}
    assert sum(a["correct"] for a in answers) == 47

    hist = json.loads(cetl("--curriculum", str(folder), "exam", "history", "--json").stdout)
    assert [(h["id"], h["status"], h["questions"], h["answered"], h["right"], h["percent"]) for h in hist] == [
        (1, "finished", 100, 100, 47, 47.0)]
    text = cetl("--curriculum", str(folder), "exam", "history").stdout
    assert "finished" in text and "100/100" in text and "47%" in text

    # exam answers count as practice: III.D was all right, II.A all wrong
    data = json.loads(cetl("--curriculum", str(folder), "progress", "--json").stdout)
    acc = {a["code"]: a["quiz_accuracy"] for a in data["skill_areas"]}
    assert acc["III.D"] == 100.0 and acc["II.A"] == 0.0


@pytest.mark.parametrize("stop", ["q\n", ""])  # q, or the end of the script
def test_pause_then_resume_continues_where_it_stopped(cetl, folder, bank, curriculum, stop):
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(5))
    r = cetl("--curriculum", str(folder), "exam", "--seed", "5", input=script_for(exam[:30], 5) + stop)
    assert r.exit_code == 0, r.output
    assert "Exam #1 paused after 30 of 100 questions; your answers are kept." in r.stdout
    assert "Resume it with cetl exam resume, or give it up with cetl exam abandon." in r.stdout
    assert attempts()[0]["status"] == "in_progress" and len(exam_answers(1)) == 30

    r = cetl("--curriculum", str(folder), "exam", "--seed", "6")
    assert r.exit_code == 1
    assert r.stderr == ("cetl: Exam #1 is still in progress (30 of 100 answered). Resume it with cetl exam "
                        "resume, or give it up with cetl exam abandon.\n")
    assert len(attempts()) == 1
    assert "in progress" in cetl("--curriculum", str(folder), "exam", "history").stdout

    r = cetl("--curriculum", str(folder), "exam", "resume", input=script_for(exam[30:], 5))
    assert r.exit_code == 0, r.output
    assert "Resuming mock exam #1: 30 of 100 answered." in r.stdout
    assert headers(r.stdout)[0] == "Question 31 of 100" and len(headers(r.stdout)) == 70
    assert "Mock exam #1: 47 of 100 right (47%)" in r.stdout
    assert attempts()[0]["status"] == "finished"
    assert [a["question_id"] for a in exam_answers(1)] == [q.id for q in exam]


def test_abandon(cetl, folder):
    r = cetl("--curriculum", str(folder), "exam", input="A\nB\nC\n")
    assert "paused after 3 of 100" in r.stdout
    r = cetl("--curriculum", str(folder), "exam", "abandon")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Exam #1 abandoned; its 3 answers stay in your practice record.\nNext: ")
    assert attempts()[0]["status"] == "abandoned" and attempts()[0]["finished_at"]
    for action, message in (("abandon", "nothing to abandon"), ("resume", "No exam is in progress to resume")):
        r = cetl("--curriculum", str(folder), "exam", action)
        assert r.exit_code == 1 and message in r.stderr
    r = cetl("--curriculum", str(folder), "exam", input="q\n")  # a new exam may start now
    assert r.exit_code == 0 and "Exam #2 paused after 0 of 100" in r.stdout


def test_time_running_out_counts_the_rest_as_unanswered(cetl, folder, bank, curriculum, monkeypatch):
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    exam = qz.draw_exam(bank, curriculum.framework, random.Random(2))
    ticks = iter(range(0, 10_000, 10))  # every look at the clock is 10 seconds later
    monkeypatch.setattr(context, "make_clock", lambda: Clock(monotonic=lambda: next(ticks)))
    r = cetl("--curriculum", str(folder), "exam", "--seed", "2", "--minutes", "1",
             input="".join(key_shown(2, q) + "\n" for q in exam))
    assert r.exit_code == 0, r.output
    assert re.fullmatch(r"Question 1 of 100 · [1-5]?\d s left", headers(r.stdout)[0])
    answered = exam_answers(1)
    assert 0 < len(answered) < 5 and all(a["correct"] for a in answered)
    n = len(answered)
    assert f"Time is up. {100 - n} questions were left unanswered and count as not right." in r.stdout
    assert f"Mock exam #1: {n} of 100 right ({n}%) in 1 min 00 s." in r.stdout
    [attempt] = attempts()
    assert attempt["status"] == "finished" and attempt["elapsed_seconds"] == 60


def test_the_timer_continues_after_a_pause(cetl, folder, bank, curriculum):
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(3))
    r = cetl("--curriculum", str(folder), "exam", "--seed", "3", "--minutes", "90",
             input="".join(key_shown(3, q) + "\n" for q in exam[:3]) + "q\n")
    assert "paused after 3 of 100 questions (time used " in r.stdout
    s = store()
    s.update_exam(1, elapsed_seconds=89 * 60 + 30)  # as if 89.5 minutes had gone by
    s.close()
    r = cetl("--curriculum", str(folder), "exam", "resume", input="q\n")
    assert "Time limit 90 minutes; 29 s left." in r.stdout or "Time limit 90 minutes; 30 s left." in r.stdout
    s = store()
    s.update_exam(1, elapsed_seconds=90 * 60 + 1)
    s.close()
    r = cetl("--curriculum", str(folder), "exam", "resume", input="A\n" * 10)
    assert r.exit_code == 0, r.output
    assert headers(r.stdout) == []  # no question is asked once the time is up
    assert "Time is up. 97 questions were left unanswered" in r.stdout
    assert "Mock exam #1: 3 of 100 right (3%) in 1 h 30 min." in r.stdout


def test_a_bank_too_small_for_an_exam_is_named(cetl, tmp_path):
    folder = make_curriculum(tmp_path / "small", per_area={**{a: 16 for a in WEIGHTS}, "II.B": 4})
    r = cetl("--curriculum", str(folder), "exam")
    assert r.exit_code == 2
    assert r.stderr.strip() == (f"{folder}/questions: skill area II.B has 4 questions but the mock exam draws 9 "
                                "from it (its share of the exam weight); add questions to the bank")
    assert attempts() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "exam resume"),  # the old flags name the verbs
        (["--seed", "3", "resume"], "--seed and --minutes are for a new exam; they do not go with cetl exam resume."),
        (["--minutes", "5", "history"], "they do not go with cetl exam history"),
        (["--json"], "No such option: --json"),
        (["--minutes", "0"], "Invalid value for '--minutes'"),
    ],
)
def test_usage_errors(cetl, folder, args, message):
    r = cetl("--curriculum", str(folder), "exam", *args)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert attempts() == []


def test_history_when_there_is_none(cetl, folder):
    r = cetl("--curriculum", str(folder), "exam", "history")
    assert r.exit_code == 0 and "No mock exams yet.\nNext: cetl exam" in r.stdout
    assert json.loads(cetl("--curriculum", str(folder), "exam", "history", "--json").stdout) == []
