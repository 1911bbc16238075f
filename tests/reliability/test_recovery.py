"""`recover` salvages every readable record from case files damaged on purpose at several
places; `check` and `open` name the damage and point to the way out."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.cli import main
from casefile.errors import CaseFileError, DamagedCaseFileError, PassphraseRequiredError
from casefile.recovery import recover
from tests.conftest import jpeg_bytes

PAGE = 4096
SOURCES = 300
PASS = "correct horse battery"


def marker(i: int) -> bytes:
    return f"MARKER{i:04d}Z".encode()


def make_case(path: Path, passphrase: str | None = None) -> Path:
    with CaseFile.create(path, title="Damaged on purpose", passphrase=passphrase) as case:
        for i in range(SOURCES):
            # The marker is in a field the search index does not copy: only on sources pages.
            case.sources.create(name=f"Person {i}", notes="n" * 250,
                                contacts=[{"kind": "phone", "value": marker(i).decode()}])
        interview = case.interviews.create(title="At the market", transcript="Words " * 500)
        case.quotes.create(interview=interview.uuid, text="Words Words", span_start=0,
                           span_end=11)
        for shade in range(3):
            case.photos.add(jpeg_bytes((640, 480), (shade * 80, 90, 30)), f"p{shade}.jpg")
    return path


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_case(tmp_path_factory.mktemp("pristine") / "case.casefile")


def damaged_copy(pristine: Path, tmp_path: Path, offset: int, data: bytes) -> Path:
    path = tmp_path / "damaged.casefile"
    path.write_bytes(pristine.read_bytes())
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(data)
    return path


def names_in(path: Path, passphrase: str | None = None) -> set[str]:
    with CaseFile.open(path, passphrase=passphrase) as case:
        assert case.check().ok
        return {s.name for s in case.sources.page(limit=10_000)}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("offset", [0, 16, 20])
def test_a_damaged_header_is_repaired_and_nothing_is_lost(pristine: Path, tmp_path: Path,
                                                          offset: int) -> None:
    damaged = damaged_copy(pristine, tmp_path, offset, b"\xff" * 8)
    with pytest.raises(DamagedCaseFileError, match="casefile recover"):
        CaseFile.open(damaged)
    before = sha(damaged)
    report = recover(damaged, tmp_path / "out.casefile")
    assert report.header_repaired and report.complete, report.text()
    assert len(names_in(tmp_path / "out.casefile")) == SOURCES
    assert sha(damaged) == before  # the damaged file is only ever read


def test_a_destroyed_page_costs_only_the_rows_on_it(pristine: Path, tmp_path: Path) -> None:
    data = pristine.read_bytes()
    at = data.index(marker(150))
    page_start = at - at % PAGE
    page = data[page_start:page_start + PAGE]
    on_page = {i for i in range(SOURCES) if marker(i) in page}
    damaged = damaged_copy(pristine, tmp_path, page_start, b"\x00" * PAGE)
    try:  # opening or checking says so
        with CaseFile.open(damaged) as case:
            problems = case.check().problems
    except DamagedCaseFileError as exc:
        problems = [str(exc)]
    assert problems and "damaged" in problems[0]
    out = tmp_path / "out.casefile"
    report = recover(damaged, out)
    recovered = names_in(out)
    # Every person whose row was not on the destroyed page is back…
    assert {f"Person {i}" for i in range(SOURCES) if i not in on_page} <= recovered
    # …the ones on it are reported lost, by table and row.
    lost = SOURCES - len(recovered)
    assert 0 < lost <= len(on_page)
    assert "sources" in report.unreadable
    assert "sources: rows" in report.text() and "could not be read" in report.text()
    with CaseFile.open(out) as case:  # the rest of the case came through
        assert case.photos.count() == 3 and case.quotes.count() == 1
        assert case.search.search("market")  # the index was rebuilt


def test_garbled_text_is_found_by_check_and_kept_readable_by_recover(pristine: Path,
                                                                     tmp_path: Path) -> None:
    at = pristine.read_bytes().index(marker(42)) + len(marker(42)) + 20
    damaged = damaged_copy(pristine, tmp_path, at, b"\xff\xfe\xc3")
    with CaseFile.open(damaged) as case:
        report = case.check()
    assert any("garbled text in table sources" in p for p in report.problems)
    recovered = recover(damaged, tmp_path / "out.casefile")
    assert any("garbled" in p for p in recovered.problems)
    assert len(names_in(tmp_path / "out.casefile")) == SOURCES  # the row is kept


def test_a_damaged_stored_file_is_left_out_with_what_depends_on_it(pristine: Path,
                                                                   tmp_path: Path) -> None:
    original = jpeg_bytes((640, 480), (80, 90, 30))  # what make_case stored
    at = pristine.read_bytes().index(original[:600]) + 300
    damaged = damaged_copy(pristine, tmp_path, at, os.urandom(32))
    report = recover(damaged, tmp_path / "out.casefile")
    text = report.text()
    assert "stored file" in text and "damaged and is left out" in text
    with CaseFile.open(tmp_path / "out.casefile") as case:
        assert case.check().ok  # every stored file left matches its hash
        assert case.photos.count() == 2
    assert len(names_in(tmp_path / "out.casefile")) == SOURCES


def test_a_truncated_file_gives_up_what_is_left(pristine: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.casefile"
    data = pristine.read_bytes()
    damaged.write_bytes(data[: len(data) * 2 // 3 // PAGE * PAGE])
    with pytest.raises(DamagedCaseFileError, match="truncated"):
        CaseFile.open(damaged)
    report = recover(damaged, tmp_path / "out.casefile")
    assert sum(report.recovered.values()) > 0
    names_in(tmp_path / "out.casefile")  # opens and checks


def test_a_destroyed_table_of_contents_is_a_clear_refusal(pristine: Path,
                                                          tmp_path: Path) -> None:
    damaged = damaged_copy(pristine, tmp_path, 100, b"\x00" * (PAGE - 100))
    with pytest.raises(CaseFileError, match="list of tables is destroyed"):
        recover(damaged, tmp_path / "out.casefile")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.casefile"]


def _damaged_encrypted(tmp_path: Path, data: bytes, page: int) -> Path:
    path = tmp_path / f"secret-{page}.casefile"
    path.write_bytes(data)
    with path.open("r+b") as fh:  # its checksum (an HMAC) fails
        fh.seek(page * PAGE + 100)
        fh.write(b"\x00" * 64)
    return path


def _list_of_tables_reads(path: Path) -> bool:
    from casefile.db import driver

    conn = driver.connect(path, PASS)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except driver.dbapi.DatabaseError:
        return False
    finally:
        conn.close()


def _page_near_the_middle(tmp_path: Path, data: bytes, *, of_the_list: bool) -> Path:
    """A copy with one page near the middle damaged: one of records, or one of the list of
    tables. Which pages hold the list depends on the schema's size, and encrypted pages
    cannot be read to tell, so pages from the middle on are tried."""
    middle = len(data) // 2 // PAGE
    for page in range(middle, middle + 12):
        path = _damaged_encrypted(tmp_path, data, page)
        if _list_of_tables_reads(path) != of_the_list:
            return path
        path.unlink()
    pytest.skip("no such page near the middle of this file")


def test_an_encrypted_file_is_recovered_encrypted(tmp_path: Path) -> None:
    """A damaged page of records costs only its rows."""
    data = make_case(tmp_path / "pristine.casefile", PASS).read_bytes()
    path = _page_near_the_middle(tmp_path, data, of_the_list=False)
    out = tmp_path / "out.casefile"
    with pytest.raises(PassphraseRequiredError):
        recover(path, out)
    recover(path, out, PASS)
    assert b"Person 1" not in out.read_bytes()
    assert len(names_in(out, PASS)) > SOURCES // 2


def test_an_encrypted_file_with_a_damaged_list_of_tables_is_still_opened(
        tmp_path: Path) -> None:
    """With the right passphrase a damaged page of the list reads as 'malformed', not as a
    wrong key: recovery goes on and says the list was damaged (it once stopped there with
    SQLite's own error)."""
    data = make_case(tmp_path / "pristine.casefile", PASS).read_bytes()
    path = _page_near_the_middle(tmp_path, data, of_the_list=True)
    report = recover(path, tmp_path / "out.casefile", PASS)
    assert any("list of tables" in p for p in report.problems)


def test_recover_refuses_to_overwrite(pristine: Path, tmp_path: Path) -> None:
    out = tmp_path / "taken.casefile"
    out.write_bytes(b"mine")
    with pytest.raises(CaseFileError, match="already exists"):
        recover(pristine, out)
    assert out.read_bytes() == b"mine"


def test_cli_check_then_recover(pristine: Path, tmp_path: Path, capsys) -> None:
    at = pristine.read_bytes().index(marker(7)) + 30
    damaged = damaged_copy(pristine, tmp_path, at, b"\xff\xfe")
    assert main(["check", str(damaged)]) == 1
    assert "casefile recover" in capsys.readouterr().out
    out = tmp_path / "out.casefile"
    assert main(["recover", str(damaged), "--out", str(out)]) == 1  # something was garbled
    assert f"into {out}" in capsys.readouterr().out
    assert main(["recover", str(pristine), "--out", str(tmp_path / "whole.casefile")]) == 0
    assert "nothing was lost" in capsys.readouterr().out
