"""Readiness: coverage by exam weight, expected accuracy with intervals, calibration."""

from __future__ import annotations

import pytest

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.readiness import (
    Answer,
    Interval,
    ModuleItems,
    beta_cdf,
    beta_quantile,
    calibration,
    coverage,
    estimate,
)

BLUEPRINT = {"I.A": 15, "I.B": 15, "I.C": 10, "II.A": 12, "II.B": 9, "II.C": 9,
             "III.A": 9, "III.B": 7, "III.C": 7, "III.D": 7}
AREAS = list(BLUEPRINT)


def fresh(right: int, wrong: int, age: float = 0.0) -> list[Answer]:
    return [Answer(True, True, age)] * right + [Answer(False, True, age)] * wrong


def contains(i: Interval) -> bool:
    return i.low <= i.point <= i.high and 0 <= i.low and i.high <= 100


# -- coverage ----------------------------------------------------------------------------------

def course(done: dict[str, int], orientation_done: int = 0) -> list[ModuleItems]:
    mods = [ModuleItems(1, None, orientation_done, 4)]
    return mods + [ModuleItems(n, a, done.get(a, 0), 10) for n, a in enumerate(AREAS, start=2)]


def test_coverage_is_weighted_by_exam_weight_and_leaves_out_the_orientation():
    all_but_ia = {a: 10 for a in AREAS} | {"I.A": 5}
    c = coverage(course(all_but_ia), BLUEPRINT)
    assert c.percent == 92.5  # I.A is 15 of 100 questions, half done
    assert (c.orientation_done, c.orientation_total) == (0, 4)
    assert coverage(course({}, orientation_done=4), BLUEPRINT).percent == 0.0
    only_iiid = coverage(course({"III.D": 10}), BLUEPRINT)
    only_ia = coverage(course({"I.A": 10}), BLUEPRINT)
    assert (only_iiid.percent, only_ia.percent) == (7.0, 15.0)
    assert {a.area: a.percent for a in only_ia.areas}["I.A"] == 100.0


def test_an_area_without_items_counts_as_not_covered():
    mods = [m for m in course({a: 10 for a in AREAS}) if m.skill_area != "I.C"]
    assert coverage(mods, BLUEPRINT).percent == 90.0


def test_coverage_rejects_impossible_counts_and_unknown_areas():
    with pytest.raises(UserInputError):
        coverage([ModuleItems(2, "I.A", 11, 10)], BLUEPRINT)
    with pytest.raises(UserInputError):
        coverage([ModuleItems(2, "IV.A", 1, 10)], BLUEPRINT)


# -- the Beta distribution -------------------------------------------------------------------

def test_beta_cdf_and_quantile_match_known_values():
    assert beta_cdf(0.5, 2, 3) == pytest.approx(0.6875)  # 11/16
    assert beta_cdf(0.3, 1, 1) == pytest.approx(0.3)
    assert beta_cdf(0.2, 3, 1) == pytest.approx(0.008)  # x**3
    assert beta_cdf(0.9, 1, 4) == pytest.approx(1 - 0.1 ** 4)
    for a, b, p in [(2, 3, 0.05), (40.5, 12.25, 0.95), (1, 1, 0.5), (300, 700, 0.2)]:
        assert beta_cdf(beta_quantile(p, a, b), a, b) == pytest.approx(p, abs=1e-9)


# -- estimate --------------------------------------------------------------------------------

def test_estimate_intervals_contain_the_point_at_every_level():
    answers = {a: fresh(6 + i, 4) for i, a in enumerate(AREAS)}
    e = estimate(answers, BLUEPRINT)
    assert e.overall is not None and e.lacking == ()
    assert all(a.interval is not None and contains(a.interval) for a in e.areas)
    assert [d.name for d in e.domains] == ["I", "II", "III"]
    assert [d.questions for d in e.domains] == [40, 30, 30]
    assert all(d.interval is not None and contains(d.interval) for d in e.domains)
    assert contains(e.overall)


def test_the_point_is_the_posterior_mean_with_a_uniform_prior():
    e = estimate({a: fresh(8, 2) for a in AREAS}, BLUEPRINT)
    assert {a.interval.point for a in e.areas if a.interval} == {75.0}  # (1 + 8) / (2 + 10)
    assert e.overall is not None and e.overall.point == 75.0


def test_the_overall_point_weights_areas_by_blueprint_questions():
    answers = {a: fresh(10, 0) for a in AREAS} | {"I.A": fresh(0, 10)}
    e = estimate(answers, BLUEPRINT)
    high, low = 11 / 12, 1 / 12
    assert e.overall is not None
    assert e.overall.point == round(100 * (15 * low + 85 * high) / 100, 1)
    domain_i = e.domains[0].interval
    assert domain_i is not None and domain_i.point == round(100 * (15 * low + 25 * high) / 40, 1)


