"""Issue 15, items 3 and 8: nothing protected touches a shared folder before the scan, crash
leftovers in the private temp folder are cleaned, and blocking findings block an export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casefile import CaseFile, private_temp
from casefile.claims.draft_text import DraftText

CANARY = "Zebulon Quarrington-Vask"
UNSCANNED = "Vaskovian-Quarrington"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temp root of the test's own (children inherit it through the environment)."""
    where = tmp_path / "private-root"
    monkeypatch.setenv(private_temp.ENV, str(where))
    return where


def leaky_case(path: Path) -> None:
    """A case whose draft names a confidential source (the scan must refuse it)."""
    with CaseFile.create(path, title="Leaky", actor="tester") as case:
        case.sources.create(name=CANARY, ground_rules="confidential",
                            attribution_phrase="a port official")
        case.drafts.create(headline="Port story",
                           body=f"{CANARY} told us the port is closing.\n\nMore follows.")


def files_holding(folder: Path, needle: str) -> list[Path]:
    """Every file under `folder` (hidden ones too) whose bytes contain `needle`, raw or
    inside a zip (a .docx keeps its text deflated)."""
    import zipfile

    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        blobs = [data]
        if data.startswith(b"PK"):
            try:
                with zipfile.ZipFile(path) as zf:
                    blobs += [zf.read(i) for i in zf.infolist()]
            except (zipfile.BadZipFile, OSError, EOFError):
                pass
        if any(needle.encode() in b for b in blobs):
            found.append(path)
    return found


def child(script: str) -> subprocess.Popen[bytes]:
    """Run `script` in a fresh interpreter (it marks the moment to kill it with a file)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_when(proc: subprocess.Popen[bytes], flag: Path) -> None:
    """SIGKILL the child once it reached its moment (it then sleeps there)."""
    deadline = time.monotonic() + 60
    while not flag.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"child ended early: {out.decode()}{err.decode()}")
        assert time.monotonic() < deadline, "child never reached its moment"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_kill_before_the_scan_leaves_nothing_protected_in_the_target_folder(
        tmp_path: Path, temp_root: Path) -> None:
    # The draft's words stand for what the scan has not yet passed: at the moment of the
    # scan, no file in the target's folder (a sync client may upload it) may hold them.
    case_path, target_dir = tmp_path / "story.casefile", tmp_path / "synced"
    target_dir.mkdir()
    with CaseFile.create(case_path, title="Story", actor="tester") as case:
        case.drafts.create(headline="Port story", body=f"The {UNSCANNED} ferry stopped.")
    flag = tmp_path / "scanning"
    script = f"""
import time
from pathlib import Path
from casefile import CaseFile
from casefile.export.docx_draft import export_draft

def progress(stage):
    if stage == "checking for protected sources":
        Path({str(flag)!r}).touch()
        time.sleep(60)

with CaseFile.open(Path({str(case_path)!r})) as case:
    export_draft(case, case.drafts.page()[0].uuid, Path({str(target_dir / "story.docx")!r}),
                 progress=progress)
"""
    proc = child(script)
    kill_when(proc, flag)
    assert files_holding(target_dir, UNSCANNED) == []
    assert list(target_dir.iterdir()) == []
    # Whatever the killed export left in the private root goes at the next start.
    private_temp.clean_stale()
    assert not temp_root.exists() or list(temp_root.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_an_open_the_file_copy_left_by_a_crash_is_cleaned_at_the_next_start(
        tmp_path: Path, temp_root: Path) -> None:
    case_path = tmp_path / "docs.casefile"
    document = tmp_path / "leaked memo.txt"
    document.write_text(f"memo naming {CANARY}")
    with CaseFile.create(case_path, title="Docs", actor="tester") as case:
        doc = case.documents.add_file(document)
    flag = tmp_path / "opened"
    script = f"""
import time
from pathlib import Path
from casefile import CaseFile

