"""Files kept inside the case file, stored once per SHA-256."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.db.session import Store
from casefile.errors import CaseFileError
from casefile.models import Blob


@dataclass(frozen=True)
class BlobProblem:
    """A stored file whose bytes no longer match the hash it was stored under."""

    sha256: str
    actual: str
    size: int


def guess_media_type(name: str) -> str:
    """A media type from a file name, or the generic binary type."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


class BlobStore:
    """Content-addressed storage: putting the same bytes twice stores them once."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def put(self, s: Session, data: bytes, media_type: str = "application/octet-stream") -> Blob:
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
        return self.put(s, data, guess_media_type(path.name))

    def read(self, sha256: str) -> bytes:
        """The stored bytes for a hash."""
        with self.store.read() as s:
            data = s.scalar(select(Blob.data).where(Blob.sha256 == sha256))
        if data is None:
            raise CaseFileError(f"no stored file with SHA-256 {sha256}")
        return bytes(data)

    def verify(self) -> Iterator[tuple[int, int, BlobProblem | None]]:
        """Re-hash every stored file; yields (done, total, problem or None) as it goes."""
        with self.store.read() as s:
            ids = list(s.scalars(select(Blob.id).order_by(Blob.id)))
        for n, blob_id in enumerate(ids, 1):
            with self.store.read() as s:
                row = s.execute(
                    select(Blob.sha256, Blob.size, Blob.data).where(Blob.id == blob_id)
                ).one()
            actual = hashlib.sha256(row.data).hexdigest()
            problem = None
            if actual != row.sha256 or len(row.data) != row.size:
                problem = BlobProblem(row.sha256, actual, len(row.data))
            yield n, len(ids), problem
