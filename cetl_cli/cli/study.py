"""`cetl study`: read a module: summary, objectives, key concepts, to-dos, reflections, reading."""

# Typer reads these signatures on every run: real annotations, not strings to evaluate.
from typing import Annotated

import typer

from cetl_cli.cli import context
from cetl_cli.cli.context import JsonOutput

study_app = typer.Typer(
    name="study",
    help="Read a module. 'cetl study' alone opens the first module you have not finished.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@study_app.callback()
def study_default(ctx: typer.Context, as_json: JsonOutput = False) -> None:
    """Example: cetl study   (opens the first module with something left to do)"""
    if ctx.invoked_subcommand is not None:
        return
    from cetl_cli.domain import progress as prog

    cur = context.curriculum()
    done, answered = context.progress_sets()
    module = prog.current_module(cur, done, answered) or cur.modules[0]
    show_module(str(module.number), as_json)


@study_app.command("module")
def study_module(
    module: Annotated[str, typer.Argument(metavar="N", help="Module number (1-11) or skill-area code (e.g. I.B).")],
    as_json: JsonOutput = False,
) -> None:
    """Show module N with your to-dos and reflections.

    Example: cetl study module 3    or    cetl study module I.B
    """
    show_module(module, as_json)


def show_module(token: str, as_json: bool) -> None:
    from cetl_cli.domain.refs import find_module

    cur = context.curriculum()
    module = find_module(cur, token)
    done, answered = context.progress_sets()
    if as_json:
        from cetl_cli.cli.render import print_json

        print_json(module_json(cur, module, done, answered))
        return
    from cetl_cli.cli.module_view import module_lines
    from cetl_cli.cli.term import Out

    out = Out()
    out.page(module_lines(out, cur, module, done, answered))


def module_json(cur, module, done: set[str], answered: set[str]) -> dict:
    from cetl_cli.domain.progress import module_tally

    area = cur.areas.get(module.skill_area) if module.skill_area else None
    domain = cur.area_domain.get(module.skill_area) if module.skill_area else None
    counts = context.store().answer_counts()
    return {
        "number": module.number,
        "id": module.id,
        "title": module.title,
        "skill_area": {"code": area.code, "name": area.name, "weight": area.weight} if area else None,
        "domain": {"code": domain.code, "name": domain.name, "weight": domain.weight} if domain else None,
        "summary": module.summary,
        "objectives": list(module.objectives),
        "key_concepts": [c.as_json() for c in module.key_concepts],
        "todos": [
            {"ref": i.ref, **t.as_json(), "done": t.id in done}
            for i, t in zip(cur.todos(module), module.todos)
        ],
        "reflections": [
            {
                "ref": i.ref,
                **r.as_json(),
                "answered": r.id in answered,
                "versions": counts.get(r.id, 0),
            }
            for i, r in zip(cur.reflections(module), module.reflections)
        ],
        "extending": [e.as_json() for e in module.extending],
        "progress": module_tally(cur, module, done, answered).as_dict(),
    }
