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


# The search indexes (SQLite FTS5). Porter stemming: "plan" finds "planning".
TOKENIZE = "porter unicode61 remove_diacritics 2"


def has_fts5(db: Any) -> bool:
    """Whether this SQLite has FTS5 (every mainstream build does; search says so when not)."""
    try:
        db.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        db.execute("DROP TABLE temp._fts5_probe")
    except Exception:  # noqa: BLE001 - sqlite3.OperationalError: no such module: fts5
        return False
    return True


def m006_record(db: Any) -> None:
    # Notes on to-dos (an artifact link, a remark): dated, several per to-do, never edited.
    db["todo_notes"].create({"id": int, "item_id": str, "text": str, "at": str}, pk="id",
                            not_null={"item_id", "text", "at"})
    db["todo_notes"].create_index(["item_id", "id"])
    # CoSN's application asks for employment history with supervisors.
    for column in ("employer", "supervisor", "notes"):
        db["experience"].add_column(column, str)
    # Continuing-education activities for recertification; the cycle's start is a setting.
    db["recert_activities"].create(
        {"id": int, "category": str, "hours": float, "date": str, "note": str, "created_at": str},
        pk="id", not_null={"category", "hours", "date", "created_at"})
    db["recert_activities"].create_index(["date"])
    if not has_fts5(db):
        return
    # Answers: an external-content index over reflection_answers, kept current by triggers.
    db.execute(f"CREATE VIRTUAL TABLE answers_fts USING fts5(text, content='reflection_answers', "
               f"content_rowid='id', tokenize='{TOKENIZE}')")
    db.execute("CREATE TRIGGER reflection_answers_ai AFTER INSERT ON reflection_answers BEGIN "
               "INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text); END")
    db.execute("CREATE TRIGGER reflection_answers_ad AFTER DELETE ON reflection_answers BEGIN "
               "INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text); END")
    db.execute("CREATE TRIGGER reflection_answers_au AFTER UPDATE ON reflection_answers BEGIN "
               "INSERT INTO answers_fts(answers_fts, rowid, text) VALUES ('delete', old.id, old.text); "
               "INSERT INTO answers_fts(rowid, text) VALUES (new.id, new.text); END")
    db.execute("INSERT INTO answers_fts(answers_fts) VALUES ('rebuild')")
    # The curriculum (module text and Reflection Questions): rebuilt whenever the curriculum's
    # cache key changes (store/search.py); `kind` is "material" or "question".
    db.execute(f"CREATE VIRTUAL TABLE material_fts USING fts5(kind UNINDEXED, module UNINDEXED, "
               f"ref UNINDEXED, label UNINDEXED, text, tokenize='{TOKENIZE}')")


MIGRATIONS: tuple[Callable[[Any], None], ...] = (m001_initial, m002_experience, m003_practice, m006_record)
NAMES: tuple[str, ...] = tuple(f.__name__ for f in MIGRATIONS)


def migration_set() -> Any:
    """The migrations as a `sqlite_utils.Migrations` (imports sqlite-utils)."""
    from sqlite_utils import Migrations

    m = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        m()(fn)
    return m
