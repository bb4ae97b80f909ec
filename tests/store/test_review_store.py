"""The store for practice that teaches: m004_review on an old database, review cards and their
log, exam items (order shown, flags), one answer row per exam question, last seen, deleting."""

from __future__ import annotations

import datetime as dt
import json

from cetl_cli.domain import review as rv
from cetl_cli.store import Store

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_m004_migrates_an_old_database_keeping_its_exams(tmp_path):
    from sqlite_utils import Database

    from cetl_cli.store.migrations import migration_set

    path = tmp_path / "old.db"
    db = Database(path)
    migration_set().apply(db, stop_before="m004_review")
    db.execute("INSERT INTO exam_attempts (seed, minutes, question_ids, status, elapsed_seconds, started_at) "
               "VALUES (1, NULL, ?, 'finished', 10, '2026-11-01T09:00:00+00:00')", [json.dumps(["q1", "q2"])])
    db.execute("INSERT INTO practice_answers (question_id, skill_area, choice, correct, seconds, mode, attempt_id, at) "
               "VALUES ('q1', 'I.A', 'B', 1, 3.0, 'exam', 1, '2026-11-01T09:01:00+00:00')")
    db.conn.commit()
    db.close()
    store = Store.open(path)
    try:
        assert "m004_review" in store.applied_migrations()
        assert [(i.position, i.question_id, i.shown, i.flagged) for i in store.exam_items(1)] == [
            (1, "q1", "ABCD", False), (2, "q2", "ABCD", False)]  # shown in file order then
        [answer] = store.practice_answers(1)
        assert answer.choice == "B" and answer.shown is None
        assert store.cards() == [] and store.review_entries() == []
        assert store.last_seen() == {"q1": "2026-11-01T09:01:00+00:00", "q2": "2026-11-01T09:00:00+00:00"}
    finally:
        store.close()


def test_cards_and_reviews_round_trip(store):
    card = rv.Card("q1", rv.QUESTION, rv.REVIEW, None, 2.5, 5.1, T0 + dt.timedelta(days=2), T0, 2, 1)
    concept = rv.Card("m/term", rv.CONCEPT, rv.LEARNING, 0, 0.2, 6.0, T0, T0, 1, 1)
    store.save_reviews([(card, 3, T0, 12.5, "quiz", 7, None), (concept, 1, T0, 4.0, "review", None, None)])
    assert store.card("q1") == card and store.card("nope") is None
    assert store.cards() == [concept, card]  # by key
    [entry] = store.review_entries("q1")
    assert (entry.rating, entry.source, entry.answer_id, entry.seconds, entry.stability) == (3, "quiz", 7, 12.5, 2.5)
    assert dt.datetime.fromisoformat(entry.due) == card.due
    moved = rv.Card("q1", rv.QUESTION, rv.REVIEW, None, 6.0, 5.0, T0 + dt.timedelta(days=6), T0, 3, 1)
    store.save_reviews([(moved, 3, T0, None, "review", None, None)])
    assert store.card("q1") == moved and len(store.review_entries("q1")) == 2
    assert store.concepts_started_since(T0) == 1
    assert store.concepts_started_since(T0 + dt.timedelta(seconds=1)) == 0


def test_an_exam_keeps_its_order_flags_and_one_answer_per_question(store):
    attempt = store.start_exam(5, None, [("q1", "CADB"), ("q2", "ABCD")])
    assert [(i.question_id, i.shown) for i in store.exam_items(attempt)] == [("q1", "CADB"), ("q2", "ABCD")]
    store.set_exam_flag(attempt, 1, True)
    assert [i.flagged for i in store.exam_items(attempt)] == [True, False]
    store.record_exam_answer(attempt, "q1", "I.A", "C", False, 10.0, "CADB")
    store.record_exam_answer(attempt, "q1", "I.A", "A", True, 5.0, "CADB")  # changed on return
    [row] = store.practice_answers(attempt)
    assert (row.choice, row.correct, row.seconds, row.shown, row.mode) == ("A", True, 15.0, "CADB", "exam")
    assert set(store.last_seen()) == {"q1", "q2"}


def test_deleting_an_exam_takes_out_its_answers_and_reviews(store):
    attempt = store.start_exam(5, None, [("q1", "CADB")])
    store.record_exam_answer(attempt, "q1", "I.A", "C", False, 10.0, "CADB")
    quiz = store.record_practice("q2", "I.A", "A", True, 3.0, "quiz", shown="BADC")
    card = rv.Card("q1", rv.QUESTION, rv.LEARNING, 0, 0.2, 6.0, T0, T0, 1, 1)
    store.save_reviews([(card, 1, T0, 10.0, "exam", None, attempt)])
    assert store.reviewed_in_exam(attempt) == ["q1"]
    assert store.delete_exam(attempt, [], ["q1"]) == 1
    assert store.exam_attempts() == [] and store.exam_items(attempt) == []
    assert [a.id for a in store.practice_answers()] == [quiz]
    assert store.cards() == [] and store.review_entries() == []
    assert set(store.last_seen()) == {"q2"}
