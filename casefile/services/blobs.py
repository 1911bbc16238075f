"""Files kept inside the case file, stored once per SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.db.session import Store
from casefile.errors import CaseFileError
from casefile.models import Blob

# Stored files' bytes read per query while verifying (one file at a time in memory).
VERIFY_BATCH_BYTES = 32 * 1024 * 1024


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


class BlobStore:
    """Content-addressed storage: putting the same bytes twice stores them once."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _put(self, s: Session, data: bytes, media_type: str = "application/octet-stream") -> Blob:
        """The blob holding `data`, added inside the caller's transaction if new."""
        digest = hashlib.sha256(data).hexdigest()
        found = s.scalars(select(Blob).where(Blob.sha256 == digest)).one_or_none()
        if found is not None:
            return found
        blob = Blob(sha256=digest, size=len(data), media_type=media_type, data=data)
        s.add(blob)
        s.flush()
        return blob

    def put_file(self, s: Session, path: Path) -> Blob:
        """Store a file from disk, with a clear error if it cannot be read."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CaseFileError(f"{path}: cannot be read ({exc.strerror})") from exc
        return self._put(s, data, guess_media_type(path.name))

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
