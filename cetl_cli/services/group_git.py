"""`cetl group sync` for a group folder inside a git work tree: commit your own file, pull with
rebase, push.

Only your own file (and, for the facilitator, the group file) is ever added or committed:
`git commit -- PATHS` leaves anything else in the work tree alone. Since every member commits
only their own file, a rebase never meets a conflict in practice; if it does, the rebase is
aborted and nothing is pushed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional

from cetl_cli.domain.errors import CetlError, UserInputError
from cetl_cli.domain.record import Record
from cetl_cli.services import group_folder as folder_io
from cetl_cli.services.group import current, write_mine
from cetl_cli.services.session import Session

TIMEOUT = 120


class Synced(Record):
    top: Path  # the work tree
    committed: bool  # your file had changes, now committed
    upstream: Optional[str]  # e.g. origin/main; None: nothing to pull from or push to
    pulled: bool
    pushed: bool


def _git(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": os.environ.get("GIT_TERMINAL_PROMPT", "0")}
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                           env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise CetlError(f"git {args[0]} took more than {TIMEOUT} s and was stopped.",
                        "Check the network and the remote, then run cetl group sync again.") from None
    if check and r.returncode != 0:
        raise CetlError(f"git {' '.join(args[:2])} failed: {_last_line(r)}",
                        "Fix it in the repository, then run cetl group sync again.")
    return r


def _last_line(r: subprocess.CompletedProcess[str]) -> str:
    lines = [ln.strip() for ln in (r.stderr or r.stdout or "").splitlines() if ln.strip()]
    return (lines[-1] if lines else f"exit code {r.returncode}")[:300]


def sync(s: Session) -> Synced:
    m = current(s)
    folder = folder_io.check_folder(m.path)
    if shutil.which("git") is None:
        raise UserInputError("cetl group sync needs git, which is not installed.",
                             "Install git, or let your sync tool (Drive, OneDrive, Dropbox) share the folder.")
    found = _git(["rev-parse", "--show-toplevel"], folder, check=False)
    if found.returncode != 0:
        raise UserInputError(f"The group folder {folder} is not inside a git work tree.",
                             "A shared drive syncs it by itself: cetl group share updates your file.")
    top = Path(found.stdout.strip())
    paths = []
    if m.member:
        paths.append(write_mine(s, m))
    if m.facilitator:
        paths.append(folder / folder_io.GROUP_FILE)
    rel = [os.path.relpath(p.resolve(), top.resolve()) for p in paths]
    committed = False
    if rel:
        _git(["add", "--", *rel], top)
        staged = _git(["diff", "--cached", "--quiet", "--", *rel], top, check=False)
        if staged.returncode == 1:
            who = m.name or "the facilitator"
            _git(["commit", "--quiet", "--no-verify", "-m", f"cetl group: {who}'s file", "--", *rel], top)
            committed = True
    up = _git(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"], top, check=False)
    if up.returncode != 0:
        return Synced(top, committed, None, False, False)
    pull = _git(["pull", "--rebase", "--autostash", "--quiet"], top, check=False)
    if pull.returncode != 0:
        _git(["rebase", "--abort"], top, check=False)
        raise CetlError(f"git pull --rebase failed: {_last_line(pull)}; nothing was pushed.",
                        "Resolve it in the repository (git status), then run cetl group sync again.")
    ahead = _git(["rev-list", "--count", "@{u}..HEAD"], top)
    pushed = False
    if ahead.stdout.strip() not in ("", "0"):
        _git(["push", "--quiet"], top)
        pushed = True
    return Synced(top, committed, up.stdout.strip(), True, pushed)
