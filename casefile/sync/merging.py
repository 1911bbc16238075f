"""Merging another file of the same case into this one: `merge_steps(case, other)`.

Either way round: a field copy into the case it came from, or the case into a copy (so a
contributor going back into the field starts from the current story). One transaction in
this file, nothing written to the other. The base is what this file recorded at the copy and
after every merge since (casefile/sync/state.py); records neither side changed since are
skipped by their versions, so a merge costs what changed, not the size of the case. What the
other file knows of this one (its own base) fills in for records this file has no base for,
and tells how a restricted copy saw this side's values. Decisions: casefile/sync/plan.py;
writes: casefile/sync/apply.py; conflicts kept in `merge_conflicts` (casefile/sync/service.py).
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from casefile.db import audit_privacy
from casefile.db.session import change_log
from casefile.db.types import utcnow
from casefile.errors import CaseFileError
from casefile.sync import state
from casefile.sync.apply import Writer
from casefile.sync.content import CASE_KIND, KINDS, TAGS, TRASHED, Content, Reader, Row
from casefile.sync.copying import view_of
from casefile.sync.plan import RECORD, Basis, Conflict, Decision, decide
from casefile.sync.report import MergeReport, store_conflicts
from casefile.sync.state import BaseRow, Peer

if TYPE_CHECKING:
    from casefile.case import CaseFile

ORDER = [CASE_KIND, *KINDS]  # owners before what they own


class MergeCancelledError(CaseFileError):
    """The merge was cancelled; nothing was changed."""


def _peer_of(conn: Connection, other: Reader, other_conn: Connection) -> tuple[Peer, Peer | None]:
    """This file's entry for the other file, and the other file's entry for this one."""
    theirs = state.replica_of(other_conn)
    mine = state.replica_of(conn)
    if theirs is None or mine is None:
        raise CaseFileError("these files are not a case and a field copy of it: make a field "
                            "copy first (File → Make a field copy…)")
    peer = state.peer_for(conn, theirs)
    if peer is None:
        raise CaseFileError("this file does not know that copy: it was made from another "
                            "file of the case (or from a backup older than the copy)")
    return peer, state.peer_for(other_conn, mine)


def merge_steps(case: CaseFile, other: CaseFile, *, cancel: threading.Event | None = None
                ) -> Generator[tuple[str, int, int], None, MergeReport]:
    """Merge `other` into `case` in one transaction, yielding (step, done, total); returns
    the report. Cancelling (or closing the generator) changes nothing."""
    if Path(case.path).resolve() == Path(other.path).resolve():
        raise CaseFileError("a file cannot be merged into itself")
    total = 4

    def stop() -> None:
        if cancel is not None and cancel.is_set():
            raise MergeCancelledError("the merge was cancelled; nothing was changed")

    yield ("Comparing the two files", 0, total)
    try:
        result = yield from _merge(case, other, stop, total)
    except IntegrityError as exc:  # a rule of the file the decisions missed: nothing written
        raise CaseFileError(f"the merge could not be written, nothing was changed "
                            f"({exc.orig})") from exc
    # Nothing is yielded after the commit: a cancel after the last step rolls it back,
    # and one that comes later cannot be taken for "nothing was changed".
    return result


def _merge(case: CaseFile, other: CaseFile, stop: Any, total: int
           ) -> Generator[tuple[str, int, int], None, MergeReport]:
    with other._store.read() as os_, case._store.write() as s:
        oconn, conn = os_.connection(), s.connection()
        theirs, mine = Reader(oconn), Reader(conn)
        if theirs.case_uuid != mine.case_uuid:
            raise CaseFileError(f"{other.path.name} is a file of another case")
        peer, back = _peer_of(conn, theirs, oconn)
        from_copy = peer.relation == state.COPY
        restricted_view = peer.relation == state.ORIGIN and peer.restricted
        view: dict[str, tuple[str, Content]] | None = None
        files: dict[str, tuple[str, bytes | None]] = {}
        if restricted_view:
            view, files = view_of(other, peer.policy)
        their_rows = theirs.rows()
        if view is not None:
            their_rows = {u: r for u, r in their_rows.items() if u in view}
        my_rows = mine.rows()
        versions = state.base_versions(conn, peer)
        # A file restored from a backup (or duplicated) counts versions again from an older
        # state: equal numbers no longer mean equal records. Then every record is compared
        # by content, and those older than the base on either side without it.
        behind = _behind(my_rows, their_rows, versions)
        candidates = _candidates(my_rows, their_rows, versions, restricted_view or bool(behind))
        # A tag made on both sides under one name is one tag (tags are known by their
        # names): the other side's is read as this side's, in every record it tags.
        alias = _tag_alias(conn, oconn)
        candidates = [u for u in candidates if u not in alias]
        stop()
        yield ("Reading what changed", 1, total)
        base = state.base_rows(conn, peer, candidates)
        their_base: dict[str, BaseRow] = {}
        if back is not None and not restricted_view:
            their_base = state.base_rows(oconn, back, candidates)
        stamps = theirs.stamps(candidates)
        my_content = mine.contents(candidates)
        if view is not None:
            their_content = {u: view[u][1] for u in candidates if u in view}
        else:
            their_content = theirs.contents(candidates)
        if alias:
            for content in their_content.values():
                if TAGS in content:
                    content[TAGS] = sorted({alias.get(t, t) for t in content[TAGS]})
        language = str(my_content.get(mine.case_uuid, {}).get("language") or "")
        decisions = []
        for u in candidates:
            found = my_rows.get(u) or their_rows.get(u)
            kind = found.kind if found is not None else versions[u][0]
            basis, view_of_mine = _basis(u, base.get(u), their_base.get(u), my_rows.get(u),
                                         my_content.get(u))
            if u in behind:
                basis, view_of_mine = None, None
            d = decide(u, kind, my_content.get(u), their_content.get(u), basis,
                       from_copy=from_copy, view_of_mine=view_of_mine, language=language)
            decisions.append(d)
        _hold_followers(decisions)
        stop()
        yield ("Writing the merged records", 2, total)
        writer = Writer(case, s, mine, theirs, peer.label, files=files)
        report = _apply(writer, decisions, stamps)
        if behind:
            report.extra_notes.append(
                "one of the two files is older than their last merge (restored from a backup, "
                "or a duplicate): every record was compared, and those that went back in "
                "time are conflicts wherever the two differ")
        stop()
        yield ("Recording the new base", 3, total)
        _advance_base(conn, peer, writer, decisions, base, their_rows)
        matcher: list[Any] = []

        def redact(text: str) -> str:  # the matcher is built only if a conflict needs it
            if not matcher:
                matcher.append(audit_privacy.matcher_for(s))
            return str(matcher[0].redact(text))

        made = store_conflicts(conn, peer, decisions, stamps, redact)
        state.note_merge(conn, peer, utcnow())
        if made:
            change_log(s).note_kinds(["merge_conflict"])
        stop()
        return report.finish(peer, made, decisions)


def _tag_alias(conn: Connection, oconn: Connection) -> dict[str, str]:
    """The other file's tags whose name a different tag of this file has: theirs -> ours."""
    from casefile.sync.content import fetch

    ours = {name: ref for ref, name in fetch(conn, "SELECT uuid, name FROM tags")}
    return {ref: ours[name] for ref, name in fetch(oconn, "SELECT uuid, name FROM tags")
            if name in ours and ours[name] != ref}


