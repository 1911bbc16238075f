"""The leak corpus: unique canaries in every field of a protected source and of every record
that points at her — texts, file names, EXIF, XMP and PNG text chunks of her photos and
attachments, the properties and body of an attached Word document, CSL authors — then every
path out of the case: Word (editor and clean, with and without footnotes, with and without
photo metadata), a shared bundle as a zip and as JSON plus folder, CSL-JSON, backups after
encrypting, and the log. Where the promise holds, no canary may come out in any form (raw,
UTF-16, XML-escaped, URL-encoded, underscored); the reporter's own complete copy is the
positive control: every canary is found there, so the search is able to find them."""

from __future__ import annotations

import html
import io
import itertools
import logging
import zipfile
from pathlib import Path
from urllib.parse import quote

import docx
import pytest
from PIL import Image, PngImagePlugin

from casefile import CaseFile
from casefile.bundle import dump_bundle
from casefile.export.docx_draft import export_draft
from casefile.export.protect import ExportRefusedError
from casefile.redaction import RedactionPolicy
from tests.test_photos import photo_bytes

PASSPHRASE = "amur river at dawn"
# Identity canaries: what identifies her (name parts, contacts, notes, second reference).
IDENTITY = {
    "given": "Velmira", "family": "Qorzhantsova", "phone": "924 555 0142",
    "phone_digits": "9245550142", "email": "vq.canary77", "short": "Canaryshort",
    "notes": "Canarynote met behind the grain mill",
}
# Her other fields, which a shared bundle withholds although they are not a name.
FIELDS = {"role": "Canaryrole", "affiliation": "Canaryaffil", "location": "Canaryloc",
          "place": "Canaryplace", "lat": "48.501234", "transcript": "Canaryspoken"}
ALL = {**IDENTITY, **FIELDS}
NAME = f"{IDENTITY['given']} {IDENTITY['family']}"
PHRASE = "a grain trader in Heihe"


def forms(text: str) -> list[bytes]:
    variants = {text, html.escape(text), quote(text), quote(text, safe=""),
                text.replace(" ", "_"), text.replace(" ", "%20")}
    out = []
    for v in variants:
        out += [v.lower().encode(), v.lower().encode("utf-16-le"), v.lower().encode("utf-16-be")]
    return out


def canaries_in(name: str, data: bytes, which: dict[str, str] = ALL) -> list[str]:
    low = data.lower()
    return [f"{name}: {key}" for key, text in which.items()
            if any(needle in low for needle in forms(text))]


def image_texts(data: bytes) -> bytes:
    """Every metadata string Pillow reads from an image, as bytes to search."""
    try:
        with Image.open(io.BytesIO(data)) as im:
            exif = im.getexif()
            parts = [repr(dict(exif)), repr(dict(exif.get_ifd(0x8825))),
                     repr(dict(exif.get_ifd(0x8769))), repr(im.info)]
    except Exception:  # not an image: its bytes were searched as they are
        return b""
    return "\n".join(parts).encode("utf-8", "replace")


def scan_zip(path: Path, which: dict[str, str] = ALL) -> list[str]:
    hits = canaries_in("the zip's name", path.name.encode(), which)
    with zipfile.ZipFile(path) as zf:
        for member in zf.namelist():
            data = zf.read(member)
            hits += canaries_in(member, data, which)
            hits += canaries_in(f"name of {member}", member.encode(), which)
            hits += canaries_in(f"metadata of {member}", image_texts(data), which)
            if member.endswith(".docx"):  # a Word file inside: its parts too
                inner = path.parent / f".inner-{Path(member).name}"
                inner.write_bytes(data)
                hits += [f"{member} > {h}" for h in scan_zip(inner, which)]
                inner.unlink()
    return hits


def scan_tree(folder: Path, which: dict[str, str] = ALL) -> list[str]:
    hits = []
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        hits += canaries_in(f"name of {rel}", rel.encode(), which)
        if path.is_file():
            data = path.read_bytes()
            hits += canaries_in(rel, data, which)
            hits += canaries_in(f"metadata of {rel}", image_texts(data), which)
            if data[:4] == b"PK\x03\x04" and zipfile.is_zipfile(path):
                hits += [f"{rel} > {h}" for h in scan_zip(path, which)]
    return hits


