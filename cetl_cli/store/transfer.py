"""Everything in the database as one Bundle (for `cetl export json`), and a Bundle merged back in
(for `cetl import`) without duplicating anything.

Import rules, in one transaction (all or nothing):
- a row already present is skipped: to-do events and notes by (item, action or text, time),
  answers by (question, text, time), practice answers by (question, time, mode), exam attempts
  by (start time, seed), experience by (role, first day, last day), recertification activities
  by (category, hours, date, note);
- new answers go after a question's existing versions, in the order they were written (into an
  empty database the version numbers stay as they were);
- a draft, a setting or the recertification start date is only set where there is none;
- to-do events and practice answers are kept in time order, because the latest one decides.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from cetl_cli.domain.transfer import Attempt, Bundle
from cetl_cli.store.db import Db
from cetl_cli.store.recert import CERTIFIED_KEY

INTERNAL = ("search.",)  # settings that describe this database, not you: never exported


class Transfer:
    db: Db

    def bundle(self) -> Bundle:
        ex = self.db.execute
        events = [(r[0], r[1], r[2]) for r in ex("SELECT item_id, action, at FROM todo_events ORDER BY id")]
        notes = [(r[0], r[1], r[2]) for r in ex("SELECT item_id, text, at FROM todo_notes ORDER BY id")]
        answers = [(r[0], int(r[1]), r[2], r[3]) for r in
                   ex("SELECT item_id, version, text, at FROM reflection_answers ORDER BY item_id, version")]
        drafts = [(r[0], r[1], r[2]) for r in ex("SELECT item_id, text, at FROM drafts ORDER BY item_id")]
        experience = [(r[0], r[1], r[2], tuple(c for c in (r[3] or "").split(",") if c), r[4], r[5], r[6], r[7])
                      for r in ex('SELECT role, start, "end", domains, employer, supervisor, notes, created_at '
                                  "FROM experience ORDER BY id")]
        attempts = [Attempt(int(r[0]), int(r[1] or 0), r[2], tuple(json.loads(r[3])), r[4], float(r[5] or 0), r[6], r[7])
                    for r in ex("SELECT id, seed, minutes, question_ids, status, elapsed_seconds, started_at, "
                                "finished_at FROM exam_attempts ORDER BY id")]
        practice = [(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7])
                    for r in ex("SELECT question_id, skill_area, choice, correct, seconds, mode, attempt_id, at "
                                "FROM practice_answers ORDER BY id")]
        recert = [(r[0], float(r[1]), r[2], r[3], r[4])
                  for r in ex("SELECT category, hours, date, note, created_at FROM recert_activities ORDER BY id")]
        settings = {r[0]: r[1] for r in ex("SELECT key, value FROM settings ORDER BY key") if r[1] is not None}
        certified = settings.pop(CERTIFIED_KEY, None)
        settings = {k: v for k, v in settings.items() if not k.startswith(INTERNAL)}
        return Bundle(events, notes, answers, drafts, experience, attempts, practice, certified, recert, settings)

    def import_bundle(self, b: Bundle) -> dict[str, int]:
        """Merge `b` in; returns how many rows of each kind were added."""
        added: dict[str, int] = {}
        with self.db.writing() as db:
            added["todo_events"] = _events(db, b)
            have = {(r[0], r[1], r[2]) for r in db.execute("SELECT item_id, text, at FROM todo_notes")}
            added["todo_notes"] = _insert(db, "INSERT INTO todo_notes (item_id, text, at) VALUES (?, ?, ?)",
                                          [n for n in b.todo_notes if n not in have])
            added["reflection_answers"] = _answers(db, b)
            have_drafts = {r[0] for r in db.execute("SELECT item_id FROM drafts")}
            new_drafts = list({d[0]: d for d in b.drafts if d[0] not in have_drafts}.values())
            added["drafts"] = _insert(db, "INSERT INTO drafts (item_id, text, at) VALUES (?, ?, ?)", new_drafts)
            added["experience"] = _experience(db, b)
            added["exam_attempts"], added["practice_answers"] = _practice(db, b)
            added["recert"] = _recert(db, b)
            added["settings"] = 0
            for key, value in b.settings.items():
                if key.startswith(INTERNAL) or key == CERTIFIED_KEY:
                    continue
                added["settings"] += db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                                                [key, value]).rowcount
        return added


def _insert(db: Db, sql: str, rows: list[Any]) -> int:
    for row in rows:
        db.execute(sql, list(row))
    return len(rows)


def _in_time_order(db: Db, table: str, columns: str) -> None:
    """Renumber `table` by time (then by the old order): the latest row is the one that counts."""
    db.execute(f"CREATE TEMP TABLE _sorted AS SELECT {columns} FROM {table} ORDER BY at, id")
    db.execute(f"DELETE FROM {table}")
    db.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _sorted ORDER BY rowid")
    db.execute("DROP TABLE _sorted")


def _events(db: Db, b: Bundle) -> int:
    had = db.execute("SELECT count(*) FROM todo_events").fetchone()
    have = {(r[0], r[1], r[2]) for r in db.execute("SELECT item_id, action, at FROM todo_events")}
    new = [e for e in dict.fromkeys(b.todo_events) if e not in have]
    _insert(db, "INSERT INTO todo_events (item_id, action, at) VALUES (?, ?, ?)", new)
    if new and had and had[0]:
        _in_time_order(db, "todo_events", "item_id, action, at")
    return len(new)


def _answers(db: Db, b: Bundle) -> int:
    latest: dict[str, int] = {}
    have: set[tuple[str, str, str]] = set()
    for item_id, version, text, at in db.execute("SELECT item_id, version, text, at FROM reflection_answers"):
        latest[item_id] = max(latest.get(item_id, 0), int(version))
        have.add((item_id, text, at))
    count = 0
    for item_id, _version, text, at in sorted(b.answers, key=lambda a: (a[0], a[1], a[3])):
        if (item_id, text, at) in have:
            continue
        have.add((item_id, text, at))
        latest[item_id] = latest.get(item_id, 0) + 1
        db.execute("INSERT INTO reflection_answers (item_id, version, text, at) VALUES (?, ?, ?, ?)",
                   [item_id, latest[item_id], text, at])
        count += 1
    return count


def _experience(db: Db, b: Bundle) -> int:
    have = {(r[0], r[1], r[2]) for r in db.execute('SELECT role, start, "end" FROM experience')}
    count = 0
    for role, start, end, domains, employer, supervisor, notes, created in b.experience:
        if (role, start, end) in have:
            continue
        have.add((role, start, end))
        db.execute('INSERT INTO experience (role, start, "end", domains, employer, supervisor, notes, created_at) '
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [role, start, end, ",".join(domains), employer or None, supervisor or None, notes or None, created])
        count += 1
    return count


def _practice(db: Db, b: Bundle) -> tuple[int, int]:
    existing = {(r[1], int(r[2] or 0)): int(r[0]) for r in
                db.execute("SELECT id, started_at, seed FROM exam_attempts")}
    ids: dict[int, int] = {}
    attempts = 0
    for a in b.attempts:
        found = existing.get((a.started_at, a.seed))
        if found is None:
            cur = db.execute("INSERT INTO exam_attempts (seed, minutes, question_ids, status, elapsed_seconds, "
                             "started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [a.seed, a.minutes, json.dumps(list(a.question_ids)), a.status, a.elapsed_seconds,
                              a.started_at, a.finished_at])
            found = int(cur.lastrowid or 0)
            existing[(a.started_at, a.seed)] = found
            attempts += 1
        ids[a.id] = found
    had = db.execute("SELECT count(*) FROM practice_answers").fetchone()
    have = {(r[0], r[1], r[2]) for r in db.execute("SELECT question_id, at, mode FROM practice_answers")}
    count = 0
    for question, area, choice, correct, seconds, mode, attempt, at in b.practice:
        if (question, at, mode) in have:
            continue
        have.add((question, at, mode))
        link: Optional[int] = ids[attempt] if attempt is not None else None
        db.execute("INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, "
                   "attempt_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [question, area, choice, int(correct), seconds, mode, link, at])
        count += 1
    if count and had and had[0]:
        _in_time_order(db, "practice_answers",
                       "question_id, skill_area, choice, correct, seconds, mode, attempt_id, at")
    return attempts, count


def _recert(db: Db, b: Bundle) -> int:
    if b.recert_certified:
        db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [CERTIFIED_KEY, b.recert_certified])
    have = {(r[0], float(r[1]), r[2], r[3] or None) for r in
            db.execute("SELECT category, hours, date, note FROM recert_activities")}
    count = 0
    for category, hours, date, note, created in b.recert:
        key = (category, hours, date, note or None)
        if key in have:
            continue
        have.add(key)
        db.execute("INSERT INTO recert_activities (category, hours, date, note, created_at) VALUES (?, ?, ?, ?, ?)",
                   [category, hours, date, note or None, created])
        count += 1
    return count
