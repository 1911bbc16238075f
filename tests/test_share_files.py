"""A bundle shared with an editor carries no protected identity in any file it ships
(issue 15, item 2): pictures rebuilt from pixels, Office files and PDFs without their
properties, every file's text scanned (what cannot be cleaned or scanned is withheld and
listed), interviews with a protected source without their transcript, attachments, place or
time of day, CSL authors as the pseudonym, and never an earlier dump's files in its folder."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from casefile import CaseFile
from casefile.bundle import dump_bundle, import_bundle
from casefile.bundle.clean_files import clean_file, strip_jpeg_metadata
from casefile.bundle.dump import Written, write_bundle
from casefile.bundle.share import TRANSCRIPT_WITHHELD
from casefile.redaction import PhotoGps, RedactionPolicy, Redactor
from tests.test_photos import dms
from tests.test_redaction import forms, image_metadata

NAME, GIVEN, SURNAME = "Oksana Zhuravleva", "Oksana", "Zhuravleva"
PHONE = "+7 914 555 0177"
PSEUDONYM = "a plant engineer in Zeya"
CANARY = {
    "name": NAME, "given": GIVEN, "surname": SURNAME, "phone": PHONE,
    "said": "Canarysaid", "unused quote": "Canaryunused", "place": "Canaryplace",
    "lat": "50.123456", "lon": "127.654321", "meeting time": "21:47",
}
TRANSCRIPT = ("Q: Where did you work?\n\nA: Canarysaid at the Zeya plant for twenty years. "
              "Canaryunused was my foreman. The night shift was cut in October.")
EVIDENCE = "The night shift was cut in October."
CASEFILE_BIN = Path(sys.executable).with_name("casefile")


# -- files that carry the canary ---------------------------------------------------------

def jpeg_with_artist(color: tuple[int, int, int] = (30, 120, 60)) -> bytes:
    """A JPEG whose EXIF names the source and places her."""
    im = Image.new("RGB", (120, 80), color)
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x010E] = f"{NAME} at the plant gate"  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", dms(50.123456), "E", dms(127.654321)
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def docx_bytes(body: str, *, author: str = NAME, picture: bytes | None = None) -> bytes:
    """A Word file whose properties (and a comment's author) name the source."""
    d = docx.Document()
    d.core_properties.author = author
    d.core_properties.last_modified_by = author
    d.core_properties.title = f"Notes from {author}"
    d.core_properties.comments = f"typed by {author}"
    para = d.add_paragraph(body)
    d.add_comment(para.runs, text="check the dates", author=author, initials="OZ")
    if picture is not None:
        d.add_picture(io.BytesIO(picture))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def pdf_bytes(text: str, author: str = NAME) -> bytes:
    """A one-page PDF with real text, an info dictionary and XMP both naming `author`."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
           f'02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f"<dc:creator>{author}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>").encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp
        + b"\nendstream",
        f"<< /Author ({author}) /Title (Shift rota) /Creator (Word for {author}) >>".encode(),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


UNKNOWN = b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00" + bytes(range(256)) * 8


# -- scanning what was written -----------------------------------------------------------

def scan(name: str, data: bytes) -> list[str]:
    low = data.lower()
    return [f"{name}: {key}" for key, text in CANARY.items() for needle in forms(text)
            if needle in low]


def scan_deep(name: str, data: bytes) -> list[str]:
    """Every byte, and inside every Office file and PDF a bundle holds, decompressed."""
    hits = scan(name, data)
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for member in zf.namelist():
                hits += scan(f"{name}/name of {member}", member.encode())
                hits += scan_deep(f"{name}/{member}", zf.read(member))
    if data[:5] == b"%PDF-":
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
        hits += scan(f"{name} text", text.encode())
        hits += scan(f"{name} info", repr(reader.metadata).encode())
        for num in range(1, int(reader.trailer["/Size"])):
            obj = reader.get_object(num)
            if hasattr(obj, "get_data"):
                hits += scan(f"{name} object {num}", obj.get_data())
    return hits


def scan_bundle(path: Path) -> list[str]:
    """Every file of a bundle, zip or .json + folder, deeply."""
    hits = scan("file name", path.name.encode())
    if path.suffix == ".zip":
        return hits + scan_deep(path.name, path.read_bytes())
    hits += scan(path.name, path.read_bytes())
    for f in path.with_name(path.stem + "-files").rglob("*"):
        if f.is_file():
            hits += scan_deep(str(f.relative_to(path.parent)), f.read_bytes())
    return hits


def bundle_doc(path: Path) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The bundle's JSON and its files by SHA-256."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            doc = json.loads(zf.read("bundle.json"))
            files = {n.split("/")[-1].split(".")[0]: zf.read(n) for n in zf.namelist()
                     if n.startswith("files/")}
        return doc, files
    doc = json.loads(path.read_text(encoding="utf-8"))
    folder = path.with_name(path.stem + "-files") / "files"
    return doc, {f.name.split(".")[0]: f.read_bytes() for f in folder.iterdir()}


def attachments(doc: dict[str, Any], title: str) -> dict[str, dict[str, Any]]:
    [iv] = [iv for iv in doc["interviews"] if iv["title"] == title]
    return {a["file_name"]: a for a in iv["attachments"]}


# -- the case ----------------------------------------------------------------------------

@pytest.fixture
def planted(case: CaseFile) -> CaseFile:
    """A confidential source; her interview (one quote evidence for a claim, one not), with
    a photo attached; an on-the-record interview that mentions her surname before its quote,
    with attachments of every kind; a document she wrote; and a photo of the plant."""
    source = case.sources.create(name=NAME, ground_rules="confidential",
                                 attribution_phrase=PSEUDONYM,
                                 contacts=[{"kind": "phone", "value": PHONE}])
    onrecord = case.sources.create(name="Ivan Petrov", ground_rules="on_record")
    iv = case.interviews.create(title="Plant engineer", transcript=TRANSCRIPT,
                                interviewees=[source.uuid], place_name="Canaryplace café",
                                place_lat=50.123456, place_lon=127.654321,
                                held_at=datetime(2026, 10, 17, 21, 47))
    start = TRANSCRIPT.index(EVIDENCE)
    quote = case.quotes.mark(iv.uuid, start, start + len(EVIDENCE), speaker=source.uuid)
    unused = TRANSCRIPT.index("Canaryunused")
    case.quotes.mark(iv.uuid, unused, unused + len("Canaryunused was my foreman."),
                     speaker=source.uuid)
    case.interviews.attach(iv.uuid, jpeg_with_artist(), "gate.jpg")
    claim = case.claims.create(statement="The plant cut its night shift in October.")
    case.evidence.create(claim=claim.uuid, quote=quote.uuid)

    text = f"Ivan: {SURNAME} told me about the shift. The depot closes at nine."
    other = case.interviews.create(title="Depot manager", transcript=text,
                                   interviewees=[onrecord.uuid])
    at = text.index("The depot")
    on_quote = case.quotes.mark(other.uuid, at, len(text), speaker=onrecord.uuid)
    case.evidence.create(claim=claim.uuid, quote=on_quote.uuid)
    for data, name in [
        (jpeg_with_artist((200, 10, 10)), "depot.jpg"),
        (docx_bytes("The rota for October.", picture=jpeg_with_artist((9, 9, 200))),
         "rota.docx"),
        (docx_bytes(f"Call {SURNAME} about the rota."), "names her.docx"),
        (pdf_bytes("Shift rota for October"), "rota.pdf"),
        (pdf_bytes(f"Prepared by {NAME}", author="Plant office"), "names her.pdf"),
        (UNKNOWN, "call.m4a"),
        (b"date,shift\n2026-10-01,night\n", "shifts.csv"),
        (f"ring {PHONE}\n".encode(), "numbers.txt"),
    ]:
        case.interviews.attach(other.uuid, data, name)
    document = case.documents.create(
        title="Shift rota", authors=[{"family": SURNAME, "given": GIVEN}],
        csl_extra={"editor": [{"family": SURNAME, "given": GIVEN}]})
    case.documents.attach_file(document.uuid, docx_bytes("The rota for October."), "rota.docx")
    case.photos.add(jpeg_with_artist((90, 90, 90)), "plant.jpg", caption="The plant gate.")
    return case


@pytest.fixture
def redactor(planted: CaseFile) -> Redactor:
    """The redactor a shared bundle of the planted case uses."""
    return Redactor(RedactionPolicy(), planted.sources.every())


# -- tests -------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".zip", ".json"])
def test_no_byte_of_a_shared_bundle_names_her(planted: CaseFile, tmp_path: Path,
                                              suffix: str) -> None:
    out = tmp_path / f"for the editor{suffix}"
    written = write_bundle(planted, out, RedactionPolicy())
    assert isinstance(written, Written) and written.path == out
    assert scan_bundle(out) == []
    doc, files = bundle_doc(out)
    for sha, data in files.items():
        if data[:3] == b"\xff\xd8\xff" or data[:4] == b"\x89PNG":
            assert image_metadata(data) == {"exif": {}, "gps": {}, "info": {}}, sha
    # What was shared imports into a new case: spans, evidence and files all hold.
    with CaseFile.create(tmp_path / "editor.casefile", title="Copy") as copy:
        import_bundle(copy, out)
        assert copy.summary().counts["quote"] == 2
        assert copy.summary().counts["evidence_link"] == 2


def test_files_are_cleaned_or_withheld_and_listed(planted: CaseFile, tmp_path: Path) -> None:
    out = tmp_path / "shared.zip"
    written = write_bundle(planted, out, RedactionPolicy())
    doc, files = bundle_doc(out)
    kept = attachments(doc, "Depot manager")
    assert set(kept) == {"depot.jpg", "rota.docx", "rota.pdf", "shifts.csv"}
    withheld = "\n".join(written.withheld)
    for name in ("names her.docx", "names her.pdf", "call.m4a", "numbers.txt", "gate.jpg"):
        assert f"'{name}'" in withheld
    assert "names a protected source" in withheld and "cannot be checked" in withheld
    assert not any(s in withheld for s in (NAME, SURNAME, PHONE))  # the list names no one
    # The Word file left with blank properties, no comment author, a bare picture.
    with zipfile.ZipFile(io.BytesIO(files[kept["rota.docx"]["file"]["sha256"]])) as zf:
        props = docx.Document(io.BytesIO(files[kept["rota.docx"]["file"]["sha256"]]))
        assert props.core_properties.author == "" and props.core_properties.title == ""
        assert b"rsid" not in zf.read("word/document.xml")
        media = [m for m in zf.namelist() if m.startswith("word/media/")]
        assert media and all(image_metadata(zf.read(m)) == {"exif": {}, "gps": {}, "info": {}}
                             for m in media)
    reader = PdfReader(io.BytesIO(files[kept["rota.pdf"]["file"]["sha256"]]))
    assert not reader.metadata and reader.xmp_metadata is None
    assert "Shift rota for October" in reader.pages[0].extract_text()
    [document] = doc["documents"]
    assert document["file"] is not None  # its properties named her; its text does not


def test_a_protected_interview_leaves_only_its_evidence(planted: CaseFile,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "shared.json"
    dump_bundle(planted, out, RedactionPolicy())
    doc, _files = bundle_doc(out)
    [iv] = [iv for iv in doc["interviews"] if iv["title"] == "Plant engineer"]
    assert iv["transcript"].startswith(TRANSCRIPT_WITHHELD)
    assert "Canarysaid" not in iv["transcript"]
    [quote] = iv["quotes"]  # the quote used as evidence stays, the other one goes
    assert quote["text"] == EVIDENCE
    assert iv["transcript"][quote["span"]["start"]:quote["span"]["end"]] == EVIDENCE
    assert iv["attachments"] == []
    assert (iv["place_name"], iv["place_lat"], iv["place_lon"]) == ("", None, None)
    assert iv["held_at"] == "2026-10-17T00:00:00"  # the day, not the hour
    # On the record, the transcript stays and its quote still lines up after redaction.
    [other] = [iv for iv in doc["interviews"] if iv["title"] == "Depot manager"]
    assert PSEUDONYM in other["transcript"]
    [q] = other["quotes"]
    assert other["transcript"][q["span"]["start"]:q["span"]["end"]] == q["text"]


def test_the_reporter_can_include_protected_transcripts(planted: CaseFile,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "shared.zip"
    written = write_bundle(planted, out,
                           RedactionPolicy(include_protected_transcripts=True))
    doc, files = bundle_doc(out)
    [iv] = [iv for iv in doc["interviews"] if iv["title"] == "Plant engineer"]
    assert "Canarysaid at the Zeya plant" in iv["transcript"] and len(iv["quotes"]) == 2
    gate = attachments(doc, "Plant engineer")["gate.jpg"]
    assert image_metadata(files[gate["file"]["sha256"]]) == {"exif": {}, "gps": {}, "info": {}}
    assert iv["place_lat"] is None and iv["held_at"] == "2026-10-17T00:00:00"
    assert not any("gate.jpg" in line for line in written.withheld)


def test_csl_authors_that_are_her_become_the_pseudonym(planted: CaseFile,
                                                      tmp_path: Path) -> None:
    [item] = planted.documents.export_csl(policy=RedactionPolicy())
    assert item["author"] == [{"literal": PSEUDONYM}]
    assert item["editor"] == [{"literal": PSEUDONYM}]
    assert scan("csl", json.dumps(item, ensure_ascii=False).encode()) == []
    out = tmp_path / "shared.zip"
    dump_bundle(planted, out, RedactionPolicy())
    [document] = bundle_doc(out)[0]["documents"]
    assert document["authors"] == [{"literal": PSEUDONYM}]
    assert document["csl_extra"]["editor"] == [{"literal": PSEUDONYM}]


def test_a_shared_dump_never_reuses_an_earlier_dumps_folder(planted: CaseFile,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "story.json"
    dump_bundle(planted, out)  # the reporter's complete copy: every original file
    folder = tmp_path / "story-files"
    assert scan_bundle(out)
    (folder / "stray.txt").write_text(NAME)
    (tmp_path / ".story-files.0123.part").mkdir()  # left by a dump that was interrupted
    (tmp_path / ".story-files.0123.part" / "photo.jpg").write_bytes(jpeg_with_artist())
    dump_bundle(planted, out, RedactionPolicy(photo_gps=PhotoGps.ALL))
    doc, _files = bundle_doc(out)
    listed = {Path(f["path"]).name for f in _doc_files(doc)}
    assert sorted(p.name for p in folder.iterdir()) == ["files"]  # the stray file is gone
    assert {f.name for f in (folder / "files").iterdir()} == listed  # no original photo
    assert sorted(p.name for p in tmp_path.iterdir() if "story" in p.name) == [
        "story-files", "story.json"]  # no temporary or old folder left beside them
    assert scan_bundle(out) == []


def _doc_files(doc: Any) -> list[dict[str, Any]]:
    from casefile.bundle.dump import doc_files

    return doc_files(doc)


def test_the_command_line_lists_what_it_withheld(planted: CaseFile, tmp_path: Path) -> None:
    path = planted.path
    planted.close()
    out, copy = tmp_path / "shared.zip", tmp_path / "copy.casefile"
    done = subprocess.run([str(CASEFILE_BIN), "dump", str(path), "--out", str(out), "--share"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "withheld (5):" in done.stdout and "'call.m4a'" in done.stdout
    assert not any(s in done.stdout for s in (NAME, SURNAME, PHONE))
    assert scan_bundle(out) == []
    CaseFile.create(copy, title="Copy").close()
    done = subprocess.run([str(CASEFILE_BIN), "import", str(copy), str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# -- the cleaner on its own --------------------------------------------------------------

def test_what_cannot_be_read_is_withheld(redactor: Redactor) -> None:
    blank = pdf_bytes("")
    for data, media_type in [(blank, "application/pdf"), (b"%PDF-1.4 broken", "application/pdf"),
                             (_zip({"a.txt": b"x"}), "application/zip"), (UNKNOWN, "audio/mp4"),
                             (b"PK\x03\x04 not a zip", "application/zip"),
                             (docx_bytes("x")[:-40], "application/octet-stream")]:
        cleaned = clean_file(data, media_type, redactor)
        assert cleaned.data is None and cleaned.reason, data[:20]
    assert clean_file(b"plain words\n", "text/plain", redactor).data == b"plain words\n"
    escaped = clean_file(b"<p>Oksana&#32;Zhuravleva</p>", "text/html", redactor)
    assert escaped.data is None
    url = clean_file(b"see ?who=Oksana%20Zhuravleva", "text/plain", redactor)
    assert url.data is None


def test_jpeg_metadata_is_stripped_without_touching_the_pixels() -> None:
    data = jpeg_with_artist()
    bare = strip_jpeg_metadata(data)
    assert NAME.encode() not in bare and image_metadata(bare) == {"exif": {}, "gps": {},
                                                                  "info": {}}
    with Image.open(io.BytesIO(bare)) as a, Image.open(io.BytesIO(data)) as b:
        assert a.tobytes() == b.tobytes()


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_kept_photo_metadata_still_never_names_her(planted: CaseFile, tmp_path: Path) -> None:
    clean = jpeg_with_artist((1, 2, 3)).replace(NAME.encode(), b"Photo desk".ljust(len(NAME)))
    planted.photos.add(clean, "road.jpg", caption="The road.")
    [plant] = [p for p in planted.photos.page() if p.file_name == "plant.jpg"]
    [claim] = planted.claims.page()
    planted.evidence.create(claim=claim.uuid, photo=plant.uuid)  # goes with the photo
    out = tmp_path / "shared.zip"
    written = write_bundle(planted, out, RedactionPolicy(keep_photo_metadata=True))
    doc, files = bundle_doc(out)
    assert [p["file_name"] for p in doc["photos"]] == ["road.jpg"]  # the original file
    assert files[doc["photos"][0]["file"]["sha256"]] == clean
    assert any("photo 'plant.jpg'" in line and "names a protected source" in line
               for line in written.withheld)
    assert scan_bundle(out) == []
    with CaseFile.create(tmp_path / "editor.casefile", title="Copy") as copy:
        import_bundle(copy, out)
        assert copy.photos.count() == 1
        assert copy.summary().counts["evidence_link"] == 2


def test_an_office_file_in_utf16_or_with_hidden_text_is_checked(redactor: Redactor) -> None:
    base = docx_bytes("The rota.", author="Plant office")
    assert clean_file(base, "application/octet-stream", redactor).data is not None
    for part, data in [
        ("customXml/item9.xml", f'<?xml version="1.0"?><r><!-- {NAME} --></r>'.encode()),
        ("word/settings2.xml", f'<x a="{SURNAME}"/>'.encode("utf-16")),
        ("word/media/Zhuravleva.png", b""),
        ("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 anything"),
    ]:
        cleaned = clean_file(_with_part(base, part, data), "application/octet-stream", redactor)
        assert cleaned.data is None and cleaned.reason, part


def _with_part(package: bytes, name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(buf, "w") as dest:
        for info in src.infolist():
            dest.writestr(info, src.read(info))
        dest.writestr(name, data)
    return buf.getvalue()


def test_the_app_lists_what_it_withheld(planted: CaseFile, qtbot, tmp_path: Path) -> None:
    from tests.test_ui_files import make_window

    out, including = tmp_path / "shared.zip", tmp_path / "with transcripts.zip"
    window, prompts = make_window(qtbot, planted, [0, out, 2, including])
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.export_bundle()
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.export_bundle()  # the reporter chose to include the protected transcripts
    [iv] = [iv for iv in bundle_doc(including)[0]["interviews"] if iv["title"] == "Plant engineer"]
    assert "Canarysaid" in iv["transcript"]
    [(kind, title, message), _second] = [shown for shown in prompts.shown if shown[0] == "info"]
    assert (kind, title) == ("info", "Export bundle")
    assert "Withheld from the bundle (5)" in message and "'call.m4a'" in message
    assert not any(s in message for s in (NAME, SURNAME, PHONE))
    assert scan_bundle(out) == []


def test_tracked_changes_keep_their_words_but_not_who_made_them(redactor: Redactor) -> None:
    base = docx_bytes("The rota.", author="Plant office")
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(buf, "w") as dest:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"</w:body>", (
                    f'<w:p><w:ins w:id="9" w:author="{NAME}" w:date="2026-10-01T21:47:00Z">'
                    f'<w:r><w:t>added later</w:t></w:r></w:ins></w:p></w:body>').encode())
            dest.writestr(info, data)
    cleaned = clean_file(buf.getvalue(), "application/octet-stream", redactor)
    assert cleaned.data is not None
    assert scan_deep("tracked.docx", cleaned.data) == []
    assert b"added later" in _part(cleaned.data)  # the words stay, who and when go
    docx.Document(io.BytesIO(cleaned.data))  # and Word files still open
    rtf = clean_file(b"{\\rtf1 {\\info{\\author \\u1054?ksana}} text}", "text/rtf", redactor)
    assert rtf.data is None and "RTF" in rtf.reason


def _part(package: bytes, name: str = "word/document.xml") -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return zf.read(name)


def test_kept_photo_metadata_is_read_in_every_encoding(redactor: Redactor) -> None:
    from PIL import PngImagePlugin

    from casefile.bundle.clean_files import photo_names

    exif = Image.Exif()
    exif[0x9C9D] = (NAME + "\0").encode("utf-16-le")  # XPAuthor, as Windows writes it
    buf = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buf, "JPEG", exif=exif)
    assert photo_names(redactor, buf.getvalue())
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Author", NAME)
    for pnginfo, named in [(info, True), (None, False)]:
        buf = io.BytesIO()
        Image.new("RGB", (40, 30), (5, 5, 5)).save(buf, "PNG", pnginfo=pnginfo)
        assert photo_names(redactor, buf.getvalue()) is named
    buf = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buf, "WEBP", exif=exif)
    assert photo_names(redactor, buf.getvalue())


# -- bounds: what an Office file may make the cleaner decode or unpack --------------------

_CLEAN_IN_CHILD = """
import resource, sys
from pathlib import Path
from casefile.bundle.clean_files import clean_file

class Nobody:
    def text(self, value): return value
    def find(self, value): return []

cleaned = clean_file(Path(sys.argv[1]).read_bytes(), "application/octet-stream", Nobody())
print(cleaned.data is None, cleaned.reason, sep="\\n")
# VmHWM: this process's own peak (ru_maxrss may carry the parent's peak over from fork).
hwm = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]
print(int(hwm[0]) // 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_an_office_file_with_a_giant_picture_is_withheld_within_memory(tmp_path: Path
                                                                        ) -> None:
    """A 48-megapixel PNG of one colour, 100 KB on disk: decoded whole and copied twice it
    took ~600 MB; over the pixel budget it is refused before it is decoded."""
    from casefile.media.images import CLEAN_MAX_PIXELS
    from tests.reliability.bounded_input_cases import ROOT, one_colour_png

    png = one_colour_png(tmp_path / "plan.png", 8000, 6000)
    assert CLEAN_MAX_PIXELS < 8000 * 6000 and png.stat().st_size < 1_000_000
    office = tmp_path / "plan.docx"
    office.write_bytes(docx_bytes("The plan.", author="Plant office", picture=png.read_bytes()))
    done = subprocess.run([sys.executable, "-c", _CLEAN_IN_CHILD, str(office)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    withheld, reason, peak_mb = done.stdout.splitlines()
    assert withheld == "True", reason
    assert reason == ("holds a picture of 8,000×6,000 pixels, larger than can be rebuilt for "
                      "sharing (40 megapixels)")
    assert int(peak_mb) < 200, peak_mb


def test_a_large_jpeg_in_an_office_file_is_rebuilt_smaller(redactor: Redactor) -> None:
    buf = io.BytesIO()
    Image.new("L", (7000, 6000), 128).save(buf, "JPEG")  # 42 megapixels
    cleaned = clean_file(docx_bytes("The plan.", author="Plant office", picture=buf.getvalue()),
                         "application/octet-stream", redactor)
    assert cleaned.data is not None, cleaned.reason
    with zipfile.ZipFile(io.BytesIO(cleaned.data)) as zf:
        [media] = [n for n in zf.namelist() if n.startswith("word/media/")]
        with Image.open(io.BytesIO(zf.read(media))) as im:
            assert im.format == "JPEG" and im.size == (3500, 3000)


def test_a_zip_bomb_office_file_is_withheld(redactor: Redactor) -> None:
    base = docx_bytes("The rota.", author="Plant office")
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in src.infolist():
            dest.writestr(info, src.read(info))
        # 20 MB that deflate to ~20 KB: under the 256 MB cap, so only the ratio catches it.
        dest.writestr("customXml/item9.xml", b'<?xml version="1.0"?><r>'
                      + b" " * (20 * 1024 * 1024) + b"</r>")
    assert len(bomb.getvalue()) < 200_000
    cleaned = clean_file(bomb.getvalue(), "application/octet-stream", redactor)
    assert cleaned.data is None
    assert "(a zip bomb?)" in cleaned.reason and "times" in cleaned.reason, cleaned.reason
    assert "item9" not in cleaned.reason  # a part's name is never shown (it may name her)
    many = _zip({"[Content_Types].xml": b"<Types/>",
                 **{f"customXml/item{i}.xml": b"<r/>" for i in range(10_001)}})
    cleaned = clean_file(many, "application/octet-stream", redactor)
    assert cleaned.data is None and "has 10,002 entries" in cleaned.reason, cleaned.reason


# -- what hides a name from a scan of the text as written (adversarial review) ------------

def readable(data: bytes) -> list[bytes]:
    """What a reader's program shows of a file: the bytes, HTML without its tags, every part
    of an e-mail decoded, a JSON file's strings decoded, a picture's text chunks."""
    import contextlib
    import email
    import email.policy
    import html
    import re

    views = [data]
    text = data.decode("utf-8", "replace")
    views.append(html.unescape(re.sub(r"<[^>]*>", "", text)).encode())
    if b"Content-Type" in data or b"MIME-Version" in data:
        for part in email.message_from_bytes(data, policy=email.policy.default).walk():
            payload = part.get_payload(decode=True)
            views.append(payload if isinstance(payload, bytes) else b"")
            views += [str(v).encode() for v in part.values()]
    with contextlib.suppress(ValueError):
        views.append(json.dumps(json.loads(text), ensure_ascii=False).encode())
    try:
        with Image.open(io.BytesIO(data)) as im:
            views.append(repr([im.info, getattr(im, "text", {})]).encode())
    except Exception:
        pass
    return views


def scan_readable(path: Path) -> list[str]:
    """`scan_bundle`, and every file as it reads and every draft body as it shows."""
    from casefile.claims.draft_text import DraftText

    hits = scan_bundle(path)
    doc, files = bundle_doc(path)
    for sha, data in files.items():
        hits += [h for view in readable(data) for h in scan(f"file {sha[:8]}", view)]
    for draft in doc["drafts"]:
        bodies = [draft["body"], *(v["snapshot"].get("body", "") for v in draft["versions"])]
        for body in bodies:
            hits += scan("draft body as shown", DraftText.parse(body).text.encode())
    return hits


def share_and_import(case: CaseFile, tmp_path: Path, policy: RedactionPolicy | None = None
                     ) -> tuple[Path, Written]:
    """A shared .zip of `case`, checked to import into a new case."""
    out = tmp_path / "shared.zip"
    written = write_bundle(case, out, policy or RedactionPolicy())
    assert isinstance(written, Written)
    with CaseFile.create(tmp_path / "editor.casefile", title="Copy") as copy:
        import_bundle(copy, out)
    return out, written


def test_a_claim_anchor_inside_her_name_does_not_hide_it(planted: CaseFile,
                                                         tmp_path: Path) -> None:
    from casefile.claims.draft_text import DraftText

    [claim] = planted.claims.page()
    c = claim.uuid
    body = (f"Zhura⟦claim:{c}⟧vleva said the night shift was cut⟦/claim⟧. Ring +7 914 "
            f"⟦claim:{c}⟧555 0177⟦/claim⟧.\n\n⟦claim:{c}⟧The plant cut its night shift⟦/claim⟧ "
            f"in October, Ok⟦claim:{c}⟧sana⟦/claim⟧ said.")
    draft = planted.drafts.create(headline="Night shift", body=body)
    planted.drafts.snapshot(draft.uuid, "exported")
    out, _written = share_and_import(planted, tmp_path)
    assert scan_readable(out) == []
    [shared] = bundle_doc(out)[0]["drafts"]
    for stored in (shared["body"], shared["versions"][0]["snapshot"]["body"]):
        text = DraftText.parse(stored)
        assert f"{PSEUDONYM} said the night shift was cut." in text.text
        # The anchor that did not touch her name is still there, on the same words.
        assert "The plant cut its night shift" in [text.anchor_text(a) for a in text.anchors]
        assert all(PHONE not in text.anchor_text(a) for a in text.anchors)


def test_files_whose_markup_or_encoding_hides_her_are_withheld(redactor: Redactor) -> None:
    import base64

    body = base64.encodebytes(f"{NAME} called from {PHONE}.".encode()).decode()
    mail = ("From: desk@example.org\r\nTo: me@example.org\r\nSubject: call back\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{body}").encode()
    header = ("From: =?utf-8?b?" + base64.b64encode(NAME.encode()).decode()
              + "?= <x@example.org>\r\nSubject: hi\r\n\r\nsee you\r\n").encode()
    for data, media_type in [
        (b"<p>Interview with <b>Zhura</b>vleva</p>", "text/html"),
        (b"<p>Interview with <span class='x'>Zhura</span><i>vle</i>va</p>", "text/html"),
        (b"<p>Oksana <em>Zhura&shy;vleva</em></p>", "text/plain"),
        (mail, "message/rfc822"), (mail, "application/octet-stream"), (header, "text/plain"),
        (json.dumps({"who": "Оксана Журавлёва"}).encode(), "application/json"),
        (b'{"who": "Zhuravl\\u0065va"}', "application/json"),
    ]:
        cleaned = clean_file(data, media_type, redactor)
        assert cleaned.data is None and cleaned.reason, data[:60]
    attached = mail.replace(b"Content-Type: text/plain; charset=utf-8",
                            b"Content-Type: application/octet-stream")
    assert "e-mail" in clean_file(attached, "message/rfc822", redactor).reason
    for data, media_type in [
        (b"<p>Shift</p><p>rota</p>", "text/html"),
        (b"From: desk@example.org\nSubject: rota\n\nThe shift was cut.\n", "message/rfc822"),
        (json.dumps({"shift": "Ночная смена"}).encode(), "application/json"),
    ]:
        assert clean_file(data, media_type, redactor).data == data


def test_documents_and_attachments_that_hide_her_do_not_leave(planted: CaseFile,
                                                              tmp_path: Path) -> None:
    import base64

    [other] = [iv for iv in planted.interviews.page() if iv.title == "Depot manager"]
    mail = ("From: desk@example.org\nSubject: call back\nMIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            + base64.encodebytes(f"{NAME} called from {PHONE}.".encode()).decode()).encode()
    planted.interviews.attach(other.uuid, mail, "call back.eml")
    planted.interviews.attach(other.uuid, b"<p>Interview with <b>Zhura</b>vleva</p>",
                              "notes.html")
    document = planted.documents.create(title="Web page")
    planted.documents.attach_file(document.uuid, b'{"by": "Zhuravl\\u0065va"}', "page.json")
    out, written = share_and_import(planted, tmp_path)
    assert scan_readable(out) == []
    withheld = "\n".join(written.withheld)
    assert all(f"'{n}'" in withheld for n in ("call back.eml", "notes.html", "page.json"))


def test_single_quoted_authors_in_a_word_file_are_blanked_and_scanned(redactor: Redactor
                                                                      ) -> None:
    base = docx_bytes("The rota.", author="Plant office")

    def edited(xml: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(buf, "w") as dest:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "word/document.xml":
                    data = data.replace(b"</w:body>", xml.encode() + b"</w:body>")
                dest.writestr(info, data)
        return buf.getvalue()

    for who in (NAME, "Oksana&#32;Zhuravleva"):
        tracked = edited(f"<w:p><w:ins w:id='9' w:author='{who}' w:date = '2026-10-01T21:47:00Z'"
                         f" w:rsidR='00AB12'><w:r><w:t>added later</w:t></w:r></w:ins></w:p>")
        cleaned = clean_file(tracked, "application/octet-stream", redactor)
        assert cleaned.data is not None, cleaned.reason
        assert scan_deep("tracked.docx", cleaned.data) == []
        part = _part(cleaned.data)
        assert b"added later" in part and b"2026-10-01" not in part and b"00AB12" not in part
        docx.Document(io.BytesIO(cleaned.data))
        named = edited(f"<w:p><w:r><w:t xml:space='preserve' w:val='{who}'>x</w:t></w:r></w:p>")
        assert clean_file(named, "application/octet-stream", redactor).data is None, who


def test_csl_keys_that_name_her_are_redacted(planted: CaseFile, tmp_path: Path) -> None:
    planted.documents.create(title="Leaked memo", csl_extra={
        NAME: "yes", "custom": {f"typed by {SURNAME}": [PHONE]}, PSEUDONYM: "kept"})
    items = planted.documents.export_csl(policy=RedactionPolicy())
    assert scan("csl", json.dumps(items, ensure_ascii=False).encode()) == []
    [memo] = [i for i in items if i["title"] == "Leaked memo"]
    custom = memo["custom"]  # variables CSL does not have are kept under "custom"
    assert custom[PSEUDONYM] == "yes" and custom[f"{PSEUDONYM} (2)"] == "kept"  # nothing lost
    out, _written = share_and_import(planted, tmp_path)
    assert scan_readable(out) == []


def test_an_interview_she_only_speaks_in_is_hers(case: CaseFile, tmp_path: Path) -> None:
    source = case.sources.create(name=NAME, ground_rules="confidential",
                                 attribution_phrase=PSEUDONYM)
    onrecord = case.sources.create(name="Ivan Petrov", ground_rules="on_record")
    claim = case.claims.create(statement="The plant cut its night shift in October.")
    for title, rules, interviewees in [("Canteen", "on_record", []),
                                       ("Off the record", "off_record", [onrecord.uuid])]:
        iv = case.interviews.create(title=title, transcript=TRANSCRIPT, ground_rules=rules,
                                    interviewees=interviewees, place_name="Canaryplace café",
                                    place_lat=50.123456, place_lon=127.654321,
                                    held_at=datetime(2026, 10, 17, 21, 47))
        start = TRANSCRIPT.index(EVIDENCE)
        speaker = source.uuid if title == "Canteen" else onrecord.uuid
        quote = case.quotes.mark(iv.uuid, start, start + len(EVIDENCE), speaker=speaker)
        case.evidence.create(claim=claim.uuid, quote=quote.uuid)
    out, _written = share_and_import(case, tmp_path)
    assert scan_readable(out) == []
    for iv in bundle_doc(out)[0]["interviews"]:
        assert iv["transcript"].startswith(TRANSCRIPT_WITHHELD), iv["title"]
        assert (iv["place_name"], iv["place_lat"], iv["place_lon"]) == ("", None, None)
        [q] = iv["quotes"]
        assert iv["transcript"][q["span"]["start"]:q["span"]["end"]] == EVIDENCE


def test_kept_photo_metadata_is_read_decompressed(planted: CaseFile, redactor: Redactor,
                                                  tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    from casefile.bundle.clean_files import photo_names

    for n, add in enumerate([lambda i: i.add_text("Author", NAME, zip=True),
                             lambda i: i.add_itxt("Author", NAME, zip=True),
                             lambda i: i.add_itxt("XML:com.adobe.xmp",
                                                  "<dc:creator>Oksana&#32;Zhuravleva"
                                                  "</dc:creator>", zip=True)]):
        info = PngImagePlugin.PngInfo()
        add(info)
        buf = io.BytesIO()
        Image.new("RGB", (40, 30), (n, 5, 5)).save(buf, "PNG", pnginfo=info)
        assert photo_names(redactor, buf.getvalue()), n
        planted.photos.add(buf.getvalue(), f"plant{n}.png")
    out, written = share_and_import(planted, tmp_path,
                                    RedactionPolicy(keep_photo_metadata=True))
    assert scan_readable(out) == []
    assert bundle_doc(out)[0]["photos"] == []
    assert all(any(f"photo 'plant{n}.png'" in line for line in written.withheld)
               for n in range(3))
