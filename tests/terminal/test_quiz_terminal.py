"""Real-terminal tests: `cetl quiz` and `cetl exam` on a pseudo-terminal, as a person uses them
(a single key per question, no Enter; a bad key, q, Ctrl-C, Ctrl-D; flag and return)."""

from __future__ import annotations

import os
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from quizbank import key_shown, make_curriculum

from cetl_cli.content.questions import load_questions
from cetl_cli.domain import quiz as qz
from cetl_cli.domain.questions import in_file, shuffled_order

pexpect = pytest.importorskip("pexpect")
CETL = Path(sys.executable).parent / "cetl"
pytestmark = pytest.mark.skipif(not CETL.exists(), reason="the cetl console script is not installed")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_curriculum(tmp_path_factory.mktemp("tty") / "cur", per_area=16)


def spawn(home: Path, folder: Path, *args: str):
    env = {**os.environ, "CETL_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40"}
    env.pop("CETL_CURRICULUM", None)
    return pexpect.spawn(str(CETL), ["--curriculum", str(folder), *args], env=env,
                         encoding="utf-8", timeout=15, dimensions=(40, 100))


def rows(home: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(home / "cetl.db")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus


def wrong(letter: str) -> str:
    return "B" if letter == "A" else "A"


QUIZ_PROMPT = "Your answer (A-D, q to stop): "
EXAM_PROMPT = "Your answer (A-D, f flag, p/n move, s submit, q pause): "


def test_a_short_quiz_with_a_bad_key_then_quitting(cetl_home, folder):
    asked = qz.select(load_questions(folder), 3, random.Random(9), area="I.B").questions
    keys = [key_shown(9, q) for q in asked]
    child = spawn(cetl_home, folder, "quiz", "--area", "i.b", "-n", "3", "--seed", "9")
    child.expect_exact("Press A, B, C or D to answer (no Enter needed); q stops.")
    child.expect_exact(f"Question 1 of 3 · I.B Strategic Planning · {asked[0].id}")
    child.expect_exact(QUIZ_PROMPT)
    child.send("x")
    child.expect_exact("'x' is not an answer: press A, B, C or D, or q to stop.")
    child.expect_exact(QUIZ_PROMPT)  # asked again, not counted
    child.send(keys[0].lower())  # one key, no Enter
    child.expect_exact(f"Right: {keys[0]}.")
    child.expect_exact(asked[0].explanation)
    child.expect_exact(f"Question 2 of 3 · I.B Strategic Planning · {asked[1].id}")
    child.expect_exact(QUIZ_PROMPT)
    child.send(wrong(keys[1]) + "\r")  # Enter after a key, out of habit, does nothing
    child.expect_exact(f"Wrong: you chose {wrong(keys[1])}. The answer is {keys[1]}: ")
    child.expect_exact("Question 3 of 3")
    child.expect_exact(QUIZ_PROMPT)
    child.send("q")
    child.expect_exact("Stopped after 2 of 3 questions: 1 right (50%). Your answers are kept.")
    child.expect_exact("Next: ask the 1 you missed again: cetl quiz --missed --area I.B")
    assert finish(child) == 0
    order = shuffled_order(f"9:{asked[1].id}")
    assert rows(cetl_home, "SELECT question_id, choice, correct, mode FROM practice_answers ORDER BY id") == [
        (asked[0].id, asked[0].answer, 1, "quiz"), (asked[1].id, in_file(order, wrong(keys[1])), 0, "quiz")]


def test_ctrl_c_and_ctrl_d_keep_what_was_answered(cetl_home, folder):
    asked = qz.select(load_questions(folder), 4, random.Random(1), area="II.C").questions
    child = spawn(cetl_home, folder, "quiz", "--module", "7", "-n", "4", "--seed", "1")
    child.expect_exact(QUIZ_PROMPT)
    child.send(key_shown(1, asked[0]))
    child.expect_exact("Question 2 of 4")
    child.expect_exact(QUIZ_PROMPT)
    child.sendintr()
    child.expect_exact("Stopped after 1 of 4 questions: 1 right (100%). Your answers are kept.")
    assert finish(child) == 130
    assert rows(cetl_home, "SELECT question_id FROM practice_answers") == [(asked[0].id,)]

    child = spawn(cetl_home, folder, "quiz", "--module", "7", "-n", "4", "--seed", "1")
    child.expect_exact(QUIZ_PROMPT)
    child.sendeof()
    child.expect_exact("Stopped before the first answer; nothing was recorded.")
    assert finish(child) == 0
    assert len(rows(cetl_home, "SELECT id FROM practice_answers")) == 1


def test_exam_on_a_terminal_pauses_on_ctrl_c_and_resumes(cetl_home, folder):
    child = spawn(cetl_home, folder, "exam", "--seed", "4", "--minutes", "120")
    child.expect_exact("Time limit 120 minutes; 2 h 00 min left.")
    child.expect_exact("Press A, B, C or D to answer (no Enter needed); f flags a question")
    child.expect(r"Question 1 of 100 · (2 h 00 min|1 h 59 min) left")
    child.expect_exact(EXAM_PROMPT)
    child.send("z")
    child.expect_exact("'z' is not an answer")
    child.send("C")
    child.expect_exact("Question 2 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.sendintr()
    child.expect_exact("Exam #1 paused after 1 of 100 questions (time used ")
    child.expect_exact("Resume it with cetl exam resume, or give it up with cetl exam abandon.")
    assert finish(child) == 130
    assert rows(cetl_home, "SELECT status FROM exam_attempts") == [("in_progress",)]

    child = spawn(cetl_home, folder, "exam", "resume")
    child.expect_exact("Resuming mock exam #1: 1 of 100 answered.")
    child.expect(r"Question 2 of 100 · (2 h 00 min|1 h 5\d min) left")
    child.expect_exact(EXAM_PROMPT)
    child.send("q")
    child.expect_exact("Exam #1 paused after 1 of 100 questions")
    assert finish(child) == 0
    assert rows(cetl_home, "SELECT status FROM exam_attempts") == [("in_progress",)]


def test_flag_and_return_then_the_screen_before_submitting(cetl_home, folder):
    bank = load_questions(folder)
    from cetl_cli.content.loader import load_curriculum

    exam = qz.draw_exam(bank, load_curriculum(folder).framework, random.Random(7))
    k1, k2 = key_shown(7, exam[0]), key_shown(7, exam[1])
    child = spawn(cetl_home, folder, "exam", "--seed", "7")
    child.expect_exact("Question 1 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.send("f")
    child.expect_exact("Question 1 flagged: it is listed before you submit.")
    child.expect_exact(EXAM_PROMPT)
    child.send(k1)  # right, for now
    child.expect_exact("Question 2 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.send("p")  # back to question 1: flagged, with the answer given
    child.expect_exact("Question 1 of 100 · flagged")
    child.expect_exact(f"Your answer so far: {k1} (a letter changes it, n keeps it)")
    child.expect_exact(EXAM_PROMPT)
    child.send(wrong(k1))  # changed my mind: wrong now
    child.expect_exact("Question 2 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.send(k2)
    child.expect_exact("Question 3 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.send("s")
    child.expect_exact("Before you submit: 2 of 100 questions answered.")
    child.expect_exact("Unanswered (98; they count as not right): 3, 4, 5,")
    child.expect_exact("Flagged (1): 1")
    child.expect_exact("s and Enter submits; a question number and Enter goes to it; q pauses: ")
    child.sendline("1")
    child.expect_exact("Question 1 of 100 · flagged")
    child.expect_exact(EXAM_PROMPT)
    child.send("f")
    child.expect_exact("Question 1 is no longer flagged.")
    child.send("n")
    child.expect_exact("Question 2 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.send("\x1b[D")  # the left arrow goes back too
    child.expect_exact("Question 1 of 100")
    child.expect_exact(EXAM_PROMPT)
    child.send("s")
    child.expect_exact("Before you submit: 2 of 100 questions answered.")
    child.expect_exact("q pauses: ")
    assert "Flagged" not in child.before
    child.sendline("s")
    child.expect_exact("Mock exam #1: 1 of 100 right (1%)")
    assert finish(child) == 0
    order = shuffled_order(f"7:{exam[0].id}")
    assert rows(cetl_home, "SELECT question_id, choice, correct FROM practice_answers ORDER BY id") == [
        (exam[0].id, in_file(order, wrong(k1)), 0), (exam[1].id, exam[1].answer, 1)]  # one row per question
    assert rows(cetl_home, "SELECT status FROM exam_attempts") == [("finished",)]
    assert rows(cetl_home, "SELECT sum(flagged) FROM exam_items") == [(0,)]


def test_review_a_key_concept_on_a_terminal(cetl_home, folder):
    from cetl_cli.content.loader import load_curriculum

    first = load_curriculum(folder).modules[2].key_concepts[0]
    child = spawn(cetl_home, folder, "review", "--area", "I.B", "--limit", "1")
    child.expect_exact("Press A, B, C or D to answer (no Enter needed); a key concept: Enter shows it")
    child.expect_exact("Review 1 of 1 · key concept")
    child.expect_exact(first.term)
    child.expect_exact("Enter shows it; 1 Again 2 Hard 3 Good 4 Easy (q to stop): ")
    child.send("\r")  # Enter: the explanation
    child.expect_exact(first.explanation.split()[0])
    child.expect_exact("How well did you know it? 1 Again, 2 Hard, 3 Good, 4 Easy: ")
    child.send("3")
    child.expect_exact("Good: next review in")
    child.expect_exact("Done: 1 review, 1 right or recalled, 0 again.")
    assert finish(child) == 0
    assert rows(cetl_home, "SELECT kind, rating, source FROM review_log") == [("concept", 3, "review")]
