"""`cetl quiz` and `cetl exam`: practice questions with explanations, and a 100-question mock exam.

Answers are read one per line: on a terminal with a prompt (a bad key asks again), otherwise from
standard input so a script can drive it (a bad line gets a hint on stderr and the next line is
read). Every answer is stored the moment it is given, so q, Ctrl-C or the end of input lose
nothing.
"""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.

import sys
import time
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cetl_cli.cli import context
from cetl_cli.cli.context import JsonOutput

if TYPE_CHECKING:
    from rich.console import Console

    from cetl_cli.domain.questions import Question
    from cetl_cli.domain.quiz import Report

LETTERS = ("A", "B", "C", "D")
DEFAULT_COUNT = 10
RESUME_HINT = "Resume with cetl exam --resume or abandon with cetl exam --abandon."


def _now() -> float:
    """The clock for answer times and the exam's time limit (tests replace it)."""
    return time.monotonic()


def register(app: typer.Typer) -> None:
    app.command("quiz")(quiz)
    app.command("exam")(exam)


# -- shared ---------------------------------------------------------------------------------
def _usage(message: str) -> "typer.Exit":
    sys.stderr.write(f"cetl: {message}\n")
    return typer.Exit(2)


def _bank():
    """The curriculum and its question bank; NotFoundError when the bank is empty."""
    from cetl_cli.domain.errors import NotFoundError
    from cetl_cli.domain.questions import load_questions

    cur = context.curriculum()
    bank = load_questions(cur.source_dir, cur.areas)
    if not bank:
        raise NotFoundError(
            f"This curriculum has no practice questions: add them as {cur.source_dir}/questions/*.yaml "
            "(see docs/curriculum-format.md)."
        )
    return cur, bank


def validate_bank(folder, cur) -> tuple[list, list[str]]:
    """For `cetl curriculum validate`: the bank in `folder` (None: the default curriculum) and
    its problems as lines; skill areas are checked when the curriculum `cur` loaded."""
    from cetl_cli.domain.errors import CurriculumError
    from cetl_cli.domain.loader import default_curriculum_dir
    from cetl_cli.domain.questions import load_questions

    try:
        return load_questions(folder if folder is not None else default_curriculum_dir(),
                              cur.areas if cur is not None else None), []
    except CurriculumError as err:
        return [], err.problems


def exam_shortfall(cur, questions: list) -> list[str]:
    """Notes (not errors: a bank is optional) on skill areas too small for a mock exam."""
    from collections import Counter

    from cetl_cli.domain.quiz import EXAM_SIZE, exam_counts

    if not questions:
        return []
    have = Counter(q.skill_area for q in questions)
    short = [f"{code} has {have[code]} of {need}" for code, need in exam_counts(cur.framework).items()
             if have[code] < need]
    if not short:
        return []
    return [f"Note: cetl exam draws {EXAM_SIZE} questions by exam weight and needs more questions in "
            f"{len(short)} skill area{'s' if len(short) > 1 else ''}: {'; '.join(short)}."]


def _new_seed() -> int:
    import random

    return random.SystemRandom().randrange(1_000_000)


class TimeUp(Exception):
    """The exam's time limit was reached while waiting for an answer."""


class AnswerReader:
    """Reads one answer per line: a letter A-D, or None when the person stops (q, end of input).

    Ctrl-C is not caught here (KeyboardInterrupt reaches the caller)."""

    def __init__(self, out: "Console", err: "Console", interactive: Optional[bool] = None):
        self.out = out
        self.err = err
        self.interactive = sys.stdin.isatty() if interactive is None else interactive

    def read(self, prompt: str) -> Optional[str]:
        while True:
            if self.interactive:
                try:
                    line = input(prompt)
                except EOFError:  # Ctrl-D
                    sys.stdout.write("\n")
                    return None
            else:
                line = sys.stdin.readline()
                if not line:
                    return None
            token = line.strip().upper()
            if token in LETTERS:
                if not self.interactive:
                    self.out.print(f"{prompt}{token}", markup=False)
                return token
            if token in ("Q", "QUIT"):
                return None
            if not token and not self.interactive:
                continue  # blank lines in a script are skipped
            shown = line.strip()
            what = f"{shown!r} is not an answer" if shown else "No answer given"
            hint = f"{what}: type A, B, C or D, or q to stop."
            if self.interactive:
                self.out.print(hint, style="yellow", markup=False)
            else:
                self.err.print(f"cetl: {hint}", markup=False)

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

        def on_alarm(signum, frame):
            raise TimeUp

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return self.read(prompt)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _show_question(out: "Console", q: "Question", header: str) -> None:
    import textwrap

    from rich.text import Text

    from cetl_cli.cli.render import lit

    out.print()
    out.print(Text(header, style="bold"))
    out.print(lit(q.stem))
    width = max(40, out.width - 1)
    for letter, choice in zip(LETTERS, q.choices):
        # a hanging indent, so a long choice wraps under its own text, not under the letter
        out.print(lit(textwrap.fill(choice, width, initial_indent=f"  {letter}. ", subsequent_indent="     ")))


