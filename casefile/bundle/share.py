"""A bundle to share with an editor or a colleague: the case as the redaction policy allows it
to leave (casefile/redaction.py) — pseudonyms for protected sources (in CSL author entries too),
no contact details or private notes, no deleted records; every file cleaned or withheld
(casefile/bundle/clean_files.py); interviews with a protected source without their transcript,
attachments, place or time of day unless the reporter includes them."""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from casefile.bundle.clean_files import (
    NAMES_PROTECTED,
    Cleaned,
    clean_file,
    describe,
    names_found,
    photo_names,
)
from casefile.bundle.document import StoredRef, doc_files
from casefile.claims.draft_text import OBJECT, Anchor, DraftText
from casefile.identity import Hit
from casefile.media.csl import redact_csl_names, redact_keys, redact_names
from casefile.models import Source
from casefile.models.claims import EVIDENCE_TARGETS
from casefile.redaction import RedactionPolicy, Redactor

if TYPE_CHECKING:
    from casefile.case import CaseFile

# Cleaned bytes (or None for "read the stored blob"), media type, by SHA-256.
Payload = dict[str, tuple[str, bytes | None]]
TRANSCRIPT_WITHHELD = ("[withheld: transcript of an interview with a protected source; only "
                       "the quotes used as evidence are kept]")
QUOTE_UNSHAREABLE = ("[withheld: this transcript cannot be shared without naming a protected "
                     "source; only its quotes are kept]")
QUOTE_GAP = "\n\n[…]\n\n"
BODY_UNSHAREABLE = "[withheld: this text cannot be shared without naming a protected source]"
Spans = dict[str, tuple[dict[str, int], str]]  # quote uuid -> (span, text) as they leave


def redact_document(case: CaseFile, doc: dict[str, Any], files: dict[str, StoredRef],
                    policy: RedactionPolicy) -> tuple[dict[str, Any], Payload, list[str]]:
    """The bundle dict and its files as `policy` lets them leave, and one line for every
    file (or record) withheld and why."""
    with case._store.read() as s:
        sources = list(s.scalars(select(Source).execution_options(include_trashed=True)))
    redactor = Redactor(policy, sources)
    by_uuid = {str(src.uuid): src for src in sources}
    if not policy.include_trash:
        doc = _without_trash(doc)
    protected = {u for u, src in by_uuid.items() if src.is_protected}
    places = [(iv["place_lat"], iv["place_lon"]) for iv in doc.get("interviews", [])
              if iv.get("place_lat") is not None and iv.get("place_lon") is not None
              and _with_protected(iv, protected)]
    doc["sources"] = [redactor.source_fields(by_uuid[s["uuid"]], s) if s["uuid"] in by_uuid
                      else s for s in doc.get("sources", [])]
    if policy.drop_private_notes:
        doc = _drop(doc, {"notes"})
        for src in doc.get("sources", []):
            src["contacts"] = []
    files_out = _Files(case, redactor, {sha: (blob.media_type, None)
                                        for sha, blob in files.items()})
    removed: set[str] = set()
    evidence = {e.get("quote") for c in doc.get("claims", []) for e in c.get("evidence", [])}
    texts = {str(iv.get("uuid")): _share_interview(iv, protected, evidence, policy, files_out,
                                                   removed)
             for iv in doc.get("interviews", [])}
    for photo in doc.get("photos", []):
        if redactor.strips_gps(photo.get("gps_lat"), photo.get("gps_lon"),
                               bool(protected & set(photo.get("depicted", []))), places):
            photo["gps_lat"] = photo["gps_lon"] = photo["gps_alt"] = None
        if not policy.keep_photo_metadata:
            photo["exif"] = {}
            photo["orientation"] = None  # applied to the pixels
            if not files_out.clean(photo, "photo", photo.get("file_name", ""), ""):
                removed.add(str(photo["uuid"]))
        elif not files_out.scan(photo, "photo", photo.get("file_name", "")):
            removed.add(str(photo["uuid"]))
    for document in doc.get("documents", []):
        if policy.hide_identities:
            document["authors"] = redact_names(document.get("authors"), redactor)
            if isinstance(document.get("csl_extra"), dict):
                document["csl_extra"] = redact_csl_names(document["csl_extra"], redactor)
        if document.get("file") and not files_out.clean(
                document, "document file", document.get("file_name", ""),
                f" of document {redactor.text(document.get('title', ''))!r}"):
            document["file"] = None
            document["page_count"] = None
    if removed:
        doc = _remove(doc, removed)
    if policy.hide_identities:
        for key in ("exif", "snapshot"):  # free-form mappings: their keys too
            _each_field(doc, key, lambda value: redact_keys(value, redactor))
    _share_bodies(doc, redactor)  # names in the text a reader sees, markup aside
    doc = redactor.deep(doc)
    _share_bodies(doc, redactor)  # and checked again once every string is redacted
    for iv in doc.get("interviews", []):  # set after deep(): every span must still hold
        transcript, spans = texts[str(iv.get("uuid"))]
        iv["transcript"] = transcript
        for q in iv.get("quotes", []):
            if str(q.get("uuid")) in spans:
                q["span"], q["text"] = spans[str(q["uuid"])]
    used = {f["sha256"] for f in doc_files(doc)}
    payload = {sha: entry for sha, entry in files_out.payload.items() if sha in used}
    return doc, payload, files_out.withheld


