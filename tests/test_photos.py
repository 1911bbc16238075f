"""The photo pipeline on real images made with Pillow: EXIF, previews, duplicates, bad files."""

from __future__ import annotations

import io
import struct
import threading
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

from casefile import CaseFile, ValidationError
from casefile.media.images import inspect_image
from casefile.services.photos import DuplicatePhotoError


def dms(value: float) -> tuple:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return (IFDRational(d, 1), IFDRational(m, 1), IFDRational(round(s * 1000), 1000))


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (400, 200), *,
                orientation: int | None = None, taken: str | None = "2026:10:17 09:40:00",
                offset: str | None = "+09:00", lat: float | None = 50.2588,
                lon: float | None = 127.5301, alt: float | None = 128.5,
                marker: bool = False, color: tuple[int, int, int] = (90, 140, 200)) -> bytes:
    im = Image.new("RGB", size, color)
    if marker:  # a red block in the top-left corner of the stored pixels
        im.paste((255, 0, 0), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[0x010F] = "Fujifilm"
    exif[0x0110] = "X-T30"
    if orientation:
        exif[0x0112] = orientation
    sub = exif.get_ifd(0x8769)
    if taken:
        sub[0x9003] = taken
    if offset:
        sub[0x9011] = offset
    sub[0xA434] = "XF18-55mmF2.8-4 R LM OIS"
    if lat is not None and lon is not None:
        gps = exif.get_ifd(0x8825)
        gps[1] = "N" if lat >= 0 else "S"
        gps[2] = dms(lat)
        gps[3] = "E" if lon >= 0 else "W"
        gps[4] = dms(lon)
        if alt is not None:
            gps[5] = b"\x01" if alt < 0 else b"\x00"
            gps[6] = IFDRational(round(abs(alt) * 10), 10)
    buf = io.BytesIO()
    im.save(buf, fmt, exif=exif)
    return buf.getvalue()


def test_exif_fields_are_read(case: CaseFile) -> None:
    photo = case.photos.add(photo_bytes(), "DSCF4102.JPG", caption="Queue at customs")
    assert photo.caption == "Queue at customs"
    assert photo.taken_at.isoformat() == "2026-10-17T09:40:00+09:00"
    assert photo.gps_lat == pytest.approx(50.2588, abs=1e-5)
    assert photo.gps_lon == pytest.approx(127.5301, abs=1e-5)
    assert photo.gps_alt == pytest.approx(128.5)
    assert (photo.camera_make, photo.camera_model) == ("Fujifilm", "X-T30")
    assert photo.lens == "XF18-55mmF2.8-4 R LM OIS"
    assert (photo.width, photo.height) == (400, 200)
    assert photo.exif["Make"] == "Fujifilm" and "GPS GPSLatitude" in photo.exif


def test_southern_western_and_below_sea_level_are_negative(case: CaseFile) -> None:
    photo = case.photos.add(photo_bytes(lat=-33.8568, lon=-70.6483, alt=-12.0), "south.jpg")
    assert photo.gps_lat == pytest.approx(-33.8568, abs=1e-5)
    assert photo.gps_lon == pytest.approx(-70.6483, abs=1e-5)
    assert photo.gps_alt == pytest.approx(-12.0)


def test_capture_time_without_offset_is_flagged_as_unknown_zone(case: CaseFile) -> None:
    info = inspect_image(photo_bytes(offset=None), "a.jpg", thumbnails=False)
    assert info.taken_at is not None and info.taken_at.tzinfo is None
    assert not info.time_zone_known
    photo = case.photos.add(photo_bytes(offset=None), "a.jpg")
    assert photo.taken_at.tzinfo is None
    assert case.photos.get(photo.uuid).taken_at.isoformat() == "2026-10-17T09:40:00"
    west = inspect_image(photo_bytes(offset="-05:30"), "w.jpg", thumbnails=False)
    assert west.taken_at.utcoffset() == -timedelta(hours=5, minutes=30)


def test_absent_or_broken_exif_imports_with_empty_fields(case: CaseFile, tmp_path: Path) -> None:
    plain = io.BytesIO()
    Image.new("RGB", (50, 40), "white").save(plain, "JPEG")
    a = case.photos.add(plain.getvalue(), "plain.jpg")
    assert (a.taken_at, a.gps_lat, a.camera_make, a.exif) == (None, None, "", {})
    broken = photo_bytes(taken="yesterday at noon", color=(1, 1, 1))
    b = case.photos.add(broken, "broken.jpg")
    assert b.taken_at is None and b.camera_make == "Fujifilm"
    garbage = bytearray(photo_bytes(color=(2, 2, 2)))
    start = garbage.find(b"Exif\x00\x00")
    garbage[start + 6:start + 40] = b"\xff" * 34  # wreck the TIFF header inside APP1
    c = case.photos.add(bytes(garbage), "garbage-exif.jpg")
    assert c.width == 400 and c.gps_lat is None


@pytest.mark.parametrize("fmt,name", [("PNG", "screen.png"), ("TIFF", "scan.tif"),
                                      ("WEBP", "web.webp"), ("JPEG", "photo.jpeg")])
def test_supported_formats_import_with_previews(case: CaseFile, fmt: str, name: str) -> None:
    data = photo_bytes(fmt, size=(1600, 1200))
    photo = case.photos.add(data, name)
    assert (photo.width, photo.height) == (1600, 1200)
    with case._store.read() as s:
        blob = case.photos._load(s, photo.uuid).blob
        assert blob.media_type == {"PNG": "image/png", "TIFF": "image/tiff", "WEBP": "image/webp",
                                   "JPEG": "image/jpeg"}[fmt]
    assert case.blobs.read(blob.sha256) == data  # the original, bit for bit
    big = Image.open(io.BytesIO(case.photos.thumbnail(photo.uuid, 1024)))
    small = Image.open(io.BytesIO(case.photos.thumbnail(photo.uuid, 256)))
    assert (big.format, big.size) == ("JPEG", (1024, 768))
    assert small.size == (256, 192)


def test_orientation_is_applied_to_size_and_previews(case: CaseFile) -> None:
    # Stored 400x200 with orientation 6: shown rotated 90° clockwise, 200 wide, 400 high.
    photo = case.photos.add(photo_bytes(orientation=6, marker=True), "rotated.jpg")
    assert (photo.orientation, photo.width, photo.height) == (6, 200, 400)
    thumb = Image.open(io.BytesIO(case.photos.thumbnail(photo.uuid, 256))).convert("RGB")
    assert thumb.size == (128, 256)
    r, g, b = thumb.getpixel((thumb.width - 5, 5))  # the stored top-left is now top-right
    assert r > 200 and g < 60 and b < 60
    r, g, b = thumb.getpixel((5, 5))
    assert r < 150


@pytest.mark.parametrize("orientation,size", [(3, (256, 128)), (8, (128, 256)),
                                              (2, (256, 128))])
def test_other_orientations(case: CaseFile, orientation: int, size: tuple[int, int]) -> None:
    photo = case.photos.add(photo_bytes(orientation=orientation, color=(orientation, 9, 9)),
                            f"o{orientation}.jpg")
    thumb = Image.open(io.BytesIO(case.photos.thumbnail(photo.uuid, 256)))
    assert thumb.size == size


def _bomb_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))


