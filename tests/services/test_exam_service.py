"""The mock exam's lifecycle as a service, driven by a fake clock: no terminal, no real time."""

from __future__ import annotations

import pytest

from cetl_cli.domain.errors import NotFoundError, UserInputError
from cetl_cli.services import exam
from cetl_cli.services.session import Clock, Session


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def session(folder, clock):
    s = Session(folder, Clock(monotonic=clock))
    yield s
    s.close()


def test_answers_are_stored_as_given_and_the_report_counts_them(session, clock):
    run = exam.start(session, seed=1)
    assert len(run.asked) == 100 and run.remaining()[0][0] == 1
    for _, q in run.remaining()[:10]:
        clock.t += 30
        assert run.answer(q, q.answer, 30)
    done = run.finish()
    assert done.report.overall.right == 10 and done.report.overall.asked == 100
    assert done.spent == 300
    [row] = exam.history(session)
    assert row.attempt.status == "finished" and row.right == 10 and row.percent == 10.0


def test_the_time_limit_is_kept_across_a_pause(session, clock):
    run = exam.start(session, seed=2, minutes=10)
    q = run.remaining()[0][1]
    clock.t += 240
    run.answer(q, q.answer, 240)
    assert run.pause() == 240
    assert exam.history(session)[0].right is None  # no score for an exam in progress
    clock.t += 5000  # time away from the exam does not count
    again = exam.resume(session)
    assert again.resumed and len(again.choices) == 1
    assert again.time_left() == 360
    clock.t += 361
    assert again.time_up()
    late = again.remaining()[0][1]
    assert not again.answer(late, late.answer, 361)  # after the limit: not stored
    done = again.finish()
    assert done.spent == 600 and done.report.overall.answered == 1


def test_one_exam_at_a_time_and_abandon(session):
    exam.start(session, seed=3)
    with pytest.raises(UserInputError, match="still in progress") as err:
        exam.start(session, seed=4)
    assert "cetl exam resume" in (err.value.hint or "")
    assert exam.abandon(session) == (1, 0)
    with pytest.raises(NotFoundError):
        exam.resume(session)
    with pytest.raises(NotFoundError):
        exam.abandon(session)


def test_flags_and_changed_answers_survive_a_pause(session):
    run = exam.start(session, seed=5)
    first, second = run.asked[0], run.asked[1]
    assert run.toggle_flag(first) and run.flagged_numbers() == [1]
    run.answer(first, first.answer, 10)
    run.answer(first, "A" if first.answer != "A" else "B", 4)  # changed on return
    run.pause()
    again = exam.resume(session)
    assert again.flagged == {first.id} and again.first_open() == 1
    assert again.choices[first.id] != first.answer
    assert again.shown == run.shown and len(set(again.shown)) > 1  # the order shown is kept
    [row] = session.store.practice_answers(again.attempt_id)
    assert row.seconds == 14 and not row.correct
    assert not again.toggle_flag(first) and again.flagged_numbers() == []
    assert again.unanswered()[0] == 2 and second.id not in again.choices


def test_three_exams_on_a_bank_of_three_share_no_question_then_the_fourth_says_so(tmp_path, clock):
    from quizbank import make_curriculum

    weights = {"I.A": 15, "I.B": 15, "I.C": 10, "II.A": 12, "II.B": 9, "II.C": 9, "III.A": 9, "III.B": 7,
               "III.C": 7, "III.D": 7}
    folder = make_curriculum(tmp_path / "x3", per_area={a: 3 * n for a, n in weights.items()})
    s = Session(folder, Clock(monotonic=clock))
    try:
        drawn = []
        for seed in range(4):
            run = exam.start(s, seed=seed)
            drawn.append((run.repeats, {q.id for q in run.asked}))
            run.finish()
        assert [r for r, _ in drawn] == [0, 0, 0, 100]
        ids = [d for _, d in drawn]
        assert len(ids[0] | ids[1] | ids[2]) == 300
    finally:
        s.close()