class _Files:
    """The files of one shared bundle: cleaned once per content, withheld ones listed."""

    def __init__(self, case: CaseFile, redactor: Redactor, payload: Payload) -> None:
        self.case, self.redactor, self.payload = case, redactor, payload
        self.withheld: list[str] = []
        self._done: dict[str, Cleaned] = {}

    def note(self, kind: str, name: str, owner: str, reason: str) -> None:
        """List one withheld file (its name as it may leave)."""
        self.withheld.append(describe(kind, self.redactor.text(name), owner, reason))

    def clean(self, rec: dict[str, Any], kind: str, name: str, owner: str) -> bool:
        """Replace `rec`'s file by its cleaned copy; False (and listed) if it is withheld."""
        entry = rec["file"]
        sha = entry["sha256"]
        if sha not in self._done:
            self._done[sha] = clean_file(self.case.blobs.read(sha), entry["media_type"],
                                         self.redactor)
        cleaned = self._done[sha]
        if cleaned.data is None:
            self.note(kind, name, owner, cleaned.reason)
            return False
        media_type = cleaned.media_type or entry["media_type"]
        new_sha = hashlib.sha256(cleaned.data).hexdigest()
        self.payload[new_sha] = (media_type, cleaned.data)
        ext = mimetypes.guess_extension(media_type) or ""
        rec["file"] = {"path": f"files/{new_sha}{ext if ext != '.bin' else ''}",
                       "sha256": new_sha, "size": len(cleaned.data), "media_type": media_type}
        return True

    def scan(self, rec: dict[str, Any], kind: str, name: str) -> bool:
        """An original file kept as it is (the reporter asked): still never one that names a
        protected source in its metadata."""
        data = self.case.blobs.read(rec["file"]["sha256"])
        if photo_names(self.redactor, data):
            self.note(kind, name, "", NAMES_PROTECTED)
            return False
        return True


def _share_interview(iv: dict[str, Any], protected: set[str], evidence: set[Any],
                     policy: RedactionPolicy, files_out: _Files, removed: set[str]
                     ) -> tuple[str, Spans]:
    """One interview as it may leave (records it drops go into `removed`); its transcript and
    quote spans, to be set once every other string is redacted."""
    redactor = files_out.redactor
    owner = f" of interview {redactor.text(iv.get('title', ''))!r}"
    with_protected = _with_protected(iv, protected) and policy.hide_identities
    if with_protected:
        _coarsen_meeting(iv)
    withhold = with_protected and not policy.include_protected_transcripts
    if withhold:
        for att in iv.get("attachments", []):
            removed.add(str(att["uuid"]))
            files_out.note("interview attachment", att.get("file_name", ""), owner,
                           "withheld with the transcript of an interview with a protected "
                           "source")
        iv["attachments"] = []
        removed |= {str(q["uuid"]) for q in iv.get("quotes", []) if q.get("uuid") not in evidence}
        iv["quotes"] = [q for q in iv.get("quotes", []) if q.get("uuid") in evidence]
    for att in iv.get("attachments", []):
        if not files_out.clean(att, "interview attachment", att.get("file_name", ""), owner):
            removed.add(str(att["uuid"]))
    iv["attachments"] = [a for a in iv.get("attachments", []) if a["uuid"] not in removed]
    return _transcript(iv, redactor, withhold)


