"""What one run of cetl works with: the clock, the curriculum (and its bank and rules), the store.

Everything is loaded on first use, so a command pays only for what it touches. Tests build a
Session with a fixed clock and a temporary CETL_HOME.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

if TYPE_CHECKING:
    from cetl_cli.domain.models import Curriculum
    from cetl_cli.domain.questions import Question
    from cetl_cli.domain.recert import RecertRules
    from cetl_cli.domain.rules import Rules
    from cetl_cli.store import Store


@dataclass
class Clock:
    """The time, passed to everything that needs it; tests give fixed functions."""

    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)
    monotonic: Callable[[], float] = time.monotonic

    def today(self) -> dt.date:
        """Today in the user's local time zone."""
        return self.now().astimezone().date()


@dataclass
class Session:
    curriculum_dir: Optional[Path] = None
    clock: Clock = field(default_factory=Clock)
    _curriculum: Curriculum | None = None
    _store: Store | None = None
    _bank: list[Question] | None = None
    _rules: Rules | None = None
    _recert: RecertRules | None = None

    @property
    def curriculum(self) -> Curriculum:
        if self._curriculum is None:
            from cetl_cli.content.cache import load

            self._curriculum = load(self.curriculum_dir)
        return self._curriculum

    @property
    def store(self) -> Store:
        if self._store is None:
            from cetl_cli.store import Store

            self._store = Store.open(clock=self.clock.now)
        return self._store

    def bank(self) -> list[Question]:
        """The practice questions; NotFoundError when the curriculum has none."""
        if self._bank is None:
            from cetl_cli.content.cache import cached
            from cetl_cli.content.questions import load_questions
            from cetl_cli.domain.errors import NotFoundError
            from cetl_cli.domain.questions import Question

            cur = self.curriculum
            folder = Path(cur.source_dir)
            bank = cached(folder, "questions", lambda: load_questions(folder, cur.areas),
                          lambda qs: [q.as_json() for q in qs], lambda data: [Question.from_json(q) for q in data])
            if not bank:
                raise NotFoundError(
                    f"This curriculum has no practice questions: add them as {folder}/questions/*.yaml "
                    "(see docs/curriculum-format.md).")
            self._bank = bank
        return self._bank

    def rules(self) -> Rules:
        if self._rules is None:
            from cetl_cli.content.cache import cached
            from cetl_cli.content.rules import load_rules, rules_path
            from cetl_cli.domain.rules import Rules

            path = rules_path(self.curriculum_dir)
            self._rules = cached(path.parent, "eligibility", lambda: load_rules(path),
                                 lambda r: r.as_json(), Rules.from_json)
        return self._rules

    def recert_rules(self) -> RecertRules:
        if self._recert is None:
            from cetl_cli.content.cache import cached
            from cetl_cli.content.recert import load_recert, recert_path
            from cetl_cli.domain.recert import RecertRules

            path = recert_path(self.curriculum_dir)
            self._recert = cached(path.parent, "recert", lambda: load_recert(path),
                                  lambda r: r.as_json(), RecertRules.from_json)
        return self._recert

    def progress_sets(self) -> tuple[set[str], set[str]]:
        s = self.store
        return s.done_todos(), s.answered_reflections()

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
