"""Spaced review as services, driven by a fixed clock (never the real time): quiz and exam
answers make cards, `cetl review` sessions, the exam date, retired cards, deleting an exam."""

from __future__ import annotations

import datetime as dt

import pytest
from quizbank import make_curriculum

from cetl_cli.domain import review as rv
from cetl_cli.services import exam, exam_review, practice, progress
from cetl_cli.services import review as svc
from cetl_cli.services.session import Clock, Session

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)


class Time:
    def __init__(self) -> None:
        self.now = T0
        self.t = 1000.0

    def monotonic(self) -> float:
        return self.t


@pytest.fixture
def time():
    return Time()


@pytest.fixture
def session(folder, time):
    s = Session(folder, Clock(now=lambda: time.now, monotonic=time.monotonic))
    yield s
    s.close()


def quiz(s, ids_right: dict[str, bool]):
    """Answer questions in a quiz: right with the key, wrong with another letter (as shown)."""
    from cetl_cli.domain.questions import as_shown

    by_id = {q.id: q for q in s.bank()}
    for qid, right in ids_right.items():
        q = by_id[qid]
        shown = "BCDA"
        key = as_shown(shown, q.answer)
        letter = key if right else ("A" if key != "A" else "B")
        assert practice.record(s, q, shown, letter, 10.0)[0] is right


def test_wrong_quiz_answers_are_due_and_a_right_review_moves_them_out(session, time):
    quiz(session, {"ia-s01": False, "ia-s02": False, "ia-s03": True})
    st = svc.overview(session).status
    assert [c.key for c in st.due] == ["ia-s01", "ia-s02"] and st.cards == 3
    assert svc.due_count(session) == 2
    assert progress.dashboard(session).reviews_due == 2
    assert session.store.card("ia-s03").due == T0 + 2 * DAY  # right the first time: two days

    time.now = T0 + dt.timedelta(minutes=10)
    run = svc.start(session)
    questions = [i for i in run.queue if i.question is not None]
    assert [i.question.id for i in questions] == ["ia-s01", "ia-s02"]
    assert len(run.queue) == 2 + rv.NEW_CONCEPTS_PER_DAY  # then the day's new key concepts
    from cetl_cli.domain.questions import as_shown

    item = run.next()
    right, card, rating = run.answer(item, as_shown(item.shown, item.question.answer), 9.0)
    assert right and rating == rv.GOOD
    assert card.due == time.now + DAY  # out by the scheduler's interval
    item = run.next()
    right, card, rating = run.answer(item, "A" if as_shown(item.shown, item.question.answer) != "A" else "B", 9.0)
    assert not right and card.due == time.now
    assert run.queue[-1].question.id == "ia-s02" and run.queue[-1].again  # asked again at the end
    assert [c.key for c in svc.overview(session).status.due] == ["ia-s02"]
    # each review is logged; the review answers are practice answers too
    assert [e.source for e in session.store.review_entries("ia-s01")] == ["quiz", "review"]
    assert [a.mode for a in session.store.practice_answers() if a.question_id == "ia-s01"] == ["quiz", "review"]
    time.now += DAY
    assert "ia-s01" in [c.key for c in svc.overview(session).status.due]


def test_a_missed_question_stays_missed_until_it_is_learned(session, time):
    quiz(session, {"ib-s01": False})
    assert svc.missed_ids(session) == {"ib-s01"}
    quiz(session, {"ib-s01": True})
    assert svc.missed_ids(session) == {"ib-s01"}  # one right answer is not enough
    for _ in range(8):
        time.now = max(time.now, session.store.card("ib-s01").due)
        quiz(session, {"ib-s01": True})
        if not svc.missed_ids(session):
            break
    assert svc.missed_ids(session) == set() and session.store.card("ib-s01").learned


def test_answers_from_before_review_cards_still_count_as_missed(session):
    session.store.record_practice("ic-s01", "I.C", "A", False, 3.0, "quiz")
    session.store.record_practice("ic-s02", "I.C", "A", True, 3.0, "quiz")
    assert svc.missed_ids(session) == {"ic-s01"}


