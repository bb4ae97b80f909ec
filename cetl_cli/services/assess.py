"""`cetl assess`: rate yourself on each skill area, knowledge and experience, 1-4.

The service never asks: the CLI gathers the ratings (from flags, or by asking on a terminal)
and hands them over whole. Each save adds rows, so earlier ratings stay in the history.
"""

from __future__ import annotations

from typing import Sequence

from cetl_cli.domain.assessment import parse_rating
from cetl_cli.domain.errors import UsageError
from cetl_cli.domain.quiz import find_area
from cetl_cli.domain.record import Record
from cetl_cli.services.readiness import Readiness, readiness
from cetl_cli.services.session import Session
from cetl_cli.store.rows import SelfAssessment

EXAMPLE = "cetl assess --area I.A --knowledge 3 --experience 2"


class Rating(Record):
    area: str
    knowledge: int
    experience: int


class AssessmentReport(Record):
    latest: dict[str, SelfAssessment]  # skill area -> its latest rating
    history: list[SelfAssessment]
    readiness: Readiness  # with the calibration of knowledge against practice
    saved: int  # ratings saved by this command
    has_plan: bool  # a study plan exists (its review time follows the ratings)


def ratings_from_flags(s: Session, areas: Sequence[str], knowledge: Sequence[str],
                       experience: Sequence[str]) -> list[Rating]:
    """`--area A --knowledge K --experience E`, repeated in step; `--area all` rates every area alike.
    A missing --knowledge or --experience keeps the area's latest rating of that scale."""
    if not areas:
        raise UsageError("--knowledge and --experience need --area (a code such as I.A, or all).",
                         f"Example: {EXAMPLE}")
    for name, values in (("--knowledge", knowledge), ("--experience", experience)):
        if values and len(values) != len(areas):
            raise UsageError(f"Give one {name} for each --area ({len(areas)} areas, {len(values)} {name}).",
                             f"Example: {EXAMPLE}")
    if not knowledge and not experience:
        raise UsageError("Say what to rate: --knowledge 1-4, --experience 1-4, or both.", f"Example: {EXAMPLE}")
    cur = s.curriculum
    latest = s.store.latest_assessments()
    out: dict[str, Rating] = {}
    for i, token in enumerate(areas):
        codes = list(cur.areas) if token.strip().lower() == "all" else [find_area(cur, token)]
        for code in codes:
            before = latest.get(code)
            k = parse_rating(knowledge[i], "knowledge") if knowledge else (before.knowledge if before else None)
            e = parse_rating(experience[i], "experience") if experience else (before.experience if before else None)
            if k is None or e is None:
                missing = "--knowledge" if k is None else "--experience"
                raise UsageError(f"{code} has no earlier rating to keep, so it needs {missing} too.",
                                 f"Example: {EXAMPLE}")
            out[code] = Rating(code, k, e)
    return list(out.values())


def save(s: Session, ratings: Sequence[Rating]) -> int:
    return s.store.add_assessments((r.area, r.knowledge, r.experience) for r in ratings)


def report(s: Session, saved: int = 0) -> AssessmentReport:
    latest = s.store.latest_assessments()
    cur = s.curriculum
    ordered = {a: latest[a] for a in cur.areas if a in latest}
    return AssessmentReport(ordered, s.store.assessment_history(), readiness(s), saved,
                            s.store.study_plan() is not None)


def latest(s: Session) -> dict[str, SelfAssessment]:
    return s.store.latest_assessments()
