"""How ready you look: course coverage, expected accuracy on a fresh exam form, calibration.

Nothing here knows CoSN's scaled score or pass mark, and nothing claims to: "expected percent
correct" is cetl's estimate of the share of questions you would answer correctly on a fresh
100-question form drawn by the blueprint, from cetl's own practice questions. It is not a
score report and says nothing about passing.

The rules:

- Coverage: per skill area, items done over items in that area's modules (to-dos and
  reflections, as the caller counts them), weighted by exam weight. The orientation module
  (no skill area) carries no exam weight, so it is left out of the percent and reported on its
  own. An area with no items counts as 0% covered, so coverage never overstates.
- Estimate, per area: a Beta posterior on the proportion correct, from a weak uniform prior
  Beta(1, 1) (worth two answers). Each answer adds its weight to "right" or "wrong": weight 1
  for a first attempt on a question never seen before, `repeat_weight` (0.5) for a repeat,
  times `0.5 ** (age_days / half_life_days)` (half-life 30 days) so recent answers count more.
  The point is the posterior mean; the interval is the central `level` (90%) credible interval
  from the exact Beta quantiles. An area needs `min_answers` (8) answers, counted one each
  whatever their weight; with fewer it has no estimate.
- Domain and overall: the blueprint-weighted sum of the area proportions (questions per area
  over questions in the group). Its interval is a normal approximation: the point plus or minus
  z times the square root of the weighted sum of the area posterior variances, clipped to
  0-100. It is an interval for the expected percent, not for one sitting, which also varies
  with the luck of the draw. A group with any area lacking data has no estimate, and names them.
- Calibration: a self-rating of knowledge 1-4 implies an accuracy of 40, 55, 70 or 85 percent
  (RATING_ACCURACY). An area is over-confident when that is above the measured interval's
  upper end, under-confident when below its lower end, else consistent; unmeasured without an
  estimate.
- A skill area's domain is its code before the dot: "II.B" is in domain "II".
- Percents are 0-100, rounded to one decimal.

The records are Records, not dataclasses: the dashboard imports this module on every run.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.record import Record

RATING_ACCURACY: Mapping[int, float] = {1: 40.0, 2: 55.0, 3: 70.0, 4: 85.0}
Verdict = Literal["over_confident", "under_confident", "consistent", "unmeasured"]


class Answer(NamedTuple):
    """One practice answer; a plain (correct, first_attempt, age_days) tuple works as well."""

    correct: bool
    first_attempt: bool  # a question never seen before
    age_days: float


class ModuleItems(Record):
    number: int
    skill_area: str | None  # None for the orientation module
    done: int
    total: int


class AreaCoverage(Record):
    area: str
    done: int
    total: int
    percent: float


class Coverage(Record):
    percent: float  # weighted by exam weight, orientation excluded
    areas: tuple[AreaCoverage, ...]
    orientation_done: int
    orientation_total: int


class Interval(Record):
    point: float
    low: float
    high: float


class AreaEstimate(Record):
    area: str
    answers: int
    effective_answers: float  # the sum of the answer weights
    interval: Interval | None  # None: fewer than min_answers


class GroupEstimate(Record):
    name: str  # a domain code, or "overall"
    questions: int  # blueprint questions in the group
    interval: Interval | None
    lacking: tuple[str, ...]  # areas without enough answers


class Estimate(Record):
    areas: tuple[AreaEstimate, ...]
    domains: tuple[GroupEstimate, ...]
    overall: Interval | None
    lacking: tuple[str, ...]
    min_answers: int

    def area_intervals(self) -> dict[str, Interval | None]:
        return {a.area: a.interval for a in self.areas}


class CalibrationRow(Record):
    area: str
    rating: int
    implied_percent: float
    measured: Interval | None
    verdict: Verdict


class Calibration(Record):
    rows: tuple[CalibrationRow, ...]
    over_confident: tuple[str, ...]
    under_confident: tuple[str, ...]
    unmeasured: tuple[str, ...]


def domain_of(area: str) -> str:
    return area.split(".", 1)[0]


def _pct(p: float) -> float:
    return round(100.0 * p, 1)


def coverage(modules: Sequence[ModuleItems], area_weights: Mapping[str, int]) -> Coverage:
    """The share of the course done, weighted by exam weight (rules: module docstring)."""
    done = dict.fromkeys(area_weights, 0)
    total = dict.fromkeys(area_weights, 0)
    o_done = o_total = 0
    for m in modules:
        if not 0 <= m.done <= m.total:
            raise UserInputError(f"Module {m.number}: done must be between 0 and the total.")
        if m.skill_area is None:
            o_done, o_total = o_done + m.done, o_total + m.total
        elif m.skill_area not in area_weights:
            raise UserInputError(f"Module {m.number}: unknown skill area {m.skill_area}.")
        else:
            done[m.skill_area] += m.done
            total[m.skill_area] += m.total
    share = {a: done[a] / total[a] if total[a] else 0.0 for a in area_weights}
    weight = sum(area_weights.values())
    overall = sum(area_weights[a] * share[a] for a in area_weights) / weight if weight else 0.0
    areas = tuple(AreaCoverage(a, done[a], total[a], _pct(share[a])) for a in area_weights)
    return Coverage(_pct(overall), areas, o_done, o_total)


# -- the Beta distribution, from the standard library only ---------------------------------

def _beta_cf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for aa in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                   -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + aa / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-14:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                     + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_cf(a, b, x) / a
    return 1.0 - front * _beta_cf(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x with beta_cdf(x, a, b) == p: Newton's method on the density, kept inside a
    bisection bracket (so it always converges), to about 1e-12. The dashboard computes twenty
    of these on every run, so a few steps instead of a hundred bisections matter."""
    lo, hi = 0.0, 1.0
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    x = min(max(a / (a + b), 1e-6), 1 - 1e-6)
    for _ in range(100):
        f = beta_cdf(x, a, b) - p
        if f < 0:
            lo = x
        else:
            hi = x
        if abs(f) < 1e-13 or hi - lo < 1e-15:
            break
        density = math.exp(log_norm + (a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x))
        step = x - f / density if density > 0 else (lo + hi) / 2
        x = step if lo < step < hi else (lo + hi) / 2  # outside the bracket: bisect instead
    return x


