"""Bad input is refused whole, within bounded memory, with a clear message (issue 15, item 9).

Each memory case runs the real command line in a child process under a 1.5 GB address-space
limit and asserts on what it did: its exit status, its message, its peak RSS (< 500 MB) and
that the case file is unchanged. The inputs are small on disk (sparse, deflated or streamed)
and are made in tmp_path; tests/reliability/bounded_input_cases.py makes them.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from casefile import BundleError, CaseFile
from casefile.bundle import dump_bundle, import_bundle
from casefile.errors import CaseFileError
from casefile.models import Blob, Draft, Interview, Photo, Tag, Tagging, Thumbnail, TrashEntry
from casefile.redaction import clean_image
from tests.conftest import file_state, jpeg_bytes
from tests.reliability import bounded_input_cases as cases

PEAK_MB = 500


def _new_case(path: Path) -> Path:
    """A new case file alone in its folder (file_state lists the folder)."""
    path = path.parent / "case" / path.name
    path.parent.mkdir()
    CaseFile.create(path, title="Bounded", actor="tester").close()
    return path


def _refused(run: cases.Run, *words: str) -> None:
    """Exit 1, a plain message (no internal error, no traceback), within the memory bound."""
    assert run.rc == 1, (run.rc, run.stderr[-2000:])
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    for w in words:
        assert w in run.stderr, run.stderr[-2000:]
    assert run.peak_mb < PEAK_MB, run.peak_mb


def _bundle(path: Path, **sections: Any) -> Path:
    doc = {"format": "casefile-bundle", "format_version": 1, "case": {"title": "Theirs"},
           **sections}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


U = [f"{i:08x}-0000-4000-8000-000000000000" for i in range(1, 20)]

# -- the JSON ------------------------------------------------------------------------------


def test_deeply_nested_json_is_refused_plainly(tmp_path: Path) -> None:
    case = _new_case(tmp_path / "c.casefile")
    before = file_state(case)
    run = cases.run_cli(["import", case, cases.nested_json(tmp_path / "nested.json")])
    _refused(run, "nested more than 64 levels deep")
    assert file_state(case) == before


@pytest.mark.parametrize(("text", "says"), [
    ('{"a": NaN}', "NaN is not a JSON value"),
    ('{"a": Infinity}', "Infinity is not a JSON value"),
    ('{"a": [1e400]}', r"case\.house_style\.a\[0\]: a number too large to store"),
    ('{"a": ' + "9" * 5000 + "}", "a number too long to read"),
], ids=["nan", "infinity", "overflowing-float", "5000-digit-int"])
def test_numbers_json_cannot_hold_are_refused(case: CaseFile, tmp_path: Path, text: str,
                                              says: str) -> None:
    raw = ('{"format": "casefile-bundle", "format_version": 1, '
           '"case": {"title": "T", "house_style": ' + text + "}}")
    bundle = tmp_path / "b.json"
    bundle.write_text(raw, encoding="utf-8")
    with pytest.raises(BundleError, match=says):
        import_bundle(case, bundle)


def test_integers_out_of_sqlite_range_are_refused_with_their_path(case: CaseFile,
                                                                  tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b.json", documents=[
        {"title": "Filing", "kind": "report", "page_count": 2**64}])
    before = file_state(case.path)
    with pytest.raises(BundleError, match=r"documents\[0\]\.page_count: the integer "
                                          r"18446744073709551616 is out of range"):
        import_bundle(case, bundle)
    assert file_state(case.path) == before


def test_a_bundle_is_never_written_with_infinity(case: CaseFile, tmp_path: Path) -> None:
    iv = case.interviews.create(title="Market")
    with case._store.write() as s:
        s.get(Interview, iv.id).place_lat = float("inf")  # an older file, written directly
    out = tmp_path / "out.json"
    with pytest.raises(CaseFileError, match=r"interviews\[0\]\.place_lat"):
        dump_bundle(case, out)
    assert not out.exists()


# -- records the importer used to crash on ------------------------------------------------


def test_a_tag_the_case_already_has_is_merged(case: CaseFile, tmp_path: Path) -> None:
    mine = case.sources.create(name="Ours")
    case.tags.tag(mine, "verified")
    bundle = _bundle(tmp_path / "b.json",
                     sources=[{"uuid": U[0], "name": "Theirs"}],
                     tags=[{"uuid": U[1], "name": "verified", "records": [U[0], str(mine.uuid)]},
                           {"uuid": U[2], "name": "verified", "records": [U[0]]}])
    import_bundle(case, bundle)
    theirs = case.sources.get(U[0])
    assert case.tags.names_for(theirs) == ["verified"]
    assert case.tags.names_for(mine) == ["verified"]
    with case._store.read() as s:
        assert s.scalar(select(func.count()).select_from(Tag)) == 1
        assert s.scalar(select(func.count()).select_from(Tagging)) == 2


def test_the_same_uuid_twice_in_a_list_counts_once(case: CaseFile, tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b.json",
                     team=[{"uuid": U[0], "name": "Reporter"}],
                     sources=[{"uuid": U[1], "name": "Witness"}],
                     interviews=[{"uuid": U[2], "title": "Market",
                                  "interviewees": [U[1], U[1]], "interviewers": [U[0], U[0]]}],
                     drafts=[{"uuid": U[3], "headline": "Story", "byline": [U[0], U[0]]}],
                     tags=[{"uuid": U[4], "name": "key", "records": [U[1], U[1]]}])
    import_bundle(case, bundle)
    with case._store.read() as s:
        iv = s.scalars(select(Interview)).one()
        assert [x.name for x in iv.interviewees] == ["Witness"]
        assert [x.name for x in iv.interviewers] == ["Reporter"]
        draft = s.scalars(select(Draft)).one()
        assert [b.member.name for b in draft.byline] == ["Reporter"]
    assert case.tags.names_for(case.sources.get(U[1])) == ["key"]


def test_a_trash_entry_the_case_already_has_is_refused(case: CaseFile, tmp_path: Path) -> None:
    src = case.sources.create(name="Gone")
    case.trash.delete(src)
    with case._store.read() as s:
        entry = s.scalars(select(TrashEntry)).one()
        taken = str(entry.uuid)
    bundle = _bundle(tmp_path / "b.json",
                     trash=[{"uuid": taken, "deleted_at": "2026-01-01T00:00:00+00:00",
                             "record_kind": "source", "record_uuid": U[0]}],
                     sources=[{"uuid": U[0], "name": "Also gone", "trash": taken}])
    before = file_state(case.path)
    with pytest.raises(BundleError, match=rf"trash\[0\]\.uuid: a trash entry with uuid "
                                          rf"{taken} is already in this case file"):
        import_bundle(case, bundle)
    assert file_state(case.path) == before


def _photo_zip(path: Path, data: bytes, name: str = "files/p.jpg") -> Path:
    sha = hashlib.sha256(data).hexdigest()
    doc = {"format": "casefile-bundle", "format_version": 1, "case": {"title": "T"},
           "photos": [{"uuid": U[0], "file_name": "p.jpg",
                       "file": {"path": name, "sha256": sha, "media_type": "image/jpeg"}}]}
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bundle.json", json.dumps(doc))
        zf.writestr(name, data)
    return path


def test_a_photo_that_is_not_an_image_refuses_the_bundle_whole(tmp_path: Path) -> None:
    case = _new_case(tmp_path / "c.casefile")
    before = file_state(case)
    bundle = _photo_zip(tmp_path / "b.zip", b"%PDF-1.4 a scan, not a picture")
    run = cases.run_cli(["import", case, bundle])
    _refused(run, "photos[0].file: 'files/p.jpg' is not a photo Casefile can import")
    assert file_state(case) == before
    with CaseFile.open(case) as c:
        assert c.summary().counts.get("photo", 0) == 0


def test_a_bundle_photo_gets_its_previews_in_the_same_transaction(case: CaseFile,
                                                                  tmp_path: Path) -> None:
    import_bundle(case, _photo_zip(tmp_path / "b.zip", jpeg_bytes((300, 200))))
    with case._store.read() as s:
        assert sorted(s.scalars(select(Thumbnail.max_side))) == [256, 1024]
    assert list(case.photos.missing_thumbnails()) == []


# -- zip members ---------------------------------------------------------------------------


@pytest.mark.parametrize(("members", "size", "says"), [
    (20, 10 * cases.MiB - 1, "expands 1,"),  # each member just under the old 10 MiB check
    (200, cases.MiB - 1, "its entries expand"),  # each small: the archive is the bomb
], ids=["members-under-the-old-check", "many-small-members"])
def test_members_that_expand_too_much_are_refused(tmp_path: Path, members: int, size: int,
                                                  says: str) -> None:
    case = _new_case(tmp_path / "c.casefile")
    before = file_state(case)
    bundle = cases.many_members_zip(tmp_path / "bomb.zip", members, size)
    _refused(cases.run_cli(["import", case, bundle]), "a zip bomb?", says)
    assert file_state(case) == before


def test_a_large_honest_bundle_is_imported_one_file_at_a_time(tmp_path: Path) -> None:
    """480 MB of stored (incompressible) files: held one at a time, never all at once."""
    case = _new_case(tmp_path / "c.casefile")
    bundle = cases.stored_members_zip(tmp_path / "big.zip", 48, 10 * cases.MiB)
    run = cases.run_cli(["import", case, bundle])
    assert run.rc == 0, run.stderr
    assert run.peak_mb < PEAK_MB, run.peak_mb
    with CaseFile.open(case) as c:
        assert c.summary().counts["document"] == 48
        assert c.check().ok


def test_a_member_changed_after_its_check_is_refused(case: CaseFile, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from casefile.bundle import files

    data = b"the filing"
    bundle = _bundle(tmp_path / "b.json", documents=[
        {"title": "F", "kind": "report",
         "file": {"path": "f.bin", "sha256": hashlib.sha256(data).hexdigest()}}])
    (tmp_path / "f.bin").write_bytes(data)
    monkeypatch.setattr(files.FolderSource, "read", lambda self, rel: b"swapped")
    # A new file is read once, and the bytes hashed are the bytes written: a file that
    # changes between two reads is refused for the hash its one read has.
    with pytest.raises(BundleError, match=r"documents\[0\]\.file\.sha256: 'f\.bin' has SHA-256"):
        import_bundle(case, bundle)
    assert case.summary().counts.get("document", 0) == 0


# -- a reviewed .docx ----------------------------------------------------------------------


def test_a_docx_whose_body_expands_hugely_is_refused_before_parsing(tmp_path: Path) -> None:
    case = _new_case(tmp_path / "c.casefile")
    before = file_state(case)
    docx = cases.dense_docx(tmp_path / "dense.docx", 150 * cases.MiB)
    _refused(cases.run_cli(["import-review", case, docx]), "word/document.xml is",
             "the limit is 32 MB")
    assert file_state(case) == before


def test_a_dense_docx_under_the_limit_is_streamed(tmp_path: Path) -> None:
    """30 MB of one-character runs: read as a stream, never as a tree of a million nodes."""
    case = _new_case(tmp_path / "c.casefile")
    docx = cases.dense_docx(tmp_path / "dense.docx", 30 * cases.MiB)
    run = cases.run_cli(["import-review", case, docx])
    assert run.rc == 1 and "not in this case" in run.stderr, run.stderr
    assert run.peak_mb < 300, run.peak_mb


# -- add-document --------------------------------------------------------------------------


def test_a_document_larger_than_a_case_stores_is_refused_before_reading(tmp_path: Path
                                                                        ) -> None:
    case = _new_case(tmp_path / "c.casefile")
    before = file_state(case)
    big = cases.sparse_file(tmp_path / "leak.pdf")
    _refused(cases.run_cli(["add-document", case, big]), "leak.pdf", "larger than a case "
             "stores in one document (128 MB)")
    assert file_state(case) == before


def test_docx_details_are_read_without_parsing_its_body(tmp_path: Path) -> None:
    case = _new_case(tmp_path / "c.casefile")
    docx = cases.dense_docx(tmp_path / "filing.docx", 150 * cases.MiB)
    run = cases.run_cli(["add-document", "--json", case, docx])
    assert run.rc == 0, run.stderr
    assert json.loads(run.stdout)["title"] == cases.DENSE_TITLE
    assert run.peak_mb < PEAK_MB, run.peak_mb


# -- photos --------------------------------------------------------------------------------


def _case_with_photo_bytes(path: Path, data: bytes, name: str) -> Path:
    """A photo record stored as an older Casefile (or another tool) might have left it."""
    with CaseFile.create(path, title="Photos", actor="tester") as c, c._store.write() as s:
        blob = Blob(sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                    media_type="image/png", data=data)
        s.add(blob)
        s.flush()
        s.add(Photo(blob=blob, file_name=name))
    return path


def test_a_169_megapixel_photo_is_shared_within_memory(tmp_path: Path) -> None:
    png = cases.one_colour_png(tmp_path / "huge.png")
    case = _case_with_photo_bytes(tmp_path / "c.casefile", png.read_bytes(), "huge.png")
    out = tmp_path / "share.zip"
    run = cases.run_cli(["dump", case, "--out", out, "--share"])
    assert run.rc == 0, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert "huge.png" in run.stdout  # listed as withheld, never shipped uncleaned
    assert run.peak_mb < PEAK_MB, run.peak_mb


def test_clean_image_decodes_a_huge_jpeg_at_a_fraction_of_its_size() -> None:
    buf = io.BytesIO()
    Image.new("L", (7000, 6000), 128).save(buf, "JPEG")  # 42 megapixels
    data, media_type = clean_image(buf.getvalue())
    with Image.open(io.BytesIO(data)) as im:
        assert media_type == "image/jpeg" and im.size == (3500, 3000)


def test_clean_image_refuses_a_huge_picture_it_cannot_scale_while_decoding(tmp_path: Path
                                                                           ) -> None:
    png = cases.one_colour_png(tmp_path / "huge.png", 8000, 6000)
    with pytest.raises(ValueError, match="8,000×6,000 pixels is larger than can be rebuilt"):
        clean_image(png.read_bytes())


def test_a_169_megapixel_png_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    """A JPEG is decoded at preview size; a PNG that large would be decoded whole (~700 MB)."""
    case = _new_case(tmp_path / "c.casefile")
    before = file_state(case)
    png = cases.one_colour_png(tmp_path / "huge.png")
    run = cases.run_cli(["add-photos", case, png])
    _refused(run, "huge.png", "13000×13000 pixels of PNG need 644 MB; the limit is 320 MB")
    assert file_state(case) == before


# -- CSL-JSON (import-csl): the bundle's JSON rules, and no folder, pipe or giant file ------


def _csl_refused(capsys: pytest.CaptureFixture[str], case: Path, given: Path, *words: str
                 ) -> None:
    """`casefile import-csl` exits 1 with one plain line naming the file; the case unchanged."""
    from casefile.cli import main

    before = file_state(case)
    code = main(["import-csl", str(case), str(given)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "internal error" not in err and "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"casefile: error: {given}: "), err
    for w in words:
        assert w in lines[0], err
    assert file_state(case) == before


@pytest.mark.parametrize(("text", "says"), [
    ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels deep"),
    ('[{"type": "report", "title": "T", "page": ' + "9" * 5000 + "}]",
     "holds a number too long to read"),
    ('[{"type": "report", "title": "T", "page": NaN}]', "NaN is not a JSON value"),
    ('[{"type": "report", "title": "T", "page": -Infinity}]', "-Infinity is not a JSON value"),
    ('[{"type": "report", "title": "T"', "not CSL-JSON Casefile can import (the file line 1"),
], ids=["nested-arrays", "5000-digit-int", "nan", "infinity", "truncated"])
def test_hostile_csl_json_is_refused_plainly(capsys: pytest.CaptureFixture[str],
                                             tmp_path: Path, text: str, says: str) -> None:
    case = _new_case(tmp_path / "c.casefile")
    csl = tmp_path / "zotero.json"
    csl.write_text(text, encoding="utf-8")
    _csl_refused(capsys, case, csl, "not CSL-JSON", says)
    with CaseFile.open(case) as c:
        assert c.documents.count() == 0


@pytest.mark.parametrize(("text", "says"), [
    ("[" * 70 + "]" * 70, "[0]: [0][0][0][0][0][0][0]…: nested more than 64 levels deep"),
    ('[{"type": "report", "title": "T", "page": 18446744073709551616}]',
     "[0] “T”: page: the integer 18446744073709551616 is out of range"),
    ('[{"type": "report", "title": "T", "page": 1e400}]', "[0] “T”: page: a number too large"),
], ids=["nested-65", "int-over-64-bits", "overflowing-float"])
def test_a_hostile_csl_item_is_skipped_alone_and_said(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path, text: str, says: str
                                                      ) -> None:
    """Inside a readable file, one item too deep or with a number too large is one skipped
    item, listed under its index (exit 1, nothing imported, no traceback); the file's other
    items would import (tests/test_csl_import.py)."""
    from casefile.cli import main

    case = _new_case(tmp_path / "c.casefile")
    csl = tmp_path / "zotero.json"
    csl.write_text(text, encoding="utf-8")
    before = file_state(case)
    code = main(["import-csl", str(case), str(csl)])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in out + err and "internal error" not in err
    assert "skipped   1" in out and says in out, out
    assert "1 item not imported" in err
    with CaseFile.open(case) as c:
        assert c.documents.count() == 0
    assert file_state(case) == before  # nothing imported: nothing written


def test_a_csl_folder_or_pipe_is_refused_without_waiting(capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    import os
    import threading

    from casefile.media.csl import CslError, load_csl

    case = _new_case(tmp_path / "c.casefile")
    folder = tmp_path / "export.json"
    folder.mkdir()
    fifo = tmp_path / "zotero.json"
    os.mkfifo(fifo)
    _csl_refused(capsys, case, folder, "is a folder")
    _csl_refused(capsys, case, fifo, "not a regular file")
    # The core refuses them too (the app calls it without the command line's checks).
    outcome: dict[Path, BaseException] = {}

    def load(path: Path) -> None:
        try:
            load_csl(path)
        except BaseException as exc:  # noqa: BLE001 - what it raised is the result
            outcome[path] = exc

    for path, says in [(folder, "is a folder; give a CSL-JSON file"),
                       (fifo, "is not a regular file (a pipe, socket or device); give a "
                              "CSL-JSON file")]:
        worker = threading.Thread(target=load, args=(path,), daemon=True)
        worker.start()
        worker.join(10)
        if worker.is_alive():  # blocked opening the pipe: let it go, and fail
            with fifo.open("wb"):
                pass
            worker.join(10)
            pytest.fail(f"load_csl({path.name}) waited on a pipe")
        exc = outcome[path]
        assert isinstance(exc, CslError), repr(exc)
        assert str(exc) == f"{path}: {says} (nothing was imported)"
        assert exc.problems == [f"(file): {says}"]


def test_a_csl_file_over_the_cap_is_refused_before_it_is_read(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    case = _new_case(tmp_path / "c.casefile")
    big = cases.sparse_file(tmp_path / "zotero.json", 65 * cases.MiB)  # sparse: nothing on disk
    _csl_refused(capsys, case, big, "68,157,440 bytes, more than a reference file may hold "
                 "(64 MB)")
