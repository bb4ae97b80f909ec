"""The study record in the store: migration m006_record, notes, recertification activities, the
search indexes, and a Bundle exported and merged back without duplicates."""

from __future__ import annotations

import sqlite3

from cetl_cli.domain.search import MARK_END, MARK_START, Doc
from cetl_cli.domain.transfer import Bundle
from cetl_cli.store import Store
from cetl_cli.store.migrations import NAMES


def test_an_old_database_gains_the_record_tables_and_indexes_its_answers(tmp_path):
    from sqlite_utils import Database

    from cetl_cli.store.migrations import migration_set

    path = tmp_path / "old.db"
    db = Database(path)
    migration_set().apply(db, stop_before="m006_record")
    db.execute("INSERT INTO reflection_answers (item_id, version, text, at) VALUES ('r1', 1, 'Our FERPA notice', 'x')")
    db.execute("INSERT INTO experience (role, start, domains, created_at) VALUES ('CTO', '2020-01-01', 'I', 'x')")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    assert store.applied_migrations() == list(NAMES)
    assert [h.ref for h in store.search_answers('"ferpa"', 10)] == ["r1"]  # indexed by the migration
    entry = store.experience()[0]
    assert (entry.role, entry.employer, entry.supervisor, entry.notes) == ("CTO", None, None, None)
    assert {"todo_notes", "recert_activities", "answers_fts", "material_fts"} <= set(store.tables())


def test_the_answers_index_follows_every_save_and_searches_the_latest_version(store):
    store.add_answer("q1", "We review the technology plan every spring.")
    hits = store.search_answers('"spring"', 10)
    assert [(h.ref, h.version) for h in hits] == [("q1", 1)]
    assert f"{MARK_START}spring{MARK_END}" in hits[0].snippet
    store.add_answer("q1", "Now every autumn.")
    assert store.search_answers('"spring"', 10) == []  # only the latest version is searched
    assert [h.version for h in store.search_answers('"autumn"', 10)] == [2]
    store.conn.execute("DELETE FROM reflection_answers")  # the delete trigger keeps the index exact
    assert store.search_answers('"autumn"', 10) == []
    store.conn.execute("INSERT INTO answers_fts(answers_fts) VALUES ('integrity-check')")  # raises if out of step


def test_the_material_index_is_replaced_whole_with_its_key(store):
    store.rebuild_material("k1", [Doc("material", 1, None, "Summary", "Planning cycles"),
                                  Doc("question", 1, "1.r1", "Reflection question 1.r1", "Which plan?")])
    assert store.material_key() == "k1"
    found = store.search_material('"plan"', ["material", "question"], 10)  # "Planning" and "plan": stemmed
    assert sorted(h.label for h in found) == ["Reflection question 1.r1", "Summary"]
    assert [h.kind for h in store.search_material('"plan"', ["question"], 10)] == ["question"]
    store.rebuild_material("k2", [Doc("material", 2, None, "Summary", "Budgets")])
    assert store.material_key() == "k2"
    assert store.search_material('"plan"', ["material", "question"], 10) == []
    assert store.bundle().settings == {}  # the index key describes this database, not you: never exported


def test_notes_are_kept_in_order_per_todo(store):
    store.add_todo_note("t1", "first")
    store.add_todo_note("t2", "other")
    store.add_todo_note("t1", "second")
    notes = store.todo_notes()
    assert [n.text for n in notes["t1"]] == ["first", "second"]
    assert list(store.todo_notes(["t2"])) == ["t2"]
    assert store.todo_notes([]) == {}


def test_experience_edits_change_only_what_is_given(store):
    entry = store.add_experience("Director", "2019-08-01", None, ["I"], employer="Example USD")
    assert store.update_experience(entry, {"supervisor": "Dr. A", "domains": ["I", "III"]})
    e = store.experience_entry(entry)
    assert (e.role, e.employer, e.supervisor, e.domains) == ("Director", "Example USD", "Dr. A", ("I", "III"))
    assert not store.update_experience(999, {"role": "x"})


def filled(store: Store) -> Store:
    store.set_todos(["t1", "t2"], done=True)
    store.set_todos(["t2"], done=False)
    store.add_todo_note("t1", "https://example.org/artifact")
    store.add_answer("r1", "first")
    store.add_answer("r1", "second")
    store.add_answer("r2", "other")
    store.save_draft("r3", "half")
    store.add_experience("CTO", "2020-07-01", None, ["I", "II"], "Example USD", "Dr. A", "notes")
    attempt = store.start_exam(7, 90, ["q1", "q2"])
    store.record_practice("q1", "I.A", "B", True, 12.5, "exam", attempt)
    store.update_exam(attempt, status="finished", elapsed_seconds=100.0)
    store.record_practice("q3", "I.B", None, False, None, "quiz")
    store.set_setting("recert.certified", "2025-01-01")
    store.add_recert("teaching", 2.5, "2025-06-01", "Workshop")
    store.set_json("eligibility.answers", {"degree": "master"})
    return store


def everything(store: Store) -> tuple:
    b = store.bundle()
    return (b.todo_events, b.todo_notes, b.answers, b.drafts, b.experience,
            [a.as_dict() | {"id": 0} for a in b.attempts], [p[:6] + p[7:] for p in b.practice],
            b.recert_certified, b.recert, b.settings, store.done_todos())


def test_a_bundle_restores_into_an_empty_database_and_importing_again_adds_nothing(store):
    source = filled(store)
    other = Store(sqlite3.connect(":memory:"))
    added = other.import_bundle(source.bundle())
    assert added["reflection_answers"] == 3 and added["exam_attempts"] == 1 and added["practice_answers"] == 2
    assert everything(other) == everything(source)
    assert [a.version for a in other.answers("r1")] == [1, 2]
    assert other.practice_answers()[0].attempt_id == other.exam_attempts()[0].id
    again = other.import_bundle(source.bundle())
    assert sum(again.values()) == 0
    assert everything(other) == everything(source)


def test_merging_keeps_existing_rows_and_lets_the_latest_event_decide(store):
    old = Store(sqlite3.connect(":memory:"))
    old.conn.execute("INSERT INTO todo_events (item_id, action, at) VALUES ('t1', 'done', '2026-01-01T00:00:00+00:00')")
    old.conn.execute("INSERT INTO reflection_answers (item_id, version, text, at) "
                     "VALUES ('r1', 1, 'from the old laptop', '2026-01-02T00:00:00+00:00')")
    # here, later: t1 was undone, and r1 has its own answer
    store.conn.execute("INSERT INTO todo_events (item_id, action, at) VALUES ('t1', 'undone', '2026-02-01T00:00:00+00:00')")
    store.add_answer("r1", "written here")
    store.save_draft("r1", "my draft here")
    old.save_draft("r1", "old draft")
    store.import_bundle(old.bundle())
    assert store.done_todos() == set()  # the newer "undone" still decides, though imported later
    assert [(a.version, a.text) for a in store.answers("r1")] == [(1, "written here"), (2, "from the old laptop")]
    assert store.draft("r1").text == "my draft here"  # a draft is never replaced


def test_an_empty_bundle_changes_nothing(store):
    filled(store)
    before = everything(store)
    empty = Bundle([], [], [], [], [], [], [], None, [], {})
    assert sum(store.import_bundle(empty).values()) == 0
    assert everything(store) == before
