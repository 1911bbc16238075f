"""Full-text search over everything in a case, safe for any string a user types."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, OperationalError

from casefile.claims.draft_text import OBJECT, DraftText
from casefile.db import driver
from casefile.db.search_index import BY_CODE, BY_KIND, CREATE_FTS, FTS_TABLE, KIND_SLOTS
from casefile.db.session import Store
from casefile.errors import CaseFileError
from casefile.search_stems import ensure_vocab, language_code, word_forms

MARK_START = "\ue000"  # private-use characters: never in real text, easy to render
MARK_END = "\ue001"
_TOKEN = re.compile(r'"[^"]*"?|\S+')
_NEEDS_PREFIX = re.compile(r"[\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")  # Hangul, kana, CJK
# A draft body's markup (casefile/claims/draft_text.py): claim anchors, photo places, and a
# literal ⟦ written twice. The index holds the stored body, markup and all, so a draft's hits
# are checked against its visible text (`_VisibleText`) and its snippets cut from that.
_ANCHOR = re.compile(r"⟦(?:/claim|claim:[0-9a-fA-F-]{36})⟧")
_PHOTO = re.compile(r"⟦photo:[0-9a-fA-F-]{36}⟧")
# Whatever a cut through markup could still leave (a safety net: snippets are cut from the
# visible text): a piece ending in ⟧ at the start, a piece starting with ⟦ at the end.
_CUT_MARKUP = re.compile("^…?[^\\s⟦⟧]*⟧|⟦[^⟧]*(?=…|$)")
DRAFT_CODE = BY_KIND["draft"].code
_VISIBLE_TABLE = CREATE_FTS.replace(f"IF NOT EXISTS {FTS_TABLE} ", "visible ")


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


def visible_text(body: str) -> str:
    """Text as its reader sees it (DraftText.parse): a draft's anchors dropped, a photo
    place a space, a doubled ⟦ one."""
    if "⟦" not in body:
        return body
    try:
        return DraftText.parse(body).text.replace(OBJECT, " ")
    except ValueError:  # a UUID-shaped run that is no UUID: the markup patterns alone
        return _PHOTO.sub(" ", _ANCHOR.sub("", body)).replace("⟦⟦", "⟦")


def clean_snippet(snippet: str) -> str:
    """A snippet without any markup left in it (its pieces are cut from visible text; this
    is the net under that)."""
    if "⟦" not in snippet and "⟧" not in snippet:
        return snippet
    return _CUT_MARKUP.sub("", visible_text(snippet)).replace("⟦", "").replace("⟧", "")


@cache
def _fold_char(ch: str) -> str:
    parts = unicodedata.normalize("NFD", ch)
    return parts[0] if len(parts) > 1 and all(
        unicodedata.combining(p) for p in parts[1:]) else ch


def fold(text_: str) -> str:
    """`text_` without diacritics, one character for each (positions agree): "Kýiv" is
    "Kyiv", "ё" is "е", "й" is "и" — as the index's tokenizer folds them."""
    if text_.isascii():
        return text_
    return "".join(_fold_char(ch) for ch in text_)


