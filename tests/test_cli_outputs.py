"""Issue 15, items 7 and 9: commands never destroy a case, and the command line fails plainly.

Every command that writes a file (`backup`, `dump`, `export`, `export-csl`, `recover`, `backups
--restore`) is pointed at the case itself, its sidecar files, links to it, another case file,
a file another process holds open and an ordinary existing file; each refusal is exit 1 with a
one-line message and leaves the case's bytes as they were. Then: a closed pipe, folders and
named pipes given as input, and internal errors that must not carry record contents.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
import sqlalchemy.exc

from casefile import CaseFile
from casefile.cli import main
from casefile.db.driver import encryption_available
from casefile.errors import CaseFileError
from tests.conftest import file_state, jpeg_bytes

CLI = [sys.executable, "-m", "casefile.cli"]
CANARY = "Zinaida-Canary-7731"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def make_case(path: Path, title: str = "Border trade") -> Path:
    """A small case with a source, a document and one draft without blocking findings."""
    with CaseFile.create(path, title=title, actor="tester") as case:
        case.sources.create(name="Yuri Petrov", ground_rules="on_record")
        case.documents.create(title="Customs statistics 2025")
        case.drafts.create(headline="A quiet day", body="A quiet day on the river.")
    return path


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The case every command reads, with one automatic backup on its shelf."""
    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(tmp_path / "shelf"))
    monkeypatch.delenv("CASEFILE_DEBUG", raising=False)
    path = make_case(tmp_path / "story.casefile")
    assert main(["backups", str(path), "--take"]) == 0
    return path


# Each writing command, with OUT standing for the file it is asked to write.
WRITERS = {
    "backup": ["backup", "CASE", "--out", "OUT"],
    "dump": ["dump", "CASE", "--out", "OUT"],
    "export": ["export", "CASE", "--out", "OUT"],
    "export-csl": ["export-csl", "CASE", "--out", "OUT"],
    "export-bib": ["export-bib", "CASE", "--out", "OUT"],
    "export-ris": ["export-ris", "CASE", "--out", "OUT"],
    "recover": ["recover", "CASE", "--out", "OUT"],
    "restore": ["backups", "CASE", "--restore", "1", "--out", "OUT"],
}


def command(name: str, case: Path, out: Path, *extra: str) -> list[str]:
    swap = {"CASE": str(case), "OUT": str(out)}
    return [swap.get(a, a) for a in WRITERS[name]] + list(extra)


def target(kind: str, story: Path, tmp_path: Path) -> Path:
    """A path that must never be written, of the kind named."""
    if kind == "itself":
        return story
    if kind == "dotdot":
        (tmp_path / "sub").mkdir()
        return tmp_path / "sub" / ".." / story.name
    if kind in ("wal", "shm", "journal"):
        return Path(f"{story}-{kind}")
    if kind == "symlink":
        link = tmp_path / "link.docx"
        link.symlink_to(story)
        return link
    if kind == "hardlink":
        link = tmp_path / "hard.zip"
        os.link(story, link)
        return link
    if kind == "other-case":
        return make_case(tmp_path / "other.casefile", "Another story")
    if kind == "encrypted-case":
        if not encryption_available():
            pytest.skip("SQLCipher is not installed here")
        CaseFile.create(tmp_path / "secret.bin", title="Locked", passphrase="correct horse "
                        "battery").close()
        return tmp_path / "secret.bin"
    if kind == "damaged-case":  # what `recover` is for: its header's magic overwritten
        damaged = make_case(tmp_path / "damaged.dat", "Damaged")
        with damaged.open("r+b") as fh:
            fh.write(b"\0" * 16)
        return damaged
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["itself", "dotdot", "wal", "shm", "journal", "symlink",
                                  "hardlink", "other-case", "encrypted-case", "damaged-case"])
@pytest.mark.parametrize("name", sorted(WRITERS))
def test_no_command_writes_over_a_case_even_with_force(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, name: str,
        kind: str) -> None:
    out = target(kind, story, tmp_path)
    protected = [story, out] if out.exists() else [story]
    before = [file_state(p) for p in protected]
    code, stdout, err = run(capsys, *command(name, story, out, "--force"))
    assert code == 1, (stdout, err)
    assert len(err.strip().splitlines()) == 1 and err.startswith("casefile: error: ")
    assert "Traceback" not in err and "internal error" not in err
    expected = {"itself": "is the case file itself", "dotdot": "is the case file itself",
                "symlink": "is the case file itself", "hardlink": "is the case file itself",
                "wal": "write-ahead log", "shm": "shared-memory file",
                "journal": "rollback journal"}.get(kind, "is a Casefile case file")
    assert expected in err
    assert [file_state(p) for p in protected] == before
    with CaseFile.open(story) as case:
        assert case.check().ok


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_existing_file_is_replaced_only_with_force(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path, name: str) -> None:
    suffix = {"dump": ".zip", "export": ".docx", "export-csl": ".json", "export-bib": ".bib",
              "export-ris": ".ris"}.get(name, ".casefile")
    out = tmp_path / f"old-notes{suffix}"
    out.write_text("yesterday's notes\n")
    before = file_state(story)
    code, _stdout, err = run(capsys, *command(name, story, out))
    assert code == 1 and err.strip() == f"casefile: error: {out}: exists; add --force to " \
                                        "replace it"
    assert out.read_text() == "yesterday's notes\n" and file_state(story) == before

    code, stdout, err = run(capsys, *command(name, story, out, "--force"))
    assert code == 0, err
    assert out.read_bytes() != b"yesterday's notes\n"
    if suffix == ".casefile":
        with CaseFile.open(out) as copy:
            assert [s.name for s in copy.sources.page()] == ["Yuri Petrov"]
    elif suffix == ".zip":
        assert "bundle.json" in zipfile.ZipFile(out).namelist()
    elif suffix == ".json":
        assert json.loads(out.read_text())[0]["title"] == "Customs statistics 2025"
    elif suffix in (".bib", ".ris"):
        assert "Customs statistics 2025" in out.read_text()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")
                 or p.name.endswith((".part", ".unchecked", ".recovering"))]
    assert leftovers == []


