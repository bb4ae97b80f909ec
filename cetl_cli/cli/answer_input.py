"""Getting a reflection answer from a person: their editor, or a multi-line prompt.

Both ways keep what was typed when something goes wrong (Ctrl-C, an editor that fails): the
caller gets a `Interrupted` carrying the text, and saves it as a draft.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import textwrap

SCISSORS = "# ------------------------ >8 ------------------------"


class Interrupted(Exception):
    """Input stopped before the answer was finished; `text` is what was typed so far."""

    def __init__(self, text: str, reason: str, exit_code: int):
        super().__init__(reason)
        self.text = text
        self.reason = reason
        self.exit_code = exit_code


def editor_command() -> str | None:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or None


def editor_template(header: str, prompt: str, start: str) -> str:
    body = "\n".join("# " + line for line in textwrap.wrap(prompt, 76))
    return (
        f"{start.rstrip()}\n\n{SCISSORS}\n"
        "# Write your answer above the line; everything below it is ignored.\n"
        "# Save and close the editor to keep it. Leave it empty to cancel.\n#\n"
        f"# {header}\n{body}\n"
    )


def answer_from_file_text(text: str) -> str:
    if SCISSORS in text:
        text = text.split(SCISSORS, 1)[0]
    return text.strip()


def edit(editor: str, header: str, prompt: str, start: str = "") -> str:
    """Open `editor` on a file holding `start` and the question; return the answer (may be '')."""
    fd, name = tempfile.mkstemp(prefix="cetl-reflection-", suffix=".md", text=True)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(editor_template(header, prompt, start))
        try:
            argv = shlex.split(editor) + [name]
            code = subprocess.call(argv)
        except KeyboardInterrupt:
            raise Interrupted(_read(name), "interrupted", 130) from None
        except (OSError, ValueError) as err:
            raise Interrupted(start, f"could not start the editor {editor!r} ({err})", 1) from None
        text = _read(name)
        if code != 0:
            raise Interrupted(text, f"the editor {editor!r} exited with status {code}", 1)
        return text
    finally:
        try:
            os.unlink(name)
        except OSError:
            pass


def _read(name: str) -> str:
    try:
        with open(name, encoding="utf-8", errors="replace") as fh:
            return answer_from_file_text(fh.read())
    except OSError:
        return ""


def prompt_lines(start: str = "", read=input) -> str:
    """Read lines until end of input (Ctrl-D); Ctrl-C raises Interrupted with the lines so far."""
    lines = [start] if start else []
    while True:
        try:
            lines.append(read(""))
        except EOFError:
            return "\n".join(lines).strip()
        except KeyboardInterrupt:
            raise Interrupted("\n".join(lines).strip(), "interrupted", 130) from None
