"""The one exit: runs the app and turns every error into one line, a hint and an exit code.

- cetl's typed errors (cetl_cli/domain/errors.py) print `cetl: MESSAGE HINT` (a broken curriculum
  prints its `file:line` problems, one a line) and exit with their class's code;
- Typer's own usage errors become one line too, naming the right command where the slip is
  plain (`cetl study 3` -> `cetl study module 3`), else the command's example; exit 2;
- Ctrl-C, and SIGTERM, SIGHUP and SIGQUIT (a closed terminal, a dropped ssh session), become
  exit 130; each flow keeps what it must (a draft, a paused exam) before it lets them go;
- anything else is "unexpected", one line, with CETL_DEBUG=1 for the traceback.
"""

from __future__ import annotations

import difflib
import re
import signal
import sys
from typing import Any, Optional

import typer

from cetl_cli.cli import context

USAGE_ERROR: type = typer.BadParameter.__mro__[1]  # Typer's UsageError, through its public API
CLICK_ERROR: type = typer.BadParameter.__mro__[2]
MAX_MESSAGE = 400


def _safe(text: str) -> str:
    """A message fit for any terminal: no control characters, no unencodable surrogates."""
    from cetl_cli.cli.output import clean

    return clean(text).encode("utf-8", "replace").decode("utf-8")


COMMAND = re.compile(r"cetl(?: (?:--?[a-z][a-z-]*|[a-z][a-z-]*|[0-9IVX]+(?:\.[A-Za-z0-9]+)?|[A-Z]+))+")


def _wrap(text: str) -> str:
    """On a terminal, wrap at spaces (never inside a word or a `cetl ...` command)."""
    import os
    import textwrap

    try:
        if not sys.stderr.isatty():
            return text
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return text
    out = []
    for line in text.splitlines():
        kept = COMMAND.sub(lambda m: m.group().replace(" ", "\u00a0"), line)
        out += textwrap.wrap(kept, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(out).replace("\u00a0", " ")


def say(text: str) -> None:
    try:
        sys.stderr.write(_wrap(_safe(text)) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # the terminal is gone


def _stop(signum: int, frame: Any) -> None:
    """SIGTERM, SIGHUP, SIGQUIT: let the running flow keep its text, then stop like Ctrl-C."""
    from cetl_cli.cli.editor import RESCUE

    handled = False
    for hook in list(RESCUE):
        handled = hook() or handled
    if not handled:
        raise KeyboardInterrupt


def install_signals() -> None:
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, _stop)
            except (ValueError, OSError):  # not the main thread (tests)
                pass


def _example(command: Any) -> Optional[str]:
    text = getattr(command, "help", None) or ""
    match = re.search(r"Example:\s*(.+)", text)
    return match.group(1).split("    ")[0].strip() if match else None


def usage_line(err: Any) -> str:
    """One line for a Typer usage error, with the command to type where it can tell."""
    ctx = getattr(err, "ctx", None)
    message = " ".join(str(err.format_message()).split())
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "…"
    path = ctx.command_path if ctx is not None else "cetl"
    found = re.match(r"No such command '([^']*)'", message)
    if found and ctx is not None:
        word = found.group(1)
        short = word[:40]
        names = sorted(getattr(ctx.command, "commands", {}) or {})
        if path == "cetl" and word in ("help", "h", "?"):
            return "cetl: there is no 'help' command. Run: cetl --help"
        if path.endswith(" study") and re.match(r"^(\d+|[IVX]+\.[A-Za-z])$", word):
            return f"cetl: to open module {short}, run: cetl study module {short}"
        if path.endswith(" todo") and re.match(r"^\d+\.t\d+$", word, re.I):
            return f"cetl: to mark {short} done, run: cetl todo done {short} (or cetl todo undo {short})"
        if path.endswith(" exam") and word.isdigit():
            return f"cetl: '{short}' is not an exam command. Run: cetl exam history (or cetl exam --help)"
        close = difflib.get_close_matches(word, names, n=1)
        if close:
            return f"cetl: no command '{short}' in {path}. Did you mean: {path} {close[0]}"
        return f"cetl: no command '{short}' in {path}; the commands are {', '.join(names)}. Run: {path} --help"
    old = re.match(r"No such option: --(resume|abandon|history)\b", message)
    if old and path.endswith(" exam"):
        return f"cetl: exam's --{old.group(1)} is now a command. Run: cetl exam {old.group(1)}"
    if message and message[-1] not in ".!?":
        message += "."
    example = _example(ctx.command) if ctx is not None else None
    tail = f" Example: {example}" if example else f" Run: {path} --help"
    return f"cetl: {path}: {message}{tail}"


def run(argv: Optional[list[str]] = None) -> None:
    """Entry point: runs the app; every outcome ends in sys.exit with the right code."""
    from cetl_cli.cli.main import app_for
    from cetl_cli.domain.errors import CetlError, CurriculumError

    args = list(sys.argv[1:] if argv is None else argv)
    # Bytes that are not UTF-8 (shown as surrogates) become U+FFFD, so nothing typed is lost later.
    args = [a.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for a in args]
    try:
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        pass
    install_signals()
    code = 0
    try:
        result = app_for(args)(args=args, prog_name="cetl", standalone_mode=False)
        code = result if isinstance(result, int) else 0
    except CurriculumError as err:
        if context.debug():
            raise
        say("\n".join(err.problems[:200]) + (f"\n… and {len(err.problems) - 200} more" if len(err.problems) > 200 else ""))
        code = err.exit_code
    except CetlError as err:
        if context.debug():
            raise
        say(f"cetl: {err.line()}")
        code = err.exit_code
    except USAGE_ERROR as err:
        if type(err).__name__ == "NoArgsIsHelpError":
            sys.stdout.write(str(err.format_message()) + "\n")
        else:
            say(usage_line(err))
        code = 2
    except CLICK_ERROR as err:
        say(f"cetl: {err.format_message()}")
        code = int(getattr(err, "exit_code", 1))
    except KeyboardInterrupt:
        code = 130
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception as err:  # noqa: BLE001 - the boundary: no traceback unless asked for
        if context.debug():
            raise
        if type(err).__name__ == "Abort":  # Typer's Abort: end of input at one of its prompts
            code = 130
        else:
            say(f"cetl: unexpected error: {type(err).__name__}: {str(err)[:MAX_MESSAGE]}. "
                "Run again with CETL_DEBUG=1 to see the traceback, and please report it.")
            code = 1
    finally:
        context.reset(None)
    sys.exit(code)
