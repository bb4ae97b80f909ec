"""Real-terminal tests: `cetl quiz` and `cetl exam` on a pseudo-terminal, as a person uses them
(one key and Enter per question, a bad key, q, Ctrl-C, Ctrl-D)."""

from __future__ import annotations

import os
import random
import sqlite3
import sys
from pathlib import Path

import pytest
from quizbank import make_curriculum

from cetl_cli.content.questions import load_questions
from cetl_cli.domain import quiz as qz

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


def test_a_short_quiz_with_a_bad_key_then_quitting(cetl_home, folder):
    asked = qz.select(load_questions(folder), 3, random.Random(9), area="I.B").questions
    child = spawn(cetl_home, folder, "quiz", "--area", "i.b", "-n", "3", "--seed", "9")
    child.expect_exact(f"Question 1 of 3 · I.B Strategic Planning · {asked[0].id}")
    child.expect_exact("Your answer (A-D, q to stop): ")
    child.sendline("x")
    child.expect_exact("'x' is not an answer: type A, B, C or D, or q to stop.")
    child.expect_exact("Your answer (A-D, q to stop): ")  # asked again, not counted
    child.sendline(asked[0].answer.lower())
    child.expect_exact(f"Right: {asked[0].answer}.")
    child.expect_exact(asked[0].explanation)
    child.expect_exact(f"Question 2 of 3 · I.B Strategic Planning · {asked[1].id}")
    child.expect_exact("Your answer (A-D, q to stop): ")
    child.sendline(wrong(asked[1].answer))
    child.expect_exact(f"Wrong: you chose {wrong(asked[1].answer)}. The answer is {asked[1].answer}: ")
    child.expect_exact("Question 3 of 3")
    child.expect_exact("Your answer (A-D, q to stop): ")
    child.sendline("q")
    child.expect_exact("Stopped after 2 of 3 questions: 1 right (50%). Your answers are kept.")
    child.expect_exact("Next: ask the 1 you missed again: cetl quiz --missed --area I.B")
    assert finish(child) == 0
    assert rows(cetl_home, "SELECT question_id, choice, correct, mode FROM practice_answers ORDER BY id") == [
        (asked[0].id, asked[0].answer, 1, "quiz"), (asked[1].id, wrong(asked[1].answer), 0, "quiz")]


def test_ctrl_c_and_ctrl_d_keep_what_was_answered(cetl_home, folder):
    asked = qz.select(load_questions(folder), 4, random.Random(1), area="II.C").questions
    child = spawn(cetl_home, folder, "quiz", "--module", "7", "-n", "4", "--seed", "1")
    child.expect_exact("Your answer (A-D, q to stop): ")
    child.sendline(asked[0].answer)
    child.expect_exact("Question 2 of 4")
    child.expect_exact("Your answer (A-D, q to stop): ")
    child.sendintr()
    child.expect_exact("Stopped after 1 of 4 questions: 1 right (100%). Your answers are kept.")
    assert finish(child) == 130
    assert rows(cetl_home, "SELECT question_id FROM practice_answers") == [(asked[0].id,)]

    child = spawn(cetl_home, folder, "quiz", "--module", "7", "-n", "4", "--seed", "1")
    child.expect_exact("Your answer (A-D, q to stop): ")
    child.sendeof()
    child.expect_exact("Stopped before the first answer; nothing was recorded.")
    assert finish(child) == 0
    assert len(rows(cetl_home, "SELECT id FROM practice_answers")) == 1


def test_exam_on_a_terminal_pauses_on_ctrl_c_and_resumes(cetl_home, folder):
    child = spawn(cetl_home, folder, "exam", "--seed", "4", "--minutes", "120")
    child.expect_exact("Time limit 120 minutes; 2 h 00 min left.")
    child.expect(r"Question 1 of 100 · (2 h 00 min|1 h 59 min) left")
    child.expect_exact("Your answer (A-D, q to pause): ")
    child.sendline("z")
    child.expect_exact("'z' is not an answer")
    child.sendline("C")
    child.expect_exact("Question 2 of 100")
    child.expect_exact("Your answer (A-D, q to pause): ")
    child.sendintr()
    child.expect_exact("Exam #1 paused after 1 of 100 questions (time used ")
    child.expect_exact("Resume it with cetl exam resume, or give it up with cetl exam abandon.")
    assert finish(child) == 130
    assert rows(cetl_home, "SELECT status FROM exam_attempts") == [("in_progress",)]

    child = spawn(cetl_home, folder, "exam", "resume")
    child.expect_exact("Resuming mock exam #1: 1 of 100 answered.")
    child.expect(r"Question 2 of 100 · (2 h 00 min|1 h 5\d min) left")
    child.expect_exact("Your answer (A-D, q to pause): ")
    child.sendline("q")
    child.expect_exact("Exam #1 paused after 1 of 100 questions")
    assert finish(child) == 0
    assert rows(cetl_home, "SELECT status FROM exam_attempts") == [("in_progress",)]