def _behind(mine: dict[str, Row], theirs: dict[str, Row], base: state.Versions) -> set[str]:
    """Records at an older version than the base recorded, on either side."""
    out = set()
    for u, (_kind, here, there, _stamp) in base.items():
        a, b = mine.get(u), theirs.get(u)
        if (a is not None and here is not None and a.version < here) or \
                (b is not None and there is not None and b.version < there):
            out.add(u)
    return out


def _candidates(mine: dict[str, Row], theirs: dict[str, Row], base: state.Versions,
                restricted_view: bool) -> list[str]:
    """Records the other side may have changed since the base (by version and time of
    change), in the order they are written: owners first."""
    out: list[str] = []
    for u, row in theirs.items():
        b = base.get(u)
        if b is None or restricted_view or b[2] != row.version or b[3] != row.stamp:
            out.append(u)
    for u, b in base.items():
        if b[2] is not None and u not in theirs:
            out.append(u)  # gone there since the base
    rank = {k: i for i, k in enumerate(ORDER)}

    def kind_of(u: str) -> str:
        row = theirs.get(u) or mine.get(u)
        return row.kind if row is not None else base[u][0]

    return sorted(set(out), key=lambda u: (rank.get(kind_of(u), len(rank)), u))


def _basis(u: str, own: BaseRow | None, theirs: BaseRow | None, my_row: Row | None,
           mine: Content | None) -> tuple[Basis | None, Content | None]:
    """What record `u` is compared against (see the module doc), and this side's content
    as the other side sees it now (when it saw this very version).

    The other file's base wins when it is newer than this file's — its record changed in a
    merge from this side after this file last saw it (the case merged into the copy) — so
    what it took from this side then is not a change of its own."""
    seen_now = None
    if theirs is not None and my_row is not None and theirs.there_version == my_row.version:
        seen_now = theirs.theirs
    # Both are versions of the other file's record: the one it had after its own merge,
    # and the one this file last saw.
    newer = (theirs is not None and theirs.here_version is not None
             and theirs.ancestor is not None
             and (own is None or own.there_version is None
                  or own.there_version < theirs.here_version))
    if newer and theirs is not None and theirs.ancestor is not None:
        # Its agreed content is the common ancestor on both sides (what it kept of its own
        # in a conflict is a change of its own, compared with this side's as any other).
        return Basis(theirs.ancestor, theirs.ancestor, theirs.ancestor), seen_now
    if own is None or own.ancestor is None:
        return None, seen_now
    return Basis(own.ancestor, own.theirs or own.ancestor, own.theirs or own.ancestor), seen_now


