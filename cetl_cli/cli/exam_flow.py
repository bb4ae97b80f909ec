"""Taking a mock exam: the questions one at a time, with flag and return as computer-based
certification exams allow (f flags, p and n move back and on), and before submitting a screen
of the unanswered and flagged questions.

On a terminal a key press answers; without one, one answer per line, so a script can drive it:
a script that answers every question in order is submitted at the end, as before.
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Union

from cetl_cli.cli.output import Out, Styled, duration
from cetl_cli.cli.prompts import AnswerReader, TimeUp
from cetl_cli.cli.views import exam as exam_view
from cetl_cli.cli.views import practice as view
from cetl_cli.domain.questions import as_shown, in_file
from cetl_cli.services.exam import RESUME_HINT, ExamRun

EXAM_PROMPT = "Your answer (A-D, f flag, p/n move, s submit, q pause): "
SUBMIT_PROMPT = "s and Enter submits; a question number and Enter goes to it; q pauses: "
COMMANDS = "fpns"
LEGEND = " (f flags it, p goes back, n goes on, s submits)"
MORE = "; f flags a question to come back to, p and n go back and on, s shows what is left and submits"
SUBMIT = "submit"


def take(run: ExamRun) -> None:
    """Ask the questions; pause on q or Ctrl-C, finish on submit or when time is up."""
    out = Out()
    asked = run.asked
    if run.resumed:
        out.print(Styled(f"Resuming mock exam #{run.attempt_id}: {len(run.choices)} of {len(asked)} answered.", "bold"))
    else:
        out.print(Styled(f"Mock exam #{run.attempt_id}: {len(asked)} questions, weighted like the CETL exam.", "bold"))
        if run.repeats:
            out.print(Styled(f"{run.repeats} of these {len(asked)} you have seen (in an earlier mock exam or a quiz): "
                             "the bank has not enough unseen questions left for a fresh exam.", "yellow"))
        out.print("No feedback until the end.")
    if run.dropped:
        out.print(Styled(f"{run.dropped} questions of this exam are no longer in the bank; they are left out "
                         "of the score.", "yellow"))
    if run.minutes:
        out.print(f"Time limit {run.minutes} minutes; {duration(run.time_left() or 0)} left.")
    reader = AnswerReader(out, Out(stderr=True), stop_word="pause")
    out.print(reader.instruction(MORE))
    timed_out = False
    try:
        timed_out = _loop(out, reader, run)
    except KeyboardInterrupt:
        _pause(run, 130)
    done = run.finish()
    view.exam_report(out, done.curriculum, done.attempt_id, done.report, timed_out, done.spent)


def _pause(run: ExamRun, code: int) -> None:
    spent = run.pause()
    used = f" (time used {duration(spent)})" if run.minutes else ""
    Out(stderr=code != 0).print(f"\nExam #{run.attempt_id} paused after {len(run.choices)} of {len(run.asked)} "
                                f"questions{used}; your answers are kept.\n{RESUME_HINT}")
    if code:
        raise KeyboardInterrupt
    raise SystemExit(0)


def _within(reader: AnswerReader, run: ExamRun, read: Callable[[], Any]) -> Any:
    return reader.within(run.time_left(), read)


def _loop(out: Out, reader: AnswerReader, run: ExamRun) -> bool:
    """The questions until the exam is submitted (False) or the time is up (True)."""
    asked = run.asked
    clock = run.session.clock.monotonic
    pos = run.first_open()
    while True:
        left = run.time_left()
        if left is not None and left <= 0:
            return True
        if pos >= len(asked):
            try:
                where = _before_submit(out, reader, run)
            except TimeUp:
                return True
            if where == SUBMIT:
                return False
            if where is None:
                _pause(run, 0)
            assert isinstance(where, int)
            pos = where
            continue
        q = asked[pos]
        _show(out, run, pos, left)
        started = clock()
        try:
            key = _key(out, reader, run, pos, left)
        except TimeUp:
            return True
        if key == "p":
            pos -= 1
        elif key == "n":
            pos += 1
        elif key == "s":
            pos = len(asked)
        else:
            if not run.answer(q, in_file(run.shown[pos], key), clock() - started):
                return True  # the answer came after the time ran out; it does not count
            pos += 1


def _key(out: Out, reader: AnswerReader, run: ExamRun, pos: int, left: Optional[float]) -> str:
    """A letter shown, or p, n, s; flags are set here; q pauses (TimeUp when time runs out)."""
    while True:
        key = reader.within(left, lambda: reader.read(EXAM_PROMPT, COMMANDS, LEGEND))
        if key is None:
            _pause(run, 0)
        if key == "f":
            flagged = run.toggle_flag(run.asked[pos])
            out.print(f"Question {pos + 1} flagged: it is listed before you submit." if flagged
                      else f"Question {pos + 1} is no longer flagged.")
        elif key == "p" and pos == 0:
            out.print("This is the first question.")
        else:
            return str(key)


def _show(out: Out, run: ExamRun, pos: int, left: Optional[float]) -> None:
    q = run.asked[pos]
    header = f"Question {pos + 1} of {len(run.asked)}"
    if left is not None:
        header += f" · {duration(left)} left"
    if q.id in run.flagged:
        header += " · flagged"
    view.question(out, q, header, run.shown[pos])
    if q.id in run.choices:
        out.print(Styled(f"Your answer so far: {as_shown(run.shown[pos], run.choices[q.id])} "
                         "(a letter changes it, n keeps it)", "dim"))


def _before_submit(out: Out, reader: AnswerReader, run: ExamRun) -> Union[str, int, None]:
    """The screen before submitting: SUBMIT, the index of a question to go to, or None (pause)."""
    unanswered, flagged = run.unanswered(), run.flagged_numbers()
    exam_view.before_submit(out, len(run.asked), unanswered, flagged)
    if not unanswered and not flagged and not reader.interactive:
        return SUBMIT  # a script that answered every question
    while True:
        line: Optional[str] = _within(reader, run, lambda: reader.read_line(SUBMIT_PROMPT))
        if line is None:
            return None
        token = line.strip().lower()
        if token in ("s", "submit"):
            return SUBMIT
        if token in ("q", "quit", "pause"):
            return None
        if token.isdigit() and 1 <= int(token) <= len(run.asked):
            return int(token) - 1
        if token == "p":
            return len(run.asked) - 1
        shown = line.strip()[:40]
        hint = (f"{shown!r} is not a question number: type 1-{len(run.asked)}, or s to submit, or q to pause."
                if shown else "Type s to submit, a question number to go to it, or q to pause.")
        if reader.interactive:
            out.print(Styled(hint, "yellow"))
        else:
            reader.err.print(f"cetl: {hint}")
