"""The question-bank loader: a good bank loads; every problem is reported as file:line at once."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from quizbank import AREAS, make_curriculum, question

from cetl_cli.content.questions import load_questions
from cetl_cli.domain.errors import CurriculumError


def write(folder, name: str, text: str):
    qdir = folder / "questions"
    qdir.mkdir(parents=True, exist_ok=True)
    (qdir / name).write_text(textwrap.dedent(text).lstrip())


GOOD = """
questions:
  - id: ib-q01
    skill_area: I.B
    stem: >-
      A plan
      goal is [bold]measurable[/bold] when?
    choices:
      - It names a target and a date
      - It sounds ambitious
      - The board likes it
      - It mentions technology
    answer: A
    explanation: A target and a date make it checkable.
    difficulty: 1
    source: cetl
    as_of: 2025-01-15
"""


def problems_of(folder, areas=AREAS) -> list[str]:
    with pytest.raises(CurriculumError) as err:
        load_questions(folder, set(areas))
    return err.value.problems


def test_a_good_bank_loads_with_text_kept_literally(tmp_path):
    write(tmp_path, "ib.yaml", GOOD)
    [q] = load_questions(tmp_path, set(AREAS))
    assert q.id == "ib-q01" and q.skill_area == "I.B" and q.answer == "A"
    assert q.stem == "A plan goal is [bold]measurable[/bold] when?"
    assert q.choice("A") == "It names a target and a date"
    assert q.is_right("A") and not q.is_right("B") and not q.is_right(None)
    assert q.as_of.isoformat() == "2025-01-15"


def test_no_questions_folder_means_an_empty_bank(tmp_path):
    assert load_questions(tmp_path, set(AREAS)) == []


def test_files_load_in_name_order(tmp_path):
    for code in ("II.A", "I.A"):
        bank = {"questions": [question(code, 1)]}
        write(tmp_path, f"{code.lower().replace('.', '')}.yaml", yaml.safe_dump(bank))
    assert [q.skill_area for q in load_questions(tmp_path, set(AREAS))] == ["I.A", "II.A"]


@pytest.mark.parametrize(
    ("change", "line", "expected"),
    [
        (lambda q: q.update(choices=q["choices"][:3]), 5, "questions[0].choices: Value error, needs exactly 4 choices (shown as A-D), found 3"),
        (lambda q: q.update(choices=q["choices"] + ["E"]), 5, "found 5"),
        (lambda q: q.update(choices=["Same", "Other", " same ", "Third"]), 5, "choices A and C are the same"),
        (lambda q: q.update(answer="E"), 10, "questions[0].answer: Input should be 'A', 'B', 'C' or 'D'"),
        (lambda q: q.update(answer="b"), 10, "questions[0].answer"),
        (lambda q: q.update(difficulty=4), 12, "questions[0].difficulty: Input should be less than or equal to 3"),
        (lambda q: q.pop("explanation"), 2, "questions[0].explanation: required field is missing"),
        (lambda q: q.update(stem="   "), 4, "questions[0].stem"),
        (lambda q: q.update(hint="x"), 13, "questions[0].hint: unknown field"),
        (lambda q: q.update(skill_area="IV.A"), 3, "questions[0].skill_area: 'IV.A' is not a skill area in framework.yaml (valid: I.A, I.B"),
        (lambda q: q.update(as_of="2999-01-01"), 13, "date 2999-01-01 is in the future"),
    ],
)
def test_a_bad_question_is_reported_at_its_line(tmp_path, change, line, expected):
    q = question("I.B", 1)
    change(q)
    text = yaml.safe_dump({"questions": [q]}, sort_keys=False)
    write(tmp_path, "ib.yaml", text)
    [problem] = problems_of(tmp_path)
    path = str(tmp_path / "questions" / "ib.yaml")
    assert problem.startswith(f"{path}:"), problem
    assert expected in problem
    # the line number points at the field (or the question, for a missing field)
    assert int(problem.split(":")[1]) == line, (problem, text)


def test_every_problem_across_files_is_reported_at_once(tmp_path):
    write(tmp_path, "a.yaml", yaml.safe_dump({"questions": [question("I.A", 1), question("I.A", 2)]}))
    dup = question("I.B", 1)
    dup["id"] = "ia-s02"
    b_text = yaml.safe_dump({"questions": [question("I.B", 2), dup]}, sort_keys=False)
    dup_line = b_text.splitlines().index("- id: ia-s02") + 1
    write(tmp_path, "b.yaml", b_text)
    write(tmp_path, "c.yaml", "questions: [oops\n")
    write(tmp_path, "d.yaml", "questions: []\n")
    problems = problems_of(tmp_path)
    assert len(problems) == 3, problems
    joined = "\n".join(problems)
    assert f"b.yaml:{dup_line}: questions[1].id: id 'ia-s02' is already used at " in joined
    assert "a.yaml:" in joined.split("already used at ")[1]
    assert "c.yaml:2: (yaml): not valid YAML" in joined
    assert "d.yaml:1: questions: the list is empty" in joined


def test_area_check_is_skipped_without_a_framework(tmp_path):
    q = question("IX.Z", 1)
    write(tmp_path, "x.yaml", yaml.safe_dump({"questions": [q]}))
    assert [x.id for x in load_questions(tmp_path, None)] == [q["id"]]


def test_validate_reports_the_bank_with_the_rest_of_the_curriculum(tmp_path, cetl):
    folder = make_curriculum(tmp_path / "cur", per_area=2)
    r = cetl("curriculum", "validate", str(folder))
    assert r.exit_code == 0, r.output
    assert "and 20 practice questions." in r.stdout
    assert "needs more questions in 10 skill areas: I.A has 2 of 15;" in r.stdout

    bad = question("I.B", 9)
    bad["answer"] = "Z"
    write(folder, "zz.yaml", yaml.safe_dump({"questions": [bad]}))
    (folder / "framework.yaml").write_text((folder / "framework.yaml").read_text().replace("weight: 40", "weight: 41", 1))
    r = cetl("curriculum", "validate", str(folder))
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert any("framework.yaml" in line and "add up to" in line for line in lines), lines
    assert any(line.startswith(str(folder / "questions" / "zz.yaml")) and ".answer:" in line for line in lines), lines
