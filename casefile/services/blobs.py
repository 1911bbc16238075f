"""Files kept inside the case file, stored once per SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.db.session import Store
from casefile.db.types import utcnow
from casefile.errors import CaseFileError
from casefile.models import Blob, Thumbnail

# Stored files' bytes read per query while verifying (one file at a time in memory).
VERIFY_BATCH_BYTES = 32 * 1024 * 1024
DEFAULT_MEDIA_TYPE = "application/octet-stream"
Previews = Iterable[tuple[int, int, int, bytes]]  # (max side, width, height, JPEG bytes)


@dataclass(frozen=True)
class BlobProblem:
    """A stored file whose bytes no longer match the hash (or size) it was stored under;
    `actual` is None when only the size was checked (a quick check)."""

    sha256: str
    actual: str | None
    size: int
    stored_size: int = -1

    def describe(self) -> str:
        """The finding as `casefile check` reports it."""
        if self.actual is None:
            return (f"stored file {self.sha256} has changed: it now holds {self.size} bytes, "
                    f"not the {self.stored_size} it was stored with")
        return (f"stored file {self.sha256} has changed: its bytes now hash to "
                f"{self.actual} ({self.size} bytes)")


def guess_media_type(name: str) -> str:
    """A media type from a file name, or the generic binary type."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


# -- the one place files and previews go into a case ----------------------------------
# The services insert through the session (`put_blob`, `put_previews`); a bundle import
# writes raw rows in bulk for speed, built by the same two rules (`blob_row`, `preview_rows`).


def blob_row(data: bytes, media_type: str | None, sha256: str | None = None) -> dict[str, Any]:
    """The row that stores `data`: keyed by its SHA-256 (computed unless the caller has
    already hashed it), its size and its media type (generic binary when unknown)."""
    return {"sha256": sha256 or hashlib.sha256(data).hexdigest(), "size": len(data),
            "media_type": media_type or DEFAULT_MEDIA_TYPE, "data": data,
            "created_at": utcnow()}


def preview_rows(blob_id: int, previews: Previews, have: Iterable[int]) -> list[dict[str, Any]]:
    """The preview rows a stored photo still lacks: one per size it has no preview of."""
    stored = set(have)
    return [{"blob_id": blob_id, "max_side": side, "width": w, "height": h, "data": data}
            for side, w, h, data in previews if side not in stored]


def put_blob(s: Session, data: bytes, media_type: str | None = None,
             sha256: str | None = None) -> Blob:
    """The blob holding `data`, added inside the caller's transaction if the case does not
    have these bytes yet (the same bytes are stored once)."""
    row = blob_row(data, media_type, sha256)
    found = s.scalars(select(Blob).where(Blob.sha256 == row["sha256"])).one_or_none()
    if found is not None:
        return found
    blob = Blob(**row)
    s.add(blob)
    s.flush()
    return blob


def put_previews(s: Session, blob_id: int, previews: Previews) -> None:
    """A stored photo's previews, each size it does not have yet, in the caller's
    transaction."""
    have = s.scalars(select(Thumbnail.max_side).where(Thumbnail.blob_id == blob_id))
    s.add_all(Thumbnail(**row) for row in preview_rows(blob_id, previews, list(have)))


class BlobStore:
    """Content-addressed storage: putting the same bytes twice stores them once."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _put(self, s: Session, data: bytes, media_type: str = DEFAULT_MEDIA_TYPE) -> Blob:
        """The blob holding `data`, added inside the caller's transaction if new."""
        return put_blob(s, data, media_type)

    def read(self, sha256: str) -> bytes:
        """The stored bytes for a hash."""
        with self._store.read() as s:
            data = s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
        if data is None:
            raise CaseFileError(f"no stored file with SHA-256 {sha256}")
        return bytes(data)

    def verify(self, *, hash_bytes: bool = True) -> Iterator[tuple[int, int, BlobProblem | None]]:
        """Re-hash every stored file; yields (done, total, problem or None) as it goes.

        The rows are streamed, one stored file in memory at a time, by one query per
        VERIFY_BATCH_BYTES of files (a query and a session per file cost 14 s of a 22 s check
        on a large case); between batches the case's lock is let go, so the window's own reads
        never wait longer than one batch. `hash_bytes=False` checks each file's size alone,
        which SQLite answers without reading the bytes (one query for all)."""
        with self._store.read() as s:
            total = int(s.connection().exec_driver_sql("SELECT count(*) FROM blobs").scalar_one())
        done, after = 0, 0
        while done < total:
            with self._store.read() as s:
                rows = s.connection().exec_driver_sql(
                    f"SELECT id, sha256, size, {'data' if hash_bytes else 'length(data)'} "
                    "FROM blobs WHERE id > ? ORDER BY id", (after,)).yield_per(1)
                read = 0
                for blob_id, sha256, size, data in rows:
                    done, after = done + 1, blob_id
                    yield done, total, _problem(sha256, size, data, hash_bytes)
                    read += size
                    if hash_bytes and read >= VERIFY_BATCH_BYTES:
                        rows.close()
                        break
                else:
                    return
            time.sleep(0)  # let a thread waiting for the lock have it


def _problem(sha256: str, size: int, data: bytes | int,
             hash_bytes: bool) -> BlobProblem | None:
    """What is wrong with one stored file (`data`: its bytes, or only their length)."""
    if not hash_bytes:
        length = int(data)  # type: ignore[arg-type]
        return None if length == size else BlobProblem(sha256, None, length, size)
    assert isinstance(data, bytes)
    actual = hashlib.sha256(data).hexdigest()
    if actual != sha256 or len(data) != size:
        return BlobProblem(sha256, actual, len(data), size)
    return None
