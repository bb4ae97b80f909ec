"""Full-text search with SQLite FTS5 (tables made by migration m006_record).

- `answers_fts` indexes every version in reflection_answers; triggers keep it current, so an
  answer is found the moment it is saved. Searches look at each question's latest version.
- `material_fts` holds the curriculum's text (module material and Reflection Questions). It is
  rebuilt, in one transaction, whenever the curriculum's cache key differs from the key stored
  with it (services/search.py), so an edited or different curriculum is searched as it is now.
Ranking is FTS5's bm25 (lower is better); snippets mark matches with domain.search's markers.
"""

from __future__ import annotations

import sqlite3
from typing import Any, Iterable, Optional

from cetl_cli.domain.errors import QuerySyntaxError
from cetl_cli.domain.search import MARK_END, MARK_START, Doc
from cetl_cli.store.db import Db, classify
from cetl_cli.store.rows import SearchHit

MATERIAL_KEY = "search.material_key"
SNIPPET_TOKENS = 14
_USER_ERRORS = ("fts5:", "no such column", "unterminated string", "unknown special query")


class Search:
    db: Db

    def search_ready(self) -> bool:
        """Whether the search tables exist (False only on an SQLite built without FTS5)."""
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'material_fts'").fetchone() is not None

    def material_key(self) -> Optional[str]:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [MATERIAL_KEY]).fetchone()
        return str(row[0]) if row else None

    def rebuild_material(self, key: str, docs: Iterable[Doc]) -> int:
        """Replace the curriculum index with `docs` and remember `key`; returns how many."""
        rows = [(d.kind, d.module, d.ref, d.label, d.text) for d in docs]
        with self.db.writing() as db:
            db.execute("DELETE FROM material_fts")
            for row in rows:
                db.execute("INSERT INTO material_fts (kind, module, ref, label, text) VALUES (?, ?, ?, ?, ?)", row)
            db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [MATERIAL_KEY, key])
        return len(rows)

    def search_material(self, query: str, kinds: Iterable[str], limit: int) -> list[SearchHit]:
        wanted = list(kinds)
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self._match(
            f"SELECT kind, module, ref, label, snippet(material_fts, 4, ?, ?, '…', {SNIPPET_TOKENS}), "
            f"bm25(material_fts) FROM material_fts WHERE material_fts MATCH ? AND kind IN ({marks}) "
            "ORDER BY rank LIMIT ?", [MARK_START, MARK_END, query, *wanted, limit])
        return [SearchHit(r[0], int(r[1]), r[2], r[3], r[4], float(r[5])) for r in rows]

    def search_answers(self, query: str, limit: int) -> list[SearchHit]:
        """Matches in each question's latest answer; `ref` is the question's id."""
        rows = self._match(
            f"SELECT a.item_id, a.version, a.at, snippet(answers_fts, 0, ?, ?, '…', {SNIPPET_TOKENS}), "
            "bm25(answers_fts) FROM answers_fts JOIN reflection_answers AS a ON a.id = answers_fts.rowid "
            "WHERE answers_fts MATCH ? AND a.version = "
            "(SELECT max(version) FROM reflection_answers WHERE item_id = a.item_id) "
            "ORDER BY rank LIMIT ?", [MARK_START, MARK_END, query, limit])
        return [SearchHit("answer", None, r[0], "Your answer", r[3], float(r[4]), int(r[1]), r[2]) for r in rows]

    def _match(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        # Not through Db.execute: a query FTS5 cannot parse is the user's slip, not a damaged file.
        try:
            return self.db._conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as err:
            text = str(err)
            if text.lower().startswith(_USER_ERRORS):
                raise QuerySyntaxError(f"FTS5 cannot read the search ({text}).", detail=text) from None
            raise classify(err, self.db.path) from None
        except sqlite3.Error as err:
            raise classify(err, self.db.path) from None
