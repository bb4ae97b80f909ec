"""The database's schema, as append-only migrations: a released one is never edited or removed.

Each is a plain function named `mNNN_what(db)` taking a `sqlite_utils.Database`; `MIGRATIONS`
lists them in order and their names are derived from the functions, so nothing is kept in step
by hand. sqlite-utils is imported only when a migration is pending (`migration_set`).
"""

from __future__ import annotations

import json
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


def m004_review(db: Any) -> None:
    # The order the choices were shown in, as the file's letters ("CADB": the file's C shown as A),
    # for every practice answer (null: before choices were shuffled, so in file order). `choice`
    # stays the file's letter.
    db["practice_answers"].add_column("shown", str)
    # A mock exam's questions in exam order, with the order their choices are shown in and the
    # candidate's flag. Exams taken before this migration showed the choices in file order.
    db["exam_items"].create(
        {"attempt_id": int, "position": int, "question_id": str, "shown": str, "flagged": int},
        pk=("attempt_id", "position"),
        not_null={"question_id", "shown", "flagged"},
        defaults={"flagged": 0},
        foreign_keys=[("attempt_id", "exam_attempts", "id")],
    )
    for attempt_id, ids in db.execute("SELECT id, question_ids FROM exam_attempts").fetchall():
        db["exam_items"].insert_all(
            ({"attempt_id": attempt_id, "position": n, "question_id": qid, "shown": "ABCD", "flagged": 0}
             for n, qid in enumerate(json.loads(ids), start=1)))
    # Spaced review (FSRS): one card per practice question answered or key concept reviewed,
    # keyed by the question id or the concept key; times in UTC. `state` 0 is new, 1-3 FSRS's.
    db["review_cards"].create(
        {"key": str, "kind": str, "state": int, "step": int, "stability": float, "difficulty": float,
         "due": str, "last_review": str, "reps": int, "lapses": int},
        pk="key",
        not_null={"kind", "state", "due", "reps", "lapses"},
    )
    # Every review: the card, the rating (1 Again .. 4 Easy), when, how long, and where it came
    # from (a quiz answer, a mock exam or `cetl review`), so a deleted exam can be taken out.
    db["review_log"].create(
        {"id": int, "key": str, "kind": str, "rating": int, "reviewed_at": str, "seconds": float,
         "source": str, "answer_id": int, "attempt_id": int, "due": str, "stability": float},
        pk="id",
        not_null={"key", "kind", "rating", "reviewed_at", "source", "due"},
    )
    db["review_log"].create_index(["key", "id"])
    db["review_log"].create_index(["attempt_id"])


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


MIGRATIONS: tuple[Callable[[Any], None], ...] = (m001_initial, m002_experience, m003_practice, m004_review,
                                                 m005_plan, m006_record)
NAMES: tuple[str, ...] = tuple(f.__name__ for f in MIGRATIONS)


def migration_set() -> Any:
    """The migrations as a `sqlite_utils.Migrations` (imports sqlite-utils)."""
    from sqlite_utils import Migrations

    m = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        m()(fn)
    return m
