"""Photos: the original bytes stored untouched, with what Pillow can tell of their size."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from casefile.errors import ValidationError
from casefile.models import Photo, Source, TeamMember
from casefile.services.base import RecordService
from casefile.services.blobs import BlobStore, guess_media_type


class PhotoService(RecordService[Photo]):
    """Photos of the story; the media pipeline (EXIF, thumbnails) builds on this."""

    model = Photo
    default_order = "taken_at"
    link_fields = {"credit_member": TeamMember, "credit_source": Source, "depicted": Source}

    def add(self, data: bytes, file_name: str, **fields: Any) -> Photo:
        """Store an image's original bytes and make a photo record for it."""
        with self.store.write() as s:
            photo = self.add_in(s, data, file_name, **fields)
            s.flush()
            return photo

    def add_file(self, path: Path, **fields: Any) -> Photo:
        """Import one image file from disk."""
        return self.add(path.read_bytes(), path.name, **fields)

    def add_in(self, s: Session, data: bytes, file_name: str, **fields: Any) -> Photo:
        """Store and record a photo inside the caller's transaction."""
        try:
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
            raise ValidationError(f"{file_name}: not a readable image ({exc})") from None
        blob = BlobStore(self.store).put(s, data, guess_media_type(file_name))
        photo = Photo(blob=blob, file_name=file_name, width=width, height=height)
        self.apply(s, photo, fields, creating=True)
        s.add(photo)
        return photo
