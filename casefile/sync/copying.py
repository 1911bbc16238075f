"""Making a field copy: a new case file a contributor works in offline, knowing its origin.

The copy is built the way a bundle travels — the case written out through the share policy
(protected identities withheld, files cleaned) and the chosen interviews and claims, then
imported into an empty case file that keeps every UUID — so a copy can never hold what a
shared bundle would not. Both files then record the base of later merges: every record's
version on each side and its content (in the copy's terms for the copy; in the lead's, with
the copy's where they differ, for the lead). The copy is made under a temporary name and
appears only when complete; the lead's record of it is written in one transaction.
"""

from __future__ import annotations

import os
import secrets
import threading
import uuid
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casefile.bundle.document import build_document
from casefile.bundle.dump import write_bundle
from casefile.bundle.load import import_bundle
from casefile.bundle.share import redact_document
from casefile.errors import CaseFileError, ValidationError
from casefile.private_temp import private_dir
from casefile.redaction import RedactionPolicy
from casefile.sync import state
from casefile.sync.content import Content, Reader, doc_contents
from casefile.sync.state import BaseRow

if TYPE_CHECKING:
    from casefile.case import CaseFile


class CopyCancelledError(CaseFileError):
    """The copy was cancelled; nothing was made."""


@dataclass(frozen=True)
class CopyResult:
    """A field copy made: where, its peer entry in the lead, how many records, and what was
    withheld (as a shared bundle says it)."""

    path: Path
    peer: uuid.UUID
    records: int
    withheld: list[str] = field(default_factory=list)


def restrict(doc: dict[str, Any], interviews: Sequence[str] | None,
             claims: Sequence[str] | None) -> dict[str, Any]:
    """The bundle document with only the chosen interviews and claims (None: all), and
    nothing that points at what was left out."""
    if interviews is None and claims is None:
        return doc
    if interviews is not None:
        keep = set(interviews)
        doc["interviews"] = [iv for iv in doc.get("interviews", []) if iv["uuid"] in keep]
    if claims is not None:
        keep = set(claims)
        doc["claims"] = [c for c in doc.get("claims", []) if c["uuid"] in keep]
    present = {iv["uuid"] for iv in doc.get("interviews", [])}
    quotes = {q["uuid"] for iv in doc.get("interviews", []) for q in iv.get("quotes", [])}
    kept_claims = {c["uuid"] for c in doc.get("claims", [])}
    for claim in doc.get("claims", []):
        claim["evidence"] = [e for e in claim.get("evidence", [])
                             if (e.get("interview") is None or e["interview"] in present)
                             and (e.get("quote") is None or e["quote"] in quotes)]
    for req in doc.get("comment_requests", []):
        req["claims"] = [c for c in req.get("claims", []) if c in kept_claims]
    for draft in doc.get("drafts", []):
        for rc in draft.get("review_comments", []):
            if rc.get("claim") is not None and rc["claim"] not in kept_claims:
                rc["claim"] = None
    alive = {u for u, _k in _uuids(doc)}
    for tag in doc.get("tags", []):
        tag["records"] = [r for r in tag.get("records", []) if r in alive]
    return doc


def _uuids(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(u, k) for u, (k, _c) in doc_contents(doc, doc.get("case", {}).get("uuid", ""))
            .items()]


def view_of(case: CaseFile, stored_policy: dict[str, Any]
            ) -> tuple[dict[str, tuple[str, Content]], dict[str, tuple[str, bytes | None]]]:
    """The case as a copy made with `stored_policy` sees it: uuid -> (kind, content), and
    the files that view names (cleaned bytes by SHA-256; None: the stored file itself)."""
    policy = state.policy_of(stored_policy)
    with case._store.read() as s:
        doc, files = build_document(s)
    payload: dict[str, tuple[str, bytes | None]] = {
        sha: (ref.media_type, None) for sha, ref in files.items()}
    if policy is not None:
        doc, payload, _withheld = redact_document(case, doc, files, policy)
    doc = restrict(doc, stored_policy.get("interviews"), stored_policy.get("claims"))
    return doc_contents(doc, str(doc["case"]["uuid"])), payload


