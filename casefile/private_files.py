"""Files only their owner may read (0600, in 0700 folders), and removing a file's bytes.

Backups, the app's settings and its log can name sources; on a shared machine other users
must not read them, whatever the process's umask. Folders and files are made with the mode
given to the system call and then set again with chmod (a umask can only take bits away).

`shred` overwrites a file's bytes before unlinking it, so an ordinary read of the disk no
longer finds them. On SSDs and copy-on-write file systems the old blocks may survive
(docs/security.md says so); full-disk encryption is the answer there.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
_CHUNK = 1 << 20


def private_dir(folder: Path, *, up_to: Path | None = None) -> Path:
    """Create `folder` (and missing parents) as 0700; set 0700 on `folder` and on every
    folder between it and `up_to` (exclusive) even when they already exist."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            os.mkdir(path, DIR_MODE)
    tighten = {folder, *missing}
    if up_to is not None:
        current = folder
        while current != up_to and up_to in current.parents:
            tighten.add(current)
            current = current.parent
    for path in tighten:
        if path.is_dir() and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
            os.chmod(path, DIR_MODE)
    return folder


def new_private_file(path: Path) -> None:
    """Create `path` as an empty 0600 file (replacing an earlier one), for a program such as
    SQLite to fill: it keeps the mode of a file that exists."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)


def private_file(path: Path) -> Path:
    """Make sure `path` exists as a 0600 file in a 0700 folder, keeping what it holds (a log
    file before a logger appends to it)."""
    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def make_private(path: Path) -> None:
    """Set 0600 on a file that exists (no error if it has gone)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            os.chmod(path, FILE_MODE)


def overwrite(path: Path) -> None:
    """Overwrite every byte of `path` with zeros and flush it to the disk (the file stays)."""
    fd = os.open(path, os.O_WRONLY)
    try:
        overwrite_fd(fd)
    finally:
        os.close(fd)


def overwrite_fd(fd: int) -> None:
    """Overwrite every byte of the open file `fd` with zeros, then fsync."""
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    zeros = bytes(_CHUNK)
    done = 0
    while done < size:
        done += os.write(fd, zeros[: min(_CHUNK, size - done)])
    os.fsync(fd)


def shred(path: Path) -> bool:
    """Overwrite a file's bytes, then unlink it (and its SQLite -wal/-journal, likewise).
    Returns whether `path` existed."""
    found = False
    for victim in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
        try:
            if victim.is_file() and not victim.is_symlink():
                overwrite(victim)
            victim.unlink()
        except FileNotFoundError:
            continue
        found = found or victim == path
    return found
