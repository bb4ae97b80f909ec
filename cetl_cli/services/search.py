"""`cetl search`: the curriculum and your answers, ranked, with the command that opens each hit.

The curriculum's index is rebuilt whenever the curriculum's cache key (content/cache.py) is not
the one it was built for, so an edited or different curriculum is searched as it is now; the
answers' index follows every save through triggers (store/search.py).
"""

from __future__ import annotations

from typing import Optional

from cetl_cli.domain import search as sd
from cetl_cli.domain.errors import (
    QuerySyntaxError,
    StoreError,
    StoreLocked,
    StoreReadOnly,
    UsageError,
    UserInputError,
    shorten,
)
from cetl_cli.domain.record import Record
from cetl_cli.services.session import Session

MAX_LIMIT = 200
WHERE = {"material": ("material",), "questions": ("question",), "answers": ("answer",)}


class Hit(Record):
    kind: str  # "material", "question" or "answer"
    module: Optional[int]
    ref: Optional[str]
    label: str
    snippet: str  # matches between domain.search.MARK_START and MARK_END
    command: str
    rank: float
    version: Optional[int] = None
    at: Optional[str] = None


class Results(Record):
    query: str
    where: list[str]
    hits: list[Hit]


def ensure_index(s: Session) -> bool:
    """Rebuild the curriculum's index when the curriculum changed; True when it was rebuilt."""
    from cetl_cli.content.cache import cache_key

    cur = s.curriculum
    try:
        key = cache_key(cur.source_dir, "curriculum")[0]
    except OSError:
        key = ""
    if key and s.store.material_key() == key:
        return False
    try:
        s.store.rebuild_material(key, sd.documents(cur))
    except (StoreReadOnly, StoreLocked):
        return False  # a database cetl cannot write now: search the index as it is
    return True


def search(s: Session, text: str, where: Optional[str] = None, limit: int = 20) -> Results:
    if where is not None and where not in WHERE:
        raise UsageError(f"--in {shorten(where)!r} is not one of material, answers, questions.",
                         "Example: cetl search FERPA --in material")
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"--limit must be from 1 to {MAX_LIMIT}.")
    query, syntax = sd.fts_query(text)
    store = s.store
    if not store.search_ready():
        raise StoreError("This Python's SQLite was built without FTS5, so cetl cannot search.",
                         "Install cetl with a Python whose sqlite3 has FTS5 (python.org, Debian, Ubuntu and "
                         "Homebrew builds do).")
    kinds = WHERE[where] if where else ("material", "question", "answer")
    cur = s.curriculum
    hits: list[Hit] = []
    try:
        if "material" in kinds or "question" in kinds:
            ensure_index(s)
            for h in store.search_material(query, [k for k in kinds if k != "answer"], limit):
                hits.append(Hit(h.kind, h.module, h.ref, h.label, h.snippet, sd.command(h.kind, h.module, h.ref),
                                h.rank))
        if "answer" in kinds:
            for h in store.search_answers(query, limit):
                item = cur.items.get(h.ref or "")
                if item is None:
                    continue  # an answer to a question this curriculum no longer has
                hits.append(Hit("answer", item.module.number, item.ref, f"Your answer to {item.ref}", h.snippet,
                                sd.command("answer", item.module.number, item.ref), h.rank, h.version, h.at))
    except QuerySyntaxError as err:
        raise UserInputError(
            f"{shorten(text)!r} is not a search cetl can read ({err.detail}).",
            "Search plain words (cetl search FERPA), or quote a phrase: cetl search '\"student data\"'."
            if syntax else "Search plain words, e.g. cetl search FERPA.") from None
    hits.sort(key=lambda h: h.rank)
    return Results(text, [k for k in ("material", "questions", "answers") if where in (None, k)], hits[:limit])
