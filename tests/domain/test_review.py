"""Spaced review, pure: card keys, grading, the FSRS adapter on fixed datetimes (never the real
clock), the exam-date cap, the review order and what is due."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cetl_cli.domain import review as rv
from cetl_cli.domain import srs

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DAY = dt.timedelta(days=1)


def card(key="q1", kind=rv.QUESTION, at=T0):
    return rv.new_card(key, kind, at)


# -- keys ------------------------------------------------------------------------------------
def test_a_concept_key_is_its_module_id_and_term(curriculum):
    assert rv.concept_key("strategic-planning", "Environmental scan, SWOT and gap analysis") == (
        "strategic-planning/environmental-scan-swot-and-gap-analysis")
    assert rv.concept_key("m", "  E-Rate (Category 2)! ") == "m/e-rate-category-2"
    found = rv.concepts(curriculum)
    assert len(found) == sum(len(m.key_concepts) for m in curriculum.modules)
    assert len({c.key for c in found}) == len(found)
    assert found[0].module.number == 1 and found[0].term == curriculum.modules[0].key_concepts[0].term


# -- grading ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("right", "seconds", "learning", "rating"), [
    (False, 5.0, False, rv.AGAIN),
    (False, None, True, rv.AGAIN),
    (True, 20.0, False, rv.GOOD),
    (True, None, False, rv.GOOD),
    (True, 200.0, False, rv.HARD),  # right, but slow for its length
    (True, 200.0, True, rv.GOOD),  # while learning, Hard would ask it again at once, as if wrong
    (True, 50.0, False, rv.GOOD),  # a long question (100 words) allows 60 s
])
def test_an_answer_is_graded_from_right_or_wrong_and_the_time(right, seconds, learning, rating):
    assert rv.grade_answer(right, seconds, 100, learning) == rating


# -- the FSRS adapter ----------------------------------------------------------------------
def test_a_wrong_answer_is_due_at_once_and_a_right_one_moves_it_out_by_days():
    wrong = srs.review(card(), rv.AGAIN, T0, 12.0)
    assert (wrong.state, wrong.due, wrong.last_review, wrong.reps, wrong.lapses) == (rv.LEARNING, T0, T0, 1, 1)
    assert wrong.missed and not wrong.learned
    later = T0 + dt.timedelta(minutes=5)
    right = srs.review(wrong, rv.GOOD, later, 8.0)
    assert right.state == rv.REVIEW and right.due == later + DAY  # FSRS's interval: a day
    assert right.missed  # one right answer does not make it learned
    # the same reviews give the same schedule: no fuzz, no clock
    assert srs.review(wrong, rv.GOOD, later, 8.0) == right
    assert srs.replay(card(), [(rv.AGAIN, T0, 12.0), (rv.GOOD, later, 8.0)]) == right


def test_a_question_is_learned_after_spaced_right_answers():
    c = srs.review(card(), rv.AGAIN, T0)
    at = T0
    for _ in range(6):
        at = max(at, c.due)
        c = srs.review(c, rv.GOOD, at)
        if c.learned:
            break
    assert c.learned and not c.missed and c.stability >= rv.LEARNED_DAYS
    assert c.due - at >= dt.timedelta(days=7)


def test_first_ratings_of_a_key_concept():
    good = srs.review(card(kind=rv.CONCEPT), rv.GOOD, T0)
    easy = srs.review(card(kind=rv.CONCEPT), rv.EASY, T0)
    hard = srs.review(card(kind=rv.CONCEPT), rv.HARD, T0)
    assert good.state == easy.state == rv.REVIEW and T0 + DAY <= good.due < easy.due
    assert hard.state == rv.LEARNING and hard.due == T0  # asked again in the session
    assert srs.retrievability(card(), T0) is None
    assert srs.retrievability(good, T0 + DAY) > srs.retrievability(good, T0 + 10 * DAY)


def test_review_times_must_carry_a_time_zone():
    with pytest.raises(ValueError):
        srs.review(card(), rv.GOOD, dt.datetime(2026, 12, 1, 9, 0))


# -- the exam date -------------------------------------------------------------------------
def test_no_card_is_scheduled_past_the_day_before_the_exam():
    cap = rv.exam_cap(dt.date(2026, 12, 20), UTC)
    assert cap == dt.datetime(2026, 12, 19, tzinfo=UTC)
    assert rv.exam_cap(None, UTC) is None
    tz = dt.timezone(dt.timedelta(hours=-5))  # the local day, in UTC
    assert rv.exam_cap(dt.date(2026, 12, 20), tz) == dt.datetime(2026, 12, 19, 5, tzinfo=UTC)
    first = srs.review(card(), rv.EASY, T0, cap=cap)
    assert first.due == T0 + 8 * DAY < cap  # before the cap: FSRS's own interval
    free = srs.review(first, rv.EASY, first.due)
    capped = srs.review(first, rv.EASY, first.due, cap=cap)
    assert free.due > cap and capped.due == cap  # not past the day before the exam
    assert capped.stability == free.stability  # only the date moves
    on_the_eve = srs.review(capped, rv.GOOD, cap, cap=cap)
    assert on_the_eve.due > cap  # reviewed on the eve: there is no earlier date to give
    c = free
    # a card scheduled before the date was known is due by the cap too
    assert rv.effective_due(c, cap) == cap and rv.effective_due(c, None) == c.due
    # reviewed after the cap (on the eve): nothing to cap
    assert rv.capped(cap + 3 * DAY, cap + dt.timedelta(hours=2), cap) == cap + 3 * DAY
    assert rv.final_weeks(dt.date(2026, 12, 1), dt.date(2026, 12, 20))
    assert not rv.final_weeks(dt.date(2026, 11, 1), dt.date(2026, 12, 20))
    assert not rv.final_weeks(dt.date(2026, 12, 21), dt.date(2026, 12, 20))  # the exam is past


def _review_card(key, stability, due):
    return rv.Card(key, rv.QUESTION, rv.REVIEW, None, stability, 5.0, due, due - 3 * DAY, 3, 0)


def test_the_order_is_most_overdue_first_and_least_stable_first_in_the_final_weeks():
    a = _review_card("a", 30.0, T0 - 5 * DAY)
    b = _review_card("b", 2.0, T0 - 1 * DAY)
    c = _review_card("c", 9.0, T0 - 3 * DAY)
    assert [x.key for x in rv.order([b, a, c], None, final=False)] == ["a", "c", "b"]
    assert [x.key for x in rv.order([a, c, b], None, final=True)] == ["b", "c", "a"]


def test_status_counts_due_new_and_retired_cards(curriculum):
    concepts = rv.concepts(curriculum)
    due = _review_card("q-due", 3.0, T0 - DAY)
    later = _review_card("q-later", 3.0, T0 + 2 * DAY)
    gone = _review_card("q-gone", 3.0, T0 - DAY)  # its question left the bank
    started = rv.Card(concepts[0].key, rv.CONCEPT, rv.REVIEW, None, 3.0, 5.0, T0 + DAY, T0 - DAY, 1, 0)
    live = {"q-due": 1, "q-later": 1, **{c.key: c for c in concepts}}
    st = rv.status([due, later, gone, started], live, concepts, T0, T0.date(), None, None, started_today=4)
    assert [c.key for c in st.due] == ["q-due"] and st.due_questions == 1 and st.due_concepts == 0
    assert st.retired == 1 and st.cards == 3
    assert st.next_due == T0 + DAY
    assert len(st.new) == len(concepts) - 1 and st.new[0].key == concepts[1].key
    assert st.new_today == rv.NEW_CONCEPTS_PER_DAY - 4
    assert not st.final and st.exam_date is None


def test_only_the_adapter_imports_fsrs():
    package = Path(rv.__file__).resolve().parents[1]
    users = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                   if "import fsrs" in p.read_text(encoding="utf-8") or "from fsrs" in p.read_text(encoding="utf-8"))
    assert users == ["domain/srs.py"]
