"""Previews a bundle carries are kept only as pixels: re-encoded on import, so a hand-made one
cannot carry metadata or a protected name into the case or the clean Word export, and kept
only when their size is what Casefile makes of the photo as it really is."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from casefile import CaseFile
from casefile.bundle import dump_bundle, import_bundle
from casefile.export.docx_draft import export_draft
from casefile.media.images import THUMB_SIZES
from tests.test_bundle_streaming import (
    _rewrite_zip,
    assert_same_pictures,
    camera_jpeg,
    count_decodes,
    photo_case,
    pixels_only,
    thumbnails,
)


@pytest.fixture(scope="module")
def one_photo(tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[Path, dict[tuple[str, int], bytes]]:
    """A bundle of a case with one 1600×1100 photo (and its previews), and those previews."""
    folder = tmp_path_factory.mktemp("one-photo")
    with photo_case(folder / "a.casefile", 1) as case:
        return dump_bundle(case, folder / "a.zip"), thumbnails(case)


PROTECTED = "Marta Oyelaran"


def _after_first_scan(jpeg: bytes, segments: bytes) -> bytes:
    """`jpeg` re-saved progressive, with `segments` between its first and second scans —
    where a reader of the header alone never looks."""
    buf = io.BytesIO()
    Image.open(io.BytesIO(jpeg)).save(buf, "JPEG", quality=85, progressive=True)
    data = buf.getvalue()
    second = data.index(b"\xff\xda", data.index(b"\xff\xda") + 2)
    return data[:second] + segments + data[second:]


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


@pytest.mark.parametrize("hidden", ["app1-gps", "comment"])
def test_a_preview_hiding_metadata_after_its_first_scan_is_kept_only_as_pixels(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hidden: str,
        one_photo: tuple[Path, dict[tuple[str, int], bytes]]) -> None:
    """A hand-made bundle's progressive preview with an APP1 (EXIF + GPS) or COM segment
    after its first scan: the import keeps it re-encoded from its pixels, so neither the
    stored previews nor the clean Word export (which embeds the 1024-px one as it is) carry
    the segment or the protected name."""
    out, before = one_photo
    (sha, _), *_ = before
    if hidden == "app1-gps":
        exif = Image.Exif()
        exif[0x010E] = f"{PROTECTED} at the depot"  # ImageDescription
        exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 1.0)})
        segment = _segment(0xE1, exif.tobytes())
    else:
        segment = _segment(0xFE, f"{PROTECTED}, our source at the depot".encode())
    change = {f"previews/{sha}-{side}.jpg": _after_first_scan(before[(sha, side)], segment)
              for side in THUMB_SIZES}
    assert all(segment in data and Image.open(io.BytesIO(data)).load() is not None
               for data in change.values())  # a valid JPEG Pillow decodes
    changed = tmp_path / "b.zip"
    _rewrite_zip(out, changed, dict(change))
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        target.sources.create(name=PROTECTED, ground_rules="confidential",
                              attribution_phrase="a driver at the depot")
        import_bundle(target, changed)
        assert decodes == []  # kept (re-encoded), the photo not decoded
        stored = thumbnails(target)
        for data in stored.values():
            assert PROTECTED.encode() not in data and segment not in data
            assert b"Exif" not in data
        assert_same_pictures(stored, before)
        [photo] = target.photos.page()
        draft = target.drafts.create(headline="At the depot",
                                     body=f"The lorries wait.\n\n⟦photo:{photo.uuid}⟧\n")
        result = export_draft(target, draft.uuid, tmp_path / "clean.docx", profile="clean",
                              allow_blocking=True)
    with zipfile.ZipFile(result.path) as zf:
        media = [zf.read(n) for n in zf.namelist() if n.startswith("word/media/")]
    assert media
    for data in media:
        assert PROTECTED.encode() not in data and segment not in data
        assert pixels_only(data)


def test_a_preview_of_another_shape_than_the_real_photo_is_not_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        one_photo: tuple[Path, dict[tuple[str, int], bytes]]) -> None:
    """Previews of a 2:1 picture for a 1600×1100 photo, the bundle's record claiming 1600×800
    to match: the photo's real dimensions decide, so the photo is decoded for its previews."""
    out, before = one_photo
    (sha, _), *_ = before
    with zipfile.ZipFile(out) as zf:
        doc = json.loads(zf.read("bundle.json"))
    [photo] = doc["photos"]
    photo["width"], photo["height"] = 1600, 800
    other = Image.linear_gradient("L").convert("RGB")
    change: dict[str, bytes | None] = {"bundle.json": json.dumps(doc).encode()}
    for side in THUMB_SIZES:
        buf = io.BytesIO()
        other.resize((side, side // 2)).save(buf, "JPEG", quality=85)
        change[f"previews/{sha}-{side}.jpg"] = buf.getvalue()
    changed = tmp_path / "b.zip"
    _rewrite_zip(out, changed, change)
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        import_bundle(target, changed)
        assert len(decodes) == 1  # the photo was decoded for its previews
        assert thumbnails(target) == before  # made here, of the real photo


def test_a_turned_photo_keeps_its_upright_previews(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A photo stored 1600×1100 with EXIF orientation 6 shows 1100×1600: its previews are
    checked against the upright size, so they are kept (not a reason to decode it)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    Image.open(io.BytesIO(camera_jpeg(1))).save(buf, "JPEG", quality=90, exif=exif.tobytes())
    with CaseFile.create(tmp_path / "a.casefile", title="Turned") as case:
        case.photos.add(buf.getvalue(), "IMG_TURNED.jpg")
        before = thumbnails(case)
        out = dump_bundle(case, tmp_path / "a.zip")
    assert {Image.open(io.BytesIO(d)).size for d in before.values()} == {(704, 1024), (176, 256)}
    decodes = count_decodes(monkeypatch)
    with CaseFile.create(tmp_path / "b.casefile", title="B") as target:
        import_bundle(target, out)
        assert decodes == []
        assert_same_pictures(thumbnails(target), before)
