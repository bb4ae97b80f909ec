"""The study plan as a service, on a fixed clock: fitting, what would fit, re-planning, pace,
the application window (data in eligibility.yaml), and where review time comes from."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from cetl_cli.content.loader import default_curriculum_dir
from cetl_cli.domain.errors import NotFoundError, UserInputError
from cetl_cli.services import plan as svc
from cetl_cli.services.session import Clock, Session

MONDAY = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)
EXAM = "2026-06-22"  # 16 weeks after MONDAY


class Tick:
    def __init__(self) -> None:
        self.now = MONDAY

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def tick():
    return Tick()


def light_curriculum(dest):
    """The shipped curriculum with every to-do at 15 minutes (about 63 hours of plan in all)."""
    shutil.copytree(default_curriculum_dir(), dest)
    for f in (dest / "modules").glob("*.yaml"):
        f.write_text(re.sub(r"minutes: \d+", "minutes: 15", f.read_text()))
    return dest


@pytest.fixture
def shipped(tick):
    s = Session(clock=Clock(now=tick))
    yield s
    s.close()


@pytest.fixture
def light(tmp_path, tick):
    s = Session(light_curriculum(tmp_path / "light"), clock=Clock(now=tick))
    yield s
    s.close()


def module_weeks(report) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for w in report.plan.weeks:
        for i in w.items:
            if i.kind == "module":
                out.setdefault(i.module, set()).add(w.index)
    return out


def covers_every_module_before_the_final_two_weeks(report) -> bool:
    final = {w.index for w in report.plan.weeks if w.final}
    placed = module_weeks(report)
    return (len(final) == 2 and sorted(placed) == list(range(1, 12))
            and all(not (weeks & final) for weeks in placed.values()))


def test_sixteen_weeks_at_five_hours_covers_every_module_before_the_final_two_weeks(light):
    r = svc.set_plan(light, EXAM, 5)
    assert r.plan.fits and r.plan.weeks_left == 16 and r.weeks_left == 16 and r.days_to_exam == 112
    assert covers_every_module_before_the_final_two_weeks(r)
    assert [i.kind for w in r.plan.weeks if w.final for i in w.items if i.kind != "buffer"][:1] == ["mock"]
    assert r.on_track is not None and r.on_track.status == "on_pace" and r.on_track.week.index == 0
    assert r.this_week.index == 0


def test_the_shipped_course_needs_more_than_five_hours_and_fits_at_what_it_names(shipped):
    r = svc.set_plan(shipped, EXAM, 5)
    assert not r.plan.fits and r.plan.hours_per_week_needed == 13.5
    again = svc.set_plan(shipped, EXAM, r.plan.hours_per_week_needed)
    assert again.plan.fits and covers_every_module_before_the_final_two_weeks(again)


def test_one_hour_a_week_does_not_fit_and_says_what_would(light):
    r = svc.set_plan(light, EXAM, 1)
    p = r.plan
    assert not p.fits and p.unscheduled
    assert p.hours_per_week_needed is not None and p.hours_per_week_needed > 1
    assert p.earliest_exam_date is not None and p.earliest_exam_date > dt.date(2026, 6, 22)
    assert svc.set_plan(light, EXAM, p.hours_per_week_needed).plan.fits
    assert svc.set_plan(light, p.earliest_exam_date.isoformat(), 1).plan.fits


def test_the_application_window_is_data_with_its_date_and_source(light):
    r = svc.set_plan(light, EXAM, 5)
    rule = light.rules().application
    assert (rule.window_days, rule.source) == (90, "cosn.org/certification/taking-cetl-exam")
    assert rule.as_of == dt.date(2026, 11, 28)
    assert r.application == rule and r.margin_days == svc.APPROVAL_MARGIN_DAYS
    assert r.plan.apply_from == dt.date(2026, 6, 22) - dt.timedelta(days=90)
    assert r.plan.apply_by == dt.date(2026, 6, 22) - dt.timedelta(days=14)


def test_a_chapter_file_without_the_window_uses_the_one_cetl_ships(tmp_path, tick):
    folder = light_curriculum(tmp_path / "chapter")
    text = (folder / "eligibility.yaml").read_text()
    (folder / "eligibility.yaml").write_text(text.split("\n# After approval")[0] + "\n")
    s = Session(folder, clock=Clock(now=tick))
    try:
        assert s.rules().application is None
        assert svc.set_plan(s, EXAM, 5).application.window_days == 90
    finally:
        s.close()


def test_replanning_keeps_progress_and_plans_only_what_is_left(light, tick):
    first = svc.set_plan(light, EXAM, 5)
    m1 = light.curriculum.modules[0]
    tick.now += dt.timedelta(days=7)  # a week later: module 1 done
    light.store.set_todos([t.id for t in m1.todos], True)
    for r in m1.reflections:
        light.store.add_answer(r.id, "done")
    same = svc.current(light)  # the same plan: module 1 is still in week 1, and it is done
    assert 1 in module_weeks(same) and same.on_track.done_minutes == svc.pl.module_minutes(
        svc.work(light.curriculum, set(), set())[0], svc.READING_MINUTES, svc.REFLECTION_MINUTES)
    tick.now += dt.timedelta(days=1)
    again = svc.set_plan(light, EXAM, 5)  # re-plan from today
    assert light.store.done_todos() >= {t.id for t in m1.todos}  # nothing was lost
    assert again.start == dt.date(2026, 3, 10) and 1 not in module_weeks(again)
    assert again.plan.total_needed_minutes < first.plan.total_needed_minutes


def test_on_track_counts_work_done_since_the_start_against_the_plan(light, tick):
    svc.set_plan(light, EXAM, 5)
    tick.now += dt.timedelta(days=14)  # two weeks, nothing done
    r = svc.current(light)
    assert r.on_track.status == "behind" and r.on_track.expected_minutes == 600
    assert r.on_track.hours_ahead == -10.0 and r.this_week.index == 2
    cur = light.curriculum
    light.store.set_todos([t.id for m in cur.modules[:3] for t in m.todos], True)
    for m in cur.modules[:3]:
        for x in m.reflections:
            light.store.add_answer(x.id, "an answer")
    r = svc.current(light)
    assert r.on_track.status == "ahead" and r.on_track.done_minutes > 600


def test_work_done_before_the_start_is_not_planned_and_not_counted_as_pace(light, tick):
    m1 = light.curriculum.modules[0]
    light.store.set_todos([t.id for t in m1.todos], True)  # on Monday
    tick.now += dt.timedelta(days=1)
    from_today = svc.set_plan(light, EXAM, 5)  # starts Tuesday: module 1's to-dos were done before it
    from_sunday = svc.set_plan(light, EXAM, 5, start="2026-03-01")  # they count as work done in this plan
    assert from_today.plan.total_needed_minutes == from_sunday.plan.total_needed_minutes - 135
    assert from_today.on_track.done_minutes == 0
    # module 1: 6 to-dos of 15 min, 6 reflections of 20 min, 45 min of reading; the reflections are left
    assert from_sunday.on_track.done_minutes == (90 + 120 + 45) - 120


def test_review_time_comes_from_practice_then_the_self_assessment(light):
    light.store.add_assessments([("I.A", 4, 4), ("I.B", 1, 1)])
    for n in range(10):
        light.store.record_practice(f"q{n}", "II.A", "A", n < 9, 20.0, "quiz")
    r = svc.set_plan(light, EXAM, 5)
    assert r.gap_sources["I.A"] == "self-assessment" and r.gaps["I.A"] == 0.0
    assert r.gaps["I.B"] == 1.0 and r.gap_sources["III.D"] == "not rated" and r.gaps["III.D"] == 1.0
    assert r.gap_sources["II.A"] == "practice" and 0 < r.gaps["II.A"] < 0.3
    reviews = {i.area for w in r.plan.weeks for i in w.items if i.kind == "review"}
    assert "I.A" not in reviews and "I.B" in reviews


@pytest.mark.parametrize(("args", "message"), [
    (("2026-02-01", 5), "is not after today (2026-03-02)"),
    (("2026-03-02", 5), "is not after today"),
    (("22/06/2026", 5), "is not a date; write it as YYYY-MM-DD"),
    (("2026-02-30", 5), "is not a real date"),
    ((EXAM, 0), "Hours per week must be more than 0"),
    ((EXAM, 101), "at most 100"),
    ((EXAM, 5, "2026-07-01"), "must be after the start date 2026-07-01"),
    (("2046-01-05", 5), "more than ten years; check the dates"),
    ((EXAM, 5, "2001-01-01"), "more than ten years"),
])
def test_bad_values_are_refused_and_nothing_is_saved(light, args, message):
    with pytest.raises(UserInputError, match=re.escape(message)):
        svc.set_plan(light, *args)
    assert light.store.study_plan() is None


def test_skip_dates_are_days_without_study(light):
    r = svc.set_plan(light, EXAM, 7, skip=["2026-03-03,2026-03-04", "2026-03-04", "2025-01-01"])
    assert r.setting.skip == ("2026-03-03", "2026-03-04")  # deduplicated; outside the plan dropped
    assert r.plan.weeks[0].study_days == 5 and r.plan.weeks[0].minutes_available == 300
    with pytest.raises(UserInputError, match="The skip date 'soon'"):
        svc.set_plan(light, EXAM, 7, skip=["soon"])


def test_no_plan_yet_names_the_command(light):
    assert svc.maybe_current(light) is None
    with pytest.raises(NotFoundError) as err:
        svc.current(light)
    assert "cetl plan set --exam-date" in err.value.hint
