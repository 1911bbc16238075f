"""Full-text search over everything in a case, safe for any string a user types."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, OperationalError

from casefile.db import driver
from casefile.db.search_index import BY_CODE, BY_KIND, FTS_TABLE, KIND_SLOTS
from casefile.db.session import Store
from casefile.errors import CaseFileError
from casefile.search_stems import ensure_vocab, language_code, word_forms

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


def to_fts_query(user_text: str,
                 forms: Callable[[str], list[str]] | None = None) -> str | None:
    """Turn what a user typed into a valid FTS5 query, or None if nothing is searchable.

    Every word and "quoted phrase" becomes an FTS5 string, so operators and punctuation
    ("AND(", "NEAR/", a stray quote) are searched as text, never parsed as syntax. An
    uppercase OR between words is kept; a trailing * asks for a prefix match. Words in
    scripts that attach particles to nouns (Korean, Japanese) match as prefixes. With
    `forms`, a plain word also matches the index terms `forms(word)` gives (its other
    forms: `("visa" OR "visas")`); a quoted phrase stays exact.
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
        term = _quoted(body)
        if prefix or (not is_phrase and _NEEDS_PREFIX.search(body)):
            term += "*"
        elif not is_phrase and forms is not None:
            word = _PLAIN_WORD.fullmatch(body)
            extra = forms(word.group(1)) if word else []
            if extra:
                term = "(" + " OR ".join([term, *(_quoted(f) for f in extra)]) + ")"
        parts.append(term)
    while parts and parts[-1] == "OR":
        parts.pop()
    # FTS5 takes no implicit AND next to a parenthesised group: spell it out there.
    joined = ""
    for i, part in enumerate(parts):
        if i:
            grouped = part.startswith("(") or parts[i - 1].startswith("(")
            both_terms = "OR" not in (part, parts[i - 1])
            joined += " AND " if grouped and both_terms else " "
        joined += part
    return joined or None


_PLAIN_WORD = re.compile(r"[^\w]*([^\W\d_]+)[^\w]*")  # letters only, punctuation around


def _quoted(body: str) -> str:
    return '"' + body.replace('"', '""') + '"'


class SearchService:
    """Ranked search with snippets; the index is kept current by triggers in the file."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._vocab_ready = False
        self._known_languages: tuple[object, frozenset[str]] | None = None

    def _languages(self, conn: Connection) -> frozenset[str]:
        """The languages of the case (its own, its interviews', quotes' and documents'), as
        codes with a stemmer; read again after this process commits anything."""
        stamp = self._store.last_commit
        if self._known_languages is None or self._known_languages[0] != stamp:
            found = conn.execute(text(
                "SELECT language FROM case_info UNION SELECT language FROM interviews "
                "UNION SELECT original_language FROM quotes "
                "UNION SELECT language FROM documents")).scalars()
            codes = {language_code(str(v)) for v in found if v}
            self._known_languages = (stamp, frozenset(c for c in codes if c))
        return self._known_languages[1]

    def search(self, user_text: str, *, kinds: list[str] | None = None, limit: int = 50,
               offset: int = 0, snippet_words: int = 16,
               stemming: bool = True) -> list[SearchHit]:
        """The best matches for what the user typed, best first. With `stemming`, a plain
        word also finds its other forms ("visa" finds "visas"; casefile/search_stems.py)."""
        # Text pasted from elsewhere may hold lone surrogates or NULs: no word contains them.
        user_text = "".join(ch for ch in user_text
                            if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)
        query = to_fts_query(user_text)
        if query is None:
            return []
        if stemming and not self._vocab_ready:
            # Once per open file, committed: made inside a read it would be rolled back (and
            # made again) after every search.
            try:
                with self._store.write() as s:
                    ensure_vocab(s.connection())
                self._vocab_ready = True
            except (RuntimeError, CaseFileError, DBAPIError):
                pass  # inside a read of the caller's (or a full disk): made in the read below
        where = ""
        if kinds:
            codes = ", ".join(str(BY_KIND[k].code) for k in kinds if k in BY_KIND) or "-1"
            where = f" AND (rowid % {KIND_SLOTS}) IN ({codes})"
        # Ranking is cheap; FTS5's snippet() tokenizes each whole matching text (50 long
        # transcripts: ~150 ms). The snippet is cut here from a window around the first
        # match, and FTS5's own is asked for only where that finds nothing (diacritics).
        sql = text(
            f"SELECT rowid, title, body FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q{where} "
            f"ORDER BY bm25({FTS_TABLE}, 4.0, 1.0) LIMIT :limit OFFSET :offset"
        )
        words = max(1, min(int(snippet_words), 64))
        params: dict[str, str | int] = {"q": query, "limit": limit, "offset": offset}
        with self._store.read() as s:
            if stemming:
                conn = s.connection()
                try:
                    ensure_vocab(conn)  # nothing to do unless the connection is new
                    languages = self._languages(conn)
                    params["q"] = to_fts_query(
                        user_text, lambda word: word_forms(conn, word, languages)) or query
                except DBAPIError:  # word forms are a help: the exact words still search
                    params["q"] = query
            try:
                rows = s.execute(sql, params).all()
            except (OperationalError, driver.dbapi.OperationalError):
                # Should not happen after to_fts_query; fall back to one literal phrase.
                literal = " ".join(w for w in re.findall(r"\w+", user_text))
                if not literal:
                    return []
                params["q"] = '"' + literal + '"'
                rows = s.execute(sql, params).all()
            pattern = _match_pattern(str(params["q"]))
            snippets: dict[int, str] = {}
            for row in rows:
                cut = _snippet(pattern, row.title, row.body, words) if pattern else None
                if cut is None:
                    cut = s.execute(text(
                        f"SELECT snippet({FTS_TABLE}, -1, :a, :b, '…', {words}) FROM "
                        f"{FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND rowid = :r"),
                        {"a": MARK_START, "b": MARK_END, "q": params["q"], "r": row.rowid},
                    ).scalar() or ""
                snippets[row.rowid] = cut
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
                      " ".join(snippets[r.rowid].split()))
            for r in rows
            if r.rowid in uuids
        ]


_TERM = re.compile(r'"((?:[^"]|"")*)"(\*?)')


def _match_pattern(fts_query: str) -> re.Pattern[str] | None:
    """A regex finding any term of an FTS query built by `to_fts_query` (whole words;
    a trailing * is a prefix), or None if it cannot be expressed."""
    alternatives = []
    for body, star in _TERM.findall(fts_query):
        words = body.replace('""', '"').split()
        if not words:
            continue
        phrase = r"\W+".join(re.escape(w) for w in words)
        alternatives.append(r"(?<!\w)" + phrase + (r"\w*" if star else r"(?!\w)"))
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _snippet(pattern: re.Pattern[str], title: str, body: str, words: int) -> str | None:
    """About `words` words around the first match in the body (or the title), the matches
    marked as FTS5's snippet() marks them; None if the pattern finds nothing."""
    for textual in (body, title):
        first = pattern.search(textual)
        if first is None:
            continue
        before = textual[:first.start()].split()
        keep_before = max(0, (words - 1) // 3)
        start_index = max(0, len(before) - keep_before)
        head = " ".join(before[start_index:])
        tail_words = textual[first.start():].split()
        window = " ".join(tail_words[:max(1, words - len(before[start_index:]))])
        piece = (head + " " + window).strip() if head else window
        marked = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", piece)
        lead = "…" if start_index > 0 else ""
        trail = "…" if len(tail_words) > max(1, words - len(before[start_index:])) else ""
        return lead + marked + trail
    return None