def _truncated_jpeg() -> bytes:
    im = Image.effect_noise((600, 400), 60).convert("RGB")
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    data = buf.getvalue()
    return data[: int(len(data) * 0.6)]


def _png_named_jpg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buf, "PNG")
    return buf.getvalue()


def _gif() -> bytes:
    buf = io.BytesIO()
    Image.new("P", (20, 20)).save(buf, "GIF")
    return buf.getvalue()


BAD_FILES = [
    ("empty.jpg", b"", "the file is empty"),
    ("notes.jpg", b"Interview notes, not a photo\n" * 20, "not an image Casefile can read"),
    ("cut.jpg", _truncated_jpeg(), "damaged or truncated"),
    ("lies.jpg", _png_named_jpg(), "the name says JPEG but the file holds PNG data"),
    ("bomb.png", _bomb_png(100_000, 100_000), "too large"),
    ("iphone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64,
     "install the heif extra"),
    ("anim.gif", _gif(), "unsupported format GIF"),
]


@pytest.fixture(autouse=True)
def _no_heif_plugin(monkeypatch, request) -> None:
    """Behave as a machine without the heif extra unless a test asks for the real plugin."""
    if "real_heif" not in request.keywords:
        monkeypatch.setattr("casefile.media.images.heif_available", lambda: False)


@pytest.mark.real_heif
def test_heic_imports_with_the_heif_extra(case: CaseFile) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 15"
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(buf, "HEIF", exif=exif.tobytes())
    photo = case.photos.add(buf.getvalue(), "IMG_0001.HEIC")
    assert (photo.camera_make, photo.width, photo.height) == ("Apple", 640, 480)
    assert len(case.photos.thumbnail(photo.uuid)) > 100


