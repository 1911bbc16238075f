"""Deciding a merge, record by record and field by field, before anything is written.

For each record the other file changed since the base (found by versions, without loading
anything else), its content is compared with the base on both sides:
- a field only the other side changed is taken; both changed to the same value is fine;
  both changed differently is a conflict — except long text, merged three-way where the edits
  do not overlap (casefile/sync/text_merge.py);
- lists of links and tags merge as sets of additions and removals; a byline keeps this side's
  order, removals taken out, additions put at the end;
- trashing is a field too: trashed on one side and edited on the other is a conflict;
- a record gone from the other side (purged, or no longer in what a restricted copy sees) is
  trashed here, unless it was edited here (a conflict); one purged here but edited there is a
  conflict; one new there comes in;
- what a copy only saw redacted (a protected name as its pseudonym) is never overwritten from
  the copy, and a copy never makes a protected source nameable: both are conflicts the lead
  decides.
The lead's value stays in place for every conflict; both are kept in the conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casefile.models import GroundRules
from casefile.sync.content import BYLINE, CASE_KIND, KINDS, TAGS, TRASHED, Content
from casefile.sync.state import BaseRow
from casefile.sync.text_merge import merge_text

# Long text merged three-way (paragraphs, then sentences) where the edits do not overlap.
LONG_TEXT = {
    "interview": ("transcript", "notes"),
    "draft": ("body", "dek"),
    "source": ("notes",),
    "claim": ("notes",),
    "comment_request": ("answer_text", "notes"),
    "document": ("notes",),
    "quote": ("notes",),
    "team_member": ("notes",),
    "case": ("summary",),
}
RECORD = ""  # the field of a conflict about the record as a whole


@dataclass
class Conflict:
    """One field (or record) both sides changed in ways that cannot both stand."""

    field: str
    reason: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class Decision:
    """What the merge does to one record."""

    uuid: str
    kind: str
    mine: Content | None
    theirs: Content | None
    create: bool = False
    fields: dict[str, Any] = field(default_factory=dict)  # field -> value to write here
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trash: bool = False  # "trash it here" (gone there, or trashed there)
    restore: bool = False
    new_base: BaseRow | None = None
    pending: dict[str, Any] = field(default_factory=dict)  # edits held by a conflict


@dataclass(frozen=True)
class Basis:
    """What a record is compared against: the agreed content in this file's terms
    (`ancestor`), the other side's content as last seen (`theirs`), and how the other side
    saw this side's agreed values (`seen`: differs where it only saw them redacted)."""

    ancestor: Content
    theirs: Content
    seen: Content


# Ground rules from the most to the least attributable (casefile/models/enums.py).
STRICTNESS = {rule.value: i for i, rule in enumerate(GroundRules)}
# Fields whose loosening by a copy only the lead may accept.
GROUND_RULES = {"source": "ground_rules", "interview": "ground_rules", "quote": "ground_rules"}


def _looser(mine: Any, theirs: Any) -> bool:
    """Whether `theirs` lets more be printed than `mine` (a quote's own rules: none means
    its source's, so setting one where there was none loosens nothing only if it is the
    strictest)."""
    if mine == theirs:
        return False
    if theirs is None:
        return mine is not None  # dropping a quote's own rules: its source's apply
    if mine is None:
        return STRICTNESS.get(theirs, 0) < len(STRICTNESS) - 1
    return STRICTNESS.get(theirs, 0) < STRICTNESS.get(mine, len(STRICTNESS))


def _set_merge(mine: list[str], base: list[str], theirs: list[str],
               ordered: bool) -> list[str]:
    adds = [u for u in theirs if u not in base]
    removes = set(base) - set(theirs)
    kept = [u for u in mine if u not in removes]
    out = kept + [u for u in adds if u not in kept]
    return out if ordered else sorted(out)


