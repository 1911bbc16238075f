"""Every path out of a case file follows one redaction policy: canary strings planted in a
protected source's every field, in a file name and in a photo's GPS never come out — in any
byte of any part, in raw, UTF-16, XML-escaped or URL-encoded form — and photos leave with no
metadata."""

from __future__ import annotations

import html
import io
import json
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image

from casefile import CaseFile
from casefile.bundle import dump_bundle, import_bundle
from casefile.export.docx_draft import export_draft
from casefile.redaction import PhotoGps, RedactionPolicy, clean_image
from tests.test_photos import photo_bytes

CANARY = {
    "name": "Oksana Vostrikova", "surname": "Vostrikova", "short": "Canaryshort Vostrikova",
    "role": "Canaryrole deputy", "affiliation": "Canaryaffil Logistics",
    "location": "Canaryloc settlement", "phone": "+7 924 555 0142",
    "notes": "Canarynote: met her at the rail depot", "lat": "48.501234", "lon": "135.101234",
}


def forms(text: str) -> list[bytes]:
    variants = {text, html.escape(text), quote(text), quote(text, safe=""),
                text.replace(" ", "_")}
    out = []
    for v in variants:
        out += [v.lower().encode(), v.lower().encode("utf-16-le")]
    return out


def scan(name: str, data: bytes) -> list[str]:
    low = data.lower()
    return [f"{name}: {key}" for key, text in CANARY.items() for needle in forms(text)
            if needle in low]


def scan_zip(path: Path) -> list[str]:
    hits = scan("file name", path.name.encode())
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            data = zf.read(member)
            hits += scan(member, data) + scan(f"name of {member}", member.encode())
    return hits


def image_metadata(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        return {"exif": dict(exif), "gps": dict(exif.get_ifd(0x8825)),
                "info": {k: v for k, v in im.info.items()
                         if k not in ("jfif", "jfif_version", "jfif_unit", "jfif_density",
                                      "dpi", "progressive", "progression")}}


@pytest.fixture
def planted(sample: CaseFile) -> CaseFile:
    """The sample case plus a confidential source carrying a canary in every field, her
    interview (a quote of hers is evidence for a claim in the draft), a photo of her named
    after her with GPS, and a document that mentions her in its notes."""
    case = sample
    source = case.sources.create(
        name=CANARY["name"], short_name=CANARY["short"], role_title=CANARY["role"],
        affiliation=CANARY["affiliation"], location=CANARY["location"], notes=CANARY["notes"],
        contacts=[{"kind": "phone", "value": CANARY["phone"]}],
        ground_rules="confidential", attribution_phrase="a logistics manager in Heihe")
    text = "Q: How long?\n\nA: The trucks now wait nine days at the bridge."
    interview = case.interviews.create(title="Logistics manager", transcript=text,
                                       interviewees=[source.uuid], place_lat=48.5,
                                       place_lon=135.1, notes=CANARY["notes"])
    quote_ = case.quotes.mark(interview.uuid, text.index("The trucks"), len(text),
                              speaker=source.uuid)
    claim = next(c for c, _s in case.claims.summaries() if c.statement.startswith("Trucks"))
    case.evidence.create(claim=claim.uuid, quote=quote_.uuid)
    case.photos.add(photo_bytes(lat=float(CANARY["lat"]), lon=float(CANARY["lon"])),
                    f"{CANARY['surname']} at the depot.jpg", depicted=[source.uuid],
                    caption="The depot at dawn.")
    case.documents.create(title="Depot schedule", publisher="Amur Rail",
                          notes=f"from {CANARY['name']}, {CANARY['phone']}")
    return case


def test_word_exports_carry_no_canary_in_either_profile(planted: CaseFile,
                                                        tmp_path: Path) -> None:
    [draft] = planted.drafts.page()
    for profile in ("editor", "clean"):
        out = tmp_path / f"draft {profile}.docx"
        export_draft(planted, draft.uuid, out, profile=profile, allow_blocking=True)
        assert scan_zip(out) == []
        with zipfile.ZipFile(out) as zf:
            core = zf.read("docProps/core.xml").decode()
            assert "python-docx" not in core
            for member in zf.namelist():
                if member.startswith("word/media/"):
                    meta = image_metadata(zf.read(member))
                    assert meta == {"exif": {}, "gps": {}, "info": {}}, member
            assert not [m for m in zf.namelist() if b"rsid" in zf.read(m)]  # no revision ids
            document = zf.read("word/document.xml").decode()
            assert ".jpg" not in document and ".JPG" not in document  # no file names


def test_a_bundle_shared_with_an_editor_withholds_identities(planted: CaseFile,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "for the editor.zip"
    dump_bundle(planted, out, RedactionPolicy())
    assert scan_zip(out) == []
    with zipfile.ZipFile(out) as zf:
        doc = json.loads(zf.read("bundle.json"))
        for member in zf.namelist():
            if member.startswith("files/") and member.endswith((".jpg", ".jpeg", ".png")):
                assert image_metadata(zf.read(member)) == {"exif": {}, "gps": {}, "info": {}}
    names = {s["name"] for s in doc["sources"]}
    assert "a logistics manager in Heihe" in names
    assert all(p["gps_lat"] is None and p["exif"] == {} for p in doc["photos"])
    assert doc["trash"] == []
    # What was shared is a valid bundle: it imports into a new case.
    with CaseFile.create(tmp_path / "editor.casefile", title="Copy") as copy:
        import_bundle(copy, out)
        assert copy.photos.count() == planted.photos.count()
        assert all(p.gps_lat is None for p in copy.photos.page())


def test_gps_can_be_kept_except_where_it_could_place_a_protected_source(
        planted: CaseFile, tmp_path: Path) -> None:
    out = tmp_path / "near.zip"
    dump_bundle(planted, out, RedactionPolicy(photo_gps=PhotoGps.NEAR_PROTECTED))
    with zipfile.ZipFile(out) as zf:
        doc = json.loads(zf.read("bundle.json"))
    kept = [p for p in doc["photos"] if p["gps_lat"] is not None]
    assert kept and len(kept) < len(doc["photos"])  # the market photos keep theirs
    assert scan_zip(out) == []


def test_csl_json_out_follows_the_policy(planted: CaseFile) -> None:
    text = json.dumps(planted.documents.export_csl(policy=RedactionPolicy()),
                      ensure_ascii=False).encode()
    assert scan("csl", text) == []
    full = json.dumps(planted.documents.export_csl(), ensure_ascii=False).encode()
    assert scan("csl", full)  # asked for explicitly, the reporter gets everything


def test_a_complete_copy_is_complete(planted: CaseFile, tmp_path: Path) -> None:
    out = tmp_path / "backup.zip"
    dump_bundle(planted, out)  # the reporter's own copy: nothing withheld
    assert any("name" in hit for hit in scan_zip(out))


def test_clean_image_keeps_pixels_and_drops_everything_else() -> None:
    data, media_type = clean_image(photo_bytes(orientation=6, lat=48.5, lon=135.1))
    assert media_type == "image/jpeg"
    assert image_metadata(data) == {"exif": {}, "gps": {}, "info": {}}
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (200, 400)  # the orientation was applied to the pixels
