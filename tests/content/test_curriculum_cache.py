"""The curriculum cache: reused while nothing changed, re-read on any change, never trusted blindly."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cetl_cli.content import cache, loader
from cetl_cli.content.loader import load_curriculum as fresh_load
from cetl_cli.domain.errors import CurriculumError


def settle(root: Path, age: float = 3600) -> None:
    """Give every file an old timestamp: freshly written files are not cached yet."""
    past = time.time() - age
    for p in root.rglob("*"):
        os.utime(p, (past, past))


@pytest.fixture
def counted(monkeypatch):
    """Counts how often the curriculum is really read and validated."""
    calls = []
    real = loader.load_curriculum

    def load(directory=None):
        calls.append(directory)
        return real(directory)

    monkeypatch.setattr(loader, "load_curriculum", load)
    return calls


def test_the_cached_curriculum_equals_the_freshly_loaded_one(curriculum_copy, counted):
    settle(curriculum_copy)
    first = cache.load(curriculum_copy)
    second = cache.load(curriculum_copy)
    assert len(counted) == 1  # the second came from the cache
    assert second == first == fresh_load(curriculum_copy)
    assert second is not first
    assert second.items.keys() == first.items.keys()  # the id index is rebuilt on demand
    some_id = first.modules[2].todos[1].id
    assert second.items[some_id].ref == first.items[some_id].ref == "3.t2"
    assert cache.cache_file(curriculum_copy).stat().st_mode & 0o077 == 0  # private, like the database


def test_a_changed_file_is_read_again(curriculum_copy, counted):
    settle(curriculum_copy)
    assert cache.load(curriculum_copy).modules[2].title == "Strategic Planning"
    path = curriculum_copy / "modules" / "03-strategic-planning.yaml"
    # Same length, so only the timestamp tells: the file is re-read all the same.
    path.write_text(path.read_text().replace("title: Strategic Planning", "title: Strategic Plannin!"))
    assert cache.load(curriculum_copy).modules[2].title == "Strategic Plannin!"
    assert len(counted) == 2


def test_an_added_or_removed_file_is_noticed(curriculum_copy, counted):
    settle(curriculum_copy)
    cache.load(curriculum_copy)
    (curriculum_copy / "modules" / "11-data-management.yaml").unlink()
    assert len(cache.load(curriculum_copy).modules) == 10
    assert len(counted) == 2


def test_files_changed_seconds_ago_are_not_cached_yet(curriculum_copy, counted):
    for p in curriculum_copy.rglob("*"):
        os.utime(p)  # just written
    cache.load(curriculum_copy)
    assert not cache.cache_file(curriculum_copy).exists()
    settle(curriculum_copy)
    cache.load(curriculum_copy)
    assert cache.cache_file(curriculum_copy).exists()


@pytest.mark.parametrize("junk", [b"", b"not a pickle at all", b"\x80\x05\x95garbage", None])
def test_a_damaged_cache_is_ignored_and_rebuilt(curriculum_copy, counted, junk):
    settle(curriculum_copy)
    good = cache.load(curriculum_copy)
    target = cache.cache_file(curriculum_copy)
    target.write_bytes(junk if junk is not None else target.read_bytes()[: target.stat().st_size // 2])
    assert cache.load(curriculum_copy) == good
    assert len(counted) == 2
    cache.load(curriculum_copy)
    assert len(counted) == 2  # and the rebuilt cache is used again


def test_a_cache_from_another_cetl_is_not_used(curriculum_copy, counted, monkeypatch):
    settle(curriculum_copy)
    cache.load(curriculum_copy)
    monkeypatch.setattr("cetl_cli.__version__", "99.0.0")
    cache.load(curriculum_copy)
    assert len(counted) == 2


def test_a_broken_curriculum_is_never_cached(curriculum_copy, counted):
    path = curriculum_copy / "modules" / "03-strategic-planning.yaml"
    path.write_text(path.read_text().replace("skill_area: I.B", "skill_area: I.Q"))
    settle(curriculum_copy)
    for _ in range(2):
        with pytest.raises(CurriculumError, match="I.Q"):
            cache.load(curriculum_copy)
    assert len(counted) == 2
    assert not cache.cache_file(curriculum_copy).exists()


def test_an_unwritable_cache_folder_is_no_problem(curriculum_copy, counted, cetl_home):
    settle(curriculum_copy)
    (cetl_home / "cache").write_text("a file where the folder should be")
    assert len(cache.load(curriculum_copy).modules) == 11
    assert len(cache.load(curriculum_copy).modules) == 11
    assert len(counted) == 2


def test_a_missing_folder_is_reported_as_before(tmp_path):
    with pytest.raises(CurriculumError, match="no such curriculum folder"):
        cache.load(tmp_path / "nowhere")


def test_validate_never_trusts_the_cache(cetl, curriculum_copy):
    settle(curriculum_copy)
    assert cetl("--curriculum", str(curriculum_copy), "modules").exit_code == 0  # writes the cache
    path = curriculum_copy / "modules" / "04-ethics-policies.yaml"
    stat = path.stat()
    path.write_text(path.read_text().replace("skill_area: I.C", "skill_area: I.X"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # a change the key cannot see
    assert cetl("--curriculum", str(curriculum_copy), "modules").exit_code == 0  # cached
    r = cetl("curriculum", "validate", str(curriculum_copy))
    assert r.exit_code == 2 and "'I.X' is not a skill area" in r.stderr


def test_other_results_from_a_folder_are_kept_apart_and_follow_its_files(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rules.yaml").write_text("years: 5\n")
    settle(folder)
    builds = []

    def build(value):
        builds.append(value)
        return {"value": value, "text": (folder / "rules.yaml").read_text()}

    assert cache.cached(folder, "rules", lambda: build(1)) == {"value": 1, "text": "years: 5\n"}
    assert cache.cached(folder, "rules", lambda: build(2))["value"] == 1  # from the cache
    assert cache.cached(folder, "other", lambda: build(3))["value"] == 3  # another name, its own entry
    (folder / "rules.yaml").write_text("years: 6\n")
    assert cache.cached(folder, "rules", lambda: build(4)) == {"value": 4, "text": "years: 6\n"}
    assert builds == [1, 3, 4]


def test_a_new_data_folder_made_for_the_cache_is_private(cetl, tmp_path, monkeypatch):
    import stat

    home = tmp_path / "new" / "home"
    monkeypatch.setenv("CETL_HOME", str(home))
    assert cetl("progress").exit_code == 0
    for folder in (home.parent, home, home / "cache"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
