"""Photos: import from files and folders (original bytes untouched, EXIF read, previews made),
with progress and cancel; duplicates detected by content; every bad file rejected alone."""

from __future__ import annotations

import hashlib
import os
import stat
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from casefile.errors import CaseFileError, ValidationError
from casefile.media.images import (
    FOLDER_EXTENSIONS,
    THUMB_SIZES,
    ImageInfo,
    RejectedImageError,
    inspect_image,
)
from casefile.models import Blob, Photo, Source, TeamMember, Thumbnail
from casefile.read_models import PhotoData
from casefile.services.base import RecordService, Ref
from casefile.services.blobs import put_blob, put_previews

Outcome = Literal["imported", "duplicate", "rejected", "skipped"]
MAX_FILE_BYTES = 1024 * 1024 * 1024  # larger "photos" are refused before reading


class DuplicatePhotoError(CaseFileError):
    """The same image bytes are already in the case."""

    def __init__(self, name: str, existing: uuid.UUID, trashed: bool) -> None:
        self.existing = existing
        where = "in the trash" if trashed else "already in this case"
        super().__init__(f"{name}: a duplicate of a photo {where}; not stored twice")


@dataclass(frozen=True)
class PhotoImportEvent:
    """What happened to one file of an import, and how far the import has got."""

    done: int
    total: int
    path: Path
    outcome: Outcome
    photo: uuid.UUID | None
    message: str


def collect_image_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """Files to import: each file given, and image files found under each folder (sorted,
    hidden ones left out). Returns (files, skipped files that are not images)."""
    files: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            files.append(path)
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                target = Path(root) / name
                suffix = target.suffix.lower()
                (files if suffix in FOLDER_EXTENSIONS else skipped).append(target)
    return files, skipped


def _cancelled(cancel: threading.Event | Callable[[], bool] | None) -> bool:
    if cancel is None:
        return False
    return cancel.is_set() if isinstance(cancel, threading.Event) else bool(cancel())


