"""Opening untrusted image files safely, reading what their EXIF says, making thumbnails.

Everything here works on bytes and returns plain values: no database, no Qt. Any file a
reporter drops in — truncated, lying about its type, a decompression bomb — gives an
`RejectedImageError` whose message names the reason; nothing else escapes.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import IO, Any

from PIL import ExifTags, Image, UnidentifiedImageError

THUMB_SIZES = (1024, 256)  # long side in pixels; the small one is made from the large one
THUMB_QUALITY = 85
# Pixel limits, one place for every path that decodes an untrusted picture:
# - importing a photo (`inspect_image`): at most MAX_PIXELS (~179 MP, Pillow's own bomb
#   threshold); a JPEG is decoded at the size of its largest preview (the decoder scales it),
#   any other format is decoded whole first, so its pixels must fit MAX_DECODED_BYTES (83 MP
#   of RGB): an import stays under ~500 MB;
# - rebuilding a picture from its pixels for a shared bundle (`casefile.redaction.clean_image`,
#   and pictures inside Office files in `casefile.bundle.clean_files`): at most
#   CLEAN_MAX_PIXELS, as two RGB(A) copies of 4 bytes a pixel fit MAX_DECODED_BYTES; a JPEG
#   over it is decoded at 1/2, 1/4 or 1/8 of its size, any other picture over it is refused.
MAX_PIXELS = 2 * (Image.MAX_IMAGE_PIXELS or 89_478_485)
MAX_DECODED_BYTES = 320 * 1024 * 1024
CLEAN_MAX_PIXELS = 40_000_000  # 2 × 4 × 40 M = 305 MiB, within MAX_DECODED_BYTES
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff",
           "WEBP": "image/webp", "HEIF": "image/heic"}
EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".jpe": "JPEG", ".png": "PNG", ".tif": "TIFF",
              ".tiff": "TIFF", ".webp": "WEBP", ".heic": "HEIF", ".heif": "HEIF"}
# Image types a folder import tries (and rejects with a reason if unsupported); other
# files in a folder (sidecars, notes) are skipped.
FOLDER_EXTENSIONS = set(EXTENSIONS) | {".gif", ".bmp", ".avif", ".jxl", ".svg", ".dng", ".cr2",
                                       ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2"}
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1")
# Orientation tag value -> the transpose that shows the picture upright.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SKIPPED_TAGS = {0x927C, 0x9286, 0x02BC, 0x8773, 0x83BB}  # MakerNote, UserComment, XMP, ICC, IPTC


def heif_available() -> bool:
    """True when the optional pillow-heif plugin is installed (and now registered)."""
    try:
        from pillow_heif import register_heif_opener  # type: ignore[import-not-found]
    except ImportError:
        return False
    register_heif_opener()
    return True


class RejectedImageError(Exception):
    """A file that cannot be imported as a photo; `str()` is the reason, for the user."""


@dataclass(frozen=True)
class Thumb:
    """One JPEG preview."""

    max_side: int
    width: int
    height: int
    data: bytes


@dataclass
class ImageInfo:
    """What an image file says about itself."""

    format: str
    media_type: str
    width: int  # as displayed, after the orientation tag is applied
    height: int
    orientation: int | None = None
    taken_at: datetime | None = None  # aware when the camera recorded its offset
    gps_lat: float | None = None
    gps_lon: float | None = None
    gps_alt: float | None = None
    camera_make: str = ""
    camera_model: str = ""
    lens: str = ""
    exif: dict[str, str] = field(default_factory=dict)
    thumbnails: list[Thumb] = field(default_factory=list)

    @property
    def time_zone_known(self) -> bool:
        """False when the capture time is camera-local with no recorded offset."""
        return self.taken_at is not None and self.taken_at.tzinfo is not None

    def photo_fields(self) -> dict[str, Any]:
        """The values a Photo record takes from this image."""
        return {
            "taken_at": self.taken_at, "gps_lat": self.gps_lat, "gps_lon": self.gps_lon,
            "gps_alt": self.gps_alt, "camera_make": self.camera_make,
            "camera_model": self.camera_model, "lens": self.lens, "width": self.width,
            "height": self.height, "orientation": self.orientation, "exif": self.exif,
        }


def _clean(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).replace("\x00", "").strip()
    return text.encode("utf-8", "replace").decode("utf-8")


def _exif_time(value: Any, offset: Any) -> datetime | None:
    text = _clean(value) if value is not None else ""
    try:
        moment = datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    off = _clean(offset) if offset is not None else ""
    if len(off) == 6 and off[0] in "+-" and off[3] == ":":
        try:
            delta = timedelta(hours=int(off[1:3]), minutes=int(off[4:6]))
            return moment.replace(tzinfo=timezone(-delta if off[0] == "-" else delta))
        except ValueError:
            return moment
    return moment


def _degrees(value: Any, ref: Any, negative: str) -> float | None:
    try:
        d, m, s = (float(v) for v in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    result = d + m / 60 + s / 3600
    if not math.isfinite(result):
        return None
    if _clean(ref).upper().startswith(negative):
        result = -result
    return round(result, 7)


def _altitude(value: Any, ref: Any) -> float | None:
    try:
        alt = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not math.isfinite(alt):
        return None
    below = ref in (1, b"\x01") or (isinstance(ref, bytes) and ref[:1] == b"\x01")
    return round(-alt if below else alt, 2)


def _raw_exif(exif: Image.Exif) -> dict[str, str]:
    """Every readable tag as text, for display ('GPS GPSLatitude': '(50.0, 15.0, 43.2)')."""
    out: dict[str, str] = {}
    groups = [("", dict(exif), ExifTags.TAGS)]
    for ifd, prefix, names in ((ExifTags.IFD.Exif, "", ExifTags.TAGS),
                               (ExifTags.IFD.GPSInfo, "GPS ", ExifTags.GPSTAGS)):
        try:
            groups.append((prefix, dict(exif.get_ifd(ifd)), names))
        except Exception:  # noqa: BLE001 - a broken IFD is skipped, not fatal
            continue
    for prefix, tags, names in groups:
        for tag, value in tags.items():
            if tag in _SKIPPED_TAGS or tag in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo):
                continue
            if isinstance(value, bytes) and len(value) > 64:
                text = f"<{len(value)} bytes>"
            else:
                text = _clean(value)[:500]
            out[f"{prefix}{names.get(tag, hex(tag))}"] = text
    return out


def _read_exif(im: Image.Image, info: ImageInfo) -> None:
    try:
        exif = im.getexif()
        base = dict(exif)
        sub = dict(exif.get_ifd(ExifTags.IFD.Exif))
        gps = dict(exif.get_ifd(ExifTags.IFD.GPSInfo))
    except Exception:  # noqa: BLE001 - broken EXIF: import the photo without it
        return
    orientation = base.get(0x0112)
    info.orientation = orientation if isinstance(orientation, int) and 1 <= orientation <= 8 \
        else None
    info.taken_at = _exif_time(sub.get(0x9003) or base.get(0x0132),
                               sub.get(0x9011) or sub.get(0x9010))
    info.camera_make = _clean(base.get(0x010F, ""))
    info.camera_model = _clean(base.get(0x0110, ""))
    info.lens = _clean(sub.get(0xA434, "") or sub.get(0xA433, ""))
    if 2 in gps and 4 in gps:
        info.gps_lat = _degrees(gps[2], gps.get(1, "N"), "S")
        info.gps_lon = _degrees(gps[4], gps.get(3, "E"), "W")
        if info.gps_lat is not None and not -90 <= info.gps_lat <= 90:
            info.gps_lat = None
        if info.gps_lon is not None and not -180 <= info.gps_lon <= 180:
            info.gps_lon = None
    if 6 in gps:
        info.gps_alt = _altitude(gps[6], gps.get(5, 0))
    try:
        info.exif = _raw_exif(exif)
    except Exception:  # noqa: BLE001
        info.exif = {}


def sniff_heif(data: bytes) -> bool:
    """True for HEIC/HEIF bytes (an ISO-BMFF 'ftyp' box with a HEIF brand)."""
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("RGBA", "LA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    if im.mode != "RGB":
        return im.convert("RGB")
    return im


def pixels_jpeg(im: Image.Image) -> bytes:
    """A fresh baseline JPEG of `im`'s pixels only, as RGB: it carries no EXIF, GPS, XMP, ICC
    profile or comment from the original (every preview Casefile stores is one)."""
    return _jpeg(_rgb(im))


def _jpeg(im: Image.Image) -> bytes:
    """Pixels only: a fresh image carries no EXIF, ICC profile or comment from the original."""
    bare = Image.new("RGB", im.size)
    bare.paste(im)
    buf = io.BytesIO()
    bare.save(buf, "JPEG", quality=THUMB_QUALITY, optimize=False)
    return buf.getvalue()


def make_thumbnails(im: Image.Image, orientation: int | None,
                    sizes: tuple[int, ...] = THUMB_SIZES) -> list[Thumb]:
    """Upright JPEG previews, largest first, each made from the one before (cheap)."""
    big = sizes[0]
    if im.format == "JPEG":
        w, h = im.size
        scale = big / max(w, h)
        im.draft("RGB", (max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale))))
    im.thumbnail((big, big), reducing_gap=None)
    current = _rgb(im)
    if orientation in _TRANSPOSE:
        current = current.transpose(_TRANSPOSE[orientation])
    out = []
    for size in sizes:
        if max(current.size) > size:
            current = current.copy()
            current.thumbnail((size, size), reducing_gap=None)
        out.append(Thumb(size, current.width, current.height, _jpeg(current)))
    return out


@contextmanager
def open_image(fh: IO[bytes]) -> Iterator[tuple[Any, str]]:
    """An untrusted picture opened (not decoded) with its format name, once its type and
    pixel count are ones Casefile imports: the checks every path makes before it decodes
    one (an import, a bundle's photo or preview). RejectedImageError with the reason."""
    head = fh.read(16)
    fh.seek(0)
    if sniff_heif(head) and not heif_available():
        raise RejectedImageError("unsupported format HEIC/HEIF: install the heif extra "
                                 "(pip install 'casefile[heif]')")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            im: Any = Image.open(fh)
        except Image.DecompressionBombError as exc:
            raise RejectedImageError(f"the image is too large to open safely ({exc})") from None
        except UnidentifiedImageError:
            raise RejectedImageError("not an image Casefile can read (JPEG, PNG, TIFF, WebP, "
                                     "or HEIC with the heif extra)") from None
        except Exception as exc:  # noqa: BLE001 - hostile input may fail anywhere
            raise RejectedImageError(f"the file cannot be read as an image ({exc})") from None
        with im:
            fmt = "HEIF" if (im.format or "").upper() in ("HEIF", "HEIC") else (im.format or "")
            if fmt not in FORMATS:
                raise RejectedImageError(f"unsupported format {fmt or 'unknown'} (supported: "
                                         "JPEG, PNG, TIFF, WebP, HEIC)")
            w, h = im.size
            if w <= 0 or h <= 0:
                raise RejectedImageError("the image has no pixels")
            if w * h > MAX_PIXELS:
                raise RejectedImageError(
                    f"the image is too large to import safely ({w}×{h} pixels; the limit is "
                    f"{MAX_PIXELS // 1_000_000} megapixels)")
            yield im, fmt


def inspect_image(data: bytes, name: str, *, thumbnails: bool = True) -> ImageInfo:
    """Read an image's format, size and EXIF and make its previews; decode it fully so a
    truncated or corrupt file is caught here. Raises RejectedImageError with the reason."""
    if not data:
        raise RejectedImageError("the file is empty")
    with open_image(io.BytesIO(data)) as (im, fmt):
        claimed = EXTENSIONS.get(_suffix(name))
        if claimed and claimed != fmt:
            raise RejectedImageError(f"the name says {claimed} but the file holds {fmt} data; "
                                     f"rename it to {_example_ext(fmt)} if that is right")
        w, h = im.size
        decoded = w * h * _bytes_per_pixel(im.mode)
        if fmt != "JPEG" and decoded > MAX_DECODED_BYTES:
            raise RejectedImageError(
                f"the image is too large to decode safely ({w}×{h} pixels of {fmt} need "
                f"{decoded // 2**20:,} MB; the limit is {MAX_DECODED_BYTES // 2**20} MB — "
                "a JPEG of the same size can be imported)")
        info = ImageInfo(format=fmt, media_type=FORMATS[fmt], width=w, height=h)
        _read_exif(im, info)
        if info.orientation in (5, 6, 7, 8):
            info.width, info.height = h, w
        try:
            if thumbnails:
                info.thumbnails = make_thumbnails(im, info.orientation)
            else:
                im.load()
        except Image.DecompressionBombError as exc:
            raise RejectedImageError(
                f"the image is too large to open safely ({exc})") from None
        except Exception as exc:  # noqa: BLE001 - truncated/corrupt data fails on decode
            raise RejectedImageError(
                f"the image data is damaged or truncated ({exc})") from None
    return info


def _bytes_per_pixel(mode: str) -> int:
    """How much memory Pillow gives one pixel of `mode` (every multi-band mode takes 4)."""
    if mode in ("1", "L", "P"):
        return 1
    if mode.startswith("I;16"):
        return 2
    return 4


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _example_ext(fmt: str) -> str:
    return {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "WEBP": ".webp",
            "HEIF": ".heic"}[fmt]


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, body) of every chunk of a PNG file but its pixels (IDAT), in order."""
    out, pos = [], 8
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        if kind != b"IDAT":
            out.append((kind, data[pos + 8:pos + 8 + size]))
        pos += 12 + size
    return out
