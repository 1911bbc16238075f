"""Keeping protected sources' identities out of the audit log.

The audit log says what was done to which record and when; its `summary` is a short label
for people reading it. A source who is not on the record must never be named there — not
when created, renamed or trashed, and not in the label of another record that mentions them
("Interview with Oksana Zhuravleva"). So every label is built from the record's full text with
every protected identity replaced by the one matcher the exports use (`casefile.identity`:
every part of the name, however spelled, second references, contact details), and only then
shortened; a protected source's own label is its pseudonym. When a source becomes protected
(or a protected one is renamed), the rows written before are rewritten the same way; a log
written by an older version is scrubbed once, by the step to format 8 (`scrub_log`).
"""

from __future__ import annotations

import json
import threading
import uuid as uuid_mod
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Union, cast

from sqlalchemy import Connection, Table, inspect, or_, select, update
from sqlalchemy.orm import Session

from casefile.db.base import Record
from casefile.models.enums import GroundRules, SourceKind
from casefile.models.meta import AuditEntry
from casefile.models.sources import Source

if TYPE_CHECKING:
    from casefile.identity import Hit, IdentityMatcher

NEUTRAL = "a confidential source"
_MAX = 60
_FIELDS = ("uuid", "name", "short_name", "kind", "ground_rules", "attribution_phrase",
           "contacts", "notes")

Facts = tuple[Any, ...]  # one source's _FIELDS, hashable (contacts as JSON)
Run = Callable[[Any], Any]  # Session.execute or Connection.execute


def pseudonym(phrase: str | None) -> str:
    """How the log refers to a protected source."""
    return " ".join((phrase or "").split()) or NEUTRAL


def is_protected(obj: Source) -> bool:
    """Whether the source may not be named (one not yet flushed has the default rules)."""
    return obj.ground_rules is not None and not GroundRules(obj.ground_rules).may_name