class PhotoService(RecordService[Photo, PhotoData]):
    """Photos of the story."""

    model = Photo
    default_order = "taken_at"
    link_fields = {"credit_member": TeamMember, "credit_source": Source, "depicted": Source}
    page_loads = ("credit_member", "credit_source", "depicted")

    # -- the original file ---------------------------------------------------------------

    def open_copy(self, ref: Ref) -> Path:
        """A read-only copy of the photo's file as imported, in a private temporary folder,
        for the system's viewer ("Open the file"); as `DocumentService.open_copy`, the
        original is never handed out and the copies go when the case closes."""
        from casefile import private_temp
        from casefile.media.documents import safe_file_name

        with self._store.read() as s:
            photo = self._load(s, ref)
            name = photo.file_name
            data = s.scalar(select(Blob.data).where(Blob.id == photo.blob_id))
        if data is None:
            raise CaseFileError("this photo's file is missing from the case")
        folder = private_temp.make_private_dir()
        self.__dict__.setdefault("_copies", []).append(folder)
        target = folder / safe_file_name(name or "photo")
        target.write_bytes(bytes(data))
        target.chmod(0o400)
        return target

    def remove_copies(self) -> None:
        """Delete every temporary copy made by `open_copy`."""
        from casefile import private_temp

        for folder in self.__dict__.pop("_copies", []):
            private_temp.remove_private_dir(folder)

    # -- importing -----------------------------------------------------------------------

    def add(self, data: bytes, file_name: str, **fields: Any) -> PhotoData:
        """Import one image from bytes. Raises ValidationError (rejected, with the reason)
        or DuplicatePhotoError; `fields` (caption, credit…) override what EXIF says."""
        digest = hashlib.sha256(data).hexdigest()
        self._refuse_duplicate(digest, file_name)
        return self._commit(_Prepared(file_name, data, digest, _inspect(data, file_name)),
                            fields)

    def add_file(self, path: Path | str, **fields: Any) -> PhotoData:
        """Import one image file from disk."""
        path = Path(path)
        return self.add(_read(path), path.name, **fields)

    def _commit(self, prepared: _Prepared, fields: dict[str, Any]) -> PhotoData:
        if isinstance(prepared.info, ValidationError):
            raise prepared.info
        self._refuse_duplicate(prepared.digest, prepared.name)
        with self._store.write() as s:
            photo = self._insert_photo(s, prepared.data, prepared.digest, prepared.name,
                                prepared.info, fields)
            s.flush()
            return self._data(photo)

    def import_files(self, paths: Iterable[Path | str], *,
                     cancel: threading.Event | Callable[[], bool] | None = None,
                     **fields: Any) -> Iterator[PhotoImportEvent]:
        """Import files and folders (recursively), one transaction per photo, yielding an
        event per file. A bad file is reported and the rest go on; cancelling stops before
        the next file, keeping every photo already imported and nothing half-done."""
        files, skipped = collect_image_files(paths)
        total = len(files) + len(skipped)
        done = 0
        for path in skipped:
            done += 1
            yield PhotoImportEvent(done, total, path, "skipped", None, "not an image file")
        # Decoding (Pillow) and writing (SQLite) both release the GIL: the next files are
        # read and decoded on a helper thread while this one is committed.
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="photo-decode")
        ahead: deque[tuple[Path, Future[_Prepared]]] = deque()
        queue = iter(files)
        try:
            while True:
                while len(ahead) < LOOKAHEAD and (upcoming := next(queue, None)) is not None:
                    ahead.append((upcoming, pool.submit(_prepare, upcoming)))
                if not ahead or _cancelled(cancel):
                    return
                path, future = ahead.popleft()
                done += 1
                try:
                    photo = self._commit(future.result(), fields)
                except DuplicatePhotoError as exc:
                    yield PhotoImportEvent(done, total, path, "duplicate", exc.existing,
                                           str(exc))
                except (ValidationError, CaseFileError) as exc:
                    yield PhotoImportEvent(done, total, path, "rejected", None, str(exc))
                else:
                    yield PhotoImportEvent(done, total, path, "imported", photo.uuid,
                                           f"{path.name}: imported")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _refuse_duplicate(self, digest: str, name: str) -> None:
        with self._store.read() as s:
            row = s.execute(
                select(Photo.uuid, Photo.trash_id)
                .execution_options(include_trashed=True)
                .join(Blob, Blob.id == Photo.blob_id)
                .where(Blob.sha256 == digest)
                .order_by(Photo.trash_id.is_not(None), Photo.id)
            ).first()
        if row is not None:
            raise DuplicatePhotoError(name, row.uuid, row.trash_id is not None)

    def _insert_photo(self, s: Session, data: bytes, digest: str, file_name: str, info: ImageInfo,
               fields: dict[str, Any]) -> Photo:
        blob = put_blob(s, data, info.media_type, digest)
        put_previews(s, blob.id, _previews(info))
        photo = Photo(blob=blob, file_name=file_name)
        self._apply(s, photo, {**info.photo_fields(), **fields}, creating=True)
        s.add(photo)
        return photo

    # -- previews ------------------------------------------------------------------------

    def thumbnail(self, ref: Ref, max_side: int = 256) -> bytes:
        """An upright JPEG preview (256 or 1024 px on the long side), from the cache; made and
        cached on first use for photos that came in without one (bundles, old files)."""
        if max_side not in THUMB_SIZES:
            raise ValidationError(f"thumbnail size must be one of {THUMB_SIZES}")
        with self._store.read() as s:
            photo = self._load(s, ref)
            blob_id = photo.blob_id
            data = s.scalar(select(Thumbnail.data).where(Thumbnail.blob_id == blob_id,
                                                         Thumbnail.max_side == max_side))
        if data is not None:
            return bytes(data)
        self._make_thumbnails(blob_id)
        with self._store.read() as s:
            data = s.scalar(select(Thumbnail.data).where(Thumbnail.blob_id == blob_id,
                                                         Thumbnail.max_side == max_side))
        assert data is not None
        return bytes(data)

    def missing_thumbnails(self) -> Iterator[tuple[int, int]]:
        """Make every missing preview; yields (done, total) so a worker can show progress."""
        with self._store.read() as s:
            ids = list(s.scalars(
                select(Photo.blob_id).distinct().execution_options(include_trashed=True)
                .where(~Photo.blob_id.in_(select(Thumbnail.blob_id)))))
        for n, blob_id in enumerate(ids, 1):
            self._make_thumbnails(blob_id)
            yield n, len(ids)

    def _make_thumbnails(self, blob_id: int) -> None:
        with self._store.read() as s:
            data = bytes(s.scalar(select(Blob.data).where(Blob.id == blob_id)) or b"")
        try:
            info = inspect_image(data, "")
        except RejectedImageError as exc:
            raise CaseFileError(f"cannot make a preview: {exc}") from None
        with self._store.write() as s:
            put_previews(s, blob_id, _previews(info))


LOOKAHEAD = 2  # files decoded ahead of the one being written (bounds memory)


@dataclass(frozen=True)
class _Prepared:
    """A file read, hashed and decoded off the database thread, ready to commit."""

    name: str
    data: bytes
    digest: str
    info: ImageInfo | ValidationError


def _previews(info: ImageInfo) -> list[tuple[int, int, int, bytes]]:
    """A decoded image's previews as the blob store takes them."""
    return [(t.max_side, t.width, t.height, t.data) for t in info.thumbnails]


def _inspect(data: bytes, name: str) -> ImageInfo | ValidationError:
    try:
        return inspect_image(data, name)
    except RejectedImageError as exc:
        return ValidationError(f"{name}: {exc}")


def _prepare(path: Path) -> _Prepared:
    try:
        data = _read(path)
    except ValidationError as exc:
        return _Prepared(path.name, b"", "", exc)
    return _Prepared(path.name, data, hashlib.sha256(data).hexdigest(),
                     _inspect(data, path.name))


def _read(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ValidationError(f"{path}: is a folder")
        _regular(path, path.stat())  # a named pipe would block the open, a device worse
        # Opened without waiting, and checked again on the open file (it may have been
        # swapped meanwhile) before a byte is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            size = _regular(path, os.fstat(fh.fileno())).st_size
            if size > MAX_FILE_BYTES:
                raise ValidationError(f"{path}: too large to import ({size // 2**20} MB)")
            return fh.read()
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except OSError as exc:
        raise ValidationError(f"{path}: cannot be read ({exc.strerror})") from None


def _regular(path: Path, st: os.stat_result) -> os.stat_result:
    """`st` if it describes a regular file; a pipe, socket or device is refused unread."""
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError(f"{path}: not a regular file (a pipe, socket or device); "
                              "not imported")
    return st
