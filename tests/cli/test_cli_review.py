"""Scripted `cetl review`, `cetl exam review/report/delete` and mock exams that do not repeat,
on a fixed clock (never the real time)."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from quizbank import key_shown, make_curriculum

from cetl_cli.domain import quiz as qz
from cetl_cli.domain.questions import as_shown, shuffled_order

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
WEIGHTS = {"I.A": 15, "I.B": 15, "I.C": 10, "II.A": 12, "II.B": 9, "II.C": 9,
           "III.A": 9, "III.B": 7, "III.C": 7, "III.D": 7}


class Now:
    at = T0


@pytest.fixture
def now(monkeypatch):
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    clock = Now()
    monkeypatch.setattr(context, "make_clock", lambda: Clock(now=lambda: clock.at))
    return clock


def wrong(letter: str) -> str:
    return "B" if letter == "A" else "A"


def test_a_quiz_with_wrong_answers_comes_back_in_review_and_a_right_answer_moves_it_out(cetl, folder, bank, now):
    asked = qz.select(bank, 4, random.Random(3), area="II.A").questions
    script = "".join(wrong(key_shown(3, q)) + "\n" for q in asked[:2]) + "".join(key_shown(3, q) + "\n" for q in asked[2:])
    r = cetl("--curriculum", str(folder), "quiz", "--area", "II.A", "-n", "4", "--seed", "3", input=script)
    assert r.exit_code == 0, r.output
    missed = sorted(q.id for q in asked[:2])

    status = json.loads(cetl("--curriculum", str(folder), "review", "--json").stdout)
    assert sorted(c["key"] for c in status["due_cards"]) == missed
    assert (status["due"], status["due_questions"], status["cards"], status["retired"]) == (2, 2, 4, 0)
    assert status["new_today"] == 10 and status["next_due"] == (T0 + dt.timedelta(days=2)).isoformat()
    assert all(c["lapses"] == 1 and c["state"] == "learning" for c in status["due_cards"])
    assert "Reviews    2 due today" in cetl("--curriculum", str(folder)).stdout

    now.at = T0 + dt.timedelta(minutes=30)
    order = [c["key"] for c in status["due_cards"]]
    by_id = {q.id: q for q in bank}
    # each review shuffles the choices again (from the card's key and reviews so far)
    keys = [as_shown(shuffled_order(f"review:{k}:1"), by_id[k].answer) for k in order]
    r = cetl("--curriculum", str(folder), "review", "--limit", "2", input="".join(k + "\n" for k in keys))
    assert r.exit_code == 0, r.output
    assert "Review: 2 cards due (2 questions, 0 key concepts); 10 new key concepts today" in r.stdout
    assert "This session: the first 2." in r.stdout
    assert r.stdout.count("Good: next review in 1 day (2026-12-02).") == 2
    assert "Done: 2 reviews, 2 right or recalled, 0 again. Every review is kept." in r.stdout

    status = json.loads(cetl("--curriculum", str(folder), "review", "--json").stdout)
    assert status["due"] == 0 and status["next_due"] == (now.at + dt.timedelta(days=1)).isoformat()
    assert "cards due" not in cetl("--curriculum", str(folder)).stdout
    now.at += dt.timedelta(days=1)
    status = json.loads(cetl("--curriculum", str(folder), "review", "--json").stdout)
    assert sorted(c["key"] for c in status["due_cards"]) == missed

    # --missed follows the review state: still missed after one right answer
    r = cetl("--curriculum", str(folder), "quiz", "--missed", "--seed", "1", input="q\n")
    assert "Question 1 of 2 · " in r.stdout


def test_key_concepts_are_reviewed_term_first_and_graded(cetl, folder, now, curriculum):
    r = cetl("--curriculum", str(folder), "review", "--area", "I.B", "--limit", "2", input="3\n1\n3\n")
    assert r.exit_code == 0, r.output
    first = curriculum.modules[2].key_concepts[0]
    assert "Review 1 of 2 · key concept" in r.stdout and first.term in r.stdout
    assert "Good: next review in" in r.stdout
    assert "Again: asked again at the end of this session." in r.stdout
    assert "Review 3 of 3 · key concept · again" in r.stdout
    assert "Done: 3 reviews, 2 right or recalled, 1 again." in r.stdout
    status = json.loads(cetl("--curriculum", str(folder), "review", "--json").stdout)
    assert status["cards"] == 2 and status["new_today"] == 8 and status["due"] == 0


def test_nothing_due(cetl, folder, now):
    r = cetl("--curriculum", str(folder), "review", "--area", "I.A", "--limit", "1", input="")
    assert r.exit_code == 0 and "Stopped before the first card; nothing was recorded." in r.stdout
    status = json.loads(cetl("--curriculum", str(folder), "review", "--json", "--area", "i.a").stdout)
    assert status["due"] == 0 and status["cards"] == 0
    r = cetl("--curriculum", str(folder), "review", "--area", "IV.Z")
    assert r.exit_code == 1 and "Unknown skill area" in r.stderr


# -- a past exam ---------------------------------------------------------------------------
def test_exam_review_json_lists_every_question_with_the_choice_the_key_and_the_order(cetl, folder, bank, curriculum):
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(11))
    typed = [key_shown(11, q) if n % 3 else wrong(key_shown(11, q)) for n, q in enumerate(exam)]
    r = cetl("--curriculum", str(folder), "exam", "--seed", "11", input="".join(t + "\n" for t in typed))
    assert r.exit_code == 0, r.output
    assert "Next: go over the questions you got wrong: cetl exam review 1 --wrong" in r.stdout
    data = json.loads(cetl("--curriculum", str(folder), "exam", "review", "1", "--json").stdout)
    assert data["exam"]["id"] == 1 and data["exam"]["right"] == 66
    items = data["questions"]
    assert len(items) == 100 and [i["id"] for i in items] == [q.id for q in exam]
    for i, q, t in zip(items, exam, typed):
        order = shuffled_order(f"11:{q.id}")
        assert i["order"] == list(order) and i["choice"] == t and i["key"] == as_shown(order, q.answer)
        assert i["choices"] == [q.choice(letter) for letter in order]
        assert i["key_in_file"] == q.answer and i["right"] is (t == i["key"]) and i["answered"]
    wrong_only = json.loads(cetl("--curriculum", str(folder), "exam", "review", "--wrong", "--json").stdout)
    assert len(wrong_only["questions"]) == 34 and not any(i["right"] for i in wrong_only["questions"])

    text = cetl("--curriculum", str(folder), "exam", "review", "--wrong").stdout
    assert "The 34 questions you missed or left unanswered" in text
    first = exam[0]
    k, w = key_shown(11, first), wrong(key_shown(11, first))
    assert f"✗ {w}. " in text and f"✓ {k}. " in text
    assert f"You chose {w}. The answer is {k}: " in text
    report = cetl("--curriculum", str(folder), "exam", "report").stdout
    assert "Mock exam #1: 66 of 100 right (66%)" in report and "Study next:" in report


def test_an_exam_in_progress_has_no_review_and_deleting_it_leaves_the_statistics(cetl, folder):
    r = cetl("--curriculum", str(folder), "exam", "--seed", "2", input="A\nB\nf\nn\nq\n")
    assert "paused after 2 of 100" in r.stdout
    assert "Question 3 flagged: it is listed before you submit." in r.stdout
    for cmd in (["exam", "review"], ["exam", "report", "1"]):
        r = cetl("--curriculum", str(folder), *cmd)
        assert r.exit_code == 1 and "still in progress" in r.stderr, r.output
    r = cetl("--curriculum", str(folder), "exam", "review", "7")
    assert r.exit_code == 1 and "There is no mock exam #7 (yours: 1)." in r.stderr
    before = json.loads(cetl("--curriculum", str(folder), "progress", "--json").stdout)
    assert sum(a["quiz_answered"] for a in before["skill_areas"]) == 2

    r = cetl("--curriculum", str(folder), "exam", "delete", "1")
    assert r.exit_code == 2 and "Add --yes: cetl exam delete 1 --yes" in r.stderr
    r = cetl("--curriculum", str(folder), "exam", "delete", "1", "--yes")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Mock exam #1 (in progress) deleted with its 2 answers")
    after = json.loads(cetl("--curriculum", str(folder), "progress", "--json").stdout)
    assert sum(a["quiz_answered"] for a in after["skill_areas"]) == 0
    assert json.loads(cetl("--curriculum", str(folder), "exam", "history", "--json").stdout) == []
    r = cetl("--curriculum", str(folder), "exam", "review")
    assert r.exit_code == 1 and "No finished mock exam to show yet. Take one: cetl exam" in r.stderr


def test_a_script_with_flags_or_gaps_gets_the_screen_before_submitting(cetl, folder, bank, curriculum):
    exam = qz.draw_exam(bank, curriculum.framework, random.Random(4))
    script = "f\n" + "".join(key_shown(4, q) + "\n" for q in exam[:99]) + "n\n"  # 1 flagged, 100 skipped
    r = cetl("--curriculum", str(folder), "exam", "--seed", "4", input=script + "100\n" + key_shown(4, exam[99])
             + "\nx\ns\n")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Before you submit: 99 of 100 questions answered." in out
    assert "Unanswered (1; they count as not right): 100" in out and "Flagged (1): 1" in out
    assert "cetl: 'x' is not a question number: type 1-100, or s to submit, or q to pause." in r.stderr
    assert "Before you submit: 100 of 100 questions answered." in out
    assert "Mock exam #1: 100 of 100 right (100%)" in out


# -- mock exams that do not repeat ---------------------------------------------------------
def test_three_scripted_exams_share_no_question_and_a_fourth_announces_its_repeats(cetl, tmp_path):
    import sqlite3

    from cetl_cli.store import db_path

    folder = make_curriculum(tmp_path / "x3", per_area={a: 3 * n for a, n in WEIGHTS.items()})  # 300
    for n in range(1, 5):
        r = cetl("--curriculum", str(folder), "exam", "--seed", str(n), input="A\n" * 100)
        assert r.exit_code == 0, r.output
        head = r.stdout.split("Question 1 of 100")[0]
        if n < 4:
            assert "you have seen" not in head
        else:
            assert "100 of these 100 you have seen (in an earlier mock exam or a quiz)" in head
    conn = sqlite3.connect(db_path())
    try:
        per_exam = [set(q for (q,) in conn.execute("SELECT question_id FROM exam_items WHERE attempt_id = ?", [n]))
                    for n in range(1, 5)]
    finally:
        conn.close()
    assert all(len(e) == 100 for e in per_exam)
    assert len(per_exam[0] | per_exam[1] | per_exam[2]) == 300
    assert per_exam[3] == per_exam[0]  # the least recently seen first
