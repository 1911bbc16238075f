"""Full-text search over everything in a case, safe for any string a user types."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from casefile.db import driver
from casefile.db.search_index import BY_CODE, BY_KIND, FTS_TABLE, KIND_SLOTS
from casefile.db.session import Store

MARK_START = "\ue000"  # private-use characters: never in real text, easy to render
MARK_END = "\ue001"
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_NEEDS_PREFIX = re.compile(r"[\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")  # Hangul, kana, CJK


@dataclass(frozen=True)
class SearchHit:
    """One matching record: its kind, UUID, title and a snippet with marked matches."""

    kind: str
    uuid: uuid.UUID
    title: str
    snippet: str

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for rendering highlights."""
        parts: list[tuple[str, bool]] = []
        for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if piece:
                parts.append((piece, i % 2 == 1))
        return parts

    def snippet_marked(self, start: str = "[", end: str = "]") -> str:
        """The snippet with matches wrapped in the given markers."""
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


def to_fts_query(user_text: str) -> str | None:
    """Turn what a user typed into a valid FTS5 query, or None if nothing is searchable.

    Every word and "quoted phrase" becomes an FTS5 string, so operators and punctuation
    ("AND(", "NEAR/", a stray quote) are searched as text, never parsed as syntax. An
    uppercase OR between words is kept; a trailing * asks for a prefix match. Words in
    scripts that attach particles to nouns (Korean, Japanese) match as prefixes.
    """
    parts: list[str] = []
    for token in _TOKEN.findall(user_text):
        if token == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        is_phrase = token.startswith('"')
        body = token.strip('"') if is_phrase else token
        prefix = not is_phrase and body.endswith("*")
        body = body.rstrip("*") if prefix else body
        if not any(ch.isalnum() for ch in body):
            continue
        term = '"' + body.replace('"', '""') + '"'
        if prefix or (not is_phrase and _NEEDS_PREFIX.search(body)):
            term += "*"
        parts.append(term)
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None


class SearchService:
    """Ranked search with snippets; the index is kept current by triggers in the file."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def search(self, user_text: str, *, kinds: list[str] | None = None, limit: int = 50,
               offset: int = 0, snippet_words: int = 16) -> list[SearchHit]:
        """The best matches for what the user typed, best first."""
        # Text pasted from elsewhere may hold lone surrogates or NULs: no word contains them.
        user_text = "".join(ch for ch in user_text
                            if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)
        query = to_fts_query(user_text)
        if query is None:
            return []
        where = ""
        if kinds:
            codes = ", ".join(str(BY_KIND[k].code) for k in kinds if k in BY_KIND) or "-1"
            where = f" AND (rowid % {KIND_SLOTS}) IN ({codes})"
        sql = text(
            f"SELECT rowid, title, snippet({FTS_TABLE}, -1, :a, :b, '…', "
            f"{max(1, min(int(snippet_words), 64))}) AS snip "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q{where} "
            f"ORDER BY bm25({FTS_TABLE}, 4.0, 1.0) LIMIT :limit OFFSET :offset"
        )
        params = {"a": MARK_START, "b": MARK_END, "q": query, "limit": limit, "offset": offset}
        with self.store.read() as s:
            try:
                rows = s.execute(sql, params).all()
            except (OperationalError, driver.dbapi.OperationalError):
                # Should not happen after to_fts_query; fall back to one literal phrase.
                words = " ".join(w for w in re.findall(r"\w+", user_text))
                if not words:
                    return []
                params["q"] = '"' + words + '"'
                rows = s.execute(sql, params).all()
            by_kind: dict[int, list[int]] = {}
            for row in rows:
                by_kind.setdefault(row.rowid % KIND_SLOTS, []).append(row.rowid // KIND_SLOTS)
            uuids: dict[int, uuid.UUID] = {}
            for code, ids in by_kind.items():
                table = BY_CODE[code].table
                marks = ", ".join(str(i) for i in ids)
                found = s.execute(text(f"SELECT id, uuid FROM {table} WHERE id IN ({marks})"))
                for rid, uid in found:
                    uuids[rid * KIND_SLOTS + code] = uuid.UUID(uid)
        return [
            SearchHit(BY_CODE[r.rowid % KIND_SLOTS].kind, uuids[r.rowid], r.title,
                      " ".join(r.snip.split()))
            for r in rows
            if r.rowid in uuids
        ]