def decide(uuid: str, kind: str, mine: Content | None, theirs: Content | None,
           basis: Basis | None, *, from_copy: bool, view_of_mine: Content | None,
           language: str) -> Decision:
    """Decide one record (see the module doc). `from_copy`: the other file is a copy made
    from this one (its changes to protected sources need the lead's word);
    `view_of_mine`: this side's current content as the other side sees it, when known."""
    d = Decision(uuid, kind, mine, theirs)
    if theirs is None:  # gone there
        if mine is None or basis is None:
            return d
        edited = [f for f in mine if f != TRASHED and mine.get(f) != basis.ancestor.get(f)]
        if edited:
            d.conflicts.append(Conflict(RECORD, "deleted in the other file, edited here",
                                        None, False, True))
        elif not mine.get(TRASHED):
            d.trash = True
            d.notes.append("deleted in the other file: moved to the trash here")
        return d
    if mine is None:
        if basis is None:
            d.create = True
            return d
        if theirs != basis.theirs:
            d.conflicts.append(Conflict(RECORD, "deleted here, edited in the other file",
                                        basis.ancestor, None, theirs))
        return d
    if basis is None:  # on both sides, never merged: the same record made twice
        basis = Basis(mine, view_of_mine or mine, view_of_mine or mine)
    anc, th, seen = basis.ancestor, basis.theirs, basis.seen
    kind_info = KINDS.get(kind)
    sets = set(kind_info.set_fields()) if kind_info else set()
    changed_here_any = any(mine.get(f) != anc.get(f) for f in mine if f != TRASHED)
    for f in sorted(set(theirs) | set(mine)):
        b_val, a_val, base_val = theirs.get(f), mine.get(f), anc.get(f)
        if b_val == th.get(f):
            continue  # not changed there
        if f in sets or f == BYLINE:
            merged: Any = _set_merge(list(a_val or []), list(th.get(f) or []), list(b_val or []),
                                ordered=f == BYLINE)
            if merged != list(a_val or []):
                d.fields[f] = merged
            continue
        if view_of_mine is not None and view_of_mine.get(f) == b_val:
            continue  # the other side holds what it sees of this side's value
        if a_val == b_val:
            continue
        changed_here = a_val != base_val
        if f == TRASHED:
            if b_val and changed_here_any:
                d.conflicts.append(Conflict(TRASHED, "trashed in the other file, edited here",
                                            base_val, a_val, b_val))
            elif b_val and not changed_here:
                d.trash = True
            elif not b_val and not changed_here:
                d.restore = True
            elif a_val and not b_val:
                d.conflicts.append(Conflict(TRASHED, "trashed here, restored in the other "
                                            "file", base_val, a_val, b_val))
            continue
        if from_copy and GROUND_RULES.get(kind) == f and _looser(a_val, b_val):
            d.conflicts.append(Conflict(f, "the copy loosens the ground rules",
                                        base_val, a_val, b_val))
            continue
        if not changed_here:
            if seen.get(f) != base_val:
                d.conflicts.append(Conflict(f, "changed in a copy that saw it only with a "
                                            "protected identity withheld", base_val, a_val,
                                            b_val))
            else:
                d.fields[f] = b_val
            continue
        long = f in LONG_TEXT.get(kind, ())
        if long and all(isinstance(v, str) for v in (base_val, a_val, b_val)) \
                and seen.get(f) == base_val:
            result = merge_text(str(base_val), str(a_val), str(b_val), language=language)
            if result.text is not None:
                d.fields[f] = result.text
                d.notes.append(f"{f}: edits on both sides merged")
                continue
            # The edits that do not overlap are applied; where they do, this side's words
            # stay, and the conflict holds the text with the other side's words there.
            mine_text = result.resolved(lambda h: h.mine)
            theirs_text = result.resolved(lambda h: h.theirs)
            if mine_text != a_val:
                d.fields[f] = mine_text
                d.notes.append(f"{f}: the edits that do not overlap merged")
            d.conflicts.append(Conflict(f, "changed on both sides", base_val, mine_text,
                                        theirs_text))
            continue
        d.conflicts.append(Conflict(f, "changed on both sides", base_val, a_val, b_val))
    if kind == CASE_KIND:
        d.trash = d.restore = False
    elif mine.get(TRASHED) and not anc.get(TRASHED) and not d.restore:
        # trashed here, edited there: the edits wait with the conflict (taking theirs
        # restores the record with them)
        edits = {f: v for f, v in d.fields.items() if f not in sets and f != BYLINE}
        if edits:
            for f in edits:
                d.fields.pop(f)
            d.conflicts.append(Conflict(TRASHED, "trashed here, edited in the other file",
                                        False, True, {"trashed": False, "edits": edits}))
            d.notes.append("edited in the other file: " + ", ".join(sorted(edits))
                           + " (waiting with the conflict)")
            d.pending = edits
    if d.trash and changed_here_any and not d.conflicts:
        d.trash = False
        d.conflicts.append(Conflict(TRASHED, "trashed in the other file, edited here",
                                    anc.get(TRASHED), False, True))
    if TAGS in d.fields and kind == "tag":
        d.fields.pop(TAGS)
    return d