def _with_protected(iv: dict[str, Any], protected: set[str]) -> bool:
    """Whether an interview is one with a protected source: one of its interviewees, or the
    speaker of one of its quotes, is not on the record — or the interview itself was not."""
    speakers = {q.get("speaker") for q in iv.get("quotes", []) if isinstance(q, dict)}
    return bool(protected & ({*iv.get("interviewees", []), *speakers} - {None})) or \
        iv.get("ground_rules", "on_record") not in (None, "on_record")


def _share_bodies(doc: dict[str, Any], redactor: Redactor) -> None:
    """`share_body` applied to every draft's body and every draft version's."""
    for draft in doc.get("drafts", []):
        if isinstance(draft.get("body"), str):
            draft["body"] = share_body(draft["body"], redactor)
        for version in draft.get("versions", []):
            snapshot = version.get("snapshot")
            if isinstance(snapshot, dict) and isinstance(snapshot.get("body"), str):
                snapshot["body"] = share_body(snapshot["body"], redactor)


def share_body(body: str, redactor: Redactor) -> str:
    """A draft body (stored form, casefile/claims/draft_text.py) as it may leave.

    Names are looked for in its *visible* text, where a claim anchor's markup inside a name
    ("Oye⟦claim:…⟧laran") no longer hides it; an anchor with an edge inside a name loses its
    markup (its words stay), then every name is replaced. The result is parsed again to make
    sure no name is left in what a reader sees; failing that, the body is withheld."""
    text = DraftText.parse(body)
    if not redactor.find(text.text):
        return body
    for anchors in (True, False):
        if not anchors:  # a name the anchors still hide: without any
            text = DraftText(text.text, (), text.photos)
        for _ in range(3):
            hits = redactor.find(text.text)
            if not hits:
                out = text.serialize()
                if not redactor.find(DraftText.parse(out).text):
                    return out
                break
            text = _replace_hits(text, sorted(hits, key=lambda h: h.start))
    return BODY_UNSHAREABLE


def _replace_hits(text: DraftText, hits: list[Hit]) -> DraftText:
    """`text` with each hit (in order, not overlapping) replaced by its pseudonym; anchors
    with an edge inside a hit are dropped, the others moved; a photo inside a hit goes."""

    def inside(x: int) -> bool:
        return any(h.start < x < h.end for h in hits)

    def moved(x: int) -> int:
        return x + sum(len(h.identity.replacement) - (h.end - h.start)
                       for h in hits if h.end <= x)

    anchors = tuple(Anchor(moved(a.start), moved(a.end), a.claim) for a in text.anchors
                    if not inside(a.start) and not inside(a.end))
    out: list[str] = []
    photos: list[uuid.UUID] = []
    pos = index = 0
    for h in hits:
        before = text.text[pos:h.start]
        photos += text.photos[index:index + before.count(OBJECT)]
        index += before.count(OBJECT) + text.text[h.start:h.end].count(OBJECT)
        out += [before, h.identity.replacement.replace(OBJECT, "")]
        pos = h.end
    out.append(text.text[pos:])
    photos += text.photos[index:]
    return DraftText("".join(out), tuple(a for a in anchors if a.end > a.start), tuple(photos))


