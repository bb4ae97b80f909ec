"""Reading answers from a person: practice answers, short questions, yes/no.

On a terminal cetl asks; without one (a script) it reads one answer per line from standard
input, so `printf 'A\\nB\\n' | cetl quiz -n 2` works. Ctrl-C is not caught here: the interrupt
reaches the flow, which keeps what it must, and then the one boundary.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Optional

from cetl_cli.cli.output import Out, Styled
from cetl_cli.domain.errors import UserInputError
from cetl_cli.domain.questions import LETTERS

MAX_LINE = 10_000  # characters read for one answer line


class TimeUp(Exception):
    """The exam's time limit was reached while waiting for an answer."""


def read_line(prompt: str, interactive: bool) -> Optional[str]:
    """One line (None at the end of input); undecodable bytes never stop cetl."""
    if interactive:
        try:
            return input(prompt)[:MAX_LINE]
        except EOFError:  # Ctrl-D
            sys.stdout.write("\n")
            return None
        except UnicodeDecodeError:
            return ""
    try:
        line = sys.stdin.readline(MAX_LINE)
    except UnicodeDecodeError:
        return ""
    return line if line else None


class AnswerReader:
    """Reads one answer per line: a letter A-D, or None when the person stops (q, end of input)."""

    def __init__(self, out: Out, err: Out, interactive: Optional[bool] = None, stop_word: str = "stop"):
        self.out = out
        self.err = err
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self.stop_word = stop_word

    def read(self, prompt: str) -> Optional[str]:
        while True:
            line = read_line(prompt, self.interactive)
            if line is None:
                return None
            token = line.strip().upper()
            if token in LETTERS:
                if not self.interactive:
                    self.out.print(f"{prompt}{token}")
                return token
            if token in ("Q", "QUIT"):
                return None
            if not token and not self.interactive:
                continue  # blank lines in a script are skipped
            shown = line.strip()[:40]
            what = f"{shown!r} is not an answer" if shown else "No answer given"
            hint = f"{what}: type A, B, C or D, or q to {self.stop_word}."
            if self.interactive:
                self.out.print(Styled(hint, "yellow"))
            else:
                self.err.print(f"cetl: {hint}")

    def read_within(self, prompt: str, seconds: Optional[float]) -> Optional[str]:
        """Like read, but raises TimeUp when `seconds` pass first (where the OS allows it;
        elsewhere the caller checks the clock after the answer)."""
        import signal
        import threading

        if (seconds is None or not hasattr(signal, "setitimer")
                or threading.current_thread() is not threading.main_thread()):
            return self.read(prompt)
        if seconds <= 0:
            raise TimeUp

        def on_alarm(signum: int, frame: Any) -> None:
            raise TimeUp

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return self.read(prompt)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def ask(out: Out, text: str, default: Optional[str], parse: Callable[[str], Any]) -> str:
    """Ask until `parse` accepts the answer (the reason is shown each time); returns the text.
    Enter keeps `default`. Ctrl-D raises EOFError, Ctrl-C KeyboardInterrupt."""
    suffix = f" [{default}]" if default is not None else ""
    while True:
        try:
            line = input(f"{text}{suffix}: ")[:MAX_LINE]
        except UnicodeDecodeError:
            line = ""
        value = line.strip() or (default or "")
        if not value:
            continue
        try:
            parse(value)
        except UserInputError as err:
            out.print(Styled(f"Error: {err.line()}", "yellow"))
            continue
        return value


def confirm(text: str, default: bool) -> bool:
    """Yes or no; Enter keeps `default`."""
    hint = "[Y/n]" if default else "[y/N]"
    while True:
        try:
            line = input(f"{text} {hint}: ").strip().lower()
        except UnicodeDecodeError:
            line = ""
        if not line:
            return default
        if line in ("y", "yes"):
            return True
        if line in ("n", "no"):
            return False
