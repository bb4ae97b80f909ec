"""Search: what is indexed from a curriculum, how a typed query becomes an FTS5 query, and the
command that opens each hit. Pure: the store runs the queries (cetl_cli/store/search.py).

- material: a module's title, summary, objectives, key concepts, to-dos and Extending Your
  Study; opened with `cetl study module N`.
- questions: the Reflection Questions; opened with `cetl reflect N.rK`.
- answers: your latest answer to each Reflection Question; opened with `cetl reflect N.rK`.
The practice-question bank is not searched, so a search never gives away a quiz answer.

Plain words are searched as words (each one must appear; `E-Rate`, `it's` and `100%` just
work); a query that uses FTS5's own syntax (double quotes, `*`, parentheses, `^`, or the
operators AND, OR, NOT, NEAR) is passed to FTS5 as it is.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from cetl_cli.domain.errors import UserInputError, shorten
from cetl_cli.domain.models import Curriculum
from cetl_cli.domain.record import Record

KINDS = ("material", "questions", "answers")
# Around each matched word in a snippet: private-use characters, never in real text, that the
# output layer turns into its own style (a raw escape code never reaches the terminal).
MARK_START = "\ue000"
MARK_END = "\ue001"
MAX_QUERY = 500

_SYNTAX = re.compile(r'["()*^]|\b(?:AND|OR|NOT|NEAR)\b')
_WORDISH = re.compile(r"\w", re.UNICODE)


class Doc(Record):
    """One searchable piece of the curriculum."""

    kind: str  # "material" or "question"
    module: int
    ref: Optional[str]  # an item's short ref (to-dos, reflections), else None
    label: str  # where it is: "Summary", "Key concept: FERPA", "To-do 4.t2"
    text: str


def documents(cur: Curriculum) -> Iterator[Doc]:
    for m in cur.modules:
        n = m.number
        yield Doc("material", n, None, "Title", m.title)
        yield Doc("material", n, None, "Summary", m.summary)
        for obj in m.objectives:
            yield Doc("material", n, None, "Objective", obj)
        for c in m.key_concepts:
            yield Doc("material", n, None, f"Key concept: {c.term}", f"{c.term}. {c.explanation}")
        for item in cur.todos(m):
            yield Doc("material", n, item.ref, f"To-do {item.ref}", item.text)
        for e in m.extending:
            yield Doc("material", n, None, f"Extending your study: {e.title}", f"{e.title}. {e.source}. {e.note}")
        for item in cur.reflections(m):
            yield Doc("question", n, item.ref, f"Reflection question {item.ref}", item.text)


def fts_query(text: str) -> tuple[str, bool]:
    """(the FTS5 query for what was typed, whether it uses FTS5's own syntax)."""
    query = " ".join(text.split())
    if not query:
        raise UserInputError("The search is empty; give a word to look for.", "Example: cetl search FERPA")
    if len(query) > MAX_QUERY:
        raise UserInputError(f"The search is {len(query)} characters long; keep it under {MAX_QUERY}.")
    if _SYNTAX.search(query):
        return query, True
    words = [w for w in query.split(" ") if _WORDISH.search(w)]
    if not words:
        raise UserInputError(f"{shorten(text)!r} has no letters or digits to search for.",
                             "Example: cetl search FERPA")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words), False


def command(kind: str, module: Optional[int], ref: Optional[str]) -> str:
    """The command that opens a hit."""
    if kind in ("question", "answer") and ref:
        return f"cetl reflect {ref}"
    return f"cetl study module {module}"


def marked(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces, the markers removed."""
    out: list[tuple[str, bool]] = []
    for n, part in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if part:
            out.append((part, n % 2 == 1))
    return out
