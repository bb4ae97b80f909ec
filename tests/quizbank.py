"""Synthetic question banks for the quiz and exam tests (the shipped bank is tested on its own)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from cetl_cli.content.loader import default_curriculum_dir

AREAS = ("I.A", "I.B", "I.C", "II.A", "II.B", "II.C", "III.A", "III.B", "III.C", "III.D")
LETTERS = "ABCD"


def question(code: str, n: int, answer: str | None = None) -> dict:
    """Question n of area `code`; its answer rotates A-D unless given. Choice X reads 'X n code'."""
    slug = code.lower().replace(".", "")
    return {
        "id": f"{slug}-s{n:02d}",
        "skill_area": code,
        "stem": f"Synthetic question {n} for {code}: which choice is right?",
        "choices": [f"{letter} {n} {code}" for letter in LETTERS],
        "answer": answer or LETTERS[n % 4],
        "explanation": f"The choice that starts with {answer or LETTERS[n % 4]} is right by construction.",
        "difficulty": 1 + n % 3,
    }


def key_shown(seed, q) -> str:
    """The letter the key of question `q` is shown as, in a quiz or exam with this seed (the
    choices are shuffled from the seed and the question id)."""
    from cetl_cli.domain.questions import as_shown, shuffled_order

    return as_shown(shuffled_order(f"{seed}:{q.id}"), q.answer)


def shown_as(seed, q, letter: str) -> str:
    """The letter the file's choice `letter` of `q` is shown as, with this seed."""
    from cetl_cli.domain.questions import as_shown, shuffled_order

    return as_shown(shuffled_order(f"{seed}:{q.id}"), letter)


def make_curriculum(dest: Path, per_area: int | dict[str, int] = 16) -> Path:
    """The shipped framework and modules, with a synthetic questions/ folder (one file per area)."""
    src = default_curriculum_dir()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "framework.yaml", dest / "framework.yaml")
    shutil.copytree(src / "modules", dest / "modules")
    qdir = dest / "questions"
    qdir.mkdir()
    counts = per_area if isinstance(per_area, dict) else {a: per_area for a in AREAS}
    for code, count in counts.items():
        if count:
            bank = {"questions": [question(code, n) for n in range(1, count + 1)]}
            (qdir / f"{code.lower().replace('.', '')}.yaml").write_text(yaml.safe_dump(bank, sort_keys=False))
    return dest


# Fixtures shared by test_quiz.py and test_exam.py (imported there by name).
@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A curriculum with 16 synthetic questions per area (read only: answers go to CETL_HOME)."""
    return make_curriculum(tmp_path_factory.mktemp("quiz") / "cur", per_area=16)


@pytest.fixture(scope="module")
def bank(folder):
    from cetl_cli.content.questions import load_questions

    return load_questions(folder)


def minimal(tmp_path: Path, module_text: str) -> Path:
    (tmp_path / "modules").mkdir(exist_ok=True)
    (tmp_path / "framework.yaml").write_text(textwrap.dedent("""\
        name: F
        domains:
          - code: I
            name: One
            weight: 100
            skill_areas:
              - {code: I.A, name: A, weight: 100, description: d}
    """))
    (tmp_path / "modules" / "01-one.yaml").write_text(module_text)
    return tmp_path
