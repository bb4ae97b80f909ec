"""The calendar file itself: repeatable for one plan and clock, inert text, atomic writes."""

from __future__ import annotations

import datetime as dt

import pytest

from cetl_cli.domain.errors import UserInputError
from cetl_cli.services.ics import CalendarEvent, to_ics, write_atomically

NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)


def event(summary: str) -> CalendarEvent:
    return CalendarEvent("week-1", summary, dt.date(2026, 3, 2), dt.date(2026, 3, 9), "line one\nline two")


def test_the_same_events_and_clock_give_the_same_bytes_and_text_is_inert():
    data = to_ics([event("Module 1: Orientation, part\x1b]52;c;aGk=\x07 one; \u202eevil")], "abc123def", NOW)
    assert data == to_ics([event("Module 1: Orientation, part\x1b]52;c;aGk=\x07 one; \u202eevil")], "abc123def", NOW)
    text = data.decode()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "SUMMARY:Module 1: Orientation\\, part]52\\;c\\;aGk= one\\; evil" in text
    assert "UID:week-1-abc123def@cetl" in text and "DTSTAMP:20260302T120000Z" in text
    assert "DTSTART;VALUE=DATE:20260302" in text and "DESCRIPTION:line one\\nline two" in text


def test_writing_never_replaces_without_force_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "plan.ics"
    assert write_atomically(target, b"one", force=False) is False
    with pytest.raises(UserInputError, match="exists already"):
        write_atomically(target, b"two", force=False)
    assert target.read_bytes() == b"one"
    assert write_atomically(target, b"three", force=True) is True
    assert target.read_bytes() == b"three" and [p.name for p in tmp_path.iterdir()] == ["plan.ics"]
