"""Writing a case out as a bundle: JSON plus the stored files it refers to."""

from __future__ import annotations

import glob
import json
import mimetypes
import os
import secrets
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import casefile
from casefile.bundle.spec import FORMAT, FORMAT_VERSION, TOP, Spec, to_json_value
from casefile.case import CaseFile
from casefile.db.types import utcnow
from casefile.errors import CaseFileError
from casefile.models import Blob, CaseInfo, Tagging, TrashEntry
from casefile.outputs import guard_output
from casefile.redaction import RedactionPolicy

BUNDLE_JSON = "bundle.json"
Payload = dict[str, tuple[str, bytes | None]]


def _file_path(blob: Blob) -> str:
    ext = mimetypes.guess_extension(blob.media_type) or ""
    return f"files/{blob.sha256}{ext if ext != '.bin' else ''}"


def _record(s: Session, spec: Spec, obj: Any, files: dict[str, Blob],
            trash: dict[int, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in spec.scalar_columns():
        out[col.key] = to_json_value(getattr(obj, col.key))
    if spec.model.KIND == "quote":
        out["span"] = {"start": obj.span_start, "end": obj.span_end}
    for name in spec.refs:
        target = getattr(obj, name)
        out[name] = str(target.uuid) if target is not None else None
    for name in spec.lists:
        out[name] = [str(t.uuid) for t in getattr(obj, name)]
    if spec.model.KIND == "draft":
        out["byline"] = [str(b.member.uuid) for b in obj.byline]
    if spec.model.KIND == "tag":
        rows = s.scalars(select(Tagging.record_uuid).where(Tagging.tag_id == obj.id)
                         .order_by(Tagging.record_uuid))
        out["records"] = [str(u) for u in rows]
    if spec.file_attr:
        blob = getattr(obj, spec.file_attr)
        out["file"] = None
        if blob is not None:
            files[blob.sha256] = blob
            out["file"] = {"path": _file_path(blob), "sha256": blob.sha256, "size": blob.size,
                           "media_type": blob.media_type}
    for key, child_spec, _parent in spec.children:
        children = s.scalars(
            select(child_spec.model)
            .execution_options(include_trashed=True)
            .where(getattr(child_spec.model, _fk_for(child_spec, _parent)) == obj.id)
            .order_by(child_spec.model.id)
        )
        out[key] = [_record(s, child_spec, c, files, trash) for c in children]
    if getattr(obj, "trash_id", None) is not None:
        out["trash"] = trash[obj.trash_id]
    return out


def _fk_for(spec: Spec, parent_attr: str) -> str:
    return f"{parent_attr}_id"


def to_document(case: CaseFile) -> tuple[dict[str, Any], dict[str, Blob]]:
    """The case as a bundle dict, and the blobs its `file` entries name (by SHA-256)."""
    files: dict[str, Blob] = {}
    with case.store.read() as s:
        info = s.scalars(select(CaseInfo)).one()
        trash_rows = list(s.scalars(select(TrashEntry).order_by(TrashEntry.id)))
        trash = {t.id: str(t.uuid) for t in trash_rows}
        doc: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generator": f"Casefile {casefile.__version__}",
            "exported_at": utcnow().isoformat(),
            "case": {k: to_json_value(getattr(info, k)) for k in
                     ("uuid", "created_at", "updated_at", "title", "slug", "summary",
                      "language", "desk", "house_style")},
        }
        child_models = {c.model for spec in TOP for _k, c, _p in spec.children}
        for spec in TOP:
            stmt = select(spec.model).execution_options(include_trashed=True)
            rows = s.scalars(stmt.order_by(spec.model.id))
            assert spec.model not in child_models
            doc[spec.key] = [_record(s, spec, obj, files, trash) for obj in rows]
        doc["trash"] = [
            {k: to_json_value(getattr(t, k)) for k in
             ("uuid", "deleted_at", "actor", "record_kind", "record_uuid", "label", "item_count")}
            for t in trash_rows
        ]
    return doc, files


@dataclass(frozen=True)
class Written:
    """A bundle written: where, and one line for each file or record a shared bundle withheld
    (what, where, why — never its contents)."""

    path: Path
    withheld: list[str] = field(default_factory=list)


def dump_bundle(case: CaseFile, out: Path | str,
                policy: RedactionPolicy | None = None) -> Path:
    """Write the case to `out`: a `.zip` holding bundle.json and files/, or a `.json` file
    with its files in a `<name>-files/` folder beside it. Written atomically.

    Without a policy it is a complete copy (for the reporter's own use); with one — e.g.
    `RedactionPolicy()` to share with an editor — it holds what the policy lets leave."""
    return write_bundle(case, out, policy).path


def write_bundle(case: CaseFile, out: Path | str,
                 policy: RedactionPolicy | None = None) -> Written:
    """`dump_bundle`, also listing what a shared bundle withheld.

    The folder form never reuses an existing `<name>-files/`: the files go into a new folder
    beside it, which replaces the old one whole once written — nothing of an earlier (say,
    complete) dump can stay in a folder about to be sent."""
    out = guard_output(out, [case.path])  # never over the case, nor a file in use
    doc, blobs = to_document(case)
    payload: Payload = {sha: (blob.media_type, None) for sha, blob in blobs.items()}
    withheld: list[str] = []
    if policy is not None and policy.redacts:
        from casefile.bundle.share import redact_document

        doc, payload, withheld = redact_document(case, doc, blobs, policy)
    data = _json_bytes(doc)

    def content(sha: str) -> bytes:
        cleaned = payload[sha][1]
        return cleaned if cleaned is not None else case.blobs.read(sha)

    def path_of(sha: str) -> str:
        ext = mimetypes.guess_extension(payload[sha][0]) or ""
        return f"files/{sha}{ext if ext != '.bin' else ''}"

    files = sorted(payload)
    part = out.with_name(out.name + ".part")
    fresh: Path | None = None
    try:
        if out.suffix.lower() == ".zip":
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(BUNDLE_JSON, data)
                for sha in files:
                    zf.writestr(path_of(sha), content(sha), compress_type=zipfile.ZIP_STORED)
        else:
            folder = out.with_name(out.stem + "-files")
            _remove_leftovers(folder)
            fresh = folder.with_name(f".{folder.name}.{secrets.token_hex(6)}.part")
            fresh.mkdir()
            for sha in files:
                target = fresh / path_of(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content(sha))
            for entry in doc_files(doc):
                entry["path"] = f"{folder.name}/{entry['path']}"
            part.write_bytes(_json_bytes(doc))
        with part.open("rb") as fh:
            os.fsync(fh.fileno())
        if fresh is not None:
            _swap_folder(fresh, out.with_name(out.stem + "-files"))
            fresh = None
        part.replace(out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        raise CaseFileError(f"{out}: cannot write the bundle ({exc.strerror})") from exc
    return Written(out, withheld)


def _remove_leftovers(folder: Path) -> None:
    """Folders an interrupted dump to the same name left beside `folder`."""
    for stale in folder.parent.glob(f".{glob.escape(folder.name)}.*"):
        if stale.name.endswith((".part", ".old")) and stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _swap_folder(fresh: Path, folder: Path) -> None:
    """Put the newly written `fresh` folder at `folder`; whatever was there (an earlier
    dump's files, a file, a link) is moved aside first and then deleted whole."""
    old: Path | None = None
    if folder.exists() or folder.is_symlink():
        old = folder.with_name(f".{folder.name}.{secrets.token_hex(6)}.old")
        folder.rename(old)
    try:
        fresh.rename(folder)
    except OSError:
        if old is not None:
            old.rename(folder)  # put the earlier dump's folder back as it was
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _json_bytes(doc: dict[str, Any]) -> bytes:
    """The bundle's JSON: strictly JSON (`NaN` and `Infinity` are JavaScript, which other
    tools and our own importer refuse), or a plain error naming the values that are not."""
    try:
        return json.dumps(doc, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    except ValueError:
        from casefile.bundle.files import bounded_problems

        where = "; ".join(bounded_problems(doc)[:5]) or "a number that is not finite"
        raise CaseFileError(f"the case holds values a bundle cannot carry ({where}); "
                            "correct them and write the bundle again") from None


def doc_files(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every `file` object in a bundle dict."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            f = node.get("file")
            if isinstance(f, dict) and "path" in f:
                found.append(f)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    return found