def _each_field(node: Any, key: str, change: Callable[[Any], Any]) -> None:
    """`change` applied, in place, to the value of every `key` at any depth."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                node[k] = change(v)
            else:
                _each_field(v, key, change)
    elif isinstance(node, list):
        for v in node:
            _each_field(v, key, change)


def _coarsen_meeting(iv: dict[str, Any]) -> None:
    """Where and when a protected source was met can identify them: the place and position go,
    the time becomes the day."""
    iv["place_name"] = ""
    iv["place_lat"] = iv["place_lon"] = None
    held = iv.get("held_at")
    if isinstance(held, str) and held:
        try:
            when = datetime.fromisoformat(held)
        except ValueError:
            iv["held_at"] = None
        else:
            iv["held_at"] = when.replace(hour=0, minute=0, second=0, microsecond=0).isoformat()


def _transcript(iv: dict[str, Any], redactor: Redactor, withhold: bool) -> tuple[str, Spans]:
    """The transcript as it may leave, and each quote's span and text in it.

    It is redacted piece by piece between quote boundaries, so every span still holds its
    quote's words. A withheld transcript — or one where a name runs across a quote's edge —
    becomes a marker followed by the quotes alone."""
    original = str(iv.get("transcript") or "")
    quotes = [q for q in iv.get("quotes", []) if isinstance(q.get("span"), dict)]
    if withhold:
        return _quotes_only(TRANSCRIPT_WITHHELD, quotes, redactor)
    if not all(original[q["span"]["start"]:q["span"]["end"]] == q.get("text") for q in quotes):
        return redactor.text(original), {}  # drifted quotes: the reporter's to fix, as before
    cuts = sorted({0, len(original), *(q["span"][k] for q in quotes for k in ("start", "end"))})
    pieces = [redactor.text(original[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    new = "".join(pieces)
    if names_found(redactor, new):
        return _quotes_only(QUOTE_UNSHAREABLE, quotes, redactor)
    at, length = {}, 0
    for cut, piece in zip(cuts, [*pieces, ""], strict=True):
        at[cut] = length
        length += len(piece)
    spans: Spans = {}
    for q in quotes:
        start, end = at[q["span"]["start"]], at[q["span"]["end"]]
        spans[str(q["uuid"])] = ({"start": start, "end": end}, new[start:end])
    return new, spans


def _quotes_only(marker: str, quotes: list[dict[str, Any]], redactor: Redactor
                 ) -> tuple[str, Spans]:
    new, spans = marker, {}
    for q in quotes:
        text = redactor.text(str(q.get("text", "")))
        if not text:
            continue
        new += QUOTE_GAP
        spans[str(q["uuid"])] = ({"start": len(new), "end": len(new) + len(text)}, text)
        new += text
    return new, spans


def _remove(doc: dict[str, Any], removed: set[str]) -> dict[str, Any]:
    """`doc` without the records in `removed`, the evidence pointing at them, or any
    reference to them."""
    for claim in doc.get("claims", []):
        removed |= {str(e.get("uuid")) for e in claim.get("evidence", [])
                    if any(e.get(t) in removed for t in EVIDENCE_TARGETS)}
    return _unlink(_prune(doc, lambda item: str(item.get("uuid")) in removed), removed)


def _without_trash(doc: dict[str, Any]) -> dict[str, Any]:
    """Deleted records stay home; references to them are dropped."""
    removed: set[str] = set()

    def trashed(item: dict[str, Any]) -> bool:
        if item.get("trash"):
            removed.add(str(item.get("uuid")))
            _collect(item, removed)
            return True
        return False

    doc = _prune(doc, trashed)
    doc["trash"] = []
    return _unlink(doc, removed)


def _prune(doc: dict[str, Any], gone: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """`doc` without every record (at any depth) for which `gone` is true."""

    def prune(node: Any) -> Any:
        if isinstance(node, list):
            return [prune(item) for item in node if not (isinstance(item, dict) and gone(item))]
        if isinstance(node, dict):
            return {k: prune(v) for k, v in node.items()}
        return node

    result: dict[str, Any] = prune(doc)
    return result


def _unlink(doc: dict[str, Any], removed: set[str]) -> dict[str, Any]:
    """References to removed records dropped from lists and set to null."""

    def unlink(node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: unlink(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [unlink(v, key) for v in node if not (isinstance(v, str) and v in removed)]
        if isinstance(node, str) and key != "uuid" and node in removed:
            return None
        return node

    result: dict[str, Any] = unlink(doc)
    return result


def _collect(node: Any, into: set[str]) -> None:
    if isinstance(node, dict):
        if "uuid" in node:
            into.add(str(node["uuid"]))
        for v in node.values():
            _collect(v, into)
    elif isinstance(node, list):
        for v in node:
            _collect(v, into)


def _drop(node: Any, keys: set[str]) -> Any:
    if isinstance(node, dict):
        return {k: ("" if k in keys and isinstance(v, str) else _drop(v, keys))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_drop(v, keys) for v in node]
    return node
