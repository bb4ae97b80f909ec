"""`cetl reflect` and `cetl reflections`: answer Reflection Questions; every version is kept."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import sys
from typing import Annotated, Optional

import typer

from cetl_cli.cli.context import JsonOutput, ModuleOption, session

MAX_ANSWER = 20_000_000  # characters in one answer


def register(app: typer.Typer) -> None:
    app.command("reflect")(reflect)
    app.command("reflections")(reflections)


def reflect(
    ref: Annotated[Optional[str], typer.Argument(metavar="[REF]", help="A ref like 3.r1, or a reflection id. Default: your next unanswered question.", show_default=False)] = None,
    text: Annotated[Optional[str], typer.Option("--text", "-t", help="The answer itself, instead of opening an editor.")] = None,
    from_stdin: Annotated[bool, typer.Option("--stdin", help="Read the answer from standard input.")] = False,
    history: Annotated[bool, typer.Option("--history", help="Show every saved version of the answer.")] = False,
    discard_draft: Annotated[bool, typer.Option("--discard-draft", help="Throw away the unsaved draft for this question.")] = False,
) -> None:
    """Answer a Reflection Question in $VISUAL/$EDITOR, a prompt, --text or --stdin.

    Answering again adds a new version; earlier versions are kept, and the editor starts from
    your latest answer (or your draft). Ctrl-C, a closed terminal or an editor failure keeps
    what you typed as a draft, offered next time.

    Example: cetl reflect 3.r1    or    cetl reflect 3.r1 --text "My answer"
    """
    from cetl_cli.cli.output import Out, Styled
    from cetl_cli.domain.errors import UsageError
    from cetl_cli.services import reflect as svc

    given = [name for name, on in (("--text", text is not None), ("--stdin", from_stdin),
                                   ("--history", history), ("--discard-draft", discard_draft)) if on]
    if len(given) > 1:
        raise UsageError(f"{' and '.join(given)} do not go together; use one at a time.")
    s = session()
    out = Out()
    item = svc.target(s, ref)
    if item is None:
        out.print("Every reflection question has an answer.")
        out.print(Styled("Next: revise one with cetl reflect REF (e.g. cetl reflect 3.r1), or cetl progress", "cyan"))
        return
    if history:
        _show_history(out, item, svc.history(s, item))
        return
    if discard_draft:
        if svc.discard_draft(s, item):
            out.print(f"Draft for {item.ref} discarded.")
        else:
            out.print(f"There was no draft for {item.ref}; nothing changed.")
        out.print(Styled(f"Next: cetl reflect {item.ref}", "cyan"))
        return
    if text is not None or from_stdin:
        answer = _read_stdin() if from_stdin else (text or "")
        saved = svc.save(s, item, answer, clear_draft=False)
    else:
        saved = _interactive(s, out, item)
        if saved is None:
            return
    _saved(out, saved)


def _read_stdin() -> str:
    from cetl_cli.domain.errors import UserInputError

    data = sys.stdin.buffer.read(MAX_ANSWER + 1) if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
    if len(data) > MAX_ANSWER:
        raise UserInputError(f"The answer is longer than {MAX_ANSWER:,} bytes, so nothing was saved.",
                             "Keep long documents elsewhere and link to them in your answer.")
    return data.decode("utf-8", "replace")


def _saved(out, saved) -> None:  # type: ignore[no-untyped-def]
    from cetl_cli.cli.output import Styled
    from cetl_cli.cli.views.module import next_step_line

    item = saved.item
    if saved.draft_kept:
        out.print(Styled(f"Your draft of {item.ref} is unchanged, so it stays a draft; nothing was saved. "
                         "Change it and save to keep it as your answer.", "yellow"))
    elif saved.version is None:
        out.print(Styled(f"Your answer to {item.ref} is unchanged, so no new version was added.", "yellow"))
    else:
        line = Styled(f"Saved your answer to {item.ref} (version {saved.version}). ", "green")
        if saved.version > 1:
            line.append(f"Earlier versions are kept: cetl reflect {item.ref} --history", "dim")
        out.print(line)
    out.print(next_step_line(saved.next_step))


def _interactive(s, out, item):  # type: ignore[no-untyped-def]
    """Editor or prompt; returns what save() returned, or None when the person cancelled."""
    from cetl_cli.cli import editor as ed
    from cetl_cli.cli.output import Out, Styled, when
    from cetl_cli.domain.errors import UserInputError
    from cetl_cli.services import reflect as svc

    begin = svc.start(s, item)
    command = ed.editor_command()
    if command is None and not sys.stdin.isatty():
        raise UserInputError("No answer given.", "Pass --text TEXT or --stdin, or set $EDITOR to write it in your editor.")
    header = f"Module {item.module.number} · {item.module.title} · reflection {item.ref}"
    out.print(Styled(header, "bold"))
    out.print(item.text)
    if begin.recovered:
        out.print(Styled(f"Starting from the answer cetl kept on {when_local(begin.recovered[-1].mtime)} "
                         "(it could not be saved then).", "yellow"))
    elif begin.draft:
        out.print(Styled(f"Starting from your unsaved draft of {when(begin.draft.at)}.", "yellow"))
    elif begin.latest:
        out.print(Styled(f"Starting from your latest answer (version {begin.latest.version}); "
                         "a changed answer is saved as a new version.", "dim"))
    err = Out(stderr=True)
    try:
        if command:
            answer, _path = ed.edit(command, item.id, header, item.text, begin.text)
        else:
            out.print(Styled("Type your answer; Enter starts a new line. Ctrl-D saves it, Ctrl-C stops "
                             "(what you typed is kept as a draft).", "dim"))
            answer = ed.prompt_lines(begin.text, keep=lambda text: svc.recovery.keep(item.id, text))
    except ed.Interrupted as stop:
        where = svc.keep_draft(s, item, stop.text)
        if where == "a draft":
            svc.recovery.clear(item.id)  # the draft holds it now (and the editor's file with it)
        if where == "nothing":
            err.print(f"cetl: {stop.reason}; nothing was typed, nothing saved.")
        else:
            err.print(f"cetl: {stop.reason}; what you typed is kept as {where} and will be offered next time: "
                      f"cetl reflect {item.ref}")
        raise SystemExit(stop.exit_code) from None
    if not answer:
        kept = " Your draft is kept." if begin.draft else ""
        out.print(f"Empty answer: cancelled, nothing saved.{kept}")
        if command:
            out.print(Styled("If your editor opens a window and returns at once, give it its wait flag, "
                             "e.g. EDITOR='code --wait'.", "dim"))
        svc.recovery.clear(item.id) if not begin.recovered else None
        return None
    return svc.finish(s, item, begin, answer)


def when_local(mtime: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M")


def _show_history(out, item, versions) -> None:  # type: ignore[no-untyped-def]
    from cetl_cli.cli.output import Styled, when

    lines = out.render(Styled(f"{item.ref}: ", "bold").append(item.text))
    if not versions:
        lines += out.render(Styled(f"No answer yet. Next: cetl reflect {item.ref}", "cyan"))
        out.page(lines)
        return
    for a in versions:
        lines += out.render(Styled(f"\n— version {a.version}, {when(a.at)}", "cyan"))
        lines += out.render(a.text)
    lines += out.render(Styled(f"\nNext: revise it with cetl reflect {item.ref}", "cyan"))
    out.page(lines)


def reflections(module: ModuleOption = None, as_json: JsonOutput = False) -> None:
    """List Reflection Questions, whether you have answered them, and an excerpt of your answer.

    Example: cetl reflections --module 3
    """
    from cetl_cli.services.reflect import reflection_list

    s = session()
    rows = reflection_list(s, module)
    if as_json:
        from cetl_cli.cli import json_views
        from cetl_cli.cli.output import print_json

        history = {r.item.id: s.store.answers(r.item.id) for r in rows if r.versions}
        print_json(json_views.reflections(rows, history))
        return
    from cetl_cli.cli.output import Out
    from cetl_cli.cli.views.lists import reflection_list as view

    view(Out(), rows)
