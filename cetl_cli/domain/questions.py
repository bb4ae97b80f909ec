"""The practice-question bank's record. Loading and checking it is cetl_cli/content/questions.py."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from cetl_cli.domain.fields import AreaCode, Rule, Slug, Text, between
from cetl_cli.domain.models import Dated

LETTERS = ("A", "B", "C", "D")
Letter = Literal["A", "B", "C", "D"]
FOUR_CHOICES = Rule("choices")  # four distinct choices, shown as A-D


class Question(Dated):
    """One multiple-choice question with exactly four choices, in file order."""

    id: Slug
    skill_area: AreaCode
    stem: Text
    choices: Annotated[list[Text], FOUR_CHOICES]
    answer: Letter
    explanation: Text
    difficulty: Annotated[int, between(1, 3)]
    # scenario: a district situation to judge; recall: a fact to remember (the bank keeps
    # at least 70% scenarios, tests/content/test_question_bank.py)
    kind: Optional[Literal["scenario", "recall"]] = None

    def choice(self, letter: str) -> str:
        return self.choices[LETTERS.index(letter)]

    def is_right(self, letter: Optional[str]) -> bool:
        return letter == self.answer
