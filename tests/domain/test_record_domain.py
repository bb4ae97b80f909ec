"""Pure rules of the study record: the export format's checks, recertification hours with caps,
and how a typed search becomes an FTS5 query."""

from __future__ import annotations

import datetime as dt

import pytest

from cetl_cli.domain import recert as rc
from cetl_cli.domain import search as sd
from cetl_cli.domain import transfer as tf
from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.rules import Source

AT = "2026-11-30T10:00:00.000000+00:00"


def export(**data) -> dict:
    return {"format": "cetl-export", "version": 1, **data}


def test_a_full_export_reads_back_as_the_same_bundle():
    b = tf.Bundle([("t1", "done", AT)], [("t1", "a note", AT)], [("r1", 1, "answer", AT)], [("r2", "draft", AT)],
                  [("CTO", "2020-01-01", None, ("I", "III"), "Example USD", None, None, AT)],
                  [tf.Attempt(4, 99, None, ("q1", "q2"), "finished", 61.5, AT, AT)],
                  [("q1", "I.A", "A", True, 3.0, "exam", 4, AT), ("q9", "I.B", None, False, None, "quiz", None, AT)],
                  "2025-01-01", [("teaching", 2.0, "2025-06-01", None, AT)], {"eligibility": "{}"})
    assert tf.from_json(tf.to_json(b, AT, "0.1.0")) == b


@pytest.mark.parametrize(("data", "message"), [
    ([], "not a cetl export"),
    ({"format": "something-else", "version": 1}, "not a cetl export"),
    ({"format": "cetl-export", "version": "1"}, "no valid format version"),
    ({"format": "cetl-export", "version": 2}, "newer cetl (format version 2; this cetl reads up to 1)"),
    (export(todo_events=[{"item_id": "t1", "action": "finished", "at": AT}]),
     "todo_events[0].action: expected one of done, undone"),
    (export(reflection_answers=[{"item_id": "r1", "version": 1, "text": "x", "at": "yesterday"}]),
     "reflection_answers[0].at: 'yesterday' is not a date and time"),
    (export(reflection_answers=[{"item_id": "", "version": True, "text": 5, "at": AT}]),
     "item_id: expected non-empty text"),
    (export(practice_answers=[{"question_id": "q", "skill_area": "I.A", "choice": "A", "correct": True,
                               "seconds": 1, "mode": "exam", "attempt_id": 3, "at": AT}]),
     "no exam attempt with id 3 in the file"),
    (export(experience=[{"role": "CTO", "from": "2020-02-30", "to": None, "domains": ["I"], "created_at": AT}]),
     "experience[0].from: '2020-02-30' is not a date"),
    (export(recert={"certified": None, "activities": [{"category": "teaching", "hours": float("nan"),
                                                        "date": "2025-01-01", "created_at": AT}]}),
     "hours: expected a number from 0.01 to 1000"),
    (export(todo_events={"not": "a list"}), "todo_events: expected a list"),
    (export(extra=[]), "extra: unknown field"),
])
def test_a_file_cetl_cannot_read_is_refused_with_one_line(data, message):
    with pytest.raises(UserInputError) as err:
        tf.from_json(data)
    assert message in err.value.line()
    assert "\n" not in err.value.line()


def test_many_problems_are_counted_not_all_listed():
    rows = [{"item_id": "t", "action": "x", "at": AT} for _ in range(10)]
    with pytest.raises(UserInputError) as err:
        tf.from_json(export(todo_events=rows))
    assert "(and 7 more)" in err.value.message


def rules(**caps) -> rc.RecertRules:
    cats = [rc.Category(id=k, name=k.title(), earns="hours", cap=v) for k, v in caps.items()]
    return rc.RecertRules(dt.date(2026, 12, 1), [Source("CoSN", "cosn.org")], "Check with CoSN.", 3, 60.0, cats)


def test_hours_count_up_to_each_cap_within_the_three_year_cycle():
    r = rules(teaching=30, volunteer=20, membership=None)
    certified = dt.date(2025, 3, 15)
    acts = [rc.Activity(1, "volunteer", 15, dt.date(2025, 3, 15)),  # the day of issue counts
            rc.Activity(2, "volunteer", 8, dt.date(2026, 1, 1)),  # 23 logged, 20 count
            rc.Activity(3, "teaching", 12.5, dt.date(2027, 6, 1)),
            rc.Activity(4, "membership", 2, dt.date(2028, 3, 14)),  # the last day of the cycle
            rc.Activity(5, "membership", 2, dt.date(2028, 3, 15)),  # the day it expires: outside
            rc.Activity(6, "teaching", 1, dt.date(2025, 3, 14)),  # before the cycle
            rc.Activity(7, "retired-category", 5, dt.date(2026, 1, 1))]
    c = rc.summarize(r, certified, acts, today=dt.date(2026, 12, 1))
    totals = {t.category.id: (t.logged, t.counted, t.activities) for t in c.categories}
    assert totals == {"teaching": (12.5, 12.5, 1), "volunteer": (23, 20, 2), "membership": (2, 2, 1)}
    assert (c.counted, c.remaining, c.complete) == (34.5, 25.5, False)
    assert c.ends == dt.date(2028, 3, 15) and c.days_left == (dt.date(2028, 3, 15) - dt.date(2026, 12, 1)).days
    assert [a.id for a in c.outside] == [5, 6] and [a.id for a in c.unknown] == [7]


def test_a_cycle_is_complete_at_the_required_hours_and_a_leap_day_cycle_ends_on_1_march():
    r = rules(teaching=None)
    c = rc.summarize(r, dt.date(2024, 2, 29), [rc.Activity(1, "teaching", 60, dt.date(2025, 1, 1))], dt.date(2025, 1, 2))
    assert c.complete and c.remaining == 0 and c.ends == dt.date(2027, 3, 1)


@pytest.mark.parametrize(("typed", "query", "syntax"), [
    ("FERPA", '"FERPA"', False),
    ("E-Rate forms", '"E-Rate" "forms"', False),
    ("it's 100%", '"it\'s" "100%"', False),
    ('say "hi', 'say "hi', True),  # any double quote is FTS5 syntax (an unmatched one: FTS5 says so)
    ('"student data"', '"student data"', True),
    ("plan*", "plan*", True),
    ("privacy OR security", "privacy OR security", True),
])
def test_plain_words_are_quoted_and_fts5_syntax_is_kept(typed, query, syntax):
    assert sd.fts_query(typed) == (query, syntax)


@pytest.mark.parametrize("typed", ["", "   ", "#!?", "x" * 501])
def test_an_empty_or_oversized_search_is_refused(typed):
    with pytest.raises(UserInputError):
        sd.fts_query(typed)


def test_snippet_markers_become_pieces_and_each_hit_has_its_command():
    assert sd.marked(f"a {sd.MARK_START}FERPA{sd.MARK_END} b") == [("a ", False), ("FERPA", True), (" b", False)]
    assert sd.command("material", 4, None) == "cetl study module 4"
    assert sd.command("answer", 4, "4.r2") == "cetl reflect 4.r2"
    assert sd.command("question", 4, "4.r2") == "cetl reflect 4.r2"


def test_every_module_text_and_question_is_indexed(curriculum):
    docs = list(sd.documents(curriculum))
    m4 = [d for d in docs if d.module == 4]
    assert {d.kind for d in m4} == {"material", "question"}
    assert any(d.label.startswith("Key concept: FERPA") for d in m4)
    assert sum(1 for d in m4 if d.kind == "question") == len(curriculum.modules[3].reflections)
