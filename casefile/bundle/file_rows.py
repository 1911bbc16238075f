"""Stored files and photo previews of a bundle, written as the check reads them.

The check reads each file once — to hash it and, for a photo, to decode it or check the
previews that came with it — and writes it (and its previews) into the import's transaction
in small batches (BATCH_BYTES, or one larger file), then lets their bytes go: each photo is
decoded at most once, and no previews are held for later. If the check then finds any
problem the whole transaction is rolled back, so the case is left exactly as it was, as for
any failed import.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, insert, select

from casefile.bundle.spec import TOP, Spec
from casefile.bundle.tables import table_of
from casefile.media.images import THUMB_SIZES
from casefile.models import Blob, Thumbnail
from casefile.services.blobs import blob_row, preview_rows

Previews = list[tuple[int, int, int, bytes]]  # (max side, width, height, JPEG bytes)
BATCH_BYTES = 8 * 1024 * 1024  # file and preview bytes waiting to be written, at most


def file_entries(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Every `file` object of the bundle's records, in the order the records come."""
    found: list[dict[str, Any]] = []

    def walk(spec: Spec, rec: Any) -> None:
        if not isinstance(rec, dict):
            return
        if spec.file_attr and isinstance(rec.get("file"), dict):
            found.append(rec["file"])
        for key, child, _attr in spec.children:
            for c in rec.get(key, None) or []:
                walk(child, c)

    for spec in TOP:
        for rec in doc.get(spec.key) or []:
            walk(spec, rec)
    return found


class FileWriter:
    """Blobs and previews written during one import; `ids` maps a hash to its blob id."""

    def __init__(self, conn: Connection, shas: Iterable[str]) -> None:
        self.conn = conn
        self.blobs = table_of(Blob)
        self.thumbs = table_of(Thumbnail)
        wanted = sorted(set(shas))
        self.ids: dict[str, int] = {}
        for start in range(0, len(wanted), 500):
            for sha, blob_id in conn.execute(
                    select(self.blobs.c.sha256, self.blobs.c.id)
                    .where(self.blobs.c.sha256.in_(wanted[start:start + 500]))):
                self.ids[sha] = blob_id
        self.in_case = set(self.ids)  # files the case already had
        self._next = (conn.execute(select(func.max(self.blobs.c.id))).scalar() or 0) + 1
        self._blob_rows: list[dict[str, Any]] = []
        self._thumb_rows: list[dict[str, Any]] = []
        self._pending = 0

    def has(self, sha: str) -> bool:
        """Whether the case (or this import) already stores a file with this hash."""
        return sha in self.ids

    def needs_previews(self, sha: str) -> bool:
        """Whether a photo with this hash still lacks a preview of some size."""
        if sha not in self.in_case:
            return True
        return len(self._sides(self.ids[sha])) < len(THUMB_SIZES)

    def _sides(self, blob_id: int) -> set[int]:
        return set(self.conn.execute(select(self.thumbs.c.max_side)
                                     .where(self.thumbs.c.blob_id == blob_id)).scalars())

    def put(self, f: dict[str, Any], data: bytes) -> int:
        """Store one file (its hash already checked); returns its blob id. Rows wait in a
        small batch (at most BATCH_BYTES, or one larger file) for one `executemany`."""
        sha = f["sha256"]
        known = self.ids.get(sha)
        if known is not None:
            return known
        blob_id = self.ids[sha] = self._next
        self._next += 1
        self._blob_rows.append({"id": blob_id, **blob_row(data, f.get("media_type"), sha)})
        self._pending += len(data)
        self._maybe_flush()
        return blob_id

    def put_previews(self, sha: str, previews: Previews) -> None:
        """A stored photo's previews, each size it does not have yet."""
        blob_id = self.ids[sha]
        have = self._sides(blob_id) if sha in self.in_case else set()
        rows = preview_rows(blob_id, previews, have)
        self._thumb_rows += rows
        self._pending += sum(len(row["data"]) for row in rows)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if self._pending >= BATCH_BYTES or len(self._thumb_rows) >= 1000:
            self.flush()

    def flush(self) -> None:
        """Write the rows waiting (blobs before the previews that refer to them)."""
        if self._blob_rows:
            self.conn.execute(insert(self.blobs), self._blob_rows)
        if self._thumb_rows:
            self.conn.execute(insert(self.thumbs), self._thumb_rows)
        self._blob_rows, self._thumb_rows, self._pending = [], [], 0