def tagged_jpeg() -> bytes:
    """A photo whose EXIF names her (Artist, description, comment) and places her, with an
    XMP packet naming her too."""
    raw = photo_bytes(lat=float(FIELDS["lat"]), lon=135.101234)
    with Image.open(io.BytesIO(raw)) as im:
        exif = im.getexif()
        exif[0x013B] = NAME  # Artist
        exif[0x010E] = f"{IDENTITY['family']} at the gate"  # ImageDescription
        exif[0x8298] = IDENTITY["phone"]  # Copyright
        xmp = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
               f'1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/'
               f'elements/1.1/"><dc:creator>{NAME}</dc:creator></rdf:Description></rdf:RDF>'
               f'</x:xmpmeta>').encode()
        buf = io.BytesIO()
        im.save(buf, "JPEG", exif=exif, xmp=xmp)
    return buf.getvalue()


def tagged_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_itxt("Comment", f"call {IDENTITY['phone']}")
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 120, 60)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def tagged_docx() -> bytes:
    d = docx.Document()
    d.core_properties.author = NAME
    d.core_properties.last_modified_by = IDENTITY["family"]
    d.core_properties.comments = IDENTITY["notes"]
    d.add_paragraph(f"Memo for {NAME}, {IDENTITY['phone']}.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def planted(sample: CaseFile, tmp_path: Path) -> CaseFile:
    case = sample
    her = case.sources.create(
        name=NAME, short_name=f"Ms. {IDENTITY['short']}", role_title=FIELDS["role"],
        affiliation=FIELDS["affiliation"], location=FIELDS["location"],
        notes=IDENTITY["notes"], ground_rules="confidential", attribution_phrase=PHRASE,
        contacts=[{"kind": "phone", "value": f"+7 {IDENTITY['phone']}"},
                  {"kind": "email", "value": f"{IDENTITY['email']}@example.org"}])
    text = (f"Q: How long?\n\nA: The trucks now wait nine days at the bridge. "
            f"{FIELDS['transcript']} — my name is {IDENTITY['given']}, write that down.")
    interview = case.interviews.create(
        title="Grain trader", transcript=text, interviewees=[her.uuid],
        place_name=FIELDS["place"], place_lat=float(FIELDS["lat"]), place_lon=135.101234,
        notes=IDENTITY["notes"])
    case.interviews.attach(interview.uuid, tagged_jpeg(), f"{IDENTITY['family']}-notes.jpg")
    case.interviews.attach(interview.uuid, tagged_png(), "scan.png")
    case.interviews.attach(interview.uuid, tagged_docx(), "memo.docx")
    start = text.index("The trucks")
    words = case.quotes.mark(interview.uuid, start, text.index(" at the bridge.") + 15,
                             speaker=her.uuid)
    claim = next(c for c, _s in case.claims.summaries() if c.statement.startswith("Trucks"))
    case.evidence.create(claim=claim.uuid, quote=words.uuid)
    photo = case.photos.add(tagged_jpeg(), f"{IDENTITY['given']}_{IDENTITY['family']}.jpg",
                            depicted=[her.uuid], caption="Trucks at the gate.")
    case.evidence.create(claim=claim.uuid, photo=photo.uuid)
    [draft] = case.drafts.page()  # her photo is placed in the story (its caption is clean)
    case.drafts.update(draft.uuid, body=draft.body + f"\n\n⟦photo:{photo.uuid}⟧")
    memo = case.documents.create(title="Depot schedule", publisher="Amur Rail",
                                 notes=f"from {NAME}",
                                 authors=[{"family": IDENTITY["family"],
                                           "given": IDENTITY["given"]}])
    case.documents.attach_file(memo.uuid, tagged_docx(), "schedule.docx")
    aside = case.claims.create(statement="Grain prices doubled at the border.",
                               notes=f"{IDENTITY['family']} confirmed it")  # not in the draft
    case.evidence.create(claim=aside.uuid, quote=words.uuid)
    return case


def exports(case: CaseFile, out_dir: Path) -> list[tuple[str, Path | None]]:
    """Every Word export: (what, the file written, or None when it was refused)."""
    [draft] = case.drafts.page()
    results = []
    for profile, notes, meta in itertools.product(("editor", "clean"), (True, False),
                                                  (False, True)):
        what = f"{profile}, footnotes {'on' if notes else 'off'}, photo metadata " \
               f"{'kept' if meta else 'stripped'}"
        out = out_dir / f"draft-{profile}-{notes}-{meta}.docx"
        try:
            export_draft(case, draft.uuid, out, profile=profile, footnotes=notes,
                         keep_photo_metadata=meta, allow_blocking=True)
            results.append((what, out))
        except ExportRefusedError:
            assert not out.exists()
            results.append((what, None))
    return results


def test_no_word_export_carries_a_canary(planted: CaseFile, tmp_path: Path) -> None:
    out_dir = tmp_path / "word"
    out_dir.mkdir()
    results = exports(planted, out_dir)
    written = {what: path for what, path in results if path is not None}
    # The ordinary exports go through (the draft cites her only by her pseudonym) …
    assert "editor, footnotes on, photo metadata stripped" in written
    assert "clean, footnotes off, photo metadata stripped" in written
    for what, path in written.items():
        assert scan_zip(path) == [], what
    # … and every one that would embed her photo's EXIF (Artist, description, XMP creator)
    # is refused, not written.
    kept = {what: path for what, path in results if "metadata kept" in what}
    assert len(kept) == 4 and all(path is None for path in kept.values()), kept
    assert scan_tree(out_dir) == []  # nothing else was left in the folder either


@pytest.mark.parametrize("form", ["zip", "json"])
def test_a_shared_bundle_carries_no_canary(planted: CaseFile, tmp_path: Path,
                                           form: str) -> None:
    out_dir = tmp_path / "shared"
    out_dir.mkdir()
    dump_bundle(planted, out_dir / f"for the editor.{form}", RedactionPolicy())
    assert scan_tree(out_dir) == []


def test_csl_json_carries_no_canary(planted: CaseFile, tmp_path: Path) -> None:
    from casefile.cli import main

    path = planted.path
    planted.close()  # the command line opens the file itself
    out, full = tmp_path / "items.json", tmp_path / "full.json"
    assert main(["export-csl", str(path), "--out", str(out)]) == 0
    assert canaries_in("csl", out.read_bytes()) == []
    assert main(["export-csl", str(path), "--out", str(full), "--full"]) == 0
    assert canaries_in("csl --full", full.read_bytes())  # asked for, the reporter gets it


def test_the_complete_copy_carries_every_identity(planted: CaseFile, tmp_path: Path) -> None:
    """The positive control: the reporter's own copy holds everything, and the scan finds
    it — so the zero counts above are real."""
    out = tmp_path / "mine.zip"
    dump_bundle(planted, out)
    found = {hit.rsplit(": ", 1)[1] for hit in scan_zip(out)}
    assert set(IDENTITY) - {"phone_digits"} <= found, found


def test_backups_after_encrypting_carry_no_plaintext_canary(
        planted: CaseFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.backups import BackupShelf
    from casefile.encryption import encrypt_file

    shelf_root = tmp_path / "shelf"
    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(shelf_root))
    shelf = BackupShelf.for_case(planted, shelf_root)
    shelf.take(planted)
    path = planted.path
    assert scan_tree(shelf_root, IDENTITY)  # plaintext backups hold her, as they may
    planted.close()
    encrypt_file(path, PASSPHRASE, backup_root=shelf_root)
    assert scan_tree(shelf_root, IDENTITY) == []
    assert scan_tree(path.parent, IDENTITY) == []  # the case file and any copy beside it
    assert shelf.entries()  # the safety net is still there, encrypted


def test_the_log_carries_no_canary(qtbot, planted: CaseFile, app_log: Path) -> None:
    from ui.errors import install_excepthook
    from ui.prompts import ScriptedPrompts

    prompts = ScriptedPrompts()
    hook = install_excepthook(prompts)
    try:
        raise RuntimeError(f"{NAME} {IDENTITY['phone']} {IDENTITY['notes']}")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger("casefile").handlers:
        handler.flush()
    assert "RuntimeError" in app_log.read_text(encoding="utf-8")
    assert scan_tree(app_log.parent) == []
    assert all(canaries_in("message", m[2].encode()) == [] for m in prompts.shown)