def test_intervals_narrow_with_more_answers():
    few = estimate({a: fresh(6, 2) for a in AREAS}, BLUEPRINT)
    many = estimate({a: fresh(60, 20) for a in AREAS}, BLUEPRINT)
    for f, m in zip(few.areas, many.areas):
        assert f.interval is not None and m.interval is not None
        assert m.interval.high - m.interval.low < f.interval.high - f.interval.low
    assert few.overall is not None and many.overall is not None
    assert many.overall.high - many.overall.low < few.overall.high - few.overall.low
    # the overall interval is narrower than any one area's: it pools ten areas
    assert few.overall.high - few.overall.low < min(a.interval.high - a.interval.low
                                                    for a in few.areas if a.interval)


def test_not_enough_answers_leaves_the_overall_estimate_out_and_names_the_areas():
    answers = {a: fresh(5, 3) for a in AREAS} | {"III.D": fresh(5, 2)}
    del answers["II.B"]
    e = estimate(answers, BLUEPRINT)
    assert e.overall is None
    assert e.lacking == ("II.B", "III.D")
    by_area = {a.area: a for a in e.areas}
    assert by_area["III.D"].interval is None and by_area["III.D"].answers == 7
    assert by_area["II.B"].answers == 0
    domains = {d.name: d for d in e.domains}
    assert domains["I"].interval is not None
    assert domains["II"].interval is None and domains["II"].lacking == ("II.B",)
    assert domains["III"].lacking == ("III.D",)
    assert estimate(answers, BLUEPRINT, min_answers=7).lacking == ("II.B",)


def test_recent_answers_and_first_attempts_count_more():
    old_wrong_new_right = fresh(0, 10, age=120.0) + fresh(10, 0, age=0.0)
    e = estimate({"I.A": old_wrong_new_right}, {"I.A": 15})
    assert e.areas[0].interval is not None and e.areas[0].interval.point > 75.0
    assert e.areas[0].effective_answers == pytest.approx(10 + 10 / 16, abs=0.01)
    repeats_right = [Answer(True, False, 0.0)] * 10 + fresh(0, 10)
    r = estimate({"I.A": repeats_right}, {"I.A": 15})
    assert r.areas[0].effective_answers == 15.0
    assert r.areas[0].interval is not None and r.areas[0].interval.point < 50.0
    plain = estimate({"I.A": repeats_right}, {"I.A": 15}, repeat_weight=1.0)
    assert plain.areas[0].interval is not None and plain.areas[0].interval.point == 50.0


def test_estimate_accepts_plain_tuples_and_rejects_bad_input():
    e = estimate({"I.A": [(True, True, 0.0)] * 8}, {"I.A": 15})
    assert e.overall is not None and e.overall.point == 90.0
    with pytest.raises(UserInputError):
        estimate({"IV.A": fresh(8, 0)}, BLUEPRINT)
    with pytest.raises(UserInputError):
        estimate({"I.A": [Answer(True, True, -1.0)]}, BLUEPRINT)
    with pytest.raises(UserInputError):
        estimate({}, BLUEPRINT, level=1.0)


# -- calibration -----------------------------------------------------------------------------

def test_calibration_names_over_and_under_confident_areas():
    answers = {"I.A": fresh(10, 30), "I.B": fresh(38, 2), "I.C": fresh(28, 12), "II.A": fresh(3, 1)}
    e = estimate(answers, BLUEPRINT)
    ratings = {"I.A": 4, "I.B": 1, "I.C": 3, "II.A": 2, "III.D": 3}
    c = calibration(ratings, e)
    assert c.over_confident == ("I.A",)  # rated 85%, measured about 26%
    assert c.under_confident == ("I.B",)  # rated 40%, measured about 93%
    assert c.unmeasured == ("II.A", "III.D")  # too few answers; none at all
    rows = {r.area: r for r in c.rows}
    assert rows["I.C"].verdict == "consistent" and rows["I.C"].implied_percent == 70.0
    assert calibration(ratings, e.area_intervals()) == c


def test_calibration_compares_against_the_interval_ends_not_the_point():
    measured = {"I.A": Interval(60.0, 50.0, 70.0)}
    assert calibration({"I.A": 3}, measured).rows[0].verdict == "consistent"  # 70 is the top
    assert calibration({"I.A": 4}, measured).over_confident == ("I.A",)
    assert calibration({"I.A": 2}, measured).rows[0].verdict == "consistent"  # 55 is inside
    assert calibration({"I.A": 1}, measured).under_confident == ("I.A",)
    with pytest.raises(UserInputError):
        calibration({"I.A": 5}, measured)
