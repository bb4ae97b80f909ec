"""The practice-question bank: `questions/*.yaml` in a curriculum folder, loaded and checked.

Problems come out like the rest of the curriculum's, `file:line: field.path: message`, all at
once, as a CurriculumError. A curriculum without a `questions/` folder simply has no questions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Collection, Optional

from cetl_cli.content.loader import Problems, SourceFile, read_yaml, validate
from cetl_cli.domain.errors import CurriculumError
from cetl_cli.domain.questions import Question
from cetl_cli.domain.record import Record


class QuestionFile(Record):
    questions: list[Question]


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
        if not bank.questions:
            problems.add(src, ("questions",), "the list is empty; add a question or remove the file")
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
