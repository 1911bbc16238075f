"""Encrypted case files: nothing readable on disk, the right passphrase or nothing, encrypt and
decrypt through a verified new file, and deleting that really removes the words."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casefile import CaseFile, PassphraseRequiredError, WrongPassphraseError
from casefile.db import driver
from casefile.encryption import decrypt_file, encrypt_file
from casefile.errors import CaseFileError, ValidationError
from tests.conftest import file_state
from tests.test_photos import photo_bytes

PASS = "amur river at dawn"
CANARIES = {
    "name": "Zhuravleva Oksana Canarya",
    "phone": "+7 914 555 0199",
    "sentence": "the convoy left before the inspectors woke up",
    "place": "Canarygrad customs yard",
}

pytestmark = pytest.mark.skipif(not driver.encryption_available(),
                                reason="the sqlcipher3 driver is not installed")


def plant(case: CaseFile) -> None:
    """A source, an interview and a photo carrying every canary."""
    src = case.sources.create(name=CANARIES["name"], ground_rules="confidential",
                              attribution_phrase="a customs broker",
                              notes=f"phone {CANARIES['phone']}")
    case.interviews.create(title="At the yard", interviewees=[src.uuid],
                           transcript=f"She said {CANARIES['sentence']}.")
    case.photos.add(photo_bytes(lat=48.123456, lon=135.654321), "yard.jpg",
                    place_name=CANARIES["place"])


def needles() -> list[bytes]:
    """Each canary as UTF-8, lower-case (as the search index keeps words) and UTF-16."""
    out = []
    for text in CANARIES.values():
        words = [w.lower() for w in text.split() if len(w) >= 6]
        for variant in (text, text.lower(), *words):
            out += [variant.encode(), variant.encode("utf-16-le")]
    return out


def leaks(folder: Path) -> list[str]:
    """Every (file, canary) pair found in the raw bytes of every file in `folder`."""
    found = []
    for path in folder.iterdir():
        if path.is_file():
            data = path.read_bytes().lower()
            found += [f"{path.name}: {n!r}" for n in needles() if n.lower() in data]
    return found


def test_an_encrypted_case_shows_nothing_on_disk_during_and_after(tmp_path: Path) -> None:
    path = tmp_path / "story.casefile"
    case = CaseFile.create(path, title="Border trade", passphrase=PASS)
    plant(case)
    assert case.sources.count() == 1
    assert leaks(tmp_path) == []  # mid-session: the file and its -wal are ciphertext
    backup = case.backup(tmp_path / "copy.casefile")
    case.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.casefile", "story.casefile"]
    assert leaks(tmp_path) == []
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with CaseFile.open(backup, passphrase=PASS) as copy:  # the backup is encrypted too
        assert copy.sources.page()[0].name == CANARIES["name"]


def test_the_right_passphrase_or_nothing_and_the_file_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Border trade", passphrase=PASS) as case:
        plant(case)
    before = file_state(path)
    with pytest.raises(PassphraseRequiredError, match="passphrase is needed"):
        CaseFile.open(path)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase or not a case file"):
        CaseFile.open(path, passphrase="amur river at dusk")
    assert file_state(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.casefile"]
    with CaseFile.open(path, passphrase=PASS) as case:
        assert case.search.search("convoy")[0].kind == "interview"
        assert case.check().ok
    with pytest.raises(ValidationError, match="at least 8 characters"):
        CaseFile.create(tmp_path / "weak.casefile", title="T", passphrase="short")


def test_encrypt_and_decrypt_keep_every_record_and_file(sample_file: Path,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "sample.casefile"
    path.write_bytes(sample_file.read_bytes())
    with CaseFile.open(path) as case:
        counts = case.summary().counts
        blobs = case.check()
    encrypt_file(path, PASS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.casefile"]
    assert b"Petrov" not in path.read_bytes()
    with pytest.raises(CaseFileError, match="already encrypted"):
        encrypt_file(path, PASS)
    with CaseFile.open(path, passphrase=PASS) as case:
        assert case.summary().counts == counts
        report = case.check()
        assert report.ok and report.blobs_checked == blobs.blobs_checked
        assert case.photos.thumbnail(case.photos.page()[0].uuid, 256)[:2] == b"\xff\xd8"
    with pytest.raises(WrongPassphraseError):
        decrypt_file(path, "not the passphrase")
    decrypt_file(path, PASS)
    assert path.read_bytes().startswith(b"SQLite format 3")
    with CaseFile.open(path) as case:
        assert case.summary().counts == counts


def test_a_failed_conversion_leaves_the_original_exactly_as_it_was(sample_file: Path,
                                                                    tmp_path: Path,
                                                                    monkeypatch) -> None:
    import casefile.encryption as encryption

    path = tmp_path / "sample.casefile"
    path.write_bytes(sample_file.read_bytes())
    before = file_state(path)

    def disk_trouble(*_a, **_k) -> None:
        raise CaseFileError("the converted file does not hold every record")

    monkeypatch.setattr(encryption, "verify_copy", disk_trouble)
    with pytest.raises(CaseFileError, match="does not hold every record"):
        encrypt_file(path, PASS)
    assert file_state(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sample.casefile"]
    with CaseFile.open(path) as case:
        assert case.sources.count() == 10


def test_an_old_encrypted_file_migrates_with_an_encrypted_backup(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "v4.casefile"
    path = tmp_path / "old.casefile"
    path.write_bytes(fixture.read_bytes())
    encrypt_file(path, PASS)
    with CaseFile.open(path, passphrase=PASS) as case:
        backup = case.migration_backup
        assert backup is not None and backup.exists()
    assert not backup.read_bytes().startswith(b"SQLite format 3")
    with CaseFile.open(backup, passphrase=PASS):
        pass


def test_emptying_the_trash_removes_the_words_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "plain.casefile"  # plain, so a leak would be visible
    with CaseFile.create(path, title="Border trade") as case:
        plant(case)
    assert leaks(tmp_path)  # the canaries are there to be found
    with CaseFile.open(path) as case:
        for record in case.photos.page() + case.interviews.page():
            case.trash.delete(record, cascade=True)
        case.trash.delete(case.sources.page()[0], cascade=True)
        case.trash.empty()
    assert leaks(tmp_path) == [], "deleted text is still in the file"


def test_cli_encrypts_and_asks_for_the_passphrase_only_from_env_or_terminal(
        tmp_path: Path, sample_file: Path) -> None:
    path = tmp_path / "story.casefile"
    path.write_bytes(sample_file.read_bytes())
    env = dict(os.environ, CASEFILE_PASSPHRASE=PASS)
    cli = [sys.executable, "-m", "casefile"]
    done = subprocess.run([*cli, "encrypt", str(path)], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False)
    assert done.returncode == 0, done.stderr
    info = subprocess.run([*cli, "info", str(path)], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False)
    assert info.returncode == 0 and "sources 10" in info.stdout
    bare = {k: v for k, v in env.items() if k != "CASEFILE_PASSPHRASE"}
    refused = subprocess.run([*cli, "info", str(path)], env=bare, capture_output=True,
                             text=True, stdin=subprocess.DEVNULL, check=False)
    assert refused.returncode == 1
    assert "set CASEFILE_PASSPHRASE or run this in a terminal" in refused.stderr
    wrong = subprocess.run([*cli, "info", str(path)], capture_output=True, text=True,
                           env=dict(bare, CASEFILE_PASSPHRASE="nope nope nope"),
                           stdin=subprocess.DEVNULL, check=False)
    assert wrong.returncode == 1 and "wrong passphrase or not a case file" in wrong.stderr
    assert "Traceback" not in wrong.stderr + refused.stderr
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert subprocess.run([*cli, "decrypt", str(path)], env=env, capture_output=True,
                          check=False).returncode == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() != digest


def test_only_one_sqlite_library_opens_case_files(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    opened: list[str] = []
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: opened.append(str(a[0])) or
                        real(*a, **k))
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="T") as case:  # plain
        plant(case)
        case.backup(tmp_path / "copy.casefile")
    encrypt_file(path, PASS)
    with CaseFile.open(path, passphrase=PASS) as case:
        case.search.search("convoy")
    assert opened == []  # SQLCipher's own SQLite opened every file, plain and encrypted
    assert driver.dbapi.__name__ == "sqlcipher3.dbapi2"


def test_version_6_switches_the_search_index_to_secure_delete(tmp_path: Path) -> None:
    from sqlalchemy import text

    from tests.test_migrations import fixture_copy

    old = fixture_copy(tmp_path, 5)
    with CaseFile.open(old) as case, case._store.read() as s:
        row = s.execute(text("SELECT v FROM search_index_config WHERE k = 'secure-delete'"))
        assert row.scalar_one() == 1
        word = case.sources.page()[0].name.split()[-1]
        assert case.search.search(word)  # the rebuilt index still answers


CRASHING_WRITER = """
import os, signal, sys
sys.path.insert(0, {root!r})
from casefile import CaseFile
from tests.test_encryption import PASS, plant
case = CaseFile.create({path!r}, title="Border trade", passphrase=PASS)
plant(case)
case.sources.update(case.sources.page()[0].uuid, location="Canarygrad")
os.kill(os.getpid(), signal.SIGKILL)  # mid-session: the last commits are only in the -wal
"""


def test_a_crash_mid_session_leaves_nothing_readable(tmp_path: Path) -> None:
    path = tmp_path / "story.casefile"
    script = CRASHING_WRITER.format(root=str(Path(__file__).resolve().parent.parent),
                                    path=str(path))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False)
    assert done.returncode == -9, done.stderr
    assert Path(f"{path}-wal").exists()  # the crash left the write-ahead log behind
    assert leaks(tmp_path) == []
    with CaseFile.open(path, passphrase=PASS) as case:  # and every commit is still there
        assert case.sources.page()[0].location == "Canarygrad"
        assert case.photos.count() == 1


def test_without_the_driver_plain_files_work_and_encryption_says_why(tmp_path: Path) -> None:
    env = dict(os.environ, CASEFILE_SQLITE="stdlib", CASEFILE_PASSPHRASE=PASS)
    cli = [sys.executable, "-m", "casefile"]
    plain = subprocess.run([*cli, "new", str(tmp_path / "plain.casefile"), "--title", "T"],
                           env=env, capture_output=True, text=True, check=False)
    assert plain.returncode == 0, plain.stderr
    refused = subprocess.run([*cli, "new", str(tmp_path / "secret.casefile"), "--title", "T",
                              "--encrypt"], env=env, capture_output=True, text=True,
                             check=False)
    assert refused.returncode == 1
    assert "encryption is not available" in refused.stderr
    assert not (tmp_path / "secret.casefile").exists()
