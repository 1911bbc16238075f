"""What a merge did (`MergeReport`) and the conflicts it keeps (`ConflictData`)."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from sqlalchemy import Connection, String, insert, select, type_coerce, update

from casefile.bundle.tables import table_of
from casefile.db.types import utcnow
from casefile.models import RECORD_KINDS, MergeConflict
from casefile.sync.content import BYLINE, CASE_KIND, FILE, KINDS, TAGS, TRASHED, Row
from casefile.sync.plan import LONG_TEXT, RECORD, Decision
from casefile.sync.state import Peer

if TYPE_CHECKING:
    pass

FIELD_LABELS = {RECORD: "The record", TRASHED: "In the trash", FILE: "Stored file",
                TAGS: "Tags", BYLINE: "Byline", "answer_text": "Answer",
                "ground_rules": "Ground rules", "span_start": "Quote start",
                "span_end": "Quote end"}


def field_label(name: str) -> str:
    """A field's name as a person reads it."""
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


def kind_label(kind: str) -> str:
    """A kind's name in a sentence."""
    return "case" if kind == CASE_KIND else kind.replace("_", " ")


def show(value: Any, field_name: str = "") -> str:
    """A value as the review shows it."""
    if field_name == TRASHED and isinstance(value, dict):  # restored, with edits made there
        edits = value.get("edits") or {}
        return "not in the trash, with its edits there: " + "; ".join(
            f"{field_label(k)}: {show(v, k)}" for k, v in sorted(edits.items()))
    if field_name == TRASHED or isinstance(value, bool):
        return "in the trash" if value else "not in the trash"
    if value is None:
        return "(deleted)" if field_name == RECORD else "(empty)"
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, dict):
        if field_name == RECORD:
            for key in ("title", "name", "statement", "caption", "text", "headline",
                        "subject"):
                if value.get(key):
                    return f"{key}: {value[key]}"
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


@dataclass(frozen=True)
class ConflictData:
    """One conflict as the review view and the command line show it."""

    uuid: UUID
    peer_label: str
    record_kind: str
    record_uuid: UUID
    record_label: str
    field: str
    field_label: str
    reason: str
    base_text: str
    mine_text: str
    theirs_text: str
    base: Any
    mine: Any
    theirs: Any
    their_author: str
    their_changed_at: datetime | None
    status: str
    resolved_by: str
    resolved_at: datetime | None
    editable: bool

    def to_json(self) -> dict[str, Any]:
        return {"uuid": str(self.uuid), "copy": self.peer_label, "kind": self.record_kind,
                "record": str(self.record_uuid), "label": self.record_label,
                "field": self.field, "reason": self.reason, "base": self.base,
                "mine": self.mine, "theirs": self.theirs, "their_author": self.their_author,
                "their_changed_at": None if self.their_changed_at is None
                else self.their_changed_at.isoformat(),
                "status": self.status, "resolved_by": self.resolved_by}


@dataclass
class MergeReport:
    """What one merge changed in this file, and the conflicts it left to decide."""

    peer_label: str
    direction: str = ""
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    trashed: Counter[str] = field(default_factory=Counter)
    restored: Counter[str] = field(default_factory=Counter)
    conflicts: tuple[ConflictData, ...] = ()
    notes: tuple[str, ...] = ()
    extra_notes: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, label: str) -> MergeReport:
        return cls(label)

    def finish(self, peer: Peer, conflicts: list[ConflictData],
               decisions: list[Decision]) -> MergeReport:
        self.direction = ("from a field copy" if peer.relation == "copy"
                          else "from the case it was copied from")
        self.conflicts = tuple(conflicts)
        notes = [f"{kind_label(d.kind)} {d.uuid}: {n}" for d in decisions for n in d.notes]
        self.notes = tuple(notes + self.extra_notes)
        return self

    @property
    def changed(self) -> int:
        """Records this merge changed here (0 when merging the same copy again)."""
        return sum(self.created.values()) + sum(self.updated.values()) \
            + sum(self.trashed.values()) + sum(self.restored.values())

    def lines(self) -> list[str]:
        """The report as text."""
        out = [f"Merged {self.peer_label} ({self.direction}):"]

        def counted(title: str, counts: Counter[str]) -> None:
            if counts:
                parts = ", ".join(f"{n} {kind_label(k)}" for k, n in sorted(counts.items()))
                out.append(f"  {title}: {parts}")

        counted("came in", self.created)
        counted("changed", self.updated)
        counted("moved to the trash", self.trashed)
        counted("restored", self.restored)
        if not self.changed:
            out.append("  nothing changed here: the conflicts below wait for a decision"
                       if self.conflicts else
                       "  nothing to change: this file already has everything in it")
        if self.conflicts:
            out.append(f"  {len(self.conflicts)} conflict(s) to review; this file's values "
                       "stay until decided:")
            for c in self.conflicts:
                out.append(f"    - {c.record_label}, {c.field_label}: {c.reason}")
        for note in self.notes:
            out.append(f"  note: {note}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {"copy": self.peer_label, "direction": self.direction,
                "created": dict(self.created), "updated": dict(self.updated),
                "trashed": dict(self.trashed), "restored": dict(self.restored),
                "changed": self.changed, "conflicts": [c.to_json() for c in self.conflicts],
                "notes": list(self.notes)}