with CaseFile.open(Path({str(case_path)!r})) as case:
    copy = case.documents.open_copy({str(doc.uuid)!r})
    Path({str(flag)!r} + ".tmp").write_text(str(copy))
    Path({str(flag)!r} + ".tmp").rename({str(flag)!r})  # whole, when it appears
    time.sleep(60)
"""
    proc = child(script)
    kill_when(proc, flag)
    copy = Path(flag.read_text())
    assert copy.exists() and CANARY in copy.read_text()
    removed = private_temp.clean_stale()
    assert not copy.exists() and copy.parent in removed


# -- the private temp root -------------------------------------------------------------------


def test_private_folders_are_closed_to_others_and_removed_after_use(temp_root: Path) -> None:
    with private_temp.private_dir() as folder:
        assert folder.parent == temp_root
        assert temp_root.stat().st_mode & 0o777 == 0o700
        assert folder.stat().st_mode & 0o777 == 0o700
        assert folder.name.startswith(f"{os.getpid()}-")
        (folder / "draft.docx").write_bytes(CANARY.encode())
        assert private_temp.clean_stale() == []  # ours, and we are alive: kept
        assert (folder / "draft.docx").exists()
    assert not folder.exists()


def test_a_loose_root_is_tightened_and_a_symlinked_root_is_refused(
        tmp_path: Path, temp_root: Path) -> None:
    from casefile import CaseFileError

    temp_root.mkdir(mode=0o755)
    temp_root.chmod(0o755)
    assert private_temp.root().stat().st_mode & 0o777 == 0o700
    temp_root.rmdir()
    elsewhere = tmp_path / "someone else's"
    elsewhere.mkdir()
    temp_root.symlink_to(elsewhere)
    with pytest.raises(CaseFileError, match="link or not a folder"):
        private_temp.make_private_dir()
    assert private_temp.clean_stale() == [] and list(elsewhere.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a folder to another user needs root")
def test_a_root_owned_by_someone_else_is_refused(temp_root: Path) -> None:
    from casefile import CaseFileError

    temp_root.mkdir(mode=0o700)
    os.chown(temp_root, 12345, 12345)
    with pytest.raises(CaseFileError, match="belongs to another user"):
        private_temp.make_private_dir()


def test_clean_stale_removes_only_the_folders_of_ended_processes(temp_root: Path) -> None:
    mine = private_temp.make_private_dir()
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = temp_root / f"{int(done.stdout)}-{'9' * 8}-abcd1234"
    reused = temp_root / f"{os.getpid()}-1-abcd1234"  # our pid, another start: a crash's
    foreign = temp_root / "not-ours"
    for folder in (dead, reused, foreign):
        folder.mkdir()
        (folder / "copy.pdf").write_bytes(b"plaintext " + CANARY.encode())
        (folder / "copy.pdf").chmod(0o400)
    removed = private_temp.clean_stale()
    assert sorted(removed) == sorted([dead, reused])
    assert mine.exists() and foreign.exists()
    assert not dead.exists() and not reused.exists()
    private_temp.remove_private_dir(mine)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_the_folder_of_another_running_casefile_is_kept_until_it_ends(temp_root: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        marker = private_temp._proc_start(other.pid)
        assert marker is not None
        temp_root.mkdir(mode=0o700)
        theirs = temp_root / f"{other.pid}-{marker}-abcd1234"
        theirs.mkdir()
        assert private_temp.clean_stale() == [] and theirs.exists()
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()
    assert private_temp.clean_stale() == [theirs] and not theirs.exists()


def test_open_copies_live_in_the_private_root_and_go_when_the_case_closes(
        case: CaseFile, tmp_path: Path, temp_root: Path) -> None:
    source = tmp_path / "memo.txt"
    source.write_text("a memo")
    doc = case.documents.add_file(source)
    copy = case.documents.open_copy(doc.uuid)
    assert copy.parent.parent == temp_root and copy.read_text() == "a memo"
    assert copy.parent.stat().st_mode & 0o777 == 0o700
    case.documents.remove_copies()
    assert not copy.parent.exists()


# -- blocking findings block -----------------------------------------------------------------


def test_blocking_findings_refuse_the_export_and_write_nothing(sample: CaseFile,
                                                               tmp_path: Path) -> None:
    from casefile.export.blocking import BlockingFindingsError
    from casefile.export.docx_draft import export_draft

    [draft] = sample.drafts.page()
    target = tmp_path / "story.docx"
    with pytest.raises(BlockingFindingsError) as info:
        export_draft(sample, draft.uuid, target)
    message = str(info.value)
    assert "2 blocking findings" in message and "--allow-blocking" in message
    assert "claim contradicted" in message and "claim off record only" in message
    assert "“banks have stopped processing payments in yuan for small firms like his”" in message
    assert [f.kind for f in info.value.findings] == ["claim_contradicted",
                                                     "claim_off_record_only"]
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("sample.casefile")] \
        == []
    assert sample.drafts.versions(draft.uuid) == []


def test_the_refusal_lists_ten_findings_then_how_many_more() -> None:
    from casefile.claims.checker import Finding
    from casefile.export.blocking import BlockingFindingsError

    findings = [Finding(i, "quote_differs", f"quotation {i} differs", f"words {i}")
                for i in range(14)]
    message = str(BlockingFindingsError(Path("x.docx"), findings))
    assert "words 9" in message and "words 10" not in message
    assert message.rstrip().endswith("and 4 more")


def test_an_override_is_recorded_on_the_draft_version(sample: CaseFile, tmp_path: Path) -> None:
    from casefile.export.docx_draft import export_draft

    [draft] = sample.drafts.page()
    result = export_draft(sample, draft.uuid, tmp_path / "story.docx", allow_blocking=True)
    assert result.path.exists() and result.overridden == 2
    [version] = sample.drafts.versions(draft.uuid)
    override = version.snapshot["override"]
    assert override["by"] == "tester"
    assert [b["kind"] for b in override["blocking"]] == ["claim_contradicted",
                                                         "claim_off_record_only"]
    assert all(b["message"] and b["excerpt"] for b in override["blocking"])
    assert version.snapshot["export"]["sha256"] == result.sha256


def test_an_export_without_blocking_findings_records_no_override(case: CaseFile,
                                                                 tmp_path: Path) -> None:
    from casefile.export.docx_draft import export_draft

    draft = case.drafts.create(headline="Quiet day", body="Nothing happened at the port.")
    result = export_draft(case, draft.uuid, tmp_path / "quiet.docx")
    assert result.overridden == 0
    assert "override" not in case.drafts.versions(draft.uuid)[0].snapshot


def test_allow_blocking_never_lets_a_protected_identity_out(tmp_path: Path) -> None:
    from casefile.export.docx_draft import export_draft
    from casefile.export.protect import ExportRefusedError

    leaky_case(tmp_path / "leaky.casefile")
    with CaseFile.open(tmp_path / "leaky.casefile") as case:
        [draft] = case.drafts.page()
        with pytest.raises(ExportRefusedError):
            export_draft(case, draft.uuid, tmp_path / "story.docx", allow_blocking=True)
        assert case.drafts.versions(draft.uuid) == []
    assert not (tmp_path / "story.docx").exists()
    assert files_holding(tmp_path, CANARY) == [tmp_path / "leaky.casefile"]


def test_the_command_line_refuses_then_exports_with_allow_blocking(
        sample_file: Path, tmp_path: Path, temp_root: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import shutil

    from casefile.cli import main

    case_path, out = tmp_path / "case.casefile", tmp_path / "story.docx"
    shutil.copyfile(sample_file, case_path)
    exe = Path(sys.executable).with_name("casefile")
    done = subprocess.run([str(exe), "export", str(case_path), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and not out.exists()
    assert done.stderr.startswith(f"casefile: error: {out}: not exported: the draft has 2 "
                                  "blocking findings")
    assert "--allow-blocking" in done.stderr and "Traceback" not in done.stderr
    assert main(["export", str(case_path), "--out", str(out), "--allow-blocking"]) == 0
    printed = capsys.readouterr().out
    assert "exported despite 2 blocking findings (recorded on the draft version)" in printed
    assert out.exists()
    assert main(["export", str(case_path), "--out", str(out.with_name("again.docx")),
                 "--allow-blocking", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["overridden_blocking"] == 2
    with CaseFile.open(case_path) as case:
        versions = case.drafts.versions(case.drafts.page()[0].uuid)
        assert [len(v.snapshot["override"]["blocking"]) for v in versions] == [2, 2]


def test_the_app_asks_before_an_override_and_cancel_writes_nothing(
        sample: CaseFile, qtbot, tmp_path: Path) -> None:
    from ui.export_dialog import ExportOptions
    from ui.main_window import MainWindow
    from ui.prompts import ScriptedPrompts

    out = tmp_path / "for the editor.docx"
    prompts = ScriptedPrompts([False])  # "Export anyway?" — Cancel
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
        window.export_draft(ExportOptions(out))  # the checker runs on a worker
    assert blocker.args == ["Export to Word", None]
    [(kind, title, message)] = prompts.shown
    assert (kind, title) == ("confirm", "Export to Word")
    assert "2 blocking finding" in message and "some evidence contradicts it" in message
    assert "rests only on off-the-record material" in message and "recorded" in message
    assert not window.jobs and not out.exists()
    [draft] = sample.drafts.page()
    assert sample.drafts.versions(draft.uuid) == []

    prompts.answers.extend([True, False])  # Export anyway; "Show it in its folder?" — no
    with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
        window.export_draft(ExportOptions(out))
    assert blocker.args[1][0].overridden == 2 and out.exists()
    [version] = sample.drafts.versions(draft.uuid)
    assert version.snapshot["override"]["by"] == "tester"


def _stale_folder(root: Path) -> Path:
    """A private folder as a killed process leaves it (its pid no longer runs)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    root.mkdir(mode=0o700, exist_ok=True)
    stale = root / f"{int(done.stdout)}-{'9' * 8}-feedbeef"
    stale.mkdir()
    (stale / "copy.pdf").write_bytes(CANARY.encode())
    return stale


