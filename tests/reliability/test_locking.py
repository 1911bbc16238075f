"""One writer per case file, even when many programs start at the same moment; a lock left
by a killed process is no obstacle; a risky location is named."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile import location as location_module
from casefile.location import location_warning

LAUNCHES = 8
ROOT = Path(__file__).resolve().parents[2]

# Each launch waits for the start signal (a file appearing), then opens (or creates) the case
# and reports; a winner holds the file until told to let go.
RACER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from casefile import CaseFile
    from casefile.errors import CaseFileError
    mode, path, go, release = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    while not go.exists():
        time.sleep(0.001)
    try:
        case = (CaseFile.create(path, title="Race") if mode == "create"
                else CaseFile.open(path))
    except CaseFileError as exc:
        print("REFUSED", str(exc).replace(chr(10), " "), flush=True)
        sys.exit(0)
    case.sources.create(name="Winner")
    print("OPEN", flush=True)
    while not release.exists():
        time.sleep(0.01)
    case.close()
""")


def race(tmp_path: Path, mode: str, path: Path) -> list[str]:
    go, release = tmp_path / "go", tmp_path / "release"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", RACER, mode, str(path), str(go),
                               str(release)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for _ in range(LAUNCHES)]
    time.sleep(1.5)  # every interpreter up and waiting
    go.touch()
    lines = []
    for proc in procs:  # the losers finish on their own; the winner waits for release
        if proc.stdout is not None:
            lines.append(proc.stdout.readline().strip())
    release.touch()
    for proc in procs:
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and "Traceback" not in err, err
    return lines


def test_simultaneous_opens_let_exactly_one_in(tmp_path: Path) -> None:
    path = tmp_path / "shared.casefile"
    CaseFile.create(path, title="Race").close()
    lines = race(tmp_path, "open", path)
    assert sum(line == "OPEN" for line in lines) == 1, lines
    refused = [line for line in lines if line != "OPEN"]
    assert all(line.startswith("REFUSED") and "already open" in line for line in refused)
    with CaseFile.open(path) as case:
        assert case.sources.count() == 1 and case.check().ok


def test_simultaneous_creates_make_one_file(tmp_path: Path) -> None:
    path = tmp_path / "new.casefile"
    lines = race(tmp_path, "create", path)
    assert sum(line == "OPEN" for line in lines) == 1, lines
    assert all("already exists" in line or "already open" in line
               for line in lines if line != "OPEN")
    with CaseFile.open(path) as case:
        assert case.sources.count() == 1 and case.check().ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["go", "new.casefile", "release"]


def test_a_lock_left_by_a_killed_process_is_no_obstacle(tmp_path: Path) -> None:
    path = tmp_path / "held.casefile"
    CaseFile.create(path, title="Held").close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from casefile import CaseFile
            case = CaseFile.open(sys.argv[1])
            case.sources.create(name="Committed before the kill")
            print("HOLDING", flush=True)
            time.sleep(600)
        """), str(path)], stdout=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "HOLDING"
    with pytest.raises(Exception, match="already open"):
        CaseFile.open(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    # The kernel released its lock with the process; the -wal it left is replayed.
    with CaseFile.open(path) as case:
        assert [s.name for s in case.sources.page()] == ["Committed before the kill"]
        assert case.check().ok


def test_network_file_systems_are_named(tmp_path: Path, monkeypatch) -> None:
    share = tmp_path / "share"
    monkeypatch.setattr(location_module, "_mounts",
                        lambda: [("/", "ext4"), (str(share), "nfs4")])
    warning = location_warning(share / "story.casefile")
    assert warning is not None and "network file system (nfs4)" in warning
    assert location_warning(tmp_path / "story.casefile") is None
    monkeypatch.setattr(location_module, "_mounts", lambda: [("/", "ext4"),
                                                             (str(share), "fuse.sshfs")])
    assert "fuse.sshfs" in (location_warning(share / "deeper" / "x.casefile") or "")


@pytest.mark.parametrize("folder,service", [("Dropbox", "Dropbox"),
                                            ("OneDrive - Newsroom", "OneDrive"),
                                            ("Google Drive", "Google Drive")])
def test_synced_folders_are_named(tmp_path: Path, folder: str, service: str) -> None:
    warning = location_warning(tmp_path / folder / "Stories" / "story.casefile")
    assert warning is not None and f"that {service} synchronises" in warning
    assert location_warning(tmp_path / "Dropboxes-of-mine" / "x.casefile") is None


def test_the_cli_and_the_app_warn_once(qtbot, tmp_path: Path, capsys) -> None:
    from PySide6.QtCore import QSettings

    from casefile.cli import main
    from ui.controller import AppController
    from ui.prompts import ScriptedPrompts

    path = tmp_path / "Dropbox" / "story.casefile"
    path.parent.mkdir()
    CaseFile.create(path, title="Synced").close()
    assert main(["info", str(path)]) == 0
    assert "warning: story.casefile is in a folder that Dropbox" in capsys.readouterr().err
    controller = AppController(ScriptedPrompts(), QSettings(str(tmp_path / "s.ini"),
                                                            QSettings.Format.IniFormat))
    window = controller.open_path(path)
    window.close()
    controller.open_path(path).close()
    warned = [e for e in controller.prompts.shown if "synchronises" in e[2]]
    assert len(warned) == 1
