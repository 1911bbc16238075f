"""Photo previews carried in a bundle, so an import need not decode every photo again.

A bundle may hold, beside its `files/` folder, `previews/<sha256>-<max side>.jpg`: the
previews Casefile made of the photo with that SHA-256 (docs/bundle-format.md). They are
optional members — a bundle without them (or from an older Casefile) imports as before, each
photo decoded once for its previews — and a reader that does not know them ignores them.

On import a photo whose file hash matched keeps the bundle's previews when every size is
there, each one a JPEG with no metadata segment before its first scan (a cheap first check)
of the size Casefile would make of the photo as it really is (its dimensions read from the
file, upright, not the bundle's). A kept preview is decoded and re-encoded from its pixels
here, as the app makes previews: a hand-made one can carry metadata or a comment after a
later scan, or inside its scan data, and the clean Word export embeds previews as they are.
Decoding a 1024-pixel preview is still far cheaper than decoding the photo, which is only
opened (type, size, pixel limits). Anything else about the previews is not a problem with
the bundle: the photo is decoded and its previews made here, as without them.
"""

from __future__ import annotations

import io
from pathlib import PurePosixPath
from typing import IO

from casefile.bundle.file_rows import Previews
from casefile.bundle.files import BundleSource
from casefile.errors import ZIP_READ_ERRORS, BundleError
from casefile.media.images import THUMB_SIZES, open_image, pixels_jpeg

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
                    photo: bytes) -> Previews | None:
    """The previews of this photo, remade from the pixels of the bundle's own, as (max side,
    width, height, bytes); or None if it has not every size or any is not what Casefile
    would make of `photo` (then the photo is decoded). RejectedImageError if the photo is
    not one Casefile imports; BundleError if a preview member is damaged."""
    found: list[tuple[int, bytes]] = []
    for side in THUMB_SIZES:
        rel = preview_rel(file_rel, sha256, side)
        if rel is None:
            return None
        try:
            data = _read_small(source, rel)
        except (KeyError, FileNotFoundError):
            return None  # not in the bundle: a damaged one is a problem (BundleError)
        if data is None or _plain_jpeg_size(data) is None:
            return None
        found.append((side, data))
    real = probe_photo(io.BytesIO(photo))
    out: Previews = []
    for side, data in found:
        remade = _remade(data, side, real)
        if remade is None:
            return None
        out.append((side, *remade))
    return out


def _remade(data: bytes, side: int, real: tuple[int, int]) -> tuple[int, int, bytes] | None:
    """(width, height, bytes) of a fresh baseline JPEG of the preview's pixels only, if it
    decodes and its size is what Casefile makes of a photo of `real` (upright) pixels for
    `side`: its long side min(side, the photo's), its proportions the photo's."""
    try:
        with open_image(io.BytesIO(data)) as (im, fmt):
            size = (int(im.size[0]), int(im.size[1]))
            if fmt != "JPEG" or max(size) != min(side, max(real)) or \
                    not _same_shape(size, real):
                return None  # checked before decoding: at most side × side pixels
            im.load()
            return size[0], size[1], pixels_jpeg(im)
    except Exception:  # noqa: BLE001 - a hostile preview may fail anywhere: decode the photo
        return None


def _read_small(source: BundleSource, rel: str) -> bytes | None:
    """A preview's bytes (None if too large to be one); BundleError if it is damaged."""
    with source.open(rel) as fh:
        try:
            data = fh.read(MAX_PREVIEW_BYTES + 1)
        except ZIP_READ_ERRORS as exc:
            raise BundleError(source.name, [f"{rel!r}: damaged or not what its header "
                                            f"declares ({exc})"]) from exc
    return data if len(data) <= MAX_PREVIEW_BYTES else None


def _same_shape(size: tuple[int, int], shape: tuple[int, int]) -> bool:
    """Whether a preview has the photo's proportions (within a pixel of rounding)."""
    (w, h), (pw, ph) = shape, size
    return abs(pw * h - ph * w) <= max(w, h)


_SOF = {0xC0, 0xC1, 0xC2}  # baseline, extended, progressive: what Pillow writes


def _plain_jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a JPEG with no metadata segment before its first scan (none but
    JFIF's APP0), and its end marker where it should be — or None. Only a cheap first
    check, so an odd preview is not even decoded: what is kept is re-encoded anyway."""
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
    be ones Casefile imports. Returns its upright (width, height), as its previews show it
    (EXIF orientation applied); RejectedImageError if not."""
    with open_image(fh) as (im, _):
        w, h = int(im.size[0]), int(im.size[1])
        try:
            orientation = im.getexif().get(0x0112)
        except Exception:  # noqa: BLE001 - broken EXIF: imported without it, so not turned
            orientation = None
        return (h, w) if orientation in (5, 6, 7, 8) else (w, h)
