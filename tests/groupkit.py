"""Helpers for the study-group tests: a fixed clock, and a small group built through the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

NOW = dt.datetime(2026, 10, 1, 12, 0, tzinfo=dt.timezone.utc)
SHARED = 'Budget < 5% & "rising" fast. We would survey every principal first.'


def fix_clock(monkeypatch) -> None:
    """Meetings on 1, 15 and 29 September are past: modules 1-3 are due; module 4 is next (13 October)."""
    from cetl_cli.cli import context
    from cetl_cli.services.session import Clock

    monkeypatch.setattr(context, "make_clock", lambda: Clock(now=lambda: NOW))


def finish_modules(home: dict, numbers: list[int], practice: dict | None = None) -> None:
    """Do every to-do and answer every reflection of these modules, straight in the store; add
    practice answers: {area: (right, answered)}."""
    from cetl_cli.content.loader import default_curriculum_dir, load_curriculum
    from cetl_cli.store import Store

    curriculum = load_curriculum(default_curriculum_dir())
    s = Store.open(Path(home["CETL_HOME"]) / "cetl.db")
    try:
        for m in curriculum.modules:
            if m.number in numbers:
                s.set_todos([t.id for t in m.todos], True)
                for r in m.reflections:
                    if s.latest_answer(r.id) is None:
                        s.add_answer(r.id, f"My answer to {r.id}.")
        for area, (right, answered) in (practice or {}).items():
            for n in range(answered):
                s.record_practice(f"q-{area}-{n}", area, "A", n < right, 10.0, "quiz")
    finally:
        s.close()


def build_group(tmp_path: Path, cetl) -> tuple[dict, Path]:
    """A facilitator (Sam, who has done nothing) and a member (Pat, on pace, with practice and a
    shared answer), and one file in the folder that is skipped (named like markup)."""
    homes = {}
    for who in ("fac", "pat"):
        (tmp_path / who).mkdir()
        homes[who] = {"CETL_HOME": str(tmp_path / who)}
    folder = tmp_path / "cohort"
    r = cetl("group", "create", str(folder), "--name", "Utah Fall Cohort", "--exam-date", "2027-01-15",
             "--first-meeting", "2026-09-01", "--every", "2w", env=homes["fac"])
    assert r.exit_code == 0, r.output
    finish_modules(homes["pat"], [1, 2, 3], {"I.A": (8, 10), "I.C": (2, 10), "II.A": (6, 10)})
    assert cetl("reflect", "4.r1", "--text", SHARED, env=homes["pat"]).exit_code == 0
    for who, name in (("pat", "Pat Lee"), ("fac", "Sam Ortiz")):
        r = cetl("group", "join", str(folder), "--as", name, env=homes[who])
        assert r.exit_code == 0, r.output
    assert cetl("group", "share", "4.r1", env=homes["pat"]).exit_code == 0
    (folder / "members" / "<b onclick=alert(1)>bold.json").write_text('{"format": "cetl-group-member", "version": 1}')
    return homes, folder
