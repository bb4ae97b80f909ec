"""The practice-question bank's record. Loading and checking it is cetl_cli/content/questions.py."""

from __future__ import annotations

import re
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


# -- the order the choices are shown in -------------------------------------------------------
# An order is the file's letters in the order shown: "CADB" shows the file's choice C as A.
# Stored with every answer, so a review shows what the candidate saw.
IN_FILE_ORDER = "ABCD"


def shuffled_order(seed: str) -> str:
    """A shuffled order, the same for the same seed (a quiz's seed and the question id, say)."""
    import random

    letters = list(LETTERS)
    random.Random(seed).shuffle(letters)
    return "".join(letters)


def in_file(order: str, shown: str) -> str:
    """The file's letter for the letter shown."""
    return order[LETTERS.index(shown)]


def as_shown(order: str, letter: str) -> str:
    """The letter shown for the file's `letter`."""
    return LETTERS[order.index(letter)]


_NAMES_A_LETTER = re.compile(
    r"\b(?:[Cc]hoices?|[Oo]ptions?|[Aa]nswers?|[Ll]etters?)\s+[A-D]\b|\([A-D]\)|\b[A-D]\s+is\s+"
    r"(?:right|correct|best|wrong|incorrect)\b")


def names_a_letter(text: str) -> bool:
    """Whether an explanation names a choice by its letter ("Choice C is best", "(B)"): with
    shuffled choices the letters change, so an explanation names a choice by what it says."""
    return bool(_NAMES_A_LETTER.search(text))
