"""The self-assessment: rating again adds rows, so the history is kept; the latest row counts."""

from __future__ import annotations

from typing import Any, Iterable

from cetl_cli.store.db import Db
from cetl_cli.store.rows import SelfAssessment


def _row(r: tuple[Any, ...]) -> SelfAssessment:
    return SelfAssessment(int(r[0]), r[1], int(r[2]), int(r[3]), r[4])


class Assessments:
    db: Db

    def add_assessments(self, ratings: Iterable[tuple[str, int, int]]) -> int:
        """Save (skill area, knowledge, experience) ratings in one transaction, one time stamp;
        returns how many were saved."""
        rows = list(ratings)
        with self.db.writing() as db:
            at = db.now()
            for area, knowledge, experience in rows:
                db.execute("INSERT INTO self_assessments (skill_area, knowledge, experience, at) "
                           "VALUES (?, ?, ?, ?)", [area, knowledge, experience, at])
        return len(rows)

    def latest_assessments(self) -> dict[str, SelfAssessment]:
        """skill area -> its latest rating."""
        rows = self.db.execute(
            "SELECT id, skill_area, knowledge, experience, at FROM self_assessments WHERE id IN "
            "(SELECT max(id) FROM self_assessments GROUP BY skill_area) ORDER BY id")
        return {r.skill_area: r for r in map(_row, rows)}

    def assessment_history(self) -> list[SelfAssessment]:
        rows = self.db.execute("SELECT id, skill_area, knowledge, experience, at FROM self_assessments ORDER BY id")
        return [_row(r) for r in rows]