def _area_label(cur, code: str) -> str:
    return f"{code} {cur.areas[code].name}"


def _module_for(cur, code: str):
    return next((m for m in cur.modules if m.skill_area == code), None)


# -- cetl quiz ------------------------------------------------------------------------------
def quiz(
    area: Annotated[
        Optional[str],
        typer.Option("--area", "-a", metavar="CODE", help="Only this skill area, e.g. I.B.", show_default=False),
    ] = None,
    module: Annotated[
        Optional[str],
        typer.Option("--module", "-m", metavar="N", help="Only the skill area of module N, e.g. 3.", show_default=False),
    ] = None,
    count: Annotated[
        Optional[int],
        typer.Option("-n", "--count", min=1, metavar="N", help="How many questions (default 10).", show_default=False),
    ] = None,
    seed: Annotated[
        Optional[int],
        typer.Option("--seed", metavar="S", help="Repeat a selection: the same seed asks the same questions.", show_default=False),
    ] = None,
    missed: Annotated[
        bool,
        typer.Option("--missed", help="Ask again the questions you last answered wrongly."),
    ] = False,
) -> None:
    """Practice questions, each explained as soon as you answer.

    One question at a time: type A-D and Enter; q stops (your answers so far are kept).
    Without a terminal, reads one letter per line from standard input.

    Example: cetl quiz --area I.B -n 5    or    cetl quiz --missed
    """
    import random

    from rich.text import Text

    from cetl_cli.cli.render import console, lit
    from cetl_cli.domain import quiz as qz
    from cetl_cli.domain.errors import NotFoundError

    if area is not None and module is not None:
        raise _usage("use --area or --module, not both.")
    cur, bank = _bank()
    code = qz.find_area(cur, area) if area is not None else (
        qz.module_area(cur, module) if module is not None else None)
    scope = f" in {_area_label(cur, code)}" if code else ""
    store = context.store()
    out, err = console(), console(stderr=True)

    last = store.last_practice_results() if missed else {}
    if missed and not last:
        out.print("You have not answered any practice questions yet, so none are missed. Start with: cetl quiz",
                  markup=False)
        return
    only = qz.missed_ids(last) if missed else None
    seed = seed if seed is not None else _new_seed()
    sel = qz.select(bank, count or DEFAULT_COUNT, random.Random(seed), area=code, only=only)
    if not sel.questions:
        if missed:
            out.print(lit(f"No missed questions{scope}: every question you have answered was right "
                          "the last time you answered it."))
            return
        raise NotFoundError(f"This curriculum has no practice questions{scope}.")
    if sel.short and count is not None:
        kind = "missed questions" if missed else "questions"
        out.print(lit(f"Only {sel.available} {kind}{scope}; asking all {sel.available}."))

    reader = AnswerReader(out, err)
    results: list[tuple["Question", bool]] = []
    total = len(sel.questions)
    interrupted = False
    try:
        for number, q in enumerate(sel.questions, start=1):
            _show_question(out, q, f"Question {number} of {total} · {_area_label(cur, q.skill_area)} · {q.id}")
            started = _now()
            choice = reader.read("Your answer (A-D, q to stop): ")
            if choice is None:
                break
            right = q.is_right(choice)
            store.record_practice(q.id, q.skill_area, choice, right,
                                  round(_now() - started, 1), "quiz")
            results.append((q, right))
            if right:
                line = Text(f"Right: {q.answer}.", style="bold green")
            else:
                line = Text(f"Wrong: you chose {choice}. The answer is {q.answer}: ", style="bold red")
                line.append(lit(q.choice(q.answer)))
            out.print(line)
            out.print(lit(q.explanation))
            if q.source:
                dated = f" (as of {q.as_of.isoformat()})" if q.as_of else ""
                out.print(lit(f"Source: {q.source}{dated}", "dim"))
    except KeyboardInterrupt:
        interrupted = True
        out.print()
    _quiz_summary(out, cur, results, total, code)
    if interrupted:
        raise typer.Exit(130)