def test_a_json_bundle_does_not_write_into_an_existing_files_folder_without_force(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    (tmp_path / "bundle-files").mkdir()
    code, _out, err = run(capsys, "dump", story, "--out", tmp_path / "bundle.json")
    assert code == 1 and "bundle-files: exists; add --force" in err
    assert not (tmp_path / "bundle.json").exists()
    assert run(capsys, "dump", story, "--out", tmp_path / "bundle.json", "--force")[0] == 0


def test_export_csl_replaces_the_file_and_never_writes_into_a_hard_link(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    keep = tmp_path / "keep.txt"
    keep.write_text("not to be touched\n")
    out = tmp_path / "items.json"
    os.link(keep, out)
    assert run(capsys, "export-csl", story, "--out", out, "--force")[0] == 0
    assert keep.read_text() == "not to be touched\n"
    assert json.loads(out.read_text())[0]["title"] == "Customs statistics 2025"


def test_a_pipe_or_a_folder_as_out_is_refused(capsys: pytest.CaptureFixture[str], story: Path,
                                              tmp_path: Path) -> None:
    fifo = tmp_path / "draft.docx"
    os.mkfifo(fifo)
    code, _out, err = run(capsys, "export", story, "--out", fifo, "--force")
    assert code == 1 and "not a regular file" in err
    code, _out, err = run(capsys, "backup", story, "--out", tmp_path, "--force")
    assert code == 1 and "is a folder" in err


HOLDER = textwrap.dedent("""
    import sys
    from casefile import CaseFile
    case = CaseFile.open(sys.argv[1], actor="holder")
    print("HOLDING", flush=True)
    sys.stdin.readline()  # the test says when
    case.sources.create(name="Written after the refusal")
    case.close()
    print("DONE", flush=True)
""")


def hold(path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "HOLDING"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    out, _ = holder.communicate("go\n", timeout=60)
    assert holder.returncode == 0 and "DONE" in out


def test_a_file_another_process_holds_is_never_replaced(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    held = make_case(tmp_path / "held.casefile", "Held elsewhere")
    holder = hold(held)
    try:
        for name in sorted(WRITERS):
            code, _out, err = run(capsys, *command(name, story, held, "--force"))
            assert code == 1 and "open in another Casefile window or program" in err, err
        with CaseFile.open(story) as case, pytest.raises(CaseFileError, match="open in another"):
            case.backup(held)  # the core refuses too, whoever calls it
    finally:
        release(holder)
    with CaseFile.open(held) as case:  # the holder's later commit survived
        names = [s.name for s in case.sources.page()]
    assert "Written after the refusal" in names and "Yuri Petrov" in names


KILLED = textwrap.dedent("""
    import os, signal, sys
    from casefile import CaseFile
    case = CaseFile.open(sys.argv[1], actor="holder")
    case.sources.create(name="Only in the write-ahead log")
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_asking_whether_a_file_is_held_disturbs_nothing(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    crashed = make_case(tmp_path / "crashed.casefile", "Crashed")
    subprocess.run([sys.executable, "-c", KILLED, str(crashed)], timeout=60)
    wal = Path(f"{crashed}-wal")
    assert wal.stat().st_size > 0  # the last commit lives only there
    before = [file_state(crashed), file_state(wal)]
    for name in sorted(WRITERS):
        code, _out, err = run(capsys, *command(name, story, crashed, "--force"))
        assert code == 1 and "not closed cleanly" in err, err
    assert [file_state(crashed), file_state(wal)] == before  # no checkpoint, no new files
    with CaseFile.open(crashed) as case:
        assert "Only in the write-ahead log" in [s.name for s in case.sources.page()]


def test_the_core_never_writes_over_its_own_case_or_one_open_in_this_process(
        story: Path, tmp_path: Path) -> None:
    from casefile.bundle import dump_bundle
    from casefile.export.docx_draft import export_draft

    other = make_case(tmp_path / "other.casefile", "Another story")
    with CaseFile.open(story) as case, CaseFile.open(other) as open_here:
        draft = case.drafts.page()[0].uuid
        for out in (story, Path(f"{story}-wal"), other):
            with pytest.raises(CaseFileError):
                case.backup(out)
            with pytest.raises(CaseFileError):
                dump_bundle(case, out)
            with pytest.raises(CaseFileError):
                export_draft(case, draft, out)
        open_here.sources.create(name="Still writable")  # its lock was not disturbed
        probe = subprocess.run([*CLI, "info", str(other)], capture_output=True, text=True)
        assert probe.returncode == 1 and "already open" in probe.stderr
    with CaseFile.open(other) as reopened:
        assert "Still writable" in [s.name for s in reopened.sources.page()]


def test_a_file_with_a_wal_beside_it_is_not_replaced(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "left-open.casefile"
    out.write_bytes(b"x" * 10)
    Path(f"{out}-wal").write_bytes(b"commits not yet folded in")
    with CaseFile.open(story) as case, pytest.raises(CaseFileError, match="not closed cleanly"):
        case.backup(out)
    assert out.read_bytes() == b"x" * 10


# -- a closed pipe ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["info"], ["info", "--json"], ["search", "Yuri"],
                                  ["claims"], ["export-csl"]])
def test_a_reader_that_went_away_ends_the_command_quietly(story: Path, args: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before a byte is written: EPIPE on every write
    try:
        result = subprocess.run([*CLI, args[0], str(story), *args[1:]], stdout=write_end,
                                stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert result.returncode in (0, 141) and result.stderr == ""


def test_casefile_info_piped_into_head(story: Path) -> None:
    script = (f'set -o pipefail; {" ".join(CLI)} info "$1" | head -c1 >/dev/null; echo "$?"; '
              f'{" ".join(CLI)} search "$1" Yuri | head -1 >/dev/null; echo "$?"')
    result = subprocess.run(["bash", "-c", script, "bash", str(story)], capture_output=True,
                            text=True, timeout=60)
    assert result.stderr == ""
    assert set(result.stdout.split()) <= {"0", "141"}


# -- inputs that are not files ---------------------------------------------------------------


def test_import_csl_of_a_folder_a_missing_file_or_a_pipe_is_a_plain_error(
        capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "zotero.json"
    os.mkfifo(fifo)
    for given, reason in [(tmp_path, "is a folder; give a CSL-JSON file"),
                          (tmp_path / "none.json", "no such file"),
                          (fifo, "is not a regular file (a pipe, socket or device); give a "
                                 "CSL-JSON file")]:
        code, _out, err = run(capsys, "import-csl", story, given)
        assert code == 1 and err.strip().splitlines() == [f"casefile: error: {given}: {reason}"]
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.json"
        locked.write_text("[]")
        locked.chmod(0)
        code, _out, err = run(capsys, "import-csl", story, locked)
        assert code == 1 and "cannot be read" in err


def test_a_pipe_named_like_a_photo_is_rejected_without_waiting(story: Path,
                                                               tmp_path: Path) -> None:
    card = tmp_path / "card"
    card.mkdir()
    (card / "IMG_1.jpg").write_bytes(jpeg_bytes())
    os.mkfifo(card / "IMG_2.jpg")
    os.mkfifo(tmp_path / "x.jpg")
    try:
        result = subprocess.run([*CLI, "add-photos", str(story), str(tmp_path / "x.jpg"),
                                 str(card)], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("add-photos waited on a named pipe")
    assert result.returncode == 1
    assert result.stdout.strip().endswith("1 imported, 2 rejected")
    assert result.stderr.count("not a regular file") == 2 and "internal error" not in result.stderr


# -- internal errors -------------------------------------------------------------------------


def test_internal_error_text_never_carries_record_contents(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import casefile.cli as cli

    def broken(_args: object) -> int:
        try:
            raise ValueError(f"UNIQUE constraint failed near {CANARY}")
        except ValueError as inner:
            raise sqlalchemy.exc.IntegrityError(
                "INSERT INTO sources (name, notes) VALUES (?, ?)",
                (CANARY, f"met {CANARY} at the border"), inner) from inner

    monkeypatch.delenv("CASEFILE_DEBUG", raising=False)
    monkeypatch.setattr(cli, "_cmd_info", broken)
    code, out, err = run(capsys, "info", "x.casefile")
    assert code == 2 and out == ""
    assert CANARY not in err and "INSERT" not in err
    assert err.startswith("casefile: internal error: IntegrityError in ")
    assert "test_cli_outputs.py" in err and "CASEFILE_DEBUG=1" in err
    assert "Traceback" not in err


def test_the_apps_error_dialog_shows_no_message_of_an_unexpected_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.errors import install_excepthook
    from ui.prompts import ScriptedPrompts

    prompts = ScriptedPrompts([])
    previous = sys.excepthook
    try:
        hook = install_excepthook(prompts)
        try:
            raise sqlalchemy.exc.IntegrityError("INSERT …", (CANARY,), ValueError(CANARY))
        except sqlalchemy.exc.IntegrityError as exc:
            hook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert prompts.shown and CANARY not in repr(prompts.shown)