def _wrap(value: Any) -> dict[str, Any]:
    return {"v": value}


def store_conflicts(conn: Connection, peer: Peer, decisions: list[Decision],
                    their_rows: dict[str, Row], redact: Callable[[str], str]
                    ) -> list[ConflictData]:
    """Keep each new conflict (one open conflict per record and field: a repeat with other
    values replaces those of the one already open, an identical repeat is not news).
    Returns the new and changed ones as the report shows them."""
    t = table_of(MergeConflict)
    made: list[int] = []
    for d in decisions:
        who = their_rows.get(d.uuid)
        for c in d.conflicts:
            values = {"reason": c.reason, "base": _wrap(c.base), "mine": _wrap(c.mine),
                      "theirs": _wrap(c.theirs), "merged_at": utcnow(),
                      "their_author": who.changed_by if who else "",
                      "their_changed_at": who.changed_at if who else None}
            known = conn.execute(select(t.c.id, t.c.mine, t.c.theirs).where(
                t.c.peer_id == peer.id, t.c.record_uuid == uuid.UUID(d.uuid),
                t.c.field == c.field, t.c.status == "open")).first()
            if known is not None:  # still open: the same conflict, reported again only
                if (known[1], known[2]) != (values["mine"], values["theirs"]):  # if it moved
                    conn.execute(update(t).where(t.c.id == known[0]).values(**values))
                    made.append(int(known[0]))
                continue
            made.append(int(conn.execute(insert(t).values(
                uuid=uuid.uuid4(), peer_id=peer.id, record_kind=d.kind,
                record_uuid=uuid.UUID(d.uuid), field=c.field, status="open",
                resolved_by="", **values).returning(t.c.id)).scalar_one()))
    if not made:
        return []
    rows = conn.execute(select(t, type_coerce(t.c.uuid, String()).label("u"))
                        .where(t.c.id.in_(made)).order_by(t.c.id)).all()
    return [conflict_data(r._mapping, peer.label, conn, redact) for r in rows]


def editable(kind: str, field_name: str, theirs: Any) -> bool:
    """Whether a person may write their own value for the conflict (a text field)."""
    if field_name in (RECORD, TRASHED) or not isinstance(theirs, str):
        return False
    info = KINDS.get(kind)
    return info is not None or field_name in LONG_TEXT.get(kind, ())


def _label(conn: Connection, kind: str, ref: str, redact: Callable[[str], str]) -> str:
    if kind == CASE_KIND:
        return "the case"
    model = RECORD_KINDS.get(kind)
    if model is None:
        info = KINDS.get(kind)
        if info is None:
            return f"{kind_label(kind)} {ref}"
        model = info.spec.model
    t = table_of(model)
    col = t.c.get(model.LABEL_FIELD)
    value = None if col is None else conn.execute(select(col).where(
        t.c.uuid == uuid.UUID(ref))).scalar()
    text = redact(" ".join(str(value or "").split()))  # protected names by pseudonym
    if len(text) > 60:
        text = text[:57] + "…"
    return f'{kind_label(kind)} "{text}"' if text else f"{kind_label(kind)} {ref[:8]}"


def conflict_data(m: Any, peer_label: str, conn: Connection,
                  redact: Callable[[str], str], reader: Any = None) -> ConflictData:
    """A stored conflict as handed out; `redact` names protected sources by pseudonym in the
    record's label (a report or a list may be read over a shoulder; the values themselves
    are the lead's to see)."""
    base = (m["base"] or {}).get("v")
    mine = (m["mine"] or {}).get("v")
    theirs = (m["theirs"] or {}).get("v")
    ref = str(m["record_uuid"])
    f = m["field"]
    if m["status"] == "open" and f not in (RECORD, ""):
        # "mine" is what this file holds now (edited since the merge, perhaps), not then
        from casefile.sync.content import Reader

        now = (reader or Reader(conn)).content_of(m["record_kind"], ref)
        if now is not None and f in now:
            mine = now[f]
    return ConflictData(
        uuid=uuid.UUID(str(m["uuid"])), peer_label=peer_label, record_kind=m["record_kind"],
        record_uuid=uuid.UUID(ref), record_label=_label(conn, m["record_kind"], ref, redact),
        field=f, field_label=field_label(f), reason=m["reason"],
        base_text=show(base, f), mine_text=show(mine, f), theirs_text=show(theirs, f),
        base=base, mine=mine, theirs=theirs, their_author=m["their_author"],
        their_changed_at=m["their_changed_at"], status=m["status"],
        resolved_by=m["resolved_by"], resolved_at=m["resolved_at"],
        editable=editable(m["record_kind"], f, theirs))


