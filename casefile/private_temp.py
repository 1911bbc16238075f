"""Private temporary folders: where plaintext that must not sit in a shared folder may wait.

One root per user, mode 0700 and owned by them (a symlink or someone else's folder is
refused): `$CASEFILE_TEMP_DIR` if set, else `$XDG_RUNTIME_DIR/casefile` (a per-user RAM disk on
Linux desktops), else `<system temp>/casefile-<uid>`. Each folder under it is named
`<pid>-<process start time>-<random>`, so `clean_stale()` can tell the folders of a process
that crashed (gone, or its pid reused by a process started at another time) from those of one
still running, and remove them at the next start. Files are overwritten with zeros before
they are unlinked (best effort: an SSD or a copy-on-write file system may keep old blocks).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from casefile.errors import CaseFileError
from casefile.private_files import overwrite_fd

ENV = "CASEFILE_TEMP_DIR"
_NAME = re.compile(r"^(\d+)-([0-9A-Za-z]+)-[0-9a-f]+$")
_UNKNOWN = "0"  # a live process whose start time cannot be read
_own_marker: str | None = None


def root_path() -> Path:
    """Where the private root is (not created, not checked)."""
    given = os.environ.get(ENV)
    if given:
        return Path(given)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if sys.platform.startswith("linux") and runtime and Path(runtime).is_dir():
        return Path(runtime) / "casefile"
    if not hasattr(os, "getuid"):  # Windows: the temp folder is the user's own already
        return Path(tempfile.gettempdir()) / "casefile-private"
    return Path(tempfile.gettempdir()) / f"casefile-{os.getuid()}"


def _checked(path: Path) -> Path:
    """`path` if it is a real folder of ours, closed to others (0700); else a refusal."""
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise CaseFileError(f"{path}: the private temporary folder is a link or not a folder; "
                            "remove it (or set CASEFILE_TEMP_DIR) and try again")
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        raise CaseFileError(f"{path}: the private temporary folder belongs to another user; "
                            "remove it (or set CASEFILE_TEMP_DIR) and try again")
    if os.name == "posix" and stat.S_IMODE(st.st_mode) & 0o077:
        os.chmod(path, 0o700)
    return path


def root() -> Path:
    """The private root, created 0700 if missing and checked every time."""
    path = root_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
        return _checked(path)
    except OSError as exc:
        raise CaseFileError(f"{path}: the private temporary folder cannot be made "
                            f"({exc.strerror})") from exc


def _proc_start(pid: int) -> str | None:
    """A process's start time as a name-safe marker; None when there is no such process."""
    if sys.platform.startswith("linux"):
        try:
            raw = Path(f"/proc/{pid}/stat").read_text(errors="replace")
        except OSError:
            return None
        fields = raw.rpartition(")")[2].split()
        return fields[19] if len(fields) > 19 and fields[19].isdigit() else _UNKNOWN
    if sys.platform == "win32":
        return _windows_start(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return _UNKNOWN
    try:
        out = subprocess.run(["ps", "-o", "lstart=", "-p", str(pid)], capture_output=True,
                             text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return _UNKNOWN
    return re.sub(r"[^0-9A-Za-z]", "", out) or _UNKNOWN


def _windows_start(pid: int) -> str | None:
    """The creation time of a Windows process (None when it has ended)."""
    import ctypes
    from ctypes import wintypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return None
    try:
        code = wintypes.DWORD()
        if kernel.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value != 259:
            return None  # exited (259 is STILL_ACTIVE)
        times = [wintypes.FILETIME() for _ in range(4)]
        if not kernel.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
            return _UNKNOWN
        return str((times[0].dwHighDateTime << 32) | times[0].dwLowDateTime)
    finally:
        kernel.CloseHandle(handle)


def _marker() -> str:
    global _own_marker
    if _own_marker is None:
        _own_marker = _proc_start(os.getpid()) or _UNKNOWN
    return _own_marker


def make_private_dir() -> Path:
    """A new 0700 folder under the root, named for this process; remove it with
    `remove_private_dir` (or `clean_stale` removes it after a crash)."""
    base = root()
    path = base / f"{os.getpid()}-{_marker()}-{secrets.token_hex(4)}"
    try:
        os.mkdir(path, 0o700)
        os.chmod(path, 0o700)
    except OSError as exc:
        raise CaseFileError(f"{base}: no private temporary folder can be made there "
                            f"({exc.strerror})") from exc
    return path


@contextlib.contextmanager
def private_dir() -> Iterator[Path]:
    """A private folder for the length of a `with` block, removed (files zeroed) after it."""
    path = make_private_dir()
    try:
        yield path
    finally:
        remove_private_dir(path)


def _zero(path: Path) -> None:
    """Overwrite a regular file's bytes with zeros, best effort (never follows a link)."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # a read-only "open the file" copy
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        overwrite_fd(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_private_dir(path: Path) -> None:
    """Zero and delete everything in one of our private folders, then the folder."""
    if not path.is_dir() or path.is_symlink():
        return
    for folder, _dirs, files in os.walk(path, topdown=False):
        for name in files:
            item = Path(folder) / name
            if item.is_file() and not item.is_symlink():
                _zero(item)
    shutil.rmtree(path, ignore_errors=True)


def owner_alive(name: str) -> bool:
    """Whether the process that made the private folder `name` is still running."""
    m = _NAME.match(name)
    if m is None:
        return True  # not ours to judge: left alone
    pid, marker = int(m.group(1)), m.group(2)
    if pid == os.getpid():
        return marker == _marker()
    now = _proc_start(pid)
    return now is not None and (now == marker or _UNKNOWN in (now, marker))


def clean_stale() -> list[Path]:
    """Remove the private folders of processes that ended (crashed or killed) and return
    them. Cheap, and never fails: an unsafe or missing root is left for `root()` to refuse."""
    path = root_path()
    try:
        _checked(path)
        entries = list(os.scandir(path))
    except (OSError, CaseFileError):
        return []
    removed = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) and not owner_alive(entry.name):
            remove_private_dir(Path(entry.path))
            removed.append(Path(entry.path))
    return removed
