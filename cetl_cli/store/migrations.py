"""The database's schema, as append-only migrations: a released one is never edited or removed.

Each is a plain function named `mNNN_what(db)` taking a `sqlite_utils.Database`; `MIGRATIONS`
lists them in order and their names are derived from the functions, so nothing is kept in step
by hand. sqlite-utils is imported only when a migration is pending (`migration_set`).
"""

from __future__ import annotations

from typing import Any, Callable

MIGRATION_SET = "cetl"


def m001_initial(db: Any) -> None:
    db["todo_events"].create(
        {"id": int, "item_id": str, "action": str, "at": str}, pk="id", not_null={"item_id", "action", "at"}
    )
    db["todo_events"].create_index(["item_id", "id"])
    db["reflection_answers"].create(
        {"id": int, "item_id": str, "version": int, "text": str, "at": str},
        pk="id",
        not_null={"item_id", "version", "text", "at"},
    )
    db["reflection_answers"].create_index(["item_id", "version"], unique=True)
    db["drafts"].create({"item_id": str, "text": str, "at": str}, pk="item_id", not_null={"text", "at"})
    db["settings"].create({"key": str, "value": str}, pk="key")


def m002_experience(db: Any) -> None:
    # One row per job or role, for the eligibility check. `domains` is e.g. "I,III".
    db["experience"].create(
        {"id": int, "role": str, "start": str, "end": str, "domains": str, "created_at": str},
        pk="id",
        not_null={"role", "start", "domains", "created_at"},
    )


def m003_practice(db: Any) -> None:
    # Every practice answer, from `cetl quiz` or a mock exam. `choice` is A-D, or null when
    # the question was left unanswered (time ran out). `attempt_id` links exam answers.
    db["exam_attempts"].create(
        {
            "id": int, "seed": int, "minutes": int, "question_ids": str, "status": str,
            "elapsed_seconds": float, "started_at": str, "finished_at": str,
        },
        pk="id",
        not_null={"question_ids", "status", "started_at"},
        defaults={"elapsed_seconds": 0.0},
    )
    db["practice_answers"].create(
        {
            "id": int, "question_id": str, "skill_area": str, "choice": str, "correct": int,
            "seconds": float, "mode": str, "attempt_id": int, "at": str,
        },
        pk="id",
        not_null={"question_id", "skill_area", "correct", "mode", "at"},
        foreign_keys=[("attempt_id", "exam_attempts", "id")],
    )
    db["practice_answers"].create_index(["question_id", "id"])
    db["practice_answers"].create_index(["skill_area", "id"])
    db["practice_answers"].create_index(["attempt_id"])


def m005_plan(db: Any) -> None:
    # The self-assessment: a row per skill area each time it is rated, so the history is kept;
    # the latest row of an area counts. The study plan itself is the setting "plan" (JSON).
    db["self_assessments"].create(
        {"id": int, "skill_area": str, "knowledge": int, "experience": int, "at": str},
        pk="id",
        not_null={"skill_area", "knowledge", "experience", "at"},
    )
    db["self_assessments"].create_index(["skill_area", "id"])
    # The plan's pace reads the practice time since its start date without a full scan.
    db["practice_answers"].create_index(["at"])


MIGRATIONS: tuple[Callable[[Any], None], ...] = (m001_initial, m002_experience, m003_practice, m005_plan)
NAMES: tuple[str, ...] = tuple(f.__name__ for f in MIGRATIONS)


def migration_set() -> Any:
    """The migrations as a `sqlite_utils.Migrations` (imports sqlite-utils)."""
    from sqlite_utils import Migrations

    m = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        m()(fn)
    return m
