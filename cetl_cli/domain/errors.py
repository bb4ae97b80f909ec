"""Typed errors. The CLI boundary (cli/main.py) turns each into one line and an exit code."""

from __future__ import annotations


class CetlError(Exception):
    """Base class: `str(err)` is the whole message a user sees."""

    exit_code = 1


class UserInputError(CetlError):
    """A value the user typed is wrong (module 99, an unknown ref, a bad date)."""

    exit_code = 1


class NotFoundError(UserInputError):
    """Something the user named does not exist."""


class CurriculumError(CetlError):
    """The curriculum folder is broken. Carries every problem found, one line each."""

    exit_code = 2

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class StoreError(CetlError):
    """The database cannot be opened, is damaged, or cannot be written."""

    exit_code = 1
