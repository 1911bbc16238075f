"""Photo previews carried in a bundle, so an import need not decode every photo again.

A bundle may hold, beside its `files/` folder, `previews/<sha256>-<max side>.jpg`: the
previews Casefile made of the photo with that SHA-256 (docs/bundle-format.md). They are
optional members — a bundle without them (or from an older Casefile) imports as before, each
photo decoded once for its previews — and a reader that does not know them ignores them.

On import a photo whose file hash matched keeps the bundle's previews when every size is
there and each one is a plain JPEG (no metadata segments, checked by its structure, not
decoded) no larger than its size, of the photo's shape; the photo itself is then only opened
(type, size, pixel limits), not decoded.
Anything else about the previews is not a problem with the bundle: the photo is decoded and
its previews made here, as without them.
"""

from __future__ import annotations

import warnings
from pathlib import PurePosixPath
from typing import IO, Any

from PIL import Image

from casefile.bundle.file_rows import Previews
from casefile.bundle.files import BundleSource
from casefile.errors import ZIP_READ_ERRORS, BundleError
from casefile.media.images import (
    FORMATS,
    MAX_PIXELS,
    THUMB_SIZES,
    RejectedImageError,
    heif_available,
    sniff_heif,
)

PREVIEWS_DIR = "previews"
MAX_PREVIEW_BYTES = 4 * 1024 * 1024  # a 1024-pixel JPEG is ~100-300 KB


def preview_name(sha256: str, max_side: int) -> str:
    """A preview's name inside the bundle (relative to the folder holding `files/`)."""
    return f"{PREVIEWS_DIR}/{sha256}-{max_side}.jpg"


def preview_rel(file_rel: str, sha256: str, max_side: int) -> str | None:
    """Where the preview of the photo at `file_rel` would be: beside its `files/` folder
    (`files/x.jpg` -> `previews/…`; `NAME-files/files/x.jpg` -> `NAME-files/previews/…`)."""
    path = PurePosixPath(file_rel)
    if path.parent.name != "files":
        return None
    return str(path.parent.parent / preview_name(sha256, max_side))


def bundle_previews(source: BundleSource, file_rel: str, sha256: str,
                    shape: tuple[int, int] | None) -> Previews | None:
    """The bundle's previews of this photo as (max side, width, height, bytes), or None if it
    has not every size, or any is not what Casefile makes (then the photo is decoded)."""
    out: Previews = []
    for side in THUMB_SIZES:
        rel = preview_rel(file_rel, sha256, side)
        if rel is None:
            return None
        try:
            data = _read_small(source, rel)
        except (KeyError, FileNotFoundError):
            return None  # not in the bundle: a damaged one is a problem (BundleError)
        size = _plain_jpeg_size(data) if data is not None else None
        if data is None or size is None or max(size) > side or not _same_shape(size, shape):
            return None
        out.append((side, size[0], size[1], data))
    return out


def _read_small(source: BundleSource, rel: str) -> bytes | None:
    """A preview's bytes (None if too large to be one); BundleError if it is damaged."""
    with source.open(rel) as fh:
        try:
            data = fh.read(MAX_PREVIEW_BYTES + 1)
        except ZIP_READ_ERRORS as exc:
            raise BundleError(source.name, [f"{rel!r}: damaged or not what its header "
                                            f"declares ({exc})"]) from exc
    return data if len(data) <= MAX_PREVIEW_BYTES else None


def _same_shape(size: tuple[int, int], shape: tuple[int, int] | None) -> bool:
    """Whether a preview has the photo's proportions (within rounding), if those are known."""
    if shape is None or min(shape) <= 0:
        return True
    (w, h), (pw, ph) = shape, size
    return abs(pw * h - ph * w) <= max(w, h)


_SOF = {0xC0, 0xC1, 0xC2}  # baseline, extended, progressive: what Pillow writes


def _plain_jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a JPEG holding pixels only — its segments read one by one up to
    the scan (no metadata segment but JFIF's APP0), and its end marker where it should be —
    or None. Its entropy-coded data is not decoded: that was most of an import's time on
    20,000 photos, and a preview that does not decode is only a preview that does not
    show; the photo itself has been opened and its type checked."""
    if len(data) < 4 or data[:2] != b"\xff\xd8" or data[-2:] != b"\xff\xd9":
        return None
    pos, size = 2, None
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        if length < 2 or pos + 2 + length > len(data):
            return None
        if marker == 0xDA:  # start of scan: the header is complete
            return size
        if 0xE1 <= marker <= 0xEF or marker == 0xFE:  # APP1-15 (EXIF, XMP, ICC…), COM
            return None
        if marker == 0xE0 and data[pos + 4:pos + 9] != b"JFIF\x00":
            return None
        if marker in _SOF:
            if length < 8:
                return None
            h = int.from_bytes(data[pos + 5:pos + 7], "big")
            w = int.from_bytes(data[pos + 7:pos + 9], "big")
            if w <= 0 or h <= 0:
                return None
            size = (w, h)
        elif 0xC3 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return None  # lossless, arithmetic-coded…: not what Casefile writes
        pos += 2 + length
    return None


def probe_photo(fh: IO[bytes]) -> tuple[int, int]:
    """Open (not decode) a photo whose previews came with it: its type and pixel count must
    be ones Casefile imports. Returns (width, height) as stored; RejectedImageError if not."""
    head = fh.read(16)
    fh.seek(0)
    if sniff_heif(head) and not heif_available():
        raise RejectedImageError("unsupported format HEIC/HEIF: install the heif extra "
                                 "(pip install 'casefile[heif]')")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            im: Any = Image.open(fh)
        except Exception as exc:  # noqa: BLE001 - hostile input may fail anywhere
            raise RejectedImageError(f"the file cannot be read as an image ({exc})") from None
        with im:
            fmt = "HEIF" if (im.format or "").upper() in ("HEIF", "HEIC") else (im.format or "")
            if fmt not in FORMATS:
                raise RejectedImageError(f"unsupported format {fmt or 'unknown'} (supported: "
                                         "JPEG, PNG, TIFF, WebP, HEIC)")
            w, h = im.size
            if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
                raise RejectedImageError(f"the image is too large to import safely ({w}×{h} "
                                         "pixels)")
            return int(w), int(h)
