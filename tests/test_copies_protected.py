"""Issue 15, items 4 and 5: encryption covers every copy of a case, deleting reaches the
backups, the audit log never names a protected source, and the copies, settings and log are
only their owner's to read. Real case files, real backups, raw bytes."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.backups import BackupShelf
from casefile.encryption import change_passphrase, decrypt_file, encrypt_file
from tests.conftest import FIXTURES

PASS = "correct horse battery staple"
MAGIC = b"SQLite format 3\x00"
CANARY = "Zzyzx Quillfeather"  # a protected source's name, planted
PHRASE = "a ferry pilot"
CANARY_WORDS = "the ferry leaves at Xqwvbt"  # a transcript sentence, planted
V6_SOURCE = "Added by version 6"  # in the v6 fixture, so in its pre-migration copy


def every_file(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def leaks(paths: list[Path], *needles: str) -> list[tuple[str, str]]:
    """(file, needle) for every planted string found in the raw bytes of a file."""
    found = []
    for path in paths:
        data = path.read_bytes()
        for needle in needles:
            for encoded in (needle.encode(), needle.encode("utf-16-le")):
                if encoded in data:
                    found.append((path.name, needle))
    return found


def plaintext(paths: list[Path]) -> list[str]:
    return [p.name for p in paths if p.read_bytes()[:16] == MAGIC]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shelf_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "shelf"
    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(root))
    return root


def migrated_case(folder: Path) -> Path:
    """The v6 fixture, opened once (so a pre-migration copy lies beside it), with a planted
    protected source and interview, and two automatic backups on the shelf."""
    folder.mkdir(exist_ok=True)
    path = folder / "story.casefile"
    shutil.copy(FIXTURES / "v6.casefile", path)
    with CaseFile.open(path, actor="tester") as case:
        assert case.migration_backup is not None and case.migration_backup.exists()
        plant(case)
        shelf = BackupShelf.for_case(case)
        shelf.take(case)
        time.sleep(0.002)  # a backup is named by the microsecond
        shelf.take(case)
        assert len(shelf.entries()) == 2
    return path


def plant(case: CaseFile) -> None:
    source = case.sources.create(name=CANARY, ground_rules="confidential",
                                 attribution_phrase=PHRASE)
    case.interviews.create(title="At the port", transcript=CANARY_WORDS,
                           interviewees=[source.uuid])


def shelf_folder(root: Path) -> Path:
    (folder,) = [p for p in root.iterdir() if p.is_dir()]
    return folder


def plant_leftover(folder: Path) -> Path:
    """A plaintext copy a crashed backup left behind (older than any backup in progress)."""
    backup = sorted(folder.glob("*.casefile"))[0]
    leftover = folder / (backup.name + ".unchecked.part")
    shutil.copy(backup, leftover)
    old = time.time() - 3600
    os.utime(leftover, (old, old))
    return leftover


# -- encryption covers every copy ----------------------------------------------------------


def test_encrypting_encrypts_every_backup_and_the_pre_migration_copy(
        tmp_path: Path, shelf_root: Path) -> None:
    path = migrated_case(tmp_path / "case")
    folder = shelf_folder(shelf_root)
    plant_leftover(folder)
    before = every_file(folder, path.parent)
    assert leaks(before, CANARY, CANARY_WORDS) and leaks(before, V6_SOURCE)  # planted
    same_inode = tmp_path / "old-name.casefile"
    os.link(path, same_inode)  # the plaintext file's bytes, as a disk would keep them

    done = encrypt_file(path, PASS)

    files = every_file(folder, path.parent)
    assert plaintext(files) == []
    assert leaks(files, CANARY, CANARY_WORDS, V6_SOURCE) == []
    assert leaks([same_inode], CANARY, CANARY_WORDS, V6_SOURCE) == []  # overwritten
    text = done.text()
    assert "2 earlier backups were encrypted" in text
    assert "1 pre-migration copy was encrypted" in text
    assert "1 unfinished copy was removed" in text
    entries = BackupShelf(folder).entries()
    assert len(entries) == 2
    for entry in entries:  # still a safety net: each opens with the new passphrase
        with CaseFile.open(entry.path, passphrase=PASS) as copy:
            assert CANARY in [s.name for s in copy.sources.page()]
            assert copy.check().ok
    (premigration,) = path.parent.glob("story.v6-backup-*.casefile")
    with CaseFile.open(premigration, passphrase=PASS) as old:
        assert V6_SOURCE in [s.name for s in old.sources.page()]


def test_a_backup_that_cannot_be_re_encrypted_is_overwritten_and_removed(
        tmp_path: Path, shelf_root: Path) -> None:
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story") as case:
        plant(case)
        good = BackupShelf.for_case(case).take(case)
    damaged = good.path.with_name("2020-01-01T000000.000000Z.casefile")
    data = good.path.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])  # cut in half: it cannot be read whole
    done = encrypt_file(path, PASS)
    assert "1 earlier backup was encrypted; 1 earlier backup was removed" in done.text()
    assert not damaged.exists()
    files = every_file(shelf_root)
    assert plaintext(files) == [] and leaks(files, CANARY, CANARY_WORDS) == []
    assert [e.path for e in BackupShelf(good.path.parent).entries()] == [good.path]


def test_casefile_encrypt_says_what_it_did_and_backups_lists_only_encrypted(
        tmp_path: Path, shelf_root: Path) -> None:
    path = migrated_case(tmp_path / "case")
    env = {**os.environ, "CASEFILE_BACKUP_DIR": str(shelf_root), "CASEFILE_PASSPHRASE": PASS}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "casefile.cli", *args], env=env,
                              capture_output=True, text=True, timeout=120)

    result = cli("encrypt", str(path))
    assert result.returncode == 0, result.stderr
    assert "2 earlier backups were encrypted; 1 pre-migration copy was encrypted" in (
        result.stdout)
    listed = cli("backups", str(path), "--json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    assert len(entries) == 2 and all(e["encrypted"] for e in entries)
    for entry in entries:
        assert Path(entry["path"]).read_bytes()[:16] != MAGIC
        with CaseFile.open(entry["path"], passphrase=PASS) as copy:
            assert copy.check().ok
    assert "encrypted" in cli("backups", str(path)).stdout
    files = every_file(shelf_root, path.parent)
    assert plaintext(files) == [] and leaks(files, CANARY, CANARY_WORDS, V6_SOURCE) == []


def test_an_encrypted_cases_shelf_never_holds_a_plaintext_backup(
        tmp_path: Path, shelf_root: Path) -> None:
    path = tmp_path / "secret.casefile"
    with CaseFile.create(path, title="Secret", passphrase=PASS) as case:
        plant(case)
        shelf = BackupShelf.for_case(case)
        first = shelf.take(case)
        assert first.path.read_bytes()[:16] != MAGIC
        # A plaintext copy on the shelf (an encryption interrupted before it got there).
        plain = shelf.folder / "2020-01-01T000000.000000Z.casefile"
        with CaseFile.create(tmp_path / "plain.casefile", title="Plain") as other:
            plant(other)
        shutil.copy(tmp_path / "plain.casefile", plain)
        time.sleep(0.002)
        newest = shelf.take(case)
        assert newest.path.read_bytes()[:16] != MAGIC
        assert plaintext(every_file(shelf.folder)) == []
        assert leaks(every_file(shelf.folder), CANARY, CANARY_WORDS) == []


def test_a_new_passphrase_re_encrypts_the_backups_and_decrypting_leaves_them(
        tmp_path: Path, shelf_root: Path) -> None:
    path = tmp_path / "secret.casefile"
    with CaseFile.create(path, title="Secret", passphrase=PASS) as case:
        plant(case)
        entry = BackupShelf.for_case(case).take(case)
    new = "a whole other passphrase"
    done = change_passphrase(path, PASS, new)
    assert "1 earlier backup was re-encrypted with the new passphrase" in done.text()
    with CaseFile.open(entry.path, passphrase=new) as copy:
        assert copy.check().ok
    from casefile.errors import WrongPassphraseError

    with pytest.raises(WrongPassphraseError):
        CaseFile.open(entry.path, passphrase=PASS)
    # Decrypting is the reporter's choice for the file; earlier backups stay encrypted.
    assert decrypt_file(path, new).text() == ""
    assert entry.path.read_bytes()[:16] != MAGIC
    with CaseFile.open(entry.path, passphrase=new) as copy:
        assert copy.check().ok


# -- only the owner can read the copies, settings and log ---------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)  # the most permissive: every mode must come from the code
    try:
        yield
    finally:
        os.umask(old)


def test_backups_settings_and_log_are_private_whatever_the_umask(
        tmp_path: Path, shelf_root: Path, open_umask: None) -> None:
    from PySide6.QtCore import QSettings

    from ui.errors import setup_logging
    from ui.recent import remember

    path = migrated_case(tmp_path / "case")
    folder = shelf_folder(shelf_root)
    assert mode(shelf_root) == 0o700 and mode(folder) == 0o700
    assert {mode(p) for p in folder.iterdir()} == {0o600}
    (premigration,) = path.parent.glob("story.v6-backup-*.casefile")
    assert mode(premigration) == 0o600
    with CaseFile.open(path) as case:
        out = case.backup(tmp_path / "copy.casefile")
    assert mode(out) == 0o600

    log = setup_logging(tmp_path / "logs" / "casefile.log")
    try:
        assert mode(log) == 0o600 and mode(log.parent) == 0o700
    finally:
        import logging

        for handler in list(logging.getLogger("casefile").handlers):
            if getattr(handler, "baseFilename", "") == str(log):
                logging.getLogger("casefile").removeHandler(handler)
                handler.close()
    settings = QSettings(str(tmp_path / "config" / "Casefile.conf"), QSettings.Format.IniFormat)
    remember(settings, path)
    settings_file = Path(settings.fileName())
    assert mode(settings_file) == 0o600 and mode(settings_file.parent) == 0o700


# -- deleted means deleted everywhere -----------------------------------------------------


def test_emptying_the_trash_cleans_the_backups_too(tmp_path: Path, shelf_root: Path) -> None:
    from casefile.backups import purge_everywhere

    path = migrated_case(tmp_path / "case")
    folder = shelf_folder(shelf_root)
    plant_leftover(folder)
    with CaseFile.open(path, actor="tester") as case:
        for source in case.sources.page():
            if source.name in (CANARY, V6_SOURCE):
                case.trash.delete(source, cascade=True)
        for interview in case.interviews.page():
            if interview.title == "At the port":
                case.trash.delete(interview, cascade=True)
        done = purge_everywhere(case)
        assert "2 earlier backups were removed" in done.text()
        assert "1 pre-migration copy was removed" in done.text()
        files = every_file(folder) + [p for p in path.parent.iterdir() if p.is_file()]
        assert leaks(files, CANARY, CANARY_WORDS, V6_SOURCE) == []  # the file still open
        (entry,) = BackupShelf(folder).entries()  # a good backup is still there
    assert leaks(every_file(folder, path.parent), CANARY, CANARY_WORDS, V6_SOURCE) == []
    with CaseFile.open(entry.path) as copy:
        assert copy.check().ok and copy.sources.count() > 0


def test_purging_can_keep_the_backups_when_asked(tmp_path: Path, shelf_root: Path) -> None:
    from casefile.backups import purge_everywhere

    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story") as case:
        plant(case)
        shelf = BackupShelf.for_case(case)
        kept = shelf.take(case)
        case.trash.delete(case.sources.page()[0], cascade=True)
        done = purge_everywhere(case, clean_backups=False)
        assert done.fresh is None and shelf.entries() == [kept]
        assert leaks([kept.path], CANARY)  # the reporter chose to keep it


def test_purging_one_deletion_cleans_the_backups_too(tmp_path: Path, shelf_root: Path) -> None:
    from casefile.backups import purge_everywhere

    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story") as case:
        plant(case)
        shelf = BackupShelf.for_case(case)
        old = shelf.take(case)
        entry = case.trash.delete(case.interviews.page()[0])
        done = purge_everywhere(case, entry.uuid)
        assert done.deletions == 1 and done.fresh is not None
        assert [e.path for e in shelf.entries()] == [done.fresh.path] and not old.path.exists()
        assert leaks(every_file(shelf.folder), CANARY_WORDS) == []
        assert leaks(every_file(shelf.folder), CANARY)  # not purged: still backed up


# -- the audit log never names a protected source -----------------------------------------


def test_the_audit_log_never_names_a_protected_source(case: CaseFile) -> None:
    source = case.sources.create(name="Wendeline Qorvath")  # on the record, at first
    case.claims.create(statement="Qorvath saw the trucks cross at night")
    case.sources.update(source.uuid, ground_rules="confidential", attribution_phrase=PHRASE)
    case.sources.update(source.uuid, name="Ysolde Brannagh")
    case.claims.create(statement="Ysolde Brannagh kept the ledger")
    case.claims.create(statement="YSOLDE paid the drivers")  # a part of the name, any case
    entry = case.trash.delete(case.sources.get(source.uuid))
    case.trash.restore(entry.uuid)
    summaries = [e.summary for e in case.audit.entries()]
    assert len(summaries) >= 7
    for name in ("Wendeline", "Qorvath", "Ysolde", "Brannagh"):
        assert not [s for s in summaries if name.casefold() in s.casefold()], name
    assert f'source "{PHRASE}"' in summaries
    assert f'claim "{PHRASE} kept the ledger"' in summaries
    path = case.path
    case.close()
    raw = path.read_bytes()
    assert b"Wendeline" not in raw  # the old name's first half: nowhere in the file at all


def test_a_log_written_by_an_older_version_is_scrubbed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v1.casefile"
    shutil.copy(FIXTURES / "v1.casefile", path)
    protected = {}
    with CaseFile.open(path) as case:
        for source in case.sources.page():
            if source.ground_rules.value != "on_record":
                protected[source.name] = source.attribution_phrase
        assert protected  # the fixture has a confidential source
        summaries = [e.summary for e in case.audit.entries(limit=1000)]
    for name, phrase in protected.items():
        assert not [s for s in summaries if name.split()[-1] in s]
        assert f'source "{phrase}"' in summaries


# -- the app ------------------------------------------------------------------------------


@pytest.fixture
def controller(tmp_path: Path, shelf_root: Path) -> Iterator[object]:
    from PySide6.QtCore import QSettings

    from ui.controller import AppController
    from ui.prompts import ScriptedPrompts

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made = AppController(ScriptedPrompts(), settings)
    yield made
    for window in list(made.windows):
        window.close()


def window_with_a_backup(qtbot, controller, tmp_path: Path):  # noqa: ANN001, ANN201
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story") as case:
        plant(case)
    window = controller.open_path(path)
    with qtbot.waitSignal(window.auto_backup.taken, timeout=20_000):
        window.auto_backup.tick()
    (entry,) = window.auto_backup.shelf.entries()
    assert leaks([entry.path], CANARY)
    for interview in window.case.interviews.page():
        window.case.trash.delete(interview, cascade=True)
    for source in window.case.sources.page():
        window.case.trash.delete(source, cascade=True)
    return window, entry


def test_the_app_cleans_the_backups_when_the_trash_is_emptied(qtbot, controller,
                                                               tmp_path: Path) -> None:
    window, old = window_with_a_backup(qtbot, controller, tmp_path)
    controller.prompts.answers.append(True)  # "Delete … for good?" — the box left ticked
    with qtbot.waitSignal(window.auto_backup.cleaned, timeout=20_000):
        window.empty_action.trigger()
    kind, _title, asked = controller.prompts.shown[-1]
    assert kind == "confirm" and "Also clean the automatic backups (recommended)" in asked
    assert window.case.trash.count() == 0
    (entry,) = window.auto_backup.shelf.entries()
    assert entry.path != old.path and not old.path.exists()
    assert leaks(every_file(window.auto_backup.shelf.folder), CANARY, CANARY_WORDS) == []
    assert "1 earlier backup was removed" in window.statusBar().currentMessage()


def test_the_app_keeps_the_backups_when_the_box_is_unticked(qtbot, controller,
                                                           tmp_path: Path) -> None:
    window, old = window_with_a_backup(qtbot, controller, tmp_path)
    controller.prompts.answers.append((True, False))  # yes, but leave the backups
    window.empty_action.trigger()
    assert window.case.trash.count() == 0
    assert window.auto_backup.job is None
    assert window.auto_backup.shelf.entries() == [old]


def test_the_app_says_what_encrypting_did_to_the_backups(qtbot, controller,
                                                        tmp_path: Path) -> None:
    window, _old = window_with_a_backup(qtbot, controller, tmp_path)
    folder = window.auto_backup.shelf.folder
    controller.prompts.answers.extend([PASS, PASS])
    again = controller.convert(window, encrypt=True)
    assert again is not None and again.case.encrypted
    infos = [m for kind, _t, m in controller.prompts.shown if kind == "info"]
    assert any("1 earlier backup was encrypted" in m for m in infos)
    assert plaintext(every_file(folder)) == []
    dialog = again.show_backups()
    qtbot.addWidget(dialog)
    column = [dialog.table.horizontalHeaderItem(c).text()
              for c in range(dialog.table.columnCount())].index("Encrypted")
    assert [dialog.table.item(r, column).text() for r in range(dialog.table.rowCount())] == [
        "yes"] * len(again.auto_backup.shelf.entries())


# -- code review: every copy is checked, private while written, never over a held file -----


def test_re_encrypting_a_copy_checks_its_schema_and_case_record(tmp_path: Path) -> None:
    from casefile.copies import is_plain, rekey
    from casefile.db import driver
    from casefile.errors import CaseFileError

    with CaseFile.create(tmp_path / "story.casefile", title="Story") as case:
        plant(case)
        hostile = case.backup(tmp_path / "hostile.casefile")
        bare = case.backup(tmp_path / "bare.casefile")
    for copy, sql in ((hostile, "CREATE TRIGGER leak AFTER UPDATE ON sources BEGIN "
                                "SELECT 1; END"),
                      (bare, "DELETE FROM case_info")):
        conn = driver.dbapi.connect(str(copy))
        conn.execute(sql)
        conn.commit()
        conn.close()
    for copy, found in ((hostile, "contains"), (bare, "no case record")):
        with pytest.raises(CaseFileError, match=found):
            rekey(copy, None, PASS)
        assert is_plain(copy)  # left as it was, for seal() to remove
        assert [p.name for p in tmp_path.iterdir() if ".rekey" in p.name] == []


@pytest.mark.parametrize("direction", ["encrypt", "decrypt"])
def test_a_converted_file_is_private_while_written_and_zeroed_when_it_fails(
        tmp_path: Path, shelf_root: Path, open_umask: None, monkeypatch: pytest.MonkeyPatch,
        direction: str) -> None:
    from casefile.db import driver
    from casefile.errors import CaseFileError

    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story",
                         passphrase=PASS if direction == "decrypt" else None) as case:
        plant(case)
    before = path.read_bytes()
    peek = tmp_path / "peek"  # the part file's bytes, as the disk would keep them
    modes = []
    real = driver.connect

    def check_fails(where: Path | str, passphrase: str | None = None) -> object:
        if Path(where).name == path.name + ".part":
            modes.append(mode(Path(where)))
            os.link(where, peek)
            raise driver.dbapi.OperationalError("disk I/O error (simulated)")
        return real(where, passphrase)

    monkeypatch.setattr(driver, "connect", check_fails)
    convert = encrypt_file if direction == "encrypt" else decrypt_file
    with pytest.raises(CaseFileError, match="cannot be opened"):
        convert(path, PASS)
    assert modes == [0o600]
    assert peek.stat().st_size > 0 and set(peek.read_bytes()) == {0}
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p != shelf_root) == [
        "peek", "story.casefile"]


def test_an_interrupted_recovery_over_a_file_leaves_nothing_beside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    import casefile.recovery
    from casefile.cli import main
    from casefile.errors import CaseFileError

    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story") as case:
        plant(case)
    target = tmp_path / "notes.txt"
    target.write_text("kept")

    def interrupted(damaged: Path, out: Path, passphrase: str | None = None) -> None:
        out.write_bytes(MAGIC + CANARY.encode())
        for suffix in ("-wal", "-journal"):
            Path(f"{out}{suffix}").write_bytes(CANARY_WORDS.encode())
        raise CaseFileError("the disk is full (simulated)")

    monkeypatch.setattr(casefile.recovery, "recover", interrupted)
    assert main(["recover", str(path), "--out", str(target), "--force"]) == 1
    assert "the disk is full" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "story.casefile"]
    assert target.read_text() == "kept"


def test_a_backup_is_never_restored_over_a_file_open_elsewhere(
        tmp_path: Path, shelf_root: Path) -> None:
    from casefile.errors import CaseFileError
    from tests.test_cli_outputs import hold, make_case, release

    held = make_case(tmp_path / "held.casefile", "Held elsewhere")
    with CaseFile.create(tmp_path / "story.casefile", title="Story") as case:
        shelf = BackupShelf.for_case(case)
        entry = shelf.take(case)
    holder = hold(held)
    try:
        with pytest.raises(CaseFileError, match="open in another Casefile"):
            shelf.restore(entry, held, replace=True)
    finally:
        release(holder)
    with CaseFile.open(held) as case:  # the holder's later commit survived
        names = [s.name for s in case.sources.page()]
        title = case.info().title
    assert "Written after the refusal" in names and "Yuri Petrov" in names
    assert title == "Held elsewhere"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_casefile_encrypt_names_a_copy_it_could_not_remove_on_stderr(
        tmp_path: Path, shelf_root: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import casefile.copies
    from casefile.cli import main

    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Story") as case:
        plant(case)
        backup = BackupShelf.for_case(case).take(case)

    def cannot(where: Path, *_args: object) -> None:
        raise OSError(5, "Input/output error (simulated)", str(where))

    monkeypatch.setattr(casefile.copies, "rekey", cannot)
    monkeypatch.setattr(casefile.copies, "shred", cannot)
    monkeypatch.setenv("CASEFILE_PASSPHRASE", PASS)
    assert main(["encrypt", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"encrypted {path}")
    assert f"casefile: error: {backup.path} could not be encrypted or removed" in err
    assert backup.path.exists()


def test_a_window_without_automatic_backups_cleans_the_shelf_on_a_worker(
        qtbot, sample: CaseFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Emptying the trash in a window that takes no automatic backups still cleans the
    shelf — as a background job, not on the UI thread."""
    from casefile.backups import BackupShelf
    from ui.main_window import MainWindow
    from ui.prompts import ScriptedPrompts

    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(tmp_path / "shelf"))
    shelf = BackupShelf.for_case(sample, tmp_path / "shelf")
    source = sample.sources.create(name="Wendeline Canarova", ground_rules="confidential",
                                   attribution_phrase="a clerk")
    old = shelf.take(sample)
    sample.trash.delete(sample.sources.get(source.uuid))
    window = MainWindow(sample, ScriptedPrompts([True]))
    qtbot.addWidget(window)
    assert window.auto_backup is None
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.empty_trash()
    assert sample.trash.count() == 0
    assert not old.path.exists() and len(shelf.entries()) == 1
    assert not [p for p in shelf.folder.iterdir() if b"Canarova" in p.read_bytes()]
    assert "earlier backup" in window.statusBar().currentMessage()
    window.close()
