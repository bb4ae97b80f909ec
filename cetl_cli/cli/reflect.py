"""`cetl reflect` and `cetl reflections`: answer Reflection Questions; every version is kept."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
import sys
from typing import Annotated, Optional

import typer

from cetl_cli.cli import context
from cetl_cli.cli.context import JsonOutput, ModuleOption


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

    Answering again adds a new version; earlier versions are kept. Ctrl-C or an editor
    failure keeps what you typed as a draft, offered next time.

    Example: cetl reflect 3.r1    or    cetl reflect 3.r1 --text "My answer"
    """
    from rich.text import Text

    from cetl_cli.cli.render import console
    from cetl_cli.domain import progress as prog
    from cetl_cli.domain.errors import UserInputError
    from cetl_cli.domain.refs import find_item

    if text is not None and from_stdin:
        raise UserInputError("Give the answer with --text or with --stdin, not both.")
    cur = context.curriculum()
    store = context.store()
    out, err = console(), console(stderr=True)
    if ref is None:
        done, answered = context.progress_sets()
        item = prog.first_unanswered(cur, prog.current_module(cur, done, answered), answered)
        if item is None:
            out.print("Every reflection question has an answer. To revise one, name it: cetl reflect 3.r1")
            return
    else:
        item = find_item(cur, ref, kind="reflection")

    if history:
        _show_history(store, item)
        return
    if discard_draft:
        store.discard_draft(item.id)
        out.print(f"Draft for {item.ref} discarded.")
        return

    header = f"Module {item.module.number} · {item.module.title} · reflection {item.ref}"
    if text is not None or from_stdin:
        answer = (sys.stdin.read() if from_stdin else text or "").strip()
    else:
        answer = _interactive(store, item, header, out, err)
        if answer is None:
            return
    if not answer:
        from cetl_cli.domain.errors import UserInputError

        raise UserInputError(f"The answer is empty, so nothing was saved for {item.ref}.")
    version = store.add_answer(item.id, answer)
    line = Text(f"Saved your answer to {item.ref} (version {version}). ", style="green")
    if version > 1:
        line.append(f"Earlier versions are kept: cetl reflect {item.ref} --history", style="dim")
    out.print(line)


def _interactive(store, item, header: str, out, err) -> str | None:
    """Editor or prompt; returns the answer, or None when the person cancelled."""
    from rich.text import Text

    from cetl_cli.cli import answer_input as ai
    from cetl_cli.cli.render import lit
    from cetl_cli.domain.errors import UserInputError

    draft = store.draft(item.id)
    start = draft[0] if draft else ""
    editor = ai.editor_command()
    if editor is None and not sys.stdin.isatty():
        raise UserInputError(
            "No answer given: pass --text TEXT or --stdin, or set $EDITOR to write it in your editor."
        )
    out.print(Text(header, style="bold"))
    out.print(lit(item.text))
    if draft:
        out.print(Text(f"Starting from your unsaved draft of {draft[1][:16].replace('T', ' ')} UTC.", style="yellow"))
    try:
        if editor:
            answer = ai.edit(editor, header, item.text, start)
        else:
            if draft:
                out.print(Text("Your draft so far:", style="dim"))
                out.print(lit(start))
            out.print(Text("Type your answer. Press Ctrl-D on an empty line to save, Ctrl-C to stop "
                           "(what you typed is kept as a draft).", style="dim"))
            answer = ai.prompt_lines(start)
    except ai.Interrupted as stop:
        if stop.text:
            store.save_draft(item.id, stop.text)
            err.print(f"cetl: {stop.reason}; what you typed is kept as a draft and will be offered "
                      f"next time: cetl reflect {item.ref}", markup=False)
        else:
            err.print(f"cetl: {stop.reason}; nothing was typed, nothing saved.", markup=False)
        raise typer.Exit(stop.exit_code) from None
    if not answer:
        kept = " Your earlier draft is kept." if draft else ""
        out.print(f"Empty answer: cancelled, nothing saved.{kept}")
        return None
    return answer


def _show_history(store, item) -> None:
    from rich.text import Text

    from cetl_cli.cli.render import console, lit

    out = console()
    versions = store.answers(item.id)
    out.print(Text(f"{item.ref}: ", style="bold").append(lit(item.text)))
    if not versions:
        out.print(f"No answer yet. Write one: cetl reflect {item.ref}")
        return
    for a in versions:
        out.print(Text(f"\n— version {a.version}, {a.at[:16].replace('T', ' ')} UTC", style="cyan"))
        out.print(lit(a.text))


def reflections(module: ModuleOption = None, as_json: JsonOutput = False) -> None:
    """List Reflection Questions and whether you have answered them.

    Example: cetl reflections --module 3
    """
    from cetl_cli.domain.refs import find_module

    cur = context.curriculum()
    store = context.store()
    modules = [find_module(cur, module)] if module else cur.modules
    counts = store.answer_counts()
    rows = [item for m in modules for item in cur.reflections(m)]
    if as_json:
        from cetl_cli.cli.render import print_json

        print_json([
            {"ref": i.ref, "id": i.id, "module": i.module.number, "prompt": i.text,
             "answered": i.id in counts, "versions": counts.get(i.id, 0)}
            for i in rows
        ])
        return
    from cetl_cli.cli.render import checklist

    checklist(["", "ref", "question"], [["[answered]" if i.id in counts else "[ ]", i.ref, i.text] for i in rows])