def normal_quantile(p: float) -> float:
    """The z with P(Z <= z) == p for a standard normal Z, by bisection on math.erf (the
    `statistics` module would do it too, but importing it costs every run about 6 ms)."""
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 0.5 * math.erfc(-mid / math.sqrt(2.0)) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# -- estimates -------------------------------------------------------------------------------

class _Posterior(Record):
    a: float
    b: float

    @property
    def mean(self) -> float:
        return self.a / (self.a + self.b)

    @property
    def variance(self) -> float:
        n = self.a + self.b
        return self.a * self.b / (n * n * (n + 1.0))


def _group(name: str, areas: Sequence[str], blueprint: Mapping[str, int],
           post: Mapping[str, _Posterior], z: float) -> GroupEstimate:
    questions = sum(blueprint[a] for a in areas)
    lacking = tuple(a for a in areas if a not in post)
    if lacking or questions == 0:
        return GroupEstimate(name, questions, None, lacking)
    point = sum(blueprint[a] * post[a].mean for a in areas) / questions
    sd = math.sqrt(sum((blueprint[a] / questions) ** 2 * post[a].variance for a in areas))
    interval = Interval(_pct(point), _pct(max(0.0, point - z * sd)), _pct(min(1.0, point + z * sd)))
    return GroupEstimate(name, questions, interval, ())


def estimate(
    answers: Mapping[str, Sequence[tuple[bool, bool, float]]],
    blueprint: Mapping[str, int],
    *,
    min_answers: int = 8,
    level: float = 0.9,
    half_life_days: float = 30.0,
    repeat_weight: float = 0.5,
    prior: tuple[float, float] = (1.0, 1.0),
) -> Estimate:
    """Expected percent correct per area, domain and overall (rules: module docstring).

    `answers` maps a skill area to its (correct, first_attempt, age_days) answers; `blueprint`
    maps every skill area to its questions on a form (I.A: 15, ...).
    """
    if not 0.0 < level < 1.0:
        raise UserInputError("The interval level must be between 0 and 1.")
    if half_life_days <= 0 or not 0.0 <= repeat_weight <= 1.0 or min(prior) <= 0:
        raise UserInputError("The half-life and prior must be positive, the repeat weight 0-1.")
    unknown = sorted(set(answers) - set(blueprint))
    if unknown:
        raise UserInputError(f"Answers for areas not in the blueprint: {', '.join(unknown)}.")
    tail = (1.0 - level) / 2
    z = normal_quantile(1.0 - tail)
    post: dict[str, _Posterior] = {}
    rows = []
    for area in blueprint:
        given = answers.get(area, ())
        right = wrong = 0.0
        for correct, first, age in given:
            if age < 0:
                raise UserInputError(f"{area}: an answer's age cannot be negative.")
            w = (1.0 if first else repeat_weight) * 0.5 ** (age / half_life_days)
            right, wrong = (right + w, wrong) if correct else (right, wrong + w)
        interval = None
        if len(given) >= min_answers:
            p = post[area] = _Posterior(prior[0] + right, prior[1] + wrong)
            interval = Interval(_pct(p.mean), _pct(beta_quantile(tail, p.a, p.b)),
                                _pct(beta_quantile(1.0 - tail, p.a, p.b)))
        rows.append(AreaEstimate(area, len(given), round(right + wrong, 2), interval))
    domains: dict[str, list[str]] = {}
    for area in blueprint:
        domains.setdefault(domain_of(area), []).append(area)
    groups = tuple(_group(d, areas, blueprint, post, z) for d, areas in domains.items())
    overall = _group("overall", list(blueprint), blueprint, post, z)
    return Estimate(tuple(rows), groups, overall.interval, overall.lacking, min_answers)


def calibration(self_ratings: Mapping[str, int],
                accuracy: Estimate | Mapping[str, Interval | None]) -> Calibration:
    """Compare each rated area's implied accuracy (RATING_ACCURACY) with the measured interval."""
    measured = accuracy.area_intervals() if isinstance(accuracy, Estimate) else accuracy
    rows = []
    for area, rating in self_ratings.items():
        if rating not in RATING_ACCURACY:
            raise UserInputError(f"{area}: a self-rating is 1 to 4, not {rating}.")
        implied = RATING_ACCURACY[rating]
        got = measured.get(area)
        verdict: Verdict = (
            "unmeasured" if got is None
            else "over_confident" if implied > got.high
            else "under_confident" if implied < got.low
            else "consistent"
        )
        rows.append(CalibrationRow(area, rating, implied, got, verdict))

    def named(v: Verdict) -> tuple[str, ...]:
        return tuple(r.area for r in rows if r.verdict == v)

    return Calibration(tuple(rows), named("over_confident"), named("under_confident"),
                       named("unmeasured"))
