"""Reading answers from a person: practice answers, short questions, yes/no.

On a terminal cetl asks; without one (a script) it reads one answer per line from standard
input, so `printf 'A\\nB\\n' | cetl quiz -n 2` works. Ctrl-C is not caught here: the interrupt
reaches the flow, which keeps what it must, and then the one boundary.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, Optional, Sequence

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


def can_read_keys() -> bool:
    """Whether single key presses can be read (a terminal on standard input, POSIX or Windows)."""
    try:
        if not sys.stdin.isatty():
            return False
    except (AttributeError, ValueError):
        return False
    if os.name == "nt":  # pragma: no cover - Windows consoles
        return True
    try:
        import termios  # noqa: F401
        import tty  # noqa: F401
    except ImportError:  # pragma: no cover
        return False
    return True


_ENTER = "\x00enter"  # what `_next` returns for Enter when Enter means something (no line reads so)
_PENDING: list[str] = []  # keys read together (typed ahead, or pasted), not handled yet
ARROWS = {"\x1b[D": "left", "\x1b[C": "right", "\x1bOD": "left", "\x1bOC": "right"}


def _split_keys(text: str) -> list[str]:
    keys, i = [], 0
    while i < len(text):
        if text[i] == "\x1b" and i + 2 < len(text) and text[i + 1] in "[O":
            keys.append(text[i:i + 3])
            i += 3
        else:
            keys.append(text[i])
            i += 1
    return keys


def read_key(prompt: str) -> Optional[str]:
    """One key press on a terminal, without Enter: the character ("left" and "right" for the
    arrows); None for Ctrl-D. Ctrl-C still interrupts (the terminal keeps its signals)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    if not _PENDING:
        if os.name == "nt":  # pragma: no cover - Windows consoles
            import msvcrt

            _PENDING.append(msvcrt.getwch())
        else:
            import termios
            import tty

            fd = sys.stdin.fileno()
            saved = termios.tcgetattr(fd)
            try:
                tty.setcbreak(fd)
                data = os.read(fd, 64)
            finally:
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            _PENDING.extend(_split_keys(data.decode("utf-8", "replace")) or ["\x04"])
    key = _PENDING.pop(0)
    if key == "\x04":
        return None
    if key == "\x03":  # a terminal without signals
        raise KeyboardInterrupt
    return ARROWS.get(key, key)


def instruction(single_key: bool, stop: str, more: str = "") -> str:
    """How to answer, worded the same in the quiz, the exam and the review."""
    how = "Press A, B, C or D to answer (no Enter needed)" if single_key else "Type A, B, C or D and Enter to answer"
    return f"{how}{more}; q {stop}s."


class AnswerReader:
    """Reads answers: on a terminal one key press each (no Enter), otherwise one line each. An
    answer is a letter A-D, one of the `commands` keys (lower case, e.g. "f" to flag), or None
    when the person stops (q, Ctrl-D, the end of input)."""

    def __init__(self, out: Out, err: Out, interactive: Optional[bool] = None, stop_word: str = "stop",
                 single_key: Optional[bool] = None):
        self.out = out
        self.err = err
        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        self.single_key = (self.interactive and can_read_keys()) if single_key is None else single_key
        self.stop_word = stop_word

    def instruction(self, more: str = "") -> str:
        return instruction(self.single_key, self.stop_word, more)

    def _echo(self, prompt: str, token: str) -> None:
        if self.single_key:
            self.out.write(f"{token}\n")  # the prompt is on the screen already
        elif not self.interactive:
            self.out.print(f"{prompt}{token}")

    def _next(self, prompt: str, commands: str, enter: Optional[str]) -> Optional[str]:
        """The next key (on a terminal) or line; None at the end; _ENTER for Enter when it means something."""
        if not self.single_key:
            return read_line(prompt, self.interactive)
        shown = prompt
        while True:
            key = read_key(shown)
            shown = ""  # the prompt is on the screen already
            if key is None:
                self.out.write("\n")
                return None
            if key not in ("\r", "\n", " "):
                break
            if enter is not None:
                self.out.write("\n")
                return _ENTER
            # Enter after a key, out of habit: nothing to do
        if key in ("left", "right") and "p" in commands:
            key = "p" if key == "left" else "n"
        return key

    def read(self, prompt: str, commands: str = "", legend: str = "", answers: Sequence[str] = LETTERS,
             named: str = "A, B, C or D", enter: Optional[str] = None) -> Optional[str]:
        """An answer from `answers` (A-D unless given), a key of `commands`, `enter` for Enter or
        space when given (on a terminal), or None."""
        while True:
            line = self._next(prompt, commands, enter)
            if line is None or line == _ENTER:
                return enter if line == _ENTER else None
            token = line.strip().upper()
            if token in answers:
                self._echo(prompt, token)
                return token
            if len(token) == 1 and token.lower() in commands:
                self._echo(prompt, token.lower())
                return token.lower()
            if token in ("Q", "QUIT"):
                if self.single_key:
                    self.out.write("q\n")
                return None
            if not token and enter is not None and self.interactive:
                return enter
            if not token and not self.interactive:
                continue  # blank lines in a script are skipped
            shown = line.strip()[:40]
            what = f"{shown!r} is not an answer" if shown else "No answer given"
            verb = "press" if self.single_key else "type"
            hint = f"{what}: {verb} {named}{legend}, or q to {self.stop_word}."
            if self.single_key:
                self.out.write("\n")
            if self.interactive:
                self.out.print(Styled(hint, "yellow"))
            else:
                self.err.print(f"cetl: {hint}")

    def read_line(self, prompt: str) -> Optional[str]:
        """A whole line (a question number, a word), None at the end of input."""
        _PENDING.clear()
        line = read_line(prompt, self.interactive)
        if line is None:
            return None
        if not self.interactive:
            self.out.print(f"{prompt}{line.strip()}")
        return line.strip()

    def within(self, seconds: Optional[float], read: Callable[[], Any]) -> Any:
        """`read()`, but raises TimeUp when `seconds` pass first (where the OS allows it;
        elsewhere the caller checks the clock after the answer)."""
        import signal
        import threading

        if (seconds is None or not hasattr(signal, "setitimer")
                or threading.current_thread() is not threading.main_thread()):
            return read()
        if seconds <= 0:
            raise TimeUp

        def on_alarm(signum: int, frame: Any) -> None:
            raise TimeUp

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return read()
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