def _quiz_summary(out: "Console", cur, results: list, total: int, code: Optional[str]) -> None:
    from rich.text import Text

    from cetl_cli.cli.render import pct

    answered = len(results)
    right = sum(1 for _, ok in results if ok)
    out.print()
    if answered == 0:
        out.print("Stopped before the first answer; nothing was recorded.")
        return
    share = pct(100.0 * right / answered)
    if answered < total:
        out.print(Text(f"Stopped after {answered} of {total} questions: {right} right ({share}). "
                       "Your answers are kept.", style="bold"))
    else:
        out.print(Text(f"Done: {right} of {total} right ({share}).", style="bold"))
    areas: dict[str, list[int]] = {}
    for q, ok in results:
        t = areas.setdefault(q.skill_area, [0, 0])
        t[0] += ok
        t[1] += 1
    if len(areas) > 1:
        for a in cur.areas:
            if a in areas:
                r, n = areas[a]
                out.print(f"  {a:<6} {r}/{n} right  {cur.areas[a].name}", markup=False, highlight=False)
    wrong = answered - right
    if wrong:
        where = f" --area {code}" if code else ""
        out.print(f"To ask the {wrong} you missed again: cetl quiz --missed{where}", style="cyan", markup=False)


# -- cetl exam ------------------------------------------------------------------------------
def exam(
    seed: Annotated[
        Optional[int],
        typer.Option("--seed", metavar="S", help="Repeat a draw: the same seed gives the same exam.", show_default=False),
    ] = None,
    minutes: Annotated[
        Optional[int],
        typer.Option("--minutes", min=1, metavar="M", help="A time limit, e.g. 120. Default: none.", show_default=False),
    ] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Go on with the exam in progress.")] = False,
    abandon: Annotated[
        bool,
        typer.Option("--abandon", help="Give up the exam in progress (its answers stay in your practice record)."),
    ] = False,
    history: Annotated[bool, typer.Option("--history", help="List your past mock exams.")] = False,
    as_json: JsonOutput = False,
) -> None:
    """A 100-question mock exam, scored by skill area at the end.

    No feedback until the end; then your percent correct by domain and skill area, and the
    areas to study next. --minutes sets a time limit (none by default).

    q or Ctrl-C pauses it; resume later with --resume. The percent correct is not CoSN's scaled
    score, which cetl cannot predict.

    Example: cetl exam --minutes 120    or    cetl exam --history
    """
    from cetl_cli.domain.errors import NotFoundError, UserInputError

    actions = [name for name, on in (("--resume", resume), ("--abandon", abandon), ("--history", history)) if on]
    if len(actions) > 1:
        raise _usage(f"use one of {', '.join(actions)} at a time.")
    if actions and (seed is not None or minutes is not None):
        raise _usage(f"--seed and --minutes are for a new exam; they cannot go with {actions[0]}.")
    if as_json and not history:
        raise _usage("--json goes with --history (the exam itself is interactive).")
    store = context.store()
    if history:
        _history(store, as_json)
        return
    current = store.exam_attempts("in_progress")
    if abandon:
        if not current:
            raise NotFoundError("No exam is in progress, so there is nothing to abandon.")
        attempt = current[-1]
        store.update_exam(attempt["id"], status="abandoned")
        kept = len(store.practice_answers(attempt["id"]))
        sys.stdout.write(f"Exam #{attempt['id']} abandoned; its {kept} answers stay in your practice record.\n")
        return
    if resume:
        if not current:
            raise NotFoundError("No exam is in progress to resume. Start one: cetl exam")
        cur, bank = _bank()
        _run_exam(store, cur, bank, current[-1]["id"])
        return
    if current:
        attempt = current[-1]
        done = len(store.practice_answers(attempt["id"]))
        total = len(_ids(attempt))
        raise UserInputError(
            f"Exam #{attempt['id']} is still in progress ({done} of {total} answered). {RESUME_HINT}"
        )
    import random

    from cetl_cli.domain import quiz as qz

    cur, bank = _bank()
    seed = seed if seed is not None else _new_seed()
    drawn = qz.draw_exam(bank, cur.framework, random.Random(seed), source=f"{cur.source_dir}/questions")
    attempt_id = store.start_exam(seed, minutes, [q.id for q in drawn])
    _run_exam(store, cur, bank, attempt_id)


