"""Writing a case out as a bundle: JSON plus the stored files it refers to."""

from __future__ import annotations

import glob
import io
import json
import os
import secrets
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import select

from casefile.bundle.document import StoredRef, build_document, doc_files, file_path
from casefile.bundle.previews import preview_name
from casefile.bundle.share import redact_document
from casefile.errors import CaseFileError
from casefile.media.images import THUMB_SIZES
from casefile.models import Blob, Thumbnail
from casefile.outputs import guard_output
from casefile.redaction import RedactionPolicy

if TYPE_CHECKING:
    from casefile.case import CaseFile

BUNDLE_JSON = "bundle.json"
Payload = dict[str, tuple[str, bytes | None]]
BATCH_BYTES = 8 * 1024 * 1024  # stored files read from the case at a time, at most (or one)


def to_document(case: CaseFile) -> tuple[dict[str, Any], dict[str, StoredRef]]:
    """The case as a bundle dict, and the stored files its `file` entries name (by SHA-256)."""
    with case._store.read() as s:
        return build_document(s)


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
                 policy: RedactionPolicy | None = None, *,
                 keep: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Written:
    """`dump_bundle`, also listing what a shared bundle withheld; `keep` narrows the
    document once redacted (a field copy's chosen interviews and claims).

    The folder form never reuses an existing `<name>-files/`: the files go into a new folder
    beside it, which replaces the old one whole once written — nothing of an earlier (say,
    complete) dump can stay in a folder about to be sent."""
    out = guard_output(out, [case.path])  # never over the case, nor a file in use
    doc, blobs = to_document(case)
    payload: Payload = {sha: (blob.media_type, None) for sha, blob in blobs.items()}
    withheld: list[str] = []
    shared = policy is not None and policy.redacts
    if shared:

        assert policy is not None
        doc, payload, withheld = redact_document(case, doc, blobs, policy)
    if keep is not None:
        doc = keep(doc)
        used = {f["sha256"] for f in doc_files(doc)}
        payload = {sha: entry for sha, entry in payload.items() if sha in used}
    # Previews only in a complete copy: a shared bundle's photos are rebuilt (new hashes),
    # and nothing made from an original may leave beside its cleaned copy.
    photos = [] if shared else sorted({p["file"]["sha256"] for p in doc.get("photos", [])
                                       if p.get("file")})

    def path_of(sha: str) -> str:
        return file_path(sha, payload[sha][0])

    files = sorted(payload)
    part = out.with_name(out.name + ".part")
    fresh: Path | None = None
    try:
        if out.suffix.lower() == ".zip":
            # Level 1: the JSON deflates to ~1/5 either way, three times faster than level 6.
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                with zf.open(BUNDLE_JSON, "w") as raw:
                    _write_json(doc, raw)
                for sha, data in _contents(case, files, payload, blobs):
                    zf.writestr(path_of(sha), data, compress_type=zipfile.ZIP_STORED)
                for name, data in _previews(case, photos):
                    zf.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        else:
            folder = out.with_name(out.stem + "-files")
            _remove_leftovers(folder)
            fresh = folder.with_name(f".{folder.name}.{secrets.token_hex(6)}.part")
            fresh.mkdir()
            for sha, data in _contents(case, files, payload, blobs):
                target = fresh / path_of(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            for name, data in _previews(case, photos):
                target = fresh / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            for entry in doc_files(doc):
                entry["path"] = f"{folder.name}/{entry['path']}"
            with part.open("wb") as raw:
                _write_json(doc, raw)
        with part.open("rb") as fh:
            os.fsync(fh.fileno())
        if fresh is not None:
            _swap_folder(fresh, out.with_name(out.stem + "-files"))
            fresh = None
        part.replace(out)
    except BaseException as exc:
        part.unlink(missing_ok=True)
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(exc, OSError):
            raise CaseFileError(f"{out}: cannot write the bundle ({exc.strerror})") from exc
        raise
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


def _contents(case: CaseFile, files: list[str], payload: Payload,
              stored: dict[str, StoredRef]) -> Iterator[tuple[str, bytes]]:
    """Each file's bytes, in order: a cleaned copy as made, a stored file read from the case
    a batch at a time (up to BATCH_BYTES, or one larger file), each batch in a short read
    of its own so the app's other work goes on between them."""
    batch: list[str] = []
    size = 0

    def flush() -> Iterator[tuple[str, bytes]]:
        with case._store.read() as s:
            found = dict(s.connection().execute(
                select(Blob.sha256, Blob.data).where(Blob.sha256.in_(batch))).all())
        for sha in batch:
            if sha not in found:
                raise CaseFileError(f"no stored file with SHA-256 {sha}")
            yield sha, bytes(found.pop(sha))

    for sha in files:
        cleaned = payload[sha][1]
        if cleaned is not None:
            yield sha, cleaned
            continue
        batch.append(sha)
        size += stored[sha].size if sha in stored else BATCH_BYTES
        if size >= BATCH_BYTES or len(batch) >= 500:
            yield from flush()
            batch, size = [], 0
    if batch:
        yield from flush()


def _previews(case: CaseFile, shas: list[str]) -> Iterator[tuple[str, bytes]]:
    """Each photo's stored previews (all sizes, or none), 200 photos a query. An import
    keeps them instead of decoding every photo again (on the 20,000-photo test case that
    is most of an import's time)."""
    for start in range(0, len(shas), 200):
        chunk = shas[start:start + 200]
        have: dict[str, dict[int, bytes]] = {sha: {} for sha in chunk}
        with case._store.read() as s:
            for sha, side, data in s.connection().execute(
                    select(Blob.sha256, Thumbnail.max_side, Thumbnail.data)
                    .join(Blob, Blob.id == Thumbnail.blob_id)
                    .where(Blob.sha256.in_(chunk))):
                have[sha][side] = bytes(data)
        for sha in chunk:
            sides = have[sha]
            if all(side in sides for side in THUMB_SIZES):
                for side in THUMB_SIZES:
                    yield preview_name(sha, side), sides[side]


def _write_json(doc: dict[str, Any], raw: IO[bytes]) -> None:
    """The bundle's JSON, written as it is encoded: one record a line, so the text of a
    large case is never one string in memory. Strictly JSON (`NaN` and `Infinity` are
    JavaScript, which other tools and our own importer refuse), or a plain error naming
    the values that are not."""
    out = io.TextIOWrapper(io.BufferedWriter(_Unclosed(raw), 1024 * 1024), encoding="utf-8",
                           newline="\n")
    try:
        out.write("{")
        for i, (key, value) in enumerate(doc.items()):
            out.write(("," if i else "") + "\n" + json.dumps(key) + ": ")
            if isinstance(value, list) and value:
                out.write("[")
                for j, item in enumerate(value):
                    out.write(("," if j else "") + "\n" + _dumps(doc, item))
                out.write("\n]")
            else:
                out.write(_dumps(doc, value))
        out.write("\n}\n")
    finally:
        out.flush()
        out.detach()


class _Unclosed(io.RawIOBase):
    """Writes through to a stream its wrapper must not close (the zip member closes it)."""

    def __init__(self, raw: IO[bytes]) -> None:
        super().__init__()
        self.raw = raw

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.raw.write(data)
        return len(data)


def _dumps(doc: dict[str, Any], value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        from casefile.bundle.files import bounded_problems

        where = "; ".join(bounded_problems(doc)[:5]) or "a number that is not finite"
        raise CaseFileError(f"the case holds values a bundle cannot carry ({where}); "
                            "correct them and write the bundle again") from None
