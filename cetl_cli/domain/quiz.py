"""Practice questions and mock exams: choosing questions, drawing an exam, scoring, weak areas.

Pure: randomness comes in as a `random.Random`, answers as plain mappings, so every result is
repeatable and testable without a terminal or a database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping, Optional, Sequence

from cetl_cli.domain.errors import CurriculumError, NotFoundError, UserInputError
from cetl_cli.domain.models import Curriculum, Framework

if TYPE_CHECKING:  # only in annotations: `cetl progress` uses this module without the bank
    from cetl_cli.domain.questions import Question

EXAM_SIZE = 100


# -- choosing questions ---------------------------------------------------------------------
def find_area(curriculum: Curriculum, token: str) -> str:
    """A skill-area code as typed (`i.b`, `I.B`) -> its code; NotFoundError listing valid codes."""
    code = str(token).strip().upper()
    if code in curriculum.areas:
        return code
    raise NotFoundError(
        f"Unknown skill area {token!r}: valid codes are {', '.join(curriculum.areas)}."
    )


def module_area(curriculum: Curriculum, token: str) -> str:
    """The skill area of a module given by number or code (`3`, `I.B`)."""
    from cetl_cli.domain.refs import find_module

    module = find_module(curriculum, token)
    if module.skill_area is None:
        with_area = [m.number for m in curriculum.modules if m.skill_area]
        span = f"{with_area[0]}-{with_area[-1]}" if with_area else "none"
        raise UserInputError(
            f"Module {module.number} ({module.title}) has no skill area, so it has no practice "
            f"questions: pick a module with one ({span}) or a skill area with --area."
        )
    return module.skill_area


@dataclass(frozen=True)
class Selection:
    questions: list[Question]
    available: int  # how many questions matched before -n was applied
    requested: int

    @property
    def short(self) -> bool:
        """Fewer questions matched than were asked for."""
        return len(self.questions) < self.requested


def missed_ids(last_results: Mapping[str, bool]) -> set[str]:
    """Question ids whose most recent answer was wrong."""
    return {qid for qid, right in last_results.items() if not right}


def select(questions: Sequence[Question], n: int, rng: random.Random, *, area: Optional[str] = None,
           only: Optional[Iterable[str]] = None) -> Selection:
    """Up to `n` questions, drawn at random, from those in `area` (all when None) and, when
    `only` is given, whose ids are in it. The same `rng` seed gives the same questions in the
    same order, whatever the order of the files."""
    keep = set(only) if only is not None else None
    pool = sorted(
        (q for q in questions
         if (area is None or q.skill_area == area) and (keep is None or q.id in keep)),
        key=lambda q: q.id,
    )
    chosen = rng.sample(pool, min(n, len(pool)))
    return Selection(chosen, len(pool), n)


# -- the mock exam --------------------------------------------------------------------------
def exam_counts(framework: Framework, total: int = EXAM_SIZE) -> dict[str, int]:
    """How many exam questions each skill area gets: its weight's share of `total`.

    CoSN's weights add up to 100, so for an exam of 100 the count is the weight. Other weights
    are shared out by largest remainder, so the counts always add up to `total`.
    """
    areas = [a for d in framework.domains for a in d.skill_areas]
    weight_sum = sum(a.weight for a in areas)
    exact = {a.code: total * a.weight / weight_sum for a in areas}
    counts = {code: int(value) for code, value in exact.items()}
    left = total - sum(counts.values())
    order = sorted(exact, key=lambda c: (-(exact[c] - counts[c]), list(exact).index(c)))
    for code in order[:left]:
        counts[code] += 1
    return counts


def _pick(pool: Sequence[Question], need: int, rng: random.Random,
          last_seen: Mapping[str, str]) -> list[Question]:
    """`need` questions of `pool` (in id order): those never seen first, at random; then the
    least recently seen (`last_seen`: question id -> when it was last shown, sortable)."""
    unseen = [q for q in pool if q.id not in last_seen]
    if len(unseen) >= need:
        return rng.sample(unseen, need)
    seen = [q for q in pool if q.id in last_seen]
    rng.shuffle(seen)  # questions seen at the same moment (one exam) come in a random order
    seen.sort(key=lambda q: last_seen[q.id])
    return unseen + seen[: need - len(unseen)]


def draw_exam(questions: Sequence[Question], framework: Framework, rng: random.Random,
              total: int = EXAM_SIZE, source: str = "questions/",
              last_seen: Optional[Mapping[str, str]] = None) -> list[Question]:
    """A mock exam: each area's count (see exam_counts) drawn at random, then shuffled together.

    Questions never seen (`last_seen`: question id -> when it was last shown, in an exam or a
    quiz) come first, then the least recently seen, so consecutive exams share no question while
    the bank allows it. Raises CurriculumError naming every area whose bank is too small.
    """
    counts = exam_counts(framework, total)
    by_area: dict[str, list[Question]] = {code: [] for code in counts}
    for q in sorted(questions, key=lambda q: q.id):
        if q.skill_area in by_area:
            by_area[q.skill_area].append(q)
    short = [
        f"{source}: skill area {code} has {len(by_area[code])} question"
        f"{'' if len(by_area[code]) == 1 else 's'} but the mock exam draws {need} from it "
        "(its share of the exam weight); add questions to the bank"
        for code, need in counts.items() if len(by_area[code]) < need
    ]
    if short:
        raise CurriculumError(short)
    drawn: list[Question] = []
    for code, need in counts.items():
        drawn += _pick(by_area[code], need, rng, last_seen or {})
    rng.shuffle(drawn)
    return drawn


UNTRIED_ACCURACY = 0.5  # an area with no practice answers yet counts as half right


def practice_shares(framework: Framework, right_answered: Mapping[str, tuple[int, int]]) -> dict[str, float]:
    """Each skill area's share of a practice draw: its exam weight times (2 - its accuracy), so
    an area answered all wrong gets twice the share of one answered all right."""
    shares = {}
    for d in framework.domains:
        for a in d.skill_areas:
            right, answered = right_answered.get(a.code, (0, 0))
            acc = right / answered if answered else UNTRIED_ACCURACY
            shares[a.code] = a.weight * (2 - acc)
    return shares


def allot(shares: Mapping[str, float], capacity: Mapping[str, int], total: int,
          rng: random.Random) -> dict[str, int]:
    """`total` seats shared out in proportion to `shares` (Sainte-Laguë: each seat goes to the
    area with the highest share / (seats + 0.5); ties at random), never more than an area's
    `capacity`. Fewer when the capacities add up to less."""
    counts = {code: 0 for code in shares}
    for _ in range(total):
        open_ = [c for c in shares if counts[c] < capacity.get(c, 0) and shares[c] > 0]
        if not open_:
            break
        best = max(open_, key=lambda c: (shares[c] / (counts[c] + 0.5), rng.random()))
        counts[best] += 1
    return counts


def draw_practice(questions: Sequence[Question], framework: Framework, n: int, rng: random.Random,
                  last_seen: Mapping[str, str], right_answered: Mapping[str, tuple[int, int]]) -> Selection:
    """`cetl quiz` without options: `n` questions by exam weight, more from weak areas (see
    practice_shares), and within each area the unseen ones first (see _pick)."""
    by_area: dict[str, list[Question]] = {}
    for q in sorted(questions, key=lambda q: q.id):
        by_area.setdefault(q.skill_area, []).append(q)
    shares = practice_shares(framework, right_answered)
    counts = allot(shares, {c: len(qs) for c, qs in by_area.items()}, n, rng)
    drawn: list[Question] = []
    for code, k in counts.items():
        if k:
            drawn += _pick(by_area[code], k, rng, last_seen)
    rng.shuffle(drawn)
    available = sum(len(qs) for c, qs in by_area.items() if c in shares)
    return Selection(drawn, available, n)


def repeats(questions: Iterable[Question], last_seen: Mapping[str, str]) -> int:
    """How many of `questions` were seen before."""
    return sum(1 for q in questions if q.id in last_seen)


def time_left(minutes: Optional[float], elapsed_seconds: float) -> Optional[float]:
    """Seconds left in a timed exam (never below 0); None when there is no time limit."""
    if minutes is None:
        return None
    return max(0.0, minutes * 60 - elapsed_seconds)


def clock(seconds: float) -> str:
    """1:05:09 or 4:09, to the nearest second."""
    s = max(0, round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# -- scoring --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    """Right answers out of questions asked, for a skill area, a domain or the whole exam."""

    code: str
    name: str
    weight: float
    asked: int
    answered: int
    right: int
    domain: str = ""

    @property
    def percent(self) -> float:
        return round(100.0 * self.right / self.asked, 1) if self.asked else 0.0

    @property
    def wrong(self) -> int:
        return self.answered - self.right

    @property
    def unanswered(self) -> int:
        return self.asked - self.answered

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "weight": self.weight, "asked": self.asked,
                "answered": self.answered, "right": self.right, "percent": self.percent}


@dataclass(frozen=True)
class Report:
    areas: list[Score]  # framework order; only areas that were asked
    domains: list[Score]
    overall: Score

    def study_next(self, limit: int = 3) -> list[Score]:
        return weakest(self.areas, limit)


def score(framework: Framework, asked: Sequence[Question], choices: Mapping[str, Optional[str]]) -> Report:
    """Score the questions `asked` against `choices` (question id -> letter; missing or None
    means unanswered, which counts as not right)."""
    tally: dict[str, list[int]] = {}
    for q in asked:
        t = tally.setdefault(q.skill_area, [0, 0, 0])
        choice = choices.get(q.id)
        t[0] += 1
        t[1] += choice is not None
        t[2] += q.is_right(choice)
    areas: list[Score] = []
    domains: list[Score] = []
    for d in framework.domains:
        mine = []
        for a in d.skill_areas:
            if a.code in tally:
                n_asked, n_answered, n_right = tally[a.code]
                mine.append(Score(a.code, a.name, a.weight, n_asked, n_answered, n_right, domain=d.code))
        areas += mine
        if mine:
            domains.append(Score(d.code, d.name, d.weight, *(sum(getattr(s, f) for s in mine)
                                                          for f in ("asked", "answered", "right"))))
    overall = Score("all", "All skill areas", 100, *(sum(getattr(s, f) for s in areas)
                                                    for f in ("asked", "answered", "right")))
    return Report(areas, domains, overall)


def weakest(scores: Iterable[Score], limit: int = 3) -> list[Score]:
    """The areas to study next: answered at all and not perfect, lowest percent first; on a tie,
    the area with the larger exam weight first."""
    candidates = [s for s in scores if s.asked and s.right < s.asked]
    return sorted(candidates, key=lambda s: (s.percent, -s.weight, s.code))[:limit]


def accuracy(framework: Framework, right_answered: Mapping[str, tuple[int, int]]) -> list[Score]:
    """Per skill area (framework order), the share of recent practice answers that were right;
    `asked` is 0 for areas with no answer yet."""
    out = []
    for d in framework.domains:
        for a in d.skill_areas:
            right, answered = right_answered.get(a.code, (0, 0))
            out.append(Score(a.code, a.name, a.weight, answered, answered, right, domain=d.code))
    return out