@pytest.mark.parametrize("name,data,reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_rejected_with_a_reason(case: CaseFile, name: str, data: bytes,
                                              reason: str) -> None:
    with pytest.raises(ValidationError) as info:
        case.photos.add(data, name)
    assert str(info.value).startswith(f"{name}: ")
    assert reason in str(info.value)


def test_a_batch_imports_the_good_and_reports_the_bad(case: CaseFile, tmp_path: Path) -> None:
    folder = tmp_path / "card"
    (folder / "DCIM" / "100FUJI").mkdir(parents=True)
    (folder / ".thumbs").mkdir()
    good = []
    for i in range(3):
        p = folder / "DCIM" / "100FUJI" / f"DSCF{i:04d}.JPG"
        p.write_bytes(photo_bytes(color=(i * 40, 80, 120)))
        good.append(p)
    for name, data, _reason in BAD_FILES:
        (folder / "DCIM" / name).write_bytes(data)
    (folder / ".thumbs" / "hidden.jpg").write_bytes(photo_bytes(color=(7, 7, 7)))
    (folder / "DCIM" / ".DS_Store").write_bytes(b"junk")
    (folder / "DCIM" / "readme.txt").write_text("card contents")
    events = list(case.photos.import_files([folder], credit_member=None, rights_note="Staff"))
    outcomes = {e.path.name: e.outcome for e in events}
    assert [outcomes[p.name] for p in good] == ["imported"] * 3
    assert all(outcomes[name] == "rejected" for name, _d, _r in BAD_FILES)
    assert outcomes["readme.txt"] == "skipped"
    assert "hidden.jpg" not in outcomes and ".DS_Store" not in outcomes
    assert [e.done for e in events] == list(range(1, len(events) + 1))
    assert all(e.total == len(events) for e in events)
    assert case.photos.count() == 3
    assert all(p.rights_note == "Staff" for p in case.photos.page())
    with case._store.read() as s:
        conn = s.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM blobs").scalar() == 3
        assert conn.exec_driver_sql("SELECT count(*) FROM thumbnails").scalar() == 6
    again = list(case.photos.import_files(good))
    assert [e.outcome for e in again] == ["duplicate"] * 3
    assert case.photos.count() == 3
    assert case.check().ok


def test_duplicate_of_a_trashed_photo_says_so(case: CaseFile) -> None:
    data = photo_bytes(color=(3, 4, 5))
    photo = case.photos.add(data, "a.jpg")
    case.trash.delete(case.photos.get(photo.uuid))
    with pytest.raises(DuplicatePhotoError, match="in the trash"):
        case.photos.add(data, "a-again.jpg")


def test_cancel_keeps_what_was_imported_and_nothing_half_done(case: CaseFile,
                                                              tmp_path: Path) -> None:
    paths = []
    for i in range(6):
        p = tmp_path / f"IMG_{i}.jpg"
        p.write_bytes(photo_bytes(color=(i * 40, 100, 100)))
        paths.append(p)
    stop = threading.Event()
    seen = []
    for event in case.photos.import_files(paths, cancel=stop):
        seen.append(event)
        if len(seen) == 2:
            stop.set()
    assert [e.outcome for e in seen] == ["imported", "imported"]
    assert case.photos.count() == 2
    with case._store.read() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM blobs").scalar() == 2
    assert case.check().ok


def test_missing_file_is_rejected_not_raised(case: CaseFile, tmp_path: Path) -> None:
    [event] = list(case.photos.import_files([tmp_path / "gone.jpg"]))
    assert event.outcome == "rejected" and "no such file" in event.message


def test_previews_are_made_on_demand_for_bundled_photos(case: CaseFile) -> None:
    from casefile.bundle import import_bundle
    from casefile.resources import sample_bundle

    import_bundle(case, sample_bundle())
    sample = case
    with sample._store.read() as s:
        made = s.connection().exec_driver_sql("SELECT count(*) FROM thumbnails").scalar()
    assert made == 10  # the import decodes each photo (to refuse a bad one) and keeps previews
    with sample._store.write() as s:  # as a file from before that, or an older Casefile, has
        s.connection().exec_driver_sql("DELETE FROM thumbnails")
    progress = list(sample.photos.missing_thumbnails())
    assert progress[-1] == (5, 5)
    [photo, *_] = sample.photos.page()
    small = Image.open(io.BytesIO(sample.photos.thumbnail(photo.uuid, 256)))
    assert max(small.size) == 256
    assert list(sample.photos.missing_thumbnails()) == []
