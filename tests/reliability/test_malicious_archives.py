"""Hostile bundles are refused before anything is extracted or written: escaping paths,
links, duplicate names, zip bombs, oversized and lying entries."""

from __future__ import annotations

import json
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from casefile import BundleError, CaseFile
from casefile.bundle import dump_bundle, import_bundle
from tests.conftest import file_state


@pytest.fixture
def good_zip(sample: CaseFile, tmp_path: Path) -> Path:
    return dump_bundle(sample, tmp_path / "good.zip")


def rebuilt(good: Path, out: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    """The good bundle plus some hostile entries."""
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate on purpose
            for name, data in extra:
                dst.writestr(name, data)
    return out


def refused(case: CaseFile, bundle: Path) -> str:
    before = file_state(case.path)
    counts = case.summary().counts
    with pytest.raises(BundleError) as info:
        import_bundle(case, bundle)
    assert case.summary().counts == counts and file_state(case.path) == before
    return str(info.value)


def link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o120777 << 16)  # a symbolic link
    return info


@pytest.mark.parametrize(("entry", "message"), [
    ("../escape.txt", "may not leave the bundle"),
    ("/etc/casefile.txt", "absolute paths are not allowed"),
    ("C:/Windows/evil.txt", "absolute paths are not allowed"),
    (link("files/link"), "symbolic links are not allowed"),
    ("bundle.json", "occurs twice"),
], ids=["dotdot", "absolute", "drive", "symlink", "duplicate"])
def test_hostile_names_are_refused(case: CaseFile, good_zip: Path, tmp_path: Path, entry,
                                   message: str) -> None:
    bad = rebuilt(good_zip, tmp_path / "bad.zip", [(entry, b"{}")])
    assert message in refused(case, bad)
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_zip_bomb_is_refused_before_it_is_expanded(case: CaseFile, good_zip: Path,
                                                     tmp_path: Path) -> None:
    bad = rebuilt(good_zip, tmp_path / "bomb.zip", [("files/zeros.bin", bytes(64 * 1024 * 1024))])
    assert bad.stat().st_size < 2 * 1024 * 1024
    assert "a zip bomb?" in refused(case, bad)


def test_an_entry_larger_than_it_declares_is_caught(case: CaseFile, sample: CaseFile,
                                                    tmp_path: Path) -> None:
    good = dump_bundle(sample, tmp_path / "good.zip")
    with zipfile.ZipFile(good) as zf:
        doc = json.loads(zf.read("bundle.json"))
        photo_path = doc["photos"][0]["file"]["path"]
        info = zf.getinfo(photo_path)
    data = bytearray(good.read_bytes())
    # Make the central directory claim the photo is 100 bytes smaller than it is.
    start = 0
    while True:
        at = data.find(b"PK\x01\x02", start)
        name_len = struct.unpack("<H", data[at + 28:at + 30])[0]
        if data[at + 46:at + 46 + name_len].decode() == photo_path:
            break
        start = at + 4
    struct.pack_into("<I", data, at + 24, info.file_size - 100)
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(data))
    message = refused(case, lying)
    assert photo_path in message and "damaged or not what its header declares" in message
