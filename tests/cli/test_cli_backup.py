"""`cetl backup` and `cetl restore`: consistent while another process writes, checked before a
restore, and the database before a restore kept as a dated copy."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cetl_cli.store import Store

WRITER = textwrap.dedent("""
    import os
    import sys
    from pathlib import Path
    from cetl_cli.store import Store

    path, progress, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    store = Store.open(path)
    i = 0
    while not stop.exists():
        store.set_todos([f"w-{i}"], done=True)  # one committed transaction
        store.add_answer(f"r-{i % 50}", f"answer {i} " + "x" * 2000)
        i += 1
        tmp = progress.with_suffix(".tmp")
        tmp.write_text(str(i))
        os.replace(tmp, progress)  # only after both commits, and never seen half-written
    store.close()
""")


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_a_backup_taken_while_another_process_writes_restores_every_write_finished_before_it(
        cetl, cetl_home, tmp_path):
    live = cetl_home / "cetl.db"
    Store.open(live).close()
    script, progress, stop = tmp_path / "writer.py", tmp_path / "progress", tmp_path / "stop"
    script.write_text(WRITER)
    writer = subprocess.Popen([sys.executable, str(script), str(live), str(progress), str(stop)],
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (progress.exists() and progress.read_text() and int(progress.read_text()) >= 100):
            assert writer.poll() is None, writer.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.02)
        finished = int(progress.read_text())  # these writes all committed before the backup began
        backup = tmp_path / "backup.db"
        r = cetl("backup", str(backup))
        assert r.exit_code == 0, r.output
        assert writer.poll() is None  # the writer was still writing while the backup ran
        assert "integrity check passed" in r.stdout and "Next: " in r.stdout
    finally:
        stop.write_text("")
        _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert int(progress.read_text()) > finished

    fresh = tmp_path / "fresh-home"
    r = cetl("restore", str(backup), env={"CETL_HOME": str(fresh)})
    assert r.exit_code == 0, r.output
    restored = fresh / "cetl.db"
    assert integrity(restored) == "ok"
    s = Store.open(restored)
    try:
        done = s.done_todos()
        assert {f"w-{i}" for i in range(finished)} <= done
        # a moment's copy: each to-do is followed by its answer, so the copy holds as many answers,
        # or one fewer when the moment fell between the two commits
        assert len(done) - 1 <= len(s.all_answers()) <= len(done)
    finally:
        s.close()


def test_backup_defaults_to_a_dated_file_and_never_overwrites(cetl, cetl_home, tmp_path):
    cetl("reflect", "1.r1", "--text", "kept in the backup")
    r = cetl("backup")
    assert r.exit_code == 0, r.output
    made = list((cetl_home / "backups").glob("cetl-*.db"))
    assert len(made) == 1 and integrity(made[0]) == "ok"
    assert not Path(f"{made[0]}-wal").exists()  # one self-contained file
    assert made[0].stat().st_mode & 0o077 == 0  # owner-only, like the database
    target = tmp_path / "b.db"
    target.write_text("something else")
    r = cetl("backup", str(target))
    assert r.exit_code == 1 and "already exists" in r.stderr and target.read_text() == "something else"
    assert cetl("backup", str(target), "--force").exit_code == 0 and integrity(target) == "ok"


def test_restore_keeps_the_current_database_as_a_dated_copy(cetl, cetl_home, tmp_path):
    cetl("reflect", "1.r1", "--text", "before the backup")
    backup = tmp_path / "b.db"
    cetl("backup", str(backup))
    cetl("reflect", "1.r2", "--text", "after the backup")
    r = cetl("restore", str(backup))
    assert r.exit_code == 0, r.output
    assert "kept at" in r.stdout and r.stdout.rstrip().endswith("Next: cetl progress")
    assert "No answer yet" in cetl("reflect", "1.r2", "--history").stdout
    assert "before the backup" in cetl("reflect", "1.r1", "--history").stdout
    kept = list((cetl_home / "backups").glob("cetl-before-restore-*.db"))
    assert len(kept) == 1
    s = Store.open(kept[0])
    try:
        # the database as it was, with the answer written after the backup
        assert sorted(a.text for a in s.all_answers()) == ["after the backup", "before the backup"]
    finally:
        s.close()


def foreign(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "text":
        path.write_text("not a database")
    elif kind == "other-sqlite":
        sqlite3.connect(path).execute("CREATE TABLE x (a)").connection.commit()
    elif kind == "trigger":
        s = Store.open(path)
        s.conn.execute("CREATE TRIGGER evil AFTER INSERT ON todo_events BEGIN DELETE FROM reflection_answers; END")
        s.close()
    elif kind == "newer":
        s = Store.open(path)
        s.conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('cetl', 'm999_future', 'x')")
        s.close()
    elif kind == "damaged":
        s = Store.open(path)
        for i in range(300):
            s.add_answer(f"r{i}", "text " * 200)
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        s.close()
        data = bytearray(path.read_bytes())
        for offset in range(8192, len(data) - 4096, 4096):
            data[offset + 100:offset + 400] = b"\xff" * 300
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("kind", "message"), [
    ("text", "it is not an SQLite database"),
    ("other-sqlite", "it is not a cetl database"),
    ("trigger", "it holds a trigger cetl does not make (evil)"),
    ("newer", "it was written by a newer cetl (migration m999_future)"),
    ("damaged", "it fails SQLite's integrity check|SQLite cannot read it"),  # depends on the pages hit
])
def test_restore_checks_the_file_first_and_changes_nothing_when_it_fails(cetl, cetl_home, tmp_path, kind, message):
    cetl("reflect", "1.r1", "--text", "mine")
    before = (cetl_home / "cetl.db").read_bytes()
    r = cetl("restore", str(foreign(tmp_path, kind)))
    assert r.exit_code == 1, r.output
    assert any(m in r.stderr for m in message.split("|")) and "Your database was not changed" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert (cetl_home / "cetl.db").read_bytes() == before
    assert not (cetl_home / "backups").exists()
    assert [p.name for p in cetl_home.iterdir() if p.name.startswith(".restore-")] == []


def test_restore_brings_an_older_backup_up_to_date(cetl, cetl_home, tmp_path):
    from sqlite_utils import Database

    from cetl_cli.store.migrations import migration_set

    old = tmp_path / "old.db"
    db = Database(old)
    migration_set().apply(db, stop_before="m006_record")
    db.execute("INSERT INTO reflection_answers (item_id, version, text, at) VALUES "
               "('lv-seat-at-table', 1, 'An old zeppelin answer', '2026-01-01T00:00:00+00:00')")
    db.conn.commit()
    db.close()
    r = cetl("restore", str(old))
    assert r.exit_code == 0, r.output
    assert "older cetl" in r.stdout
    assert "An old zeppelin answer" in cetl("reflect", "2.r1", "--history").stdout
    assert "cetl reflect 2.r1" in cetl("search", "zeppelin").stdout  # indexed on the way up


def test_restore_replaces_a_damaged_database(cetl, cetl_home, tmp_path):
    cetl("reflect", "1.r1", "--text", "in the backup")
    backup = tmp_path / "b.db"
    cetl("backup", str(backup))
    live = cetl_home / "cetl.db"
    for extra in ("-wal", "-shm"):
        Path(f"{live}{extra}").unlink(missing_ok=True)
    live.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 1000)
    assert cetl("progress").exit_code == 1  # cetl refuses the damaged file
    r = cetl("restore", str(backup))
    assert r.exit_code == 0, r.output
    assert "in the backup" in cetl("reflect", "1.r1", "--history").stdout
    assert integrity(live) == "ok"
    kept = list((cetl_home / "backups").glob("cetl-before-restore-*.db"))
    assert len(kept) == 1 and b"garbage" in kept[0].read_bytes()  # the damaged file, kept as it was


def test_the_live_database_is_never_a_target_or_a_source(cetl, cetl_home):
    cetl("reflect", "1.r1", "--text", "mine")
    live = cetl_home / "cetl.db"
    for args in (["backup", str(live), "--force"], ["export", "json", "--out", str(live), "--force"],
                 ["restore", str(live)]):
        r = cetl(*args)
        assert r.exit_code == 1, (args, r.output)
        assert "cetl's own database" in r.stderr
    assert "mine" in cetl("reflect", "1.r1", "--history").stdout
