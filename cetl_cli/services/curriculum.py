"""`cetl curriculum validate`: the authors' check of a whole curriculum folder, never cached."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from cetl_cli.content.loader import default_curriculum_dir, load_curriculum
from cetl_cli.content.questions import load_questions
from cetl_cli.content.recert import FILE_NAME as RECERT_FILE
from cetl_cli.content.recert import recert_problems
from cetl_cli.content.rules import FILE_NAME, rule_problems
from cetl_cli.domain.errors import CurriculumError
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.questions import Question
from cetl_cli.domain.quiz import EXAM_SIZE, exam_counts
from cetl_cli.domain.recert import RecertRules
from cetl_cli.domain.rules import Rules


@dataclass(frozen=True)
class Validated:
    curriculum: Curriculum
    questions: list[Question]
    rules: Optional[Rules]
    notes: list[str] = field(default_factory=list)
    recert: Optional[RecertRules] = None


def validate(folder: Optional[Path]) -> Validated:
    """Everything in the folder, all problems at once (CurriculumError); notes for what is thin."""
    root = Path(folder) if folder is not None else default_curriculum_dir()
    problems: list[str] = []
    cur: Optional[Curriculum]
    try:
        cur = load_curriculum(root)
    except CurriculumError as err:
        cur, problems = None, list(err.problems)
    # The question bank and eligibility.yaml are optional in a chapter's folder; their problems
    # are listed with the rest, all at once.
    questions: list[Question] = []
    try:
        questions = load_questions(root, cur.areas if cur is not None else None)
    except CurriculumError as err:
        problems += err.problems
    rules: Optional[Rules] = None
    if (root / FILE_NAME).is_file():
        found = rule_problems(root / FILE_NAME, [d.code for d in cur.framework.domains] if cur is not None else None)
        if isinstance(found, list):
            problems += found
        else:
            rules = found
    recert: Optional[RecertRules] = None
    if (root / RECERT_FILE).is_file():
        checked = recert_problems(root / RECERT_FILE)
        if isinstance(checked, list):
            problems += checked
        else:
            recert = checked
    if problems or cur is None:
        raise CurriculumError(problems)
    return Validated(cur, questions, rules, exam_shortfall(cur, questions) + letter_notes(questions), recert)


def exam_shortfall(cur: Curriculum, questions: list[Question]) -> list[str]:
    """Notes (not errors: a bank is optional) on skill areas too small for a mock exam."""
    if not questions:
        return []
    have = Counter(q.skill_area for q in questions)
    short = [f"{code} has {have[code]} of {need}" for code, need in exam_counts(cur.framework).items()
             if have[code] < need]
    if not short:
        return []
    return [f"Note: cetl exam draws {EXAM_SIZE} questions by exam weight and needs more questions in "
            f"{len(short)} skill area{'s' if len(short) > 1 else ''}: {'; '.join(short)}."]


def letter_notes(questions: list[Question]) -> list[str]:
    """A note (not an error) on explanations that name a choice by its letter: cetl shuffles
    the choices wherever a question is shown, so the letter in the file is rarely the one seen."""
    from cetl_cli.domain.questions import names_a_letter

    naming = [q.id for q in questions if names_a_letter(q.explanation)]
    if not naming:
        return []
    shown = ", ".join(naming[:5]) + (", ..." if len(naming) > 5 else "")
    return [f"Note: {len(naming)} explanation{'s name' if len(naming) > 1 else ' names'} a choice by its letter "
            f"({shown}); cetl shuffles the choices, so name a choice by what it says."]