def copy_steps(case: CaseFile, out: Path | str, *, member: uuid.UUID | None = None,
               policy: RedactionPolicy | None = None,
               interviews: Sequence[uuid.UUID] | None = None,
               claims: Sequence[uuid.UUID] | None = None,
               passphrase: str | None = None, label: str = "",
               cancel: threading.Event | None = None,
               ) -> Generator[tuple[str, int, int], None, CopyResult]:
    """Make a field copy of `case` at `out` (which must not exist), yielding (step, done,
    total); returns what was made. See the module doc."""
    out = Path(out)
    if out.exists():
        raise CaseFileError(f"{out}: already exists; choose another name")
    if out.resolve() == Path(case.path).resolve():
        raise CaseFileError(f"{out}: that is the case itself")
    if not out.parent.is_dir():
        raise CaseFileError(f"{out.parent}: no such folder; choose where the copy goes")
    if member is not None:
        case.team.get(member)  # refused clearly when there is no such team member
    for chosen, service in ((interviews, case.interviews), (claims, case.claims)):
        for ref in chosen or ():
            service.get(ref)  # an unknown interview or claim is refused, by its UUID
    if passphrase is None:
        passphrase = case._passphrase
    shared = policy if policy is not None and policy.redacts else None
    stored = state.policy_json(shared, interviews, claims)
    title = case.info().title
    who = ""
    if member is not None:
        who = case.team.get(member).name
    label = label or (f"Field copy for {who}" if who else f"Field copy “{out.stem}”")
    total = 3

    def stop() -> None:
        if cancel is not None and cancel.is_set():
            raise CopyCancelledError("the field copy was cancelled; nothing was made")

    yield ("Writing the records out", 0, total)
    part = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    with private_dir() as tmp:
        bundle = tmp / "copy.zip"

        def keep(doc: dict[str, Any]) -> dict[str, Any]:
            return restrict(doc, stored["interviews"], stored["claims"])

        written = write_bundle(case, bundle, shared or RedactionPolicy.full_copy(), keep=keep)
        stop()
        yield ("Making the copy", 1, total)
        try:
            copy = type(case).create(part, title, actor=case._store.actor, passphrase=passphrase)
        except ValidationError as exc:
            raise CaseFileError(f"{out}: cannot make the copy ({exc})") from exc
        peer_uuid: uuid.UUID | None = None
        try:
            records = import_bundle(copy, bundle)
            stop()
            yield ("Recording the base of later merges", 2, total)
            stop()
            peer_uuid = _record_bases(case, copy, stored, member, label, title)
            copy.close()
            _publish(part, out)
        except BaseException:
            copy.close()
            _remove(part)
            if peer_uuid is not None:  # the lead forgets a copy that was never made
                _forget_peer(case, peer_uuid)
            raise
    # Nothing is yielded once the copy exists: a cancel after the last step cannot be
    # taken for "nothing was made".
    return CopyResult(out, peer_uuid, records, list(written.withheld))


def _publish(part: Path, out: Path) -> None:
    """Put the finished copy at its name, never over a file that appeared meanwhile."""
    try:
        os.link(part, out)
    except FileExistsError:
        raise CaseFileError(f"{out}: already exists; choose another name") from None
    except OSError:
        if out.exists():
            raise CaseFileError(f"{out}: already exists; choose another name") from None
        os.replace(part, out)
        return
    _remove(part)


def _forget_peer(case: CaseFile, peer: uuid.UUID) -> None:
    from sqlalchemy import delete, select

    from casefile.bundle.tables import table_of
    from casefile.models import SyncBase, SyncPeer

    with case._store.write() as s:
        conn = s.connection()
        t = table_of(SyncPeer)
        pid = conn.execute(select(t.c.id).where(t.c.uuid == peer)).scalar()
        if pid is not None:
            b = table_of(SyncBase)
            conn.execute(delete(b).where(b.c.peer_id == pid))
            conn.execute(delete(t).where(t.c.id == pid))


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)


def _record_bases(case: CaseFile, copy: CaseFile, stored: dict[str, Any],
                  member: uuid.UUID | None, label: str, title: str) -> uuid.UUID:
    """Write the base into the copy, then into the lead (each in one transaction)."""
    with case._store.write() as ls:  # the lead's replica id, made once
        lead_replica = state.replica_of(ls.connection(), make=True)
        assert lead_replica is not None
    with case._store.read() as ls:
        lead_rows = Reader(ls.connection()).rows()
    with copy._store.write() as cs:
        conn = cs.connection()
        copy_replica = state.replica_of(conn, make=True)
        assert copy_replica is not None
        mine = Reader(conn)
        copy_rows = mine.rows()
        origin = state.add_peer(conn, lead_replica, state.ORIGIN, f"Origin: {title}", stored,
                                member)

        def copy_base() -> Iterator[tuple[str, BaseRow]]:
            for u, content in mine.all_contents():
                lead_row = lead_rows.get(u)
                yield u, BaseRow(copy_rows[u].kind, copy_rows[u].version,
                                 None if lead_row is None else lead_row.version,
                                 content, None,
                                 there_changed="" if lead_row is None else lead_row.stamp)

        state.write_base(conn, origin, copy_base(), fresh=True)
    with case._store.write() as ls, copy._store.read() as cs:
        conn = ls.connection()
        peer = state.add_peer(conn, copy_replica, state.COPY, label, stored, member)
        lead = Reader(conn)
        rows = lead.rows()
        theirs = Reader(cs.connection())

        def lead_base() -> Iterator[tuple[str, BaseRow]]:
            uuids = [u for u in copy_rows if u in rows]
            for start in range(0, len(uuids), 500):
                part = uuids[start:start + 500]
                real = lead.contents(part)
                seen = theirs.contents(part)
                for u in part:
                    yield u, BaseRow(rows[u].kind, rows[u].version, copy_rows[u].version,
                                     real[u], seen[u], there_changed=copy_rows[u].stamp)

        state.write_base(conn, peer, lead_base(), fresh=True)
        return peer.uuid


def make_field_copy(case: CaseFile, out: Path | str, **options: Any) -> CopyResult:
    """`copy_steps` run to the end."""
    steps = copy_steps(case, out, **options)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            result: CopyResult = done.value
            return result
