"""The practice-question bank: `questions/*.yaml` in a curriculum folder, loaded and checked.

Problems come out like the rest of the curriculum's, `file:line: field.path: message`, all at
once, as a CurriculumError. A curriculum without a `questions/` folder simply has no questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Collection, Literal, Optional

from pydantic import Field, field_validator

from cetl_cli.domain.errors import CurriculumError
from cetl_cli.domain.loader import Problems, SourceFile, read_yaml, validate
from cetl_cli.domain.models import AreaCode, Dated, Slug, Strict, Text

LETTERS = ("A", "B", "C", "D")
Letter = Literal["A", "B", "C", "D"]


class Question(Dated):
    """One multiple-choice question with exactly four choices, shown as A-D in file order."""

    id: Slug
    skill_area: AreaCode
    stem: Text
    choices: list[Text]
    answer: Letter
    explanation: Text
    difficulty: Annotated[int, Field(ge=1, le=3)]
    # scenario: a district situation to judge; recall: a fact to remember (the bank keeps
    # at least 70% scenarios, tests/test_questions_bank.py)
    kind: Optional[Literal["scenario", "recall"]] = None

    @field_validator("choices")
    @classmethod
    def _four_distinct(cls, value: list[str]) -> list[str]:
        if len(value) != 4:
            raise ValueError(f"needs exactly 4 choices (shown as A-D), found {len(value)}")
        seen: dict[str, int] = {}
        for i, choice in enumerate(value):
            key = " ".join(choice.casefold().split())
            if key in seen:
                raise ValueError(f"choices {LETTERS[seen[key]]} and {LETTERS[i]} are the same; "
                                 "each choice must be different")
            seen[key] = i
        return value

    def choice(self, letter: str) -> str:
        return self.choices[LETTERS.index(letter)]

    def is_right(self, letter: Optional[str]) -> bool:
        return letter == self.answer


class QuestionFile(Strict):
    questions: list[Question] = Field(min_length=1)


def question_files(curriculum_dir: Path | str) -> list[Path]:
    folder = Path(curriculum_dir) / "questions"
    return sorted(folder.glob("*.y*ml")) if folder.is_dir() else []


def load_questions(curriculum_dir: Path | str, areas: Optional[Collection[str]] = None) -> list[Question]:
    """Every question in `curriculum_dir/questions/*.yaml`, in file order.

    `areas` is the set of skill-area codes in the framework; each question's `skill_area` must be
    one of them (skipped when None). Ids must be unique across the bank. Raises CurriculumError
    listing every problem.
    """
    problems = Problems()
    found: list[Question] = []
    where: dict[str, tuple[SourceFile, tuple]] = {}
    for path in question_files(curriculum_dir):
        src = read_yaml(path, str(path), problems)
        if src is None:
            continue
        bank = validate(QuestionFile, src, problems)
        if bank is None:
            continue
        for i, q in enumerate(bank.questions):
            if q.id in where:
                first, first_loc = where[q.id]
                problems.add(src, ("questions", i, "id"),
                             f"id {q.id!r} is already used at {first.shown}:{first.line_of(first_loc)}; "
                             "question ids must be unique across the bank")
                continue
            where[q.id] = (src, ("questions", i, "id"))
            if areas is not None and q.skill_area not in areas:
                problems.add(src, ("questions", i, "skill_area"),
                             f"{q.skill_area!r} is not a skill area in framework.yaml "
                             f"(valid: {', '.join(sorted(areas))})")
                continue
            found.append(q)
    if problems.lines:
        raise CurriculumError(problems.lines)
    return found
