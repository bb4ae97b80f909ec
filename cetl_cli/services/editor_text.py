"""The text of the file an answer is written in: the answer above a scissors line, the question below."""

from __future__ import annotations

import textwrap

SCISSORS = "# ------------------------ >8 ------------------------"


def editor_template(header: str, prompt: str, start: str) -> str:
    body = "\n".join("# " + line for line in textwrap.wrap(prompt, 76))
    return (
        f"{start.rstrip()}\n\n{SCISSORS}\n"
        "# Write your answer above the line; everything below it is ignored.\n"
        "# Save and close the editor to keep it. Leave it empty to cancel.\n#\n"
        f"# {header}\n{body}\n"
    )


def recovery_text(text: str) -> str:
    return f"{text.rstrip()}\n\n{SCISSORS}\n# An answer cetl could not save yet; `cetl reflect` offers it again.\n"


def answer_from_file_text(text: str) -> str:
    if SCISSORS in text:
        text = text.split(SCISSORS, 1)[0]
    return text.strip()
