"""The store: schema from migrations, to-do events, answer versions, drafts, safety."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cetl_cli.domain.errors import StoreError
from cetl_cli.store import Store, db_path
from cetl_cli.store.migrations import NAMES as MIGRATION_NAMES
from cetl_cli.store.todos import _done_ids


def columns(store: Store, table: str) -> dict[str, str]:
    return {r[1]: r[2] for r in store.conn.execute(f"PRAGMA table_info({table})")}


def test_a_blank_database_is_migrated_to_the_full_schema(store):
    assert store.applied_migrations() == list(MIGRATION_NAMES)
    assert set(store.tables()) >= {"todo_events", "reflection_answers", "drafts", "settings",
                                   "experience", "practice_answers", "exam_attempts"}
    assert columns(store, "todo_events") == {"id": "INTEGER", "item_id": "TEXT", "action": "TEXT", "at": "TEXT"}
    assert columns(store, "reflection_answers") == {
        "id": "INTEGER", "item_id": "TEXT", "version": "INTEGER", "text": "TEXT", "at": "TEXT"}
    indexes = {r[1] for r in store.conn.execute("PRAGMA index_list(reflection_answers)")}
    assert any("item_id" in i and "version" in i for i in indexes)


def test_an_old_schema_database_is_migrated_forward_keeping_its_data(tmp_path):
    from sqlite_utils import Database

    from cetl_cli.store.migrations import migration_set as migrations

    path = tmp_path / "old.db"
    db = Database(path)
    migrations().apply(db, stop_before="m002_experience")
    db.execute("INSERT INTO reflection_answers (item_id, version, text, at) VALUES ('r', 1, 'kept', 'x')")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    assert store.applied_migrations() == list(MIGRATION_NAMES)
    assert store.answers("r")[0].text == "kept"


def test_todo_events_record_only_changes_and_keep_history(store):
    assert store.set_todos(["a", "b", "a"], done=True) == ["a", "b"]
    assert store.set_todos(["a"], done=True) == []
    assert store.set_todos(["a"], done=False) == ["a"]
    assert store.set_todos(["a"], done=True) == ["a"]
    assert store.done_todos() == {"a", "b"}
    assert [e.action for e in store.todo_history("a")] == ["done", "undone", "done"]


def test_answers_are_versioned_and_a_saved_answer_clears_the_draft(store):
    store.save_draft("r1", "half a thought")
    assert store.draft("r1").text == "half a thought"
    assert store.add_answer("r1", "first") == 1
    assert store.draft("r1") is None
    assert store.add_answer("r1", "second") == 2
    assert [a.text for a in store.answers("r1")] == ["first", "second"]
    assert store.latest_answer("r1").text == "second"
    assert store.answered_reflections() == {"r1"}


def test_settings_round_trip(store):
    store.set_setting("k", "v1")
    store.set_setting("k", "v2")
    assert store.get_setting("k") == "v2"
    store.set_setting("k", None)
    assert store.get_setting("k") is None


def test_data_folder_and_file_are_private_and_follow_cetl_home(cetl_home):
    assert db_path() == cetl_home / "cetl.db"
    nested = cetl_home / "deeper" / "cetl.db"
    Store.open(nested).close()
    assert stat.S_IMODE(nested.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(nested.stat().st_mode) == 0o600


def test_a_damaged_database_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "cetl.db"
    junk = b"this is not sqlite at all\n" * 200
    path.write_bytes(junk)
    with pytest.raises(StoreError, match="damaged or is not a cetl database.*has not been changed"):
        Store.open(path)
    assert path.read_bytes() == junk


def test_a_database_from_a_newer_cetl_is_refused_without_changes(tmp_path):
    path = tmp_path / "cetl.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('cetl', 'm999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer cetl"):
        Store.open(path)


def test_an_unwritable_location_gives_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot open cetl's database"):
        Store.open(blocker / "sub" / "cetl.db")


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from cetl_cli.store import Store
    path, tag, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for i in range(n):
        s = Store.open(path)  # a fresh open each time, like separate cetl commands
        s.set_todos([f"{tag}-{i}"], done=True)
        s.add_answer("shared-question", f"{tag} {i}")
        s.close()
""")


def test_concurrent_processes_never_lose_a_write(tmp_path):
    path = tmp_path / "cetl.db"  # brand new: both processes also race to create and migrate it
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    n = 40
    procs = [
        subprocess.Popen([sys.executable, str(script), str(path), tag, str(n)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for tag in ("a", "b", "c")
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "locked" not in err
    store = Store.open(path)
    assert len(store.done_todos()) == 3 * n
    versions = [a.version for a in store.answers("shared-question")]
    assert versions == list(range(1, 3 * n + 1))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.booleans()), max_size=40))
def test_the_latest_event_decides_whether_a_todo_is_done(steps):
    store = Store(sqlite3.connect(":memory:"))
    model: dict[str, bool] = {}
    for item, done in steps:
        store.set_todos([item], done=done)
        model[item] = done
    assert store.done_todos() == {i for i, d in model.items() if d}
    assert _done_ids(store.db, ["a", "c", "zz"]) == {i for i in ("a", "c") if model.get(i)}
    store.close()


def test_done_todos_seeks_the_index_instead_of_reading_every_event(store):
    # A long history must not make every command slower: no full scan of todo_events.
    store.set_todos(["a", "b"], done=True)
    captured: list[str] = []
    store.conn.set_trace_callback(captured.append)
    store.done_todos()
    store.conn.set_trace_callback(None)
    plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + captured[0]))
    assert "SCAN todo_events" not in plan, plan
    assert "SEARCH" in plan and "idx_todo_events_item_id_id" in plan, plan


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["q1", "q2", "q3"]), st.sampled_from(["I.A", "II.B"]), st.booleans()),
                max_size=30), st.integers(min_value=1, max_value=5))
def test_practice_summaries_match_the_history(answers, recent):
    store = Store(sqlite3.connect(":memory:"))
    for question, area, right in answers:
        store.record_practice(question, area, "A", right, 10.0, "quiz")
    last: dict[str, bool] = {}
    per_area: dict[str, list[bool]] = {}
    for question, area, right in answers:
        last[question] = right
        per_area.setdefault(area, []).append(right)
    assert store.last_practice_results() == last
    assert store.practice_accuracy(recent) == {
        a: (sum(rs[-recent:]), len(rs[-recent:])) for a, rs in per_area.items()}
    store.close()


def test_practice_summaries_seek_the_indexes_instead_of_reading_every_answer(store):
    store.record_practice("q1", "I.A", "A", True, 1.0, "quiz")
    captured: list[str] = []
    store.conn.set_trace_callback(captured.append)
    store.practice_accuracy(50)
    store.last_practice_results()
    store.conn.set_trace_callback(None)
    for sql in captured:
        plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql.replace(":n", "50")))
        assert "SCAN practice_answers" not in plan and "SCAN p " not in plan, plan