def _hold_followers(decisions: list[Decision]) -> None:
    """What the other side trashed along with a record whose deletion is in conflict (the
    evidence on a photo, a quote of an interview) stays until that conflict is decided."""
    held = {d.uuid for d in decisions
            if any(c.field in (TRASHED, RECORD) for c in d.conflicts)}
    if not held:
        return
    for d in decisions:
        if not d.trash:
            continue
        content = d.mine or {}
        kind = KINDS.get(d.kind)
        refs = kind.ref_kinds() if kind is not None else {}
        tied = [content.get(name) for name in refs if content.get(name) in held]
        if tied:
            d.trash = False
            d.notes = [n for n in d.notes if "moved to the trash" not in n]
            d.conflicts.append(Conflict(TRASHED, "trashed in the other file together with a "
                                        "record whose deletion waits for a decision",
                                        False, False, True))


def _apply(writer: Writer, decisions: list[Decision], their_rows: dict[str, Row]
           ) -> MergeReport:
    report = MergeReport.start(writer.label)
    for d in decisions:
        if d.create and writer.create(d, their_rows.get(d.uuid)):
            report.created[d.kind] += 1
    for d in decisions:
        if d.create and d.uuid in writer.ids:
            writer.links_of_created(d)
    for d in decisions:
        if not d.create and d.mine is not None and d.fields \
                and writer.update(d, their_rows.get(d.uuid)):
            report.updated[d.kind] += 1
    writer.flush_updates()
    trash = [d for d in decisions if d.trash and d.mine is not None]
    writer.trash(trash, their_rows)
    for d in trash:
        if d.trash:
            report.trashed[d.kind] += 1
    for kind, _ref in writer.followers:
        report.trashed[kind] += 1
    for d in decisions:
        if d.restore and d.mine is not None:
            writer.restore(d, their_rows.get(d.uuid))
            report.restored[d.kind] += 1
    notes: list[str] = []
    writer.reanchor_quotes(notes)
    report.extra_notes.extend(notes)
    return report


def _advance_base(conn: Connection, peer: Peer, writer: Writer, decisions: list[Decision],
                  base: dict[str, BaseRow], their_rows: dict[str, Row]) -> None:
    """The base moves to what both sides now agree on, and to what was seen of the other
    side (see casefile/sync/plan.py): the agreed content where the two sides hold the same
    value, the old agreement where they still differ."""
    by_kind: dict[str, list[str]] = {}
    for d in decisions:
        by_kind.setdefault(d.kind, []).append(d.uuid)
    writer.mine.refresh(by_kind)
    after = writer.mine.contents([d.uuid for d in decisions])
    mine = writer.mine.rows()

    def version_of(ref: str) -> int | None:
        row = mine.get(ref)
        return None if row is None else row.version

    def stamp_of(ref: str) -> str:
        row = their_rows.get(ref)
        return "" if row is None else row.stamp

    rows = []
    for d in decisions:
        now = after.get(d.uuid)
        old = base.get(d.uuid)
        theirs = d.theirs
        if theirs is None:  # gone there
            seen = dict((old.theirs if old is not None else None) or {}, **{TRASHED: True})
            ancestor = now if now is not None and now.get(TRASHED) else (
                old.ancestor if old is not None else None)
            rows.append((d.uuid, BaseRow(d.kind, version_of(d.uuid), None,
                                         ancestor, seen)))
            continue
        if now is None:  # not here (purged here, or could not come in)
            if d.create or old is None:
                continue  # tried again next time
            rows.append((d.uuid, BaseRow(d.kind, None, their_rows[d.uuid].version
                                         if d.uuid in their_rows else None,
                                         old.ancestor, theirs,
                                         there_changed=stamp_of(d.uuid))))
            continue
        prior = (old.ancestor if old is not None and old.ancestor is not None else now)
        ancestor = {f: (now.get(f) if now.get(f) == theirs.get(f) else prior.get(f, now.get(f)))
                    for f in now}
        rows.append((d.uuid, BaseRow(d.kind, version_of(d.uuid),
                                     their_rows[d.uuid].version if d.uuid in their_rows
                                     else None, ancestor, theirs,
                                     there_changed=stamp_of(d.uuid))))
    state.write_base(conn, peer, rows)


def merge_cases(case: CaseFile, other: CaseFile) -> MergeReport:
    """`merge_steps` run to the end."""
    steps = merge_steps(case, other)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: MergeReport = done.value
            return result


__all__ = ["MergeCancelledError", "merge_cases", "merge_steps"]