def test_key_concepts_come_a_few_a_day_and_are_graded_by_the_candidate(session, time):
    run = svc.start(session, limit=3)
    assert [i.concept is not None for i in run.queue] == [True] * 3
    first = run.next()
    card = run.rate(first, rv.GOOD, 20.0)
    assert card.state == rv.REVIEW and card.due > time.now
    again = run.next()
    card = run.rate(again, rv.AGAIN, 5.0)
    assert card.due == time.now and run.queue[-1].concept.key == again.concept.key
    st = svc.overview(session).status
    assert st.new_today == rv.NEW_CONCEPTS_PER_DAY - 2  # two started today
    time.now += DAY
    assert svc.overview(session).status.new_today == rv.NEW_CONCEPTS_PER_DAY


def test_the_exam_date_caps_the_schedule_and_the_last_weeks_favour_the_least_stable(session, time):
    quiz(session, {"iia-s01": True, "iia-s02": True})
    far = session.store.card("iia-s01").due
    session.store.set_json("plan", {"exam_date": "2026-12-03", "hours_per_week": 5})
    assert svc.exam_date(session) == dt.date(2026, 12, 3)
    cap = rv.exam_cap(dt.date(2026, 12, 3), session.clock.now().astimezone().tzinfo)
    assert far > cap  # scheduled before the date was known: due by the cap now
    quiz(session, {"iia-s03": True})  # reviewed before the cap: due by it at the latest
    assert session.store.card("iia-s03").due == cap
    time.now = cap + dt.timedelta(minutes=1)
    st = svc.overview(session).status
    assert {c.key for c in st.due} == {"iia-s01", "iia-s02", "iia-s03"} and st.final and st.exam_date == dt.date(2026, 12, 3)
    session.store.set_json("plan", {"exam_date": "not a date"})
    assert svc.exam_date(session) is None


def test_a_card_whose_question_left_the_bank_is_retired(session, time, tmp_path):
    quiz(session, {"iiia-s01": False, "iiia-s16": False})
    smaller = make_curriculum(tmp_path / "v2", per_area=15)  # iiia-s16 is gone in this version
    s2 = Session(smaller, Clock(now=lambda: time.now, monotonic=time.monotonic))
    try:
        st = svc.overview(s2).status
        assert [c.key for c in st.due] == ["iiia-s01"] and st.retired == 1
        assert svc.due_count(s2) == 1
        assert [i.question.id for i in svc.start(s2).queue if i.question] == ["iiia-s01"]
    finally:
        s2.close()
    assert svc.overview(session, area="III.A").status.retired == 0


def test_an_exam_reviews_its_cards_when_submitted_and_deleting_it_takes_them_out(session, time):
    quiz(session, {"ia-s05": True})  # I.A has 16: the exam needs 15, so one repeats
    time.now += dt.timedelta(minutes=1)  # (rows are stamped with the session's clock)
    quiz(session, {"ia-s06": True})
    before = session.store.card("ia-s05")
    run = exam.start(session, seed=1)
    assert run.repeats == 1 and "ia-s05" in {q.id for q in run.asked}  # the least recently seen
    for q in run.asked:
        run.answer(q, "A" if q.answer != "A" else "B", 5.0)  # all wrong
    assert session.store.card("ia-s05") == before  # nothing is graded before the exam is submitted
    run.finish()
    assert svc.due_count(session) == 100
    assert len(session.store.reviewed_in_exam(run.attempt_id)) == 100
    assert session.store.card("ia-s05").lapses == 1
    assert sum(n for _, n in session.store.practice_accuracy().values()) == 102

    done = exam_review.delete(session, run.attempt_id)
    assert (done.answers, done.cards) == (100, 100)
    assert session.store.card("ia-s05") == before  # replayed from its quiz answer alone
    assert {c.key for c in session.store.cards()} == {"ia-s05", "ia-s06"}
    assert sum(n for _, n in session.store.practice_accuracy().values()) == 2  # it leaves the statistics
    assert exam.history(session) == []
    assert set(session.store.last_seen()) == {"ia-s05", "ia-s06"}  # its other questions are unseen again
