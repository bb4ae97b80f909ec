"""Readiness and the dashboard as services, on a fixed clock: the estimate after a scripted mock
exam, first attempts, calibration, and the one next step picked from everything."""

from __future__ import annotations

import datetime as dt

import pytest

from cetl_cli.domain.readiness import normal_quantile
from cetl_cli.services import exam, plan, progress, readiness
from cetl_cli.services.session import Clock, Session

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
RIGHT = {"I.A", "I.B", "I.C", "III.D"}


class Tick:
    def __init__(self) -> None:
        self.now = NOW
        self.mono = 0.0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def tick():
    return Tick()


@pytest.fixture
def session(folder, tick):
    s = Session(folder, Clock(now=tick, monotonic=lambda: tick.mono))
    yield s
    s.close()


def mock_exam(s: Session, seed: int = 1, answered: int = 100) -> None:
    run = exam.start(s, seed=seed)
    for _, q in run.remaining()[:answered]:
        run.answer(q, q.answer if q.skill_area in RIGHT else ("B" if q.answer == "A" else "A"), 30)
    run.finish()


def test_the_normal_quantile_matches_the_standard_library():
    from statistics import NormalDist

    for p in (0.01, 0.05, 0.5, 0.9, 0.95, 0.975, 0.999):
        assert abs(normal_quantile(p) - NormalDist().inv_cdf(p)) < 1e-9


def test_before_enough_answers_there_is_no_estimate(session):
    r = readiness.readiness(session)
    assert r.estimate.overall is None and len(r.estimate.lacking) == 10
    assert all(g.interval is None for g in r.estimate.domains)
    assert r.coverage.percent == 0.0 and not r.assessed


def test_one_scripted_mock_exam_gives_every_domain_a_range(session):
    mock_exam(session)
    r = readiness.readiness(session)
    e = r.estimate
    assert e.min_answers == readiness.MIN_ANSWERS == 7 and e.lacking == ()
    by_domain = {g.name: g for g in e.domains}
    assert [g.questions for g in e.domains] == [40, 30, 30]
    first = by_domain["I"].interval  # all 40 right: high, but never 100 on a weak prior
    assert 85 < first.point < 100 and first.low < first.point < first.high <= 100
    second = by_domain["II"].interval  # all 30 wrong
    assert 0 <= second.low < second.point < 10
    assert e.overall.low < e.overall.point < e.overall.high
    assert e.overall.low <= 47 <= e.overall.high + 5  # 47 of 100 right, shrunk toward the middle a little


def test_repeats_count_half_and_old_answers_fade(session, tick):
    for n in range(8):
        session.store.record_practice(f"ia-{n}", "I.A", "A", False, 5.0, "quiz")
    tick.now += dt.timedelta(days=60)
    for n in range(8):
        session.store.record_practice(f"ia-{n}", "I.A", "A", True, 5.0, "quiz")  # the same questions again
    area = next(a for a in readiness.estimate(session).areas if a.area == "I.A")
    # 8 first answers, wrong, 60 days old (weight 1/4 each) and 8 repeats, right, today (1/2 each)
    assert area.answers == 16 and area.effective_answers == 6.0
    assert area.interval.point == round(100 * (1 + 4) / (2 + 6), 1)


def test_calibration_names_over_and_under_confident_areas(session):
    mock_exam(session)
    session.store.add_assessments([("I.A", 1, 1), ("II.A", 4, 3), ("III.D", 4, 2)])
    c = readiness.readiness(session).calibration
    assert c.under_confident == ("I.A",)  # rated 1 (40%), got everything right
    assert c.over_confident == ("II.A",)  # rated 4 (85%), got nothing right
    assert [(row.area, row.verdict) for row in c.rows] == [
        ("I.A", "under_confident"), ("II.A", "over_confident"), ("III.D", "consistent")]  # 7 of 7: 85% fits
    assert c.unmeasured == ()


def test_the_dashboard_picks_a_paused_exam_first(session):
    plan.set_plan(session, "2026-06-22", 14)
    run = exam.start(session, seed=2)
    run.pause()
    d = progress.dashboard(session)
    assert d.step_reason == "paused_exam" and d.next_step.command == "cetl exam resume"
    assert d.reviews_due == 0  # the spaced review (issue 11) has nothing due here


def test_the_dashboard_follows_this_weeks_plan_then_the_course(session, tick):
    d = progress.dashboard(session)
    assert d.step_reason == "course" and d.next_step.command == "cetl todo done 1.t1"
    assert d.plan is None and d.latest_mock is None
    plan.set_plan(session, "2026-06-22", 14)
    d = progress.dashboard(session)
    assert d.step_reason == "plan" and d.next_step.command == "cetl todo done 1.t1"
    assert d.plan.days_to_exam == 112 and d.plan.on_track.status == "on_pace"
    tick.now = dt.datetime(2026, 6, 10, 12, 0, tzinfo=dt.timezone.utc)  # a final week: the mock exam
    d = progress.dashboard(session)
    assert d.plan.this_week.final and d.step_reason == "plan" and d.next_step.command == "cetl exam"


def test_the_dashboard_shows_the_latest_mock_by_domain(session):
    mock_exam(session, seed=3, answered=90)  # ten left unanswered: counted, not right
    m = progress.dashboard(session).latest_mock
    assert m.overall.asked == 100 and m.overall.answered == 90
    assert [d.code for d in m.domains] == ["I", "II", "III"]
    assert sum(d.asked for d in m.domains) == 100
    assert m.domains[1].right == 0


def test_quiz_accuracy_from_the_estimates_rows_matches_the_store(session):
    import random

    rnd = random.Random(3)
    for n in range(400):
        area = rnd.choice(["I.A", "I.B", "II.C"])
        session.store.record_practice(f"{area}-{rnd.randrange(30)}", area, "A", rnd.random() < 0.6, 5.0, "quiz")
    samples = session.store.recent_practice(readiness.RECENT_PER_AREA)
    assert progress.practice_scores(session, samples) == progress.practice_scores(session)
    assert {s.code: s.asked for s in progress.practice_scores(session).values() if s.asked} == {
        "I.A": 50, "I.B": 50, "II.C": 50}
