"""`cetl group sync` for a group folder in a git work tree: a bare repository on disk and two
clones, the facilitator's and a member's (no network)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from groupkit import fix_clock

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    fix_clock(monkeypatch)


def git(cwd: Path, *args: str) -> str:
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture
def repos(tmp_path, monkeypatch):
    """origin.git (bare, with a first commit on main), cloned as fac/ and pat/."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Test\n\temail = test@example.org\n"
                                        "[init]\n\tdefaultBranch = main\n")
    git(tmp_path, "init", "--bare", "--quiet", "origin.git")
    seed = tmp_path / "seed"
    git(tmp_path, "clone", "--quiet", str(tmp_path / "origin.git"), str(seed))
    (seed / "README.md").write_text("Our CETL study group.\n")
    git(seed, "add", "README.md")
    git(seed, "commit", "--quiet", "-m", "start")
    git(seed, "push", "--quiet", "origin", "HEAD:main")
    clones = {}
    for who in ("fac", "pat"):
        clones[who] = tmp_path / f"{who}-clone"
        git(tmp_path, "clone", "--quiet", str(tmp_path / "origin.git"), str(clones[who]))
        (tmp_path / f"{who}-home").mkdir()
    homes = {who: {"CETL_HOME": str(tmp_path / f"{who}-home")} for who in clones}
    return clones, homes


def test_sync_commits_only_your_own_file_pulls_with_rebase_and_pushes(cetl, repos):
    clones, homes = repos
    fac_dir, pat_dir = clones["fac"] / "cohort", clones["pat"] / "cohort"
    r = cetl("group", "create", str(fac_dir), "--name", "Git Cohort", "--exam-date", "2027-01-15",
             "--first-meeting", "2026-09-01", "--every", "2w", env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert cetl("group", "join", str(fac_dir), "--as", "Sam Ortiz", env=homes["fac"]).exit_code == 0
    r = cetl("group", "sync", env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert "Committed your file" in r.stdout and "pushed" in r.stdout

    git(clones["pat"], "pull", "--quiet")
    assert cetl("group", "join", str(pat_dir), "--as", "Pat Lee", env=homes["pat"]).exit_code == 0
    # Pat has work of their own in the tree, committed and not: sync leaves it alone.
    (clones["pat"] / "README.md").write_text("Pat's local edit, not for the group.\n")
    # Meanwhile the facilitator pushes again, so Pat's push needs the rebase.
    assert cetl("todo", "done", "1.t1", env=homes["fac"]).exit_code == 0
    assert cetl("group", "sync", env=homes["fac"]).exit_code == 0

    r = cetl("group", "sync", env=homes["pat"])
    assert r.exit_code == 0, r.output
    assert "Committed your file" in r.stdout and "rebased" in r.stdout and "pushed" in r.stdout
    last = git(clones["pat"], "log", "-1", "--name-only", "--format=%s")
    assert last.split() == ["cetl", "group:", "Pat", "Lee's", "file", "cohort/members/pat-lee.json"]
    assert git(clones["pat"], "status", "--porcelain").strip() == "M README.md"
    assert (clones["pat"] / "README.md").read_text().startswith("Pat's local edit")
    assert git(clones["pat"], "log", "--merges", "--format=%H").strip() == ""  # rebased, never merged

    r = cetl("group", "sync", env=homes["fac"])
    assert r.exit_code == 0, r.output
    assert "no changes to commit" in r.stdout
    data = json.loads(cetl("group", "status", "--json", env=homes["fac"]).stdout)
    assert [m["name"] for m in data["members"]] == ["Pat Lee", "Sam Ortiz"]
    sam = data["members"][1]
    assert sam["modules"][0]["done"] == 1
    # the member's clone has the facilitator's latest file too
    pat_view = json.loads(cetl("group", "status", "--json", env=homes["pat"]).stdout)
    assert pat_view["members"][1]["modules"][0]["done"] == 1


def test_sync_outside_git_says_the_sync_tool_does_it(cetl, tmp_path):
    home = {"CETL_HOME": str(tmp_path / "home")}
    assert cetl("group", "create", str(tmp_path / "g"), "--name", "Drive Cohort", "--exam-date", "2027-01-15",
                "--first-meeting", "2026-09-01", "--every", "2w", env=home).exit_code == 0
    r = cetl("group", "sync", env=home)
    assert r.exit_code == 1 and "not inside a git work tree" in r.stderr


def test_sync_without_an_upstream_commits_and_says_how_to_push(cetl, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    (tmp_path / "gitconfig").write_text("[user]\n\tname = Test\n\temail = test@example.org\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    home = {"CETL_HOME": str(tmp_path / "home")}
    assert cetl("group", "create", str(repo / "g"), "--name", "Local", "--exam-date", "2027-01-15",
                "--first-meeting", "2026-09-01", "--every", "2w", env=home).exit_code == 0
    r = cetl("group", "sync", env=home)
    assert r.exit_code == 0, r.output
    assert "no upstream" in r.stdout and "Next: git push -u origin HEAD" in r.stdout
    assert git(repo, "log", "--format=%s").strip() == "cetl group: the facilitator's file"
