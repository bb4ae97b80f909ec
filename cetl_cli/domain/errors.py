"""cetl's one family of typed errors. The CLI boundary (cetl_cli/cli/boundary.py) turns each
into one line on stderr, `cetl: MESSAGE HINT`, and the exit code of its class:

| exit | class                          | meaning                                              |
|------|--------------------------------|------------------------------------------------------|
| 0    |                                | success                                              |
| 1    | UserInputError, NotFoundError  | a wrong value: an unknown module or ref, a bad date  |
| 1    | StoreError and its kinds       | the database cannot be used (damaged, full, locked)  |
| 2    | UsageError                     | the command line itself is wrong                     |
| 2    | CurriculumError                | a curriculum file is broken (every problem listed)   |
| 130  |                                | interrupted (Ctrl-C, the terminal closed, SIGTERM)   |
"""

from __future__ import annotations

from typing import Optional

SHOWN = 60  # characters of a user's value repeated in a message


def shorten(text: object, limit: int = SHOWN) -> str:
    """A value as typed, cut to `limit` characters so an error never echoes a huge argument."""
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


class CetlError(Exception):
    """Base class: `message` says what is wrong; `hint`, when there is one, what to do next."""

    exit_code = 1

    def __init__(self, message: str, hint: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def line(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class UserInputError(CetlError):
    """A value the user typed is wrong (module 99, an unknown ref, a bad date)."""


class NotFoundError(UserInputError):
    """Something the user named does not exist."""


class UsageError(CetlError):
    """The command line is wrong: a missing argument, a misspelt command, options that clash."""

    exit_code = 2


class CurriculumError(CetlError):
    """The curriculum folder is broken. Carries every problem found, one line each."""

    exit_code = 2

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))

    def line(self) -> str:
        return self.message


class StoreError(CetlError):
    """The database cannot be opened or written."""


class StoreDamaged(StoreError):
    """The file is not a healthy cetl database; it is never written."""


class StoreFull(StoreError):
    """The disk is full: the data is intact, the write did not happen."""


class StoreReadOnly(StoreError):
    """The file or its folder cannot be written."""


class StoreLocked(StoreError):
    """Another program held the database past the busy timeout."""


class QuerySyntaxError(UserInputError):
    """A search query that SQLite's FTS5 cannot parse; `detail` is SQLite's own words."""

    def __init__(self, message: str, hint: Optional[str] = None, detail: str = "") -> None:
        super().__init__(message, hint)
        self.detail = detail