def test_the_app_and_the_command_line_clean_at_start(qtbot, sample_file: Path, tmp_path: Path,
                                                     temp_root: Path) -> None:
    import shutil

    from casefile.cli import main
    from ui import app as app_module

    stale = _stale_folder(temp_root)
    copy = tmp_path / "case.casefile"
    shutil.copyfile(sample_file, copy)
    assert app_module.main([str(copy), "--smoke"]) == 0
    assert not stale.exists()
    stale = _stale_folder(temp_root)
    assert main(["info", str(copy)]) == 0
    assert not stale.exists()


def test_an_override_covers_only_the_findings_the_reporter_saw(sample: CaseFile,
                                                                tmp_path: Path) -> None:
    """The app passes the findings it showed; one that appeared since (here a claim deleted
    between the confirmation and the export) still refuses, and nothing is written."""
    from casefile.export.blocking import BlockingFindingsError, blocking_only
    from casefile.export.docx_draft import export_draft

    [draft] = sample.drafts.page()
    seen = blocking_only(sample.drafts.check(draft.uuid))
    assert len(seen) == 2
    anchored = DraftText.parse(draft.body).anchors[0].claim
    sample.trash.delete(sample.claims.get(anchored), cascade=True)
    out = tmp_path / "story.docx"
    with pytest.raises(BlockingFindingsError, match="claim missing"):
        export_draft(sample, draft.uuid, out, allow_blocking=seen)
    assert not out.exists()
    now = blocking_only(sample.drafts.check(draft.uuid))
    assert export_draft(sample, draft.uuid, out, allow_blocking=now).overridden == len(now)