class _VisibleText:
    """Drafts' visible text in a private in-memory FTS5 table (the index's own tokenizer):
    which of them the query really matches, and FTS5's snippet of that text (no markup)."""

    def __init__(self, rows: list[tuple[int, str, str]]) -> None:
        self._rows = rows

    def matches(self, query: str, words: int = 0) -> dict[int, str]:
        """rowid → snippet ("" when `words` is 0) of each row whose visible text matches."""
        if not self._rows:
            return {}
        conn = driver.dbapi.connect(":memory:")
        try:
            conn.execute(_VISIBLE_TABLE)
            conn.executemany("INSERT INTO visible(rowid, title, body) VALUES (?, ?, ?)",
                             self._rows)
            if words:
                found = conn.execute(
                    "SELECT rowid, snippet(visible, -1, ?, ?, '…', ?) FROM visible "
                    "WHERE visible MATCH ?", (MARK_START, MARK_END, words, query)).fetchall()
            else:
                found = conn.execute("SELECT rowid, '' FROM visible WHERE visible MATCH ?",
                                     (query,)).fetchall()
            return {int(r): str(s or "") for r, s in found}
        except driver.dbapi.Error:  # not expected for a query the index took: keep them all
            return {r: "" for r, _t, _b in self._rows}
        finally:
            conn.close()


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
        words = max(1, min(int(snippet_words), 64))
        params: dict[str, str | int] = {"q": query}
        with self._store.read() as s:
            if stemming:
                params["q"] = self._with_forms(s.connection(), user_text, query)
            try:
                rows = self._ranked(s, params, kinds, limit + offset)
            except (OperationalError, driver.dbapi.OperationalError):
                # Should not happen after to_fts_query; fall back to one literal phrase.
                literal = " ".join(w for w in re.findall(r"\w+", user_text))
                if not literal:
                    return []
                params["q"] = '"' + literal + '"'
                rows = self._ranked(s, params, kinds, limit + offset)
            q = str(params["q"])
            # A draft found only through its markup ("photo", "claim", a UUID's digits) is
            # no match: its visible text is asked the question again, and cut from.
            marked = [(r.rowid, r.title or "", visible_text(r.body or "")) for r in rows
                      if r.rowid % KIND_SLOTS == DRAFT_CODE and "⟦" in (r.body or "")]
            seen = _VisibleText(marked).matches(q, words)
            gone = {rowid for rowid, _t, _b in marked} - set(seen)
            rows = [r for r in rows if r.rowid not in gone][offset:offset + limit]
            pattern = _match_pattern(q)
            snippets: dict[int, str] = {}
            for row in rows:
                body = visible_text(row.body or "")
                cut = _snippet(pattern, row.title, body, words) if pattern else None
                if cut is None and row.rowid % KIND_SLOTS == DRAFT_CODE:
                    cut = seen.get(row.rowid) or _lead(body or row.title, words)
                if cut is None:
                    cut = s.execute(text(
                        f"SELECT snippet({FTS_TABLE}, -1, :a, :b, '…', {words}) FROM "
                        f"{FTS_TABLE} WHERE {FTS_TABLE} MATCH :q AND rowid = :r"),
                        {"a": MARK_START, "b": MARK_END, "q": q, "r": row.rowid},
                    ).scalar() or ""
                snippets[row.rowid] = clean_snippet(cut)
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

    def _with_forms(self, conn: Connection, user_text: str, query: str) -> str:
        """The query with each plain word's other forms (the exact words if that fails)."""
        try:
            ensure_vocab(conn)  # nothing to do unless the connection is new
            languages = self._languages(conn)
            return to_fts_query(
                user_text, lambda word: word_forms(conn, word, languages)) or query
        except DBAPIError:  # word forms are a help: the exact words still search
            return query

    @staticmethod
    def _ranked(s: Any, params: dict[str, str | int], kinds: list[str] | None,
                limit: int) -> list[Any]:
        """The best `limit` rows of other kinds and of drafts, merged by rank. Drafts are
        ranked apart, with room for those found only through markup (dropped after)."""
        where = ""
        if kinds:
            codes = ", ".join(str(BY_KIND[k].code) for k in kinds if k in BY_KIND) or "-1"
            where = f" AND (rowid % {KIND_SLOTS}) IN ({codes})"
        # Ranking is cheap; FTS5's snippet() tokenizes each whole matching text (50 long
        # transcripts: ~150 ms). The snippet is cut here from a window around the first
        # match, and FTS5's own is asked for only where that finds nothing.
        base = (f"SELECT rowid, title, body, bm25({FTS_TABLE}, 4.0, 1.0) AS rank "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q{where}")
        others = s.execute(text(
            f"{base} AND rowid % {KIND_SLOTS} != {DRAFT_CODE} ORDER BY rank LIMIT :n"),
            {**params, "n": limit}).all()
        drafts = s.execute(text(
            f"{base} AND rowid % {KIND_SLOTS} = {DRAFT_CODE} ORDER BY rank LIMIT :n"),
            {**params, "n": limit + _DRAFT_ROOM}).all()
        return sorted([*others, *drafts], key=lambda r: float(r.rank))

    def count(self, user_text: str, *, stemming: bool = True) -> int:
        """How many records match what the user typed (as `search` finds them), without
        ranking or snippets: a saved search's live count in the navigator."""
        user_text = "".join(ch for ch in user_text
                            if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)
        query = to_fts_query(user_text)
        if query is None:
            return 0
        with self._store.read() as s:
            if stemming:
                query = self._with_forms(s.connection(), user_text, query)
            try:
                total = int(s.execute(text(
                    f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"),
                    {"q": query}).scalar() or 0)
                marked = [(int(r), str(t or ""), visible_text(str(b or ""))) for r, t, b in
                          s.execute(text(
                              f"SELECT rowid, title, body FROM {FTS_TABLE} WHERE "
                              f"{FTS_TABLE} MATCH :q AND rowid % {KIND_SLOTS} = {DRAFT_CODE}"
                              " AND instr(body, '⟦') > 0"), {"q": query})]
            except (OperationalError, driver.dbapi.OperationalError):
                return 0
        return total - len(marked) + len(_VisibleText(marked).matches(query))


_DRAFT_ROOM = 200  # drafts beyond a page asked for, in case markup found some of them


def _lead(body: str, words: int) -> str:
    """The first `words` words: a snippet for a draft where no match can be shown."""
    parts = body.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


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
    marked as FTS5's snippet() marks them; None if the pattern finds nothing — as written,
    or with diacritics folded on both sides ("Kyiv" finds "Kýiv")."""
    folded = re.compile(fold(pattern.pattern), pattern.flags)
    for textual in (body, title):
        for finder, fold_it in ((pattern, False), (folded, True)):
            first = finder.search(fold(textual) if fold_it else textual)
            if first is not None:
                return _cut(finder, fold_it, textual, first.start(), words)
    return None


def _cut(finder: re.Pattern[str], fold_it: bool, textual: str, at: int, words: int) -> str:
    before = textual[:at].split()
    keep_before = max(0, (words - 1) // 3)
    start_index = max(0, len(before) - keep_before)
    head = " ".join(before[start_index:])
    tail_words = textual[at:].split()
    room = max(1, words - len(before[start_index:]))
    window = " ".join(tail_words[:room])
    piece = (head + " " + window).strip() if head else window
    marked, last = [], 0
    for m in finder.finditer(fold(piece) if fold_it else piece):
        marked += [piece[last:m.start()], MARK_START, piece[m.start():m.end()], MARK_END]
        last = m.end()
    marked.append(piece[last:])
    lead = "…" if start_index > 0 else ""
    trail = "…" if len(tail_words) > room else ""
    return lead + "".join(marked) + trail
