"""`cetl stats`: your streak, a heatmap of study days, the mock-exam trend, and accuracy by
skill area week by week. The rules are in cetl_cli/domain/stats.py.

A day's study minutes are counted from what cetl saw you do that day (in your time zone): the
minutes of each to-do you marked done, REFLECTION_MINUTES per reflection answer saved, and the
time you took over each practice answer. Any of these makes the day a study day.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from cetl_cli.domain import stats as st
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.record import Record
from cetl_cli.services.plan import REFLECTION_MINUTES, UNTIMED_TODO_MINUTES
from cetl_cli.services.session import Session
from cetl_cli.store.db import stamp

ALLOWED_GAPS_PER_WEEK = 1  # a streak survives one day off in any seven
HEATMAP_WEEKS = 16
ACCURACY_WEEKS = 8


class MockPoint(Record):
    attempt_id: int
    day: dt.date
    percent: float  # right out of the exam's questions


class StatsReport(Record):
    curriculum: Curriculum
    today: dt.date
    streak: st.Streak
    allowed_gaps: int
    heatmap: st.Heatmap
    minutes: dict[dt.date, int]  # study minutes per day in the heatmap's weeks
    mocks: list[MockPoint]  # finished mock exams, oldest first
    weekly: st.WeeklyAccuracy


def local_day(stamp_text: str) -> Optional[dt.date]:
    try:
        moment = dt.datetime.fromisoformat(stamp_text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().date()


def stats(s: Session) -> StatsReport:
    cur = s.curriculum
    today = s.clock.today()
    todo_minutes = {t.id: t.minutes or UNTIMED_TODO_MINUTES for m in cur.modules for t in m.todos}
    minutes: dict[dt.date, float] = {}
    for day_text, value in s.store.study_minutes_by_day(todo_minutes, UNTIMED_TODO_MINUTES,
                                                         REFLECTION_MINUTES).items():
        try:
            minutes[dt.date.fromisoformat(day_text)] = value
        except ValueError:  # a time stamp SQLite could not read
            continue
    # a practice answer in a few seconds still made the day a study day: at least a minute
    rounded = {d: max(1, round(m)) for d, m in minutes.items()}
    heat = st.heatmap(rounded, today, HEATMAP_WEEKS)
    shown = {d: m for d, m in rounded.items() if heat.first_day <= d <= today}
    first = st.monday(today) - (ACCURACY_WEEKS - 1) * 7 * st.DAY
    since = stamp(dt.datetime.combine(first - st.DAY, dt.time(0)).astimezone())
    answers = [(day, a.skill_area, a.correct) for a in s.store.practice_since(since)
               if (day := local_day(a.at)) is not None]
    weekly = st.weekly_accuracy(answers, today, ACCURACY_WEEKS, list(cur.areas))
    mocks = []
    for attempt in s.store.exam_attempts("finished"):
        day = local_day(attempt.finished_at or attempt.started_at)
        if day is None or not attempt.question_ids:
            continue
        right = sum(1 for a in s.store.practice_answers(attempt.id) if a.correct)
        mocks.append(MockPoint(attempt.id, day, round(100.0 * right / len(attempt.question_ids), 1)))
    return StatsReport(cur, today, st.streak(rounded, today, ALLOWED_GAPS_PER_WEEK), ALLOWED_GAPS_PER_WEEK,
                       heat, shown, mocks, weekly)
