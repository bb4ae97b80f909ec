"""Writing a reflection answer: the person's editor, or a multi-line prompt.

Both keep what was typed when something goes wrong. The editor works on a file in cetl's
recovery folder (services/recovery.py), which stays until the answer is stored: a cetl killed
while the editor is open, or a database that cannot be written, leaves the answer to be offered
next time. cetl ignores Ctrl-C while the editor runs (as git does), so the editor gets it.
The prompt is prompt_toolkit's multi-line editor (arrows, history, every character kept on
Ctrl-C); while it runs, a rescue hook lets the signal handlers save its text.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
from pathlib import Path
from typing import Callable, Optional

from cetl_cli.services import recovery
from cetl_cli.services.editor_text import answer_from_file_text, editor_template

# Called by the boundary's signal handlers (SIGTERM, SIGHUP, SIGQUIT): a hook that returns True
# has taken care of stopping (the prompt ends itself); otherwise the handler stops cetl.
RESCUE: list[Callable[[], bool]] = []


class Interrupted(Exception):
    """Input stopped before the answer was finished; `text` is what was typed so far."""

    def __init__(self, text: str, reason: str, exit_code: int, path: Optional[Path] = None):
        super().__init__(reason)
        self.text = text
        self.reason = reason
        self.exit_code = exit_code
        self.path = path


def editor_command() -> Optional[str]:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


def _read(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            return answer_from_file_text(fh.read(recovery.MAX_RECOVERED).decode("utf-8", "replace"))
    except OSError:
        return ""


def _child_default_sigint() -> None:  # pragma: no cover - runs in the child
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def edit(editor: str, item_id: str, header: str, prompt: str, start: str = "") -> tuple[str, Path]:
    """Open `editor` on a recovery file holding `start` and the question.

    Returns (answer, file); the caller removes the file once the answer is stored. Raises
    Interrupted (with the file's text) when the editor fails or cetl is stopped.
    """
    path = recovery.editor_file(item_id, editor_template(header, prompt, start))
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        try:
            argv = shlex.split(editor) + [str(path)]
            code = subprocess.call(argv, preexec_fn=_child_default_sigint if os.name == "posix" else None)
        except (OSError, ValueError) as err:
            raise Interrupted(start, f"could not start the editor {editor!r} ({err})", 1, path) from None
        except KeyboardInterrupt:  # SIGTERM, SIGHUP or SIGQUIT, turned into an interrupt
            raise Interrupted(_read(path), "stopped", 130, path) from None
    finally:
        signal.signal(signal.SIGINT, previous)
    text = _read(path)
    if code != 0:
        raise Interrupted(text, f"the editor {editor!r} exited with status {code}", 1, path)
    return text, path


def prompt_lines(start: str = "", keep: Optional[Callable[[str], object]] = None) -> str:
    """A multi-line prompt: Enter adds a line, Ctrl-D saves, Ctrl-C stops keeping every character.

    On SIGTERM, SIGHUP or SIGQUIT the text is handed to `keep` at once (the terminal may be gone)
    and the prompt ends with Interrupted, as on Ctrl-C."""
    from prompt_toolkit import PromptSession
    from prompt_toolkit.key_binding import KeyBindings

    keys = KeyBindings()

    @keys.add("c-d")
    def _save(event) -> None:  # type: ignore[no-untyped-def]
        event.app.exit(result=event.app.current_buffer.text)

    @keys.add("c-c")
    def _stop(event) -> None:  # type: ignore[no-untyped-def]
        event.app.exit(exception=Interrupted(event.app.current_buffer.text.strip(), "interrupted", 130))

    session: PromptSession[str] = PromptSession(multiline=True, key_bindings=keys)

    def rescue() -> bool:
        app = session.app
        if not app.is_running:
            return False
        text = app.current_buffer.text.strip()
        if text and keep is not None:
            keep(text)
        # End the prompt from inside its own loop, not by raising in whatever code is running.
        app.loop.call_soon_threadsafe(  # type: ignore[union-attr]
            lambda: app.exit(exception=Interrupted(text, "stopped", 130)) if app.is_running else None)
        return True

    RESCUE.append(rescue)
    try:
        text = session.prompt("> ", default=start, prompt_continuation="  ")
    except EOFError:
        return ""
    finally:
        RESCUE.remove(rescue)
    return (text or "").strip()
