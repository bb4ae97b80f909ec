"""Faults the store survives, with real SQLite errors: each gets its own typed error and advice,
a damaged file is refused and never written, and nothing is reported as damage that is not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cetl_cli.domain.errors import StoreDamaged, StoreError, StoreFull, StoreLocked, StoreReadOnly
from cetl_cli.store import Store, db
from cetl_cli.store.db import classify


def fresh(tmp_path: Path) -> Path:
    path = tmp_path / "cetl.db"
    s = Store.open(path)
    s.set_todos(["a", "b"], done=True)
    s.add_answer("r1", "My answer")
    s.close()
    return path


def test_a_full_disk_is_full_not_damaged(tmp_path):
    s = Store.open(fresh(tmp_path))
    pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
    s.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page
    with pytest.raises(StoreFull) as err:
        s.add_answer("r2", "x" * 200_000)
    assert "full" in err.value.message and "intact" in err.value.message
    assert "damaged" not in err.value.line() and "mv " not in err.value.line()
    s.close()
    assert Store.open(tmp_path / "cetl.db").latest_answer("r1").text == "My answer"


def test_a_read_only_database_says_so(tmp_path):
    s = Store.open(fresh(tmp_path))
    s.conn.execute("PRAGMA query_only = 1")  # what a read-only file or mount gives: SQLITE_READONLY
    with pytest.raises(StoreReadOnly) as err:
        s.set_todos(["c"], done=True)
    assert "cannot be written" in err.value.message and "damaged" not in err.value.line()
    assert s.done_todos() == {"a", "b"}  # reading still works
    s.close()


def test_a_lock_held_by_another_program_says_locked(tmp_path, monkeypatch):
    path = fresh(tmp_path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)
    s = Store.open(path)
    try:
        with pytest.raises(StoreLocked) as err:
            s.set_todos(["c"], done=True)
        assert "Another program" in err.value.message and "damaged" not in err.value.line()
    finally:
        other.execute("ROLLBACK")
        other.close()
        s.close()


def corrupt_after_first_page(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for i in range(page, len(data)):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("action", ["todo", "answer", "read"])
def test_a_damaged_file_is_refused_and_left_byte_for_byte(tmp_path, action):
    path = fresh(tmp_path)
    s = Store.open(path)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    before = corrupt_after_first_page(path)
    with pytest.raises(StoreDamaged) as err:
        s = Store.open(path)
        if action == "todo":
            s.set_todos(["z"], done=True)
        elif action == "answer":
            s.add_answer("r9", "text")
        else:
            s.done_todos()
            s.answered_reflections()
            s.check()
    assert "damaged" in err.value.message and "has not been changed" in err.value.message
    assert path.read_bytes() == before


def test_not_a_database_at_all(tmp_path):
    path = tmp_path / "cetl.db"
    path.write_bytes(b"this is a text file, not SQLite\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreDamaged):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_missing_table_is_damage_with_advice_not_an_unexpected_error(tmp_path):
    path = fresh(tmp_path)
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE todo_events")
    raw.commit()
    raw.close()
    with pytest.raises(StoreDamaged, match="no such table"):
        Store.open(path).done_todos()


def test_cetl_home_that_is_a_file(tmp_path):
    home = tmp_path / "home"
    home.write_text("oops")
    with pytest.raises(StoreError, match="is a file, not a folder") as err:
        Store.open(home / "cetl.db")
    assert "CETL_HOME" in (err.value.hint or "")


def test_classify_reads_sqlite_error_names():
    class Full(sqlite3.OperationalError):
        sqlite_errorname = "SQLITE_FULL"

    assert isinstance(classify(Full("database or disk is full"), None), StoreFull)
    assert isinstance(classify(sqlite3.DatabaseError("file is not a database"), None), StoreDamaged)