def _ids(attempt) -> list[str]:
    import json

    return json.loads(attempt["question_ids"])


def _attempt(store, attempt_id: int):
    return next(a for a in store.exam_attempts() if a["id"] == attempt_id)


def _run_exam(store, cur, bank, attempt_id: int) -> None:
    from rich.text import Text

    from cetl_cli.cli.render import console
    from cetl_cli.domain import quiz as qz

    out, err = console(), console(stderr=True)
    attempt = _attempt(store, attempt_id)
    by_id = {q.id: q for q in bank}
    ids = _ids(attempt)
    asked = [by_id[i] for i in ids if i in by_id]
    choices = {r["question_id"]: r["choice"] for r in store.practice_answers(attempt_id)}
    minutes = attempt["minutes"]
    base = float(attempt["elapsed_seconds"] or 0.0)
    opened = _now()

    def elapsed() -> float:
        return base + _now() - opened

    todo = [(n, q) for n, q in enumerate(asked, start=1) if q.id not in choices]
    if choices:
        out.print(Text(f"Resuming mock exam #{attempt_id}: {len(choices)} of {len(asked)} answered.", style="bold"))
    else:
        out.print(Text(f"Mock exam #{attempt_id}: {len(asked)} questions, weighted like the CETL exam.", style="bold"))
        out.print("No feedback until the end.", markup=False)
    if len(asked) < len(ids):
        out.print(f"{len(ids) - len(asked)} questions of this exam are no longer in the bank; they are "
                  "left out of the score.", style="yellow", markup=False)
    if minutes:
        left = qz.time_left(minutes, elapsed())
        out.print(f"Time limit {minutes} minutes; {qz.clock(left)} left.", markup=False)
    out.print("Type A-D and Enter for each question; q pauses the exam.", markup=False)

    reader = AnswerReader(out, err)
    timed_out = False

    def pause(code: int) -> None:
        store.update_exam(attempt_id, elapsed_seconds=elapsed())
        done = len(choices)
        used = f" (time used {qz.clock(elapsed())})" if minutes else ""
        console(stderr=code != 0).print(
            f"\nExam #{attempt_id} paused after {done} of {len(asked)} questions{used}; your answers "
            f"are kept.\n{RESUME_HINT}", markup=False)
        raise typer.Exit(code)

    try:
        for number, q in todo:
            left = qz.time_left(minutes, elapsed())
            if left is not None and left <= 0:
                timed_out = True
                break
            header = f"Question {number} of {len(asked)}"
            if left is not None:
                header += f" · {qz.clock(left)} left"
            _show_question(out, q, header)
            started = _now()
            try:
                choice = reader.read_within("Your answer (A-D, q to pause): ", left)
            except TimeUp:
                timed_out = True
                break
            if choice is None:
                pause(0)
            if minutes and elapsed() > minutes * 60:
                timed_out = True  # the answer came after the time ran out; it does not count
                break
            store.record_practice(q.id, q.skill_area, choice, q.is_right(choice),
                                  round(_now() - started, 1), "exam", attempt_id)
            choices[q.id] = choice
            store.update_exam(attempt_id, elapsed_seconds=elapsed())
    except KeyboardInterrupt:
        pause(130)
    spent = min(elapsed(), minutes * 60) if minutes else elapsed()
    store.update_exam(attempt_id, status="finished", elapsed_seconds=spent)
    report = qz.score(cur.framework, asked, choices)
    _show_report(out, cur, attempt_id, report, timed_out, spent)