def _text(value: Any) -> Any:
    """A field as SQLite stores it (enum values, UUIDs and JSON as text)."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(getattr(value, "value", value))


def _of(obj: Source, **override: Any) -> Facts:
    values = {f: getattr(obj, f) for f in _FIELDS}
    values.update(override)
    return tuple(_text(values[f]) for f in _FIELDS)


def _source(values: dict[str, Any]) -> Source:
    """A transient copy of a source (never added to a session), for the matcher."""
    contacts = values.get("contacts") or []
    uid = values.get("uuid")
    return Source(
        uuid=uuid_mod.UUID(uid) if isinstance(uid, str) else uid,
        name=values.get("name") or "",
        short_name=values.get("short_name") or "",
        kind=SourceKind(values.get("kind") or SourceKind.PERSON),
        ground_rules=GroundRules(values.get("ground_rules") or GroundRules.ON_RECORD),
        attribution_phrase=values.get("attribution_phrase") or "",
        contacts=json.loads(contacts) if isinstance(contacts, str) else list(contacts),
        notes=values.get("notes") or "")


def _matcher(facts: tuple[Facts, ...]) -> IdentityMatcher:
    """The matcher for these sources. Not cached here: the stored state's matchers live in
    `_stored`/`_layers`, and IdentityMatcher.for_sources keeps the last few it made (a
    second cache of 16 held up to 16 matchers of a whole case, ~12 MB each at 5,000)."""
    from casefile.identity import IdentityMatcher

    return IdentityMatcher.for_sources(
        [_source(dict(zip(_FIELDS, row, strict=True))) for row in facts])


_PROTECTED = (f"FROM {Source.__tablename__} "
              f"WHERE ground_rules IS NOT '{GroundRules.ON_RECORD.value}'")
# Everything the matcher is made from, as one string SQLite builds: a flush compares it with
# the last one instead of reading every protected source into Python (a case with thousands).
_DIGEST = ("SELECT group_concat(" + " || char(30) || ".join(
    f"ifnull({f}, '')" for f in _FIELDS) + ", char(31)) " + _PROTECTED)
# The last state of the protected sources seen: its digest, its facts and its matcher.
_stored: dict[str, tuple[dict[Any, Facts], Matcher]] = {}
# Sources added since the last full matcher go into matchers of their own, merged like a
# binary counter (a layer is merged into the one before it once it is half its size): one
# source added to a case of thousands costs a matcher of a few, and each source is made into
# a matcher O(log n) times, not once per later source (a case built or merged source by
# source was quadratic).

class LayeredMatcher:
    """Several matchers as one: every layer's hits, overlaps merged, and a hit inside a name
    another layer allows (an on-record source's) dropped, as one matcher would."""

    def __init__(self, layers: list[IdentityMatcher]) -> None:
        self.layers = [m for m in layers if m or m._allowed]

    def __bool__(self) -> bool:
        return any(self.layers)

    def find(self, text: str) -> list[Hit]:
        from casefile.identity import _non_overlapping

        hits = [h for m in self.layers for h in m.find(text)]
        allowing = [m for m in self.layers if m._allowed]
        if len(allowing) > 0 and len(self.layers) > 1:
            hits = [h for h in hits if not any(m._inside_allowed(text, h) for m in allowing)]
        return _non_overlapping(hits, text)

    def redact(self, text: str) -> str:
        hits = self.find(text)
        out, pos = [], 0
        for h in hits:
            out += [text[pos:h.start], h.identity.replacement]
            pos = h.end
        return "".join(out) + text[pos:]


Matcher = Union["IdentityMatcher", LayeredMatcher]


def _stored_facts(session: Session) -> tuple[dict[Any, Facts], Matcher]:
    """The protected sources as stored (trashed ones too) and their matcher, read and made
    again only when they changed — and then, if sources were only added, only for those."""
    conn = session.connection()
    digest = conn.exec_driver_sql(_DIGEST).scalar() or ""
    with _cache_lock:  # two open cases flush on their own threads: one at a time here
        known = _stored.get(digest)
        if known is None:
            rows = conn.exec_driver_sql(f"SELECT {', '.join(_FIELDS)} {_PROTECTED}").fetchall()
            facts = {row[0]: tuple(row) for row in rows}
            known = (facts, _grown(facts))
            _stored.clear()  # one case's sources at a time are worth keeping
            _stored[digest] = known
    return known


_cache_lock = threading.Lock()


_layers: list[tuple[dict[Any, Facts], IdentityMatcher]] = []  # the facts of each, its matcher


def _grown(facts: dict[Any, Facts]) -> Matcher:
    """The matcher for `facts`: the layers kept, plus one of the sources added since, when
    none of the kept ones changed (a rename, new ground rules, a purge: a full one again)."""
    known: dict[Any, Facts] = {}
    for layer_facts, _m in _layers:
        known.update(layer_facts)
    if not _layers or any(facts.get(u) != f for u, f in known.items()):
        _layers[:] = [(facts, _matcher(tuple(facts.values())))]
    else:
        added = {u: f for u, f in facts.items() if u not in known}
        if added:
            _layers.append((added, _matcher(tuple(added.values()))))
        while len(_layers) > 1 and 2 * len(_layers[-1][0]) >= len(_layers[-2][0]):
            merged = {**_layers[-2][0], **_layers[-1][0]}
            _layers[-2:] = [(merged, _matcher(tuple(merged.values())))]
    union: dict[Any, Facts] = {}
    for layer_facts, _m in _layers:
        union.update(layer_facts)
    if union != facts:  # never a matcher missing one of these sources
        _layers[:] = [(facts, _matcher(tuple(facts.values())))]
    if len(_layers) == 1:
        return _layers[0][1]
    return LayeredMatcher([m for _f, m in _layers])


def matcher_for(session: Session) -> Matcher:
    """Every protected identity the log must not hold: each source as stored (trashed ones
    too), as about to be flushed (new names, sources becoming protected), and under its
    name before a rename in this flush."""
    with session.no_autoflush:
        stored, matcher = _stored_facts(session)
    changed = [o for o in list(session.new) + list(session.dirty)
               if isinstance(o, Source) and o.uuid is not None]
    if not changed:
        return matcher
    if all(str(o.uuid) not in stored for o in changed):
        # only sources the stored matcher does not know (new, or on the record until now):
        # a layer of their own beside it, with any name one of them had before this flush
        extra_facts = tuple(_of(o) for o in changed) + tuple(
            _of(o, name=old) for o in changed if is_protected(o)
            for old in inspect(o).attrs.name.history.deleted if isinstance(old, str))
        layers = matcher.layers if isinstance(matcher, LayeredMatcher) else [matcher]
        return LayeredMatcher([*layers, _matcher(extra_facts)])
    facts = dict(stored)
    extra: list[Facts] = []
    for obj in changed:
        facts[str(obj.uuid)] = _of(obj)
        for old in inspect(obj).attrs.name.history.deleted:
            if isinstance(old, str) and is_protected(obj):
                extra.append(_of(obj, name=old))
    return _matcher(tuple(facts.values()) + tuple(extra))


def label(obj: Record, matcher: Matcher) -> str:
    """The record's label for the log: scrubbed from its full text, then shortened."""
    if isinstance(obj, Source) and is_protected(obj):
        return f'source "{pseudonym(obj.attribution_phrase)}"'
    value = getattr(obj, obj.LABEL_FIELD, None) or str(obj.uuid)
    return _shorten(obj.KIND, matcher.redact(str(value)))


def _shorten(kind: str, text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX:
        text = text[:_MAX - 3] + "…"
    return f'{kind.replace("_", " ")} "{text}"'


def rewrite_history(session: Session, *, new_too: bool = True) -> None:
    """Rewrite what the log already says about sources that became protected (or were
    renamed while protected, or were created protected) in this flush: their own lines
    get the pseudonym, and lines that mention them are scrubbed."""
    from casefile.identity import IdentityMatcher

    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, Source) or not is_protected(obj) or obj.uuid is None:
            continue
        state = inspect(obj)
        new = obj in session.new
        if new and not new_too:
            continue
        if not new and not any(
                state.attrs[k].history.has_changes()
                for k in ("name", "short_name", "ground_rules", "attribution_phrase")):
            continue
        now = {f: getattr(obj, f) for f in _FIELDS}
        copies = [_source(now)] + [_source({**now, "name": old})
                                   for old in state.attrs.name.history.deleted
                                   if isinstance(old, str)]
        mine = IdentityMatcher.for_sources(copies)
        own = {obj.uuid: f'source "{pseudonym(obj.attribution_phrase)}"'}
        # A new source has no lines of its own yet: only lines naming it exactly are read.
        exact = [w for w in mine.words if len(w) >= 2] if new else None
        with session.no_autoflush:
            _rewrite(session.execute, mine, own, exact)


def _own_labels(run: Run) -> dict[Any, str]:
    table = Source.__table__
    own = {}
    for uid, phrase, rules in run(
            select(table.c.uuid, table.c.attribution_phrase, table.c.ground_rules)):
        if rules is not None and not GroundRules(rules).may_name:
            own[uid] = f'source "{pseudonym(phrase)}"'
    return own


def scrub_log(conn: Connection) -> int:
    """Scrub a log an older version wrote (once, as the step to format 8): protected
    sources' own lines get their pseudonym and every other line is passed through the
    matcher. Returns how many lines changed."""
    rows = conn.exec_driver_sql(f"SELECT {', '.join(_FIELDS)} FROM {Source.__tablename__}")
    matcher = _matcher(tuple(tuple(r) for r in rows))
    return _rewrite(conn.execute, matcher, _own_labels(conn.execute), None)


def _rewrite(run: Run, matcher: Matcher, own: dict[Any, str],
             exact: list[str] | None) -> int:
    """Give the sources in `own` their label on their own lines and scrub every other line
    (or, with `exact`, only the lines holding one of those words as written)."""
    log = cast(Table, AuditEntry.__table__)
    changed = 0
    for uid, summary in own.items():
        stale = (log.c.record_uuid == uid, log.c.summary != summary, log.c.summary != "")
        result = run(update(log).where(*stale).values(summary=summary))
        changed += int(getattr(result, "rowcount", 0) or 0)
    if not matcher:
        return changed
    query = select(log.c.id, log.c.summary).where(log.c.summary != "")
    if exact is not None:
        if not exact:
            return changed
        query = query.where(or_(*[log.c.summary.contains(w, autoescape=True) for w in exact]))
    fixes = [(row_id, clean) for row_id, summary in run(query)
             if (clean := matcher.redact(summary)) != summary]
    for row_id, clean in fixes:
        run(update(log).where(log.c.id == row_id).values(summary=clean))
    return changed + len(fixes)
