"""The group folder on disk: atomic writes, links never followed, limits, and one member's file
written only by that member."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from groupkit import NOW

from cetl_cli.domain.errors import CetlError, UserInputError
from cetl_cli.domain.group_format import MAX_FILE_BYTES, FormatError
from cetl_cli.services import group as svc
from cetl_cli.services import group_folder as folder_io
from cetl_cli.services.group_view import view
from cetl_cli.services.session import Clock, Session


@pytest.fixture
def session():
    s = Session(clock=Clock(now=lambda: NOW))
    yield s
    s.close()


@pytest.fixture
def group(session, tmp_path) -> Path:
    folder = tmp_path / "cohort"
    svc.create(session, folder, "Cohort", exam_date="2027-01-15", first_meeting="2026-09-01", every="2w",
               schedule=None)
    return folder


def test_an_atomic_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "pat.json"
    target.write_text("old")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(CetlError, match="No space left"):
        folder_io.write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pat.json"]


def test_writing_replaces_a_link_put_in_place_of_your_file_and_never_follows_it(session, group, tmp_path):
    joined = svc.join(session, group, "Pat Lee")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    joined.file.unlink()
    joined.file.symlink_to(victim)
    svc.share(session, [])
    assert victim.read_text() == "keep me"
    assert not joined.file.is_symlink() and json.loads(joined.file.read_text())["name"] == "Pat Lee"


def test_a_members_folder_that_is_a_link_is_neither_read_nor_written(session, group, tmp_path):
    svc.join(session, group, "Pat Lee")
    elsewhere = tmp_path / "elsewhere"
    (group / "members").rename(elsewhere)
    (group / "members").symlink_to(elsewhere)
    copies, skipped = folder_io.read_members(group, view(session).group.id)
    assert copies == [] and [s.reason for s in skipped] == ["it is a symbolic link, which cetl does not follow"]
    with pytest.raises(UserInputError, match="symbolic link"):
        svc.share(session, [])


def test_reading_stops_at_the_limit(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(FormatError, match="too large"):
        folder_io.read_limited(big)
    assert folder_io.read_limited(big, MAX_FILE_BYTES + 1) == b"x" * (MAX_FILE_BYTES + 1)


def test_too_many_files_are_reported_once(session, group):
    members = group / "members"
    for n in range(folder_io.MAX_FILES + 5):
        (members / f"f{n:04d}.json").write_text("{}")
    copies, skipped = folder_io.read_members(group, view(session).group.id)
    assert len(skipped) == folder_io.MAX_FILES + 1
    assert skipped[0].reason.startswith(f"it holds {folder_io.MAX_FILES + 5} files")


def test_a_member_file_of_another_group_is_skipped(session, group):
    joined = svc.join(session, group, "Pat Lee")
    data = json.loads(joined.file.read_text())
    stray = {**data, "group": "g-" + "f" * 16, "member": "m-" + "1" * 16}
    (group / "members" / "stray.json").write_text(json.dumps(stray))
    v = view(session)
    assert [(s.file, s.reason) for s in v.skipped] == [("members/stray.json", "it belongs to another group")]
    assert [m.member.name for m in v.members] == ["Pat Lee"]


def test_your_file_is_rewritten_by_auto_only_when_it_changes(session, group):
    svc.join(session, group, "Pat Lee", auto=True)
    assert svc.autoshare(session) is None  # nothing changed since join
    session.store.set_todos([session.curriculum.modules[0].todos[0].id], True)
    assert svc.autoshare(session) is not None
    assert svc.autoshare(session) is None