def _show_report(out: "Console", cur, attempt_id: int, report: "Report", timed_out: bool, spent: float) -> None:
    from rich.table import Table
    from rich.text import Text

    from cetl_cli.cli.render import bar, lit, pct
    from cetl_cli.domain import quiz as qz

    o = report.overall
    out.print()
    if timed_out:
        out.print(Text(f"Time is up. {o.unanswered} questions were left unanswered and count as not right.",
                       style="bold yellow"))
    out.print(Text(f"Mock exam #{attempt_id}: {o.right} of {o.asked} right ({pct(o.percent)}) "
                   f"in {qz.clock(spent)}.", style="bold"))
    out.print("Percent correct only: cetl does not predict CoSN's scaled score.", style="dim", markup=False)
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("area", no_wrap=True, min_width=7)
    # the other columns take 34 characters; long names get an ellipsis rather than cut the table
    table.add_column("skill area", overflow="ellipsis", no_wrap=True, max_width=max(12, out.width - 34))
    table.add_column("right", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, min_width=10)
    table.add_column("%", justify="right", no_wrap=True, min_width=4)
    for d in report.domains:
        table.add_row(Text(d.code, style="bold"), lit(d.name, "bold"), f"{d.right}/{d.asked}",
                      bar(d.percent, 10), Text(pct(d.percent), style="bold"))
        for a in report.areas:
            if a.domain == d.code:
                table.add_row(f"  {a.code}", lit(a.name), f"{a.right}/{a.asked}", bar(a.percent, 10), pct(a.percent))
    out.print(table)
    if o.unanswered and not timed_out:
        out.print(f"{o.unanswered} questions unanswered.", markup=False)
    study = report.study_next()
    if not study:
        out.print(Text("Every answer right. Keep it fresh with cetl quiz.", style="green"))
        return
    out.print(Text("\nStudy next:", style="bold"))
    for a in study:
        module = _module_for(cur, a.code)
        where = f"cetl study module {module.number} · " if module else ""
        line = Text(f"  {a.code:<6} ")
        line.append(lit(a.name))
        line.append(f": {a.right}/{a.asked} ({pct(a.percent)})")
        out.print(line)
        out.print(Text(f"         {where}cetl quiz --area {a.code}", style="cyan"))
    out.print(Text("Go over the questions you got wrong: cetl quiz --missed", style="cyan"))


def _history(store, as_json: bool) -> None:
    rows = []
    for a in store.exam_attempts():
        answers = store.practice_answers(a["id"])
        total = len(_ids(a))
        right = sum(1 for r in answers if r["correct"])
        rows.append({
            "id": a["id"], "status": a["status"], "seed": a["seed"], "minutes": a["minutes"],
            "started_at": a["started_at"], "finished_at": a["finished_at"],
            "elapsed_seconds": round(float(a["elapsed_seconds"] or 0.0), 1),
            "questions": total, "answered": len(answers), "right": right,
            "percent": round(100.0 * right / total, 1) if total else 0.0,
        })
    if as_json:
        from cetl_cli.cli.render import print_json

        print_json(rows)
        return
    from rich.table import Table

    from cetl_cli.cli.render import console, pct
    from cetl_cli.domain.quiz import clock

    out = console()
    if not rows:
        out.print("No mock exams yet. Start one: cetl exam", markup=False)
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name, justify in (("#", "right"), ("started (UTC)", "left"), ("status", "left"), ("answered", "right"),
                          ("right", "right"), ("score", "right"), ("time", "right"), ("limit", "right")):
        table.add_column(name, justify=justify, no_wrap=True)
    for r in rows:
        table.add_row(str(r["id"]), r["started_at"][:16].replace("T", " "), r["status"].replace("_", " "),
                      f"{r['answered']}/{r['questions']}", str(r["right"]), pct(r["percent"]),
                      clock(r["elapsed_seconds"]), f"{r['minutes']} min" if r["minutes"] else "none")
    out.print(table)
    if any(r["status"] == "in_progress" for r in rows):
        out.print(RESUME_HINT, markup=False)
