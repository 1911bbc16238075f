"""A bundle to share with an editor or a colleague: the case as the redaction policy allows it
to leave (casefile/redaction.py) — pseudonyms for protected sources, no contact details or
private notes, no deleted records, photos rebuilt from pixels with GPS removed as chosen."""

from __future__ import annotations

import hashlib
import mimetypes
from typing import Any

from sqlalchemy import select

from casefile.bundle.dump import doc_files
from casefile.case import CaseFile
from casefile.models import Blob, GroundRules, Source
from casefile.redaction import RedactionPolicy, Redactor, clean_image

# Cleaned bytes (or None for "read the stored blob"), media type, by SHA-256.
Payload = dict[str, tuple[str, bytes | None]]


def redact_document(case: CaseFile, doc: dict[str, Any], files: dict[str, Blob],
                    policy: RedactionPolicy) -> tuple[dict[str, Any], Payload]:
    """The bundle dict and its files as `policy` lets them leave."""
    with case.store.read() as s:
        sources = list(s.scalars(select(Source).execution_options(include_trashed=True)))
    redactor = Redactor(policy, sources)
    by_uuid = {str(src.uuid): src for src in sources}
    if not policy.include_trash:
        doc = _without_trash(doc)
    protected = {u for u, src in by_uuid.items() if src.ground_rules is not GroundRules.ON_RECORD}
    places = [(iv["place_lat"], iv["place_lon"]) for iv in doc.get("interviews", [])
              if iv.get("place_lat") is not None and iv.get("place_lon") is not None
              and protected & set(iv.get("interviewees", []))]
    doc["sources"] = [redactor.source_fields(by_uuid[s["uuid"]], s) if s["uuid"] in by_uuid
                      else s for s in doc.get("sources", [])]
    if policy.drop_private_notes:
        doc = _drop(doc, {"notes"})
        for src in doc.get("sources", []):
            src["contacts"] = []
    payload: Payload = {sha: (blob.media_type, None) for sha, blob in files.items()}
    for photo in doc.get("photos", []):
        if redactor.strips_gps(photo.get("gps_lat"), photo.get("gps_lon"),
                               bool(protected & set(photo.get("depicted", []))), places):
            photo["gps_lat"] = photo["gps_lon"] = photo["gps_alt"] = None
        if not policy.keep_photo_metadata:
            photo["exif"] = {}
            _clean_photo_file(case, photo, payload)
    doc = redactor.deep(doc)
    used = {f["sha256"] for f in doc_files(doc)}
    return doc, {sha: entry for sha, entry in payload.items() if sha in used}


def _clean_photo_file(case: CaseFile, photo: dict[str, Any], payload: Payload) -> None:
    entry = photo.get("file")
    if not entry:
        return
    data, media_type = clean_image(case.blobs.read(entry["sha256"]))
    sha = hashlib.sha256(data).hexdigest()
    ext = mimetypes.guess_extension(media_type) or ""
    payload[sha] = (media_type, data)
    photo["file"] = {"path": f"files/{sha}{ext}", "sha256": sha, "size": len(data),
                     "media_type": media_type}
    photo["orientation"] = None  # applied to the pixels


def _without_trash(doc: dict[str, Any]) -> dict[str, Any]:
    """Deleted records stay home; references to them are dropped."""
    removed: set[str] = set()

    def prune(node: Any) -> Any:
        if isinstance(node, list):
            kept = []
            for item in node:
                if isinstance(item, dict) and item.get("trash"):
                    removed.add(str(item.get("uuid")))
                    _collect(item, removed)
                    continue
                kept.append(prune(item))
            return kept
        if isinstance(node, dict):
            return {k: prune(v) for k, v in node.items()}
        return node

    doc = prune(doc)
    doc["trash"] = []

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
