"""Where a command may write a file: never over a case, and never over a file in use.

Two layers (issue 15, "commands never destroy a case"):

- `guard_output(out, cases)` — the core's rule, called by every function that writes a whole
  file (a backup, a bundle, a Word draft): `out` must not be one of the open case files given,
  or their `-wal`, `-shm` or `-journal` (by path, through symlinks and `..`, and by inode for
  hard links), must not be a file another Casefile window or program holds open, and must not
  have a `-wal`/`-journal` beside it (a case still open, or not closed cleanly: replacing it
  would lose that case's last commits). An ordinary existing file may be replaced: the app's
  save dialog has asked.
- `check_output(out, force=…, inputs=…)` — the command line's stricter rule on top: a path
  that is itself a case file is never replaced, even with `--force`, and any other existing
  file only with `--force`.

Whether another program holds a file is asked of SQLite itself (a read-only connection that
tries for a shared lock and gives up at once), never by opening the file with Python: closing
a plain descriptor would drop this process's own POSIX locks on that file.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from casefile.db import driver
from casefile.db.header import APPLICATION_ID, SQLITE_MAGIC, plain_sqlite
from casefile.errors import CaseFileError

SIDECARS = {"-wal": "write-ahead log", "-shm": "shared-memory file",
            "-journal": "rollback journal"}


class OutputRefusedError(CaseFileError):
    """A command was asked to write where it must not; nothing was written."""


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same resolved path, or the same inode."""
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):  # a symlink loop: cannot be the same file
        return False
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def held_elsewhere(path: Path) -> bool:
    """Whether another Casefile window or program has `path` open (holds its SQLite lock).

    Asked of SQLite with a read-only connection and no waiting: it reads nothing and writes
    nothing when the lock is free, and never disturbs the holder when it is not."""
    try:
        uri = path.absolute().as_uri() + "?mode=ro"
    except ValueError:
        return False
    try:
        conn = driver.dbapi.connect(uri, uri=True, timeout=0, check_same_thread=False)
    except driver.dbapi.Error:
        return False
    try:
        if driver.encryption_available():  # a file it cannot read is no news here
            conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    except driver.dbapi.Error as exc:
        text = str(exc)
        return "locked" in text or "busy" in text
    finally:
        conn.close()
    return False


def guard_output(out: Path | str, cases: Iterable[Path | str] = (), *,
                 instead: str = "another name or folder") -> Path:
    """The core's rule (see the module's docstring); returns `out` as a Path, or raises
    OutputRefusedError saying what `out` is and what to do (`instead`: what to choose)."""
    out = Path(out)
    for case in map(Path, cases):
        if _same(out, case):
            raise OutputRefusedError(f"{out}: is the case file itself, which a copy or export "
                                     f"cannot overwrite; choose {instead}")
        for suffix, what in SIDECARS.items():
            if _same(out, Path(f"{case}{suffix}")):
                raise OutputRefusedError(f"{out}: is the {what} of the case file {case.name}; "
                                         f"choose {instead}")
    for suffix, what in SIDECARS.items():
        if out.name.endswith(suffix) and len(out.name) > len(suffix):
            base = out.with_name(out.name[: -len(suffix)])
            if base.exists():
                raise OutputRefusedError(f"{out}: would be taken for the {what} of {base.name} "
                                         f"beside it; choose {instead}")
    if out.is_file() and held_elsewhere(out):
        raise OutputRefusedError(f"{out}: is open in another Casefile window or program; it "
                                 f"is never replaced while open. Choose {instead}")
    for suffix in ("-wal", "-journal"):
        if Path(f"{out}{suffix}").exists():
            raise OutputRefusedError(
                f"{out}: has a {out.name}{suffix} file beside it, so it is a case file that is "
                "open or was not closed cleanly; replacing it could lose its last changes. "
                f"Choose {instead}")
    return out


def looks_like_case_file(path: Path) -> bool:
    """Whether `path` is, or could be, a Casefile case file: our SQLite header, a plain SQLite
    header that was overwritten (a damaged case), or an encrypted file (which only the
    passphrase could tell from random bytes). Reads the first 100 bytes."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError:
        return False
    if head.startswith(SQLITE_MAGIC):
        return len(head) >= 72 and int.from_bytes(head[68:72], "big") == APPLICATION_ID
    if plain_sqlite(head):  # a plain SQLite header whose magic was overwritten
        return True
    return driver.is_encrypted_file(path)


def check_output(out: Path | str, *, force: bool, inputs: Iterable[Path | str] = (),
                 what: str = "--out") -> Path:
    """The command line's rule for a file a command will write (see the module's docstring).
    `inputs` are the case files (and other files) the command reads."""
    out = guard_output(out, inputs, instead=f"another {what}")
    if not out.parent.is_dir():
        raise OutputRefusedError(f"{out.parent}: no such folder (for {what})")
    if out.is_dir():
        raise OutputRefusedError(f"{out}: is a folder; give {what} a file name")
    if not os.path.lexists(out):
        return out
    try:
        mode = out.stat().st_mode
    except OSError:  # a dangling symlink: writing replaces the link, not its target
        mode = stat.S_IFREG
    if not stat.S_ISREG(mode):
        raise OutputRefusedError(f"{out}: is not a regular file (a pipe, socket or device); "
                                 f"choose another {what}")
    if out.exists() and looks_like_case_file(out):
        raise OutputRefusedError(
            f"{out}: is a Casefile case file; a command never writes over one, even with "
            f"--force. Choose another {what}, or delete that file first if it is unwanted")
    if not force:
        raise OutputRefusedError(f"{out}: exists; add --force to replace it")
    return out


def check_folder(folder: Path, *, force: bool) -> None:
    """For an output that writes a folder beside it (a .json bundle's NAME-files/): an
    existing one is only written into with --force, and never through a symlink."""
    if folder.is_symlink():
        raise OutputRefusedError(f"{folder}: is a symbolic link; a bundle's files folder is "
                                 "never written through one. Remove it or choose another --out")
    if os.path.lexists(folder) and not folder.is_dir():
        raise OutputRefusedError(f"{folder}: exists and is not a folder; choose another --out")
    if folder.exists() and not force:
        raise OutputRefusedError(f"{folder}: exists; add --force to write the bundle's files "
                                 "into it")


def write_text_atomically(out: Path, text: str) -> None:
    """Write `text` to `out` through a new file renamed over it, so `out` only ever holds the
    old contents or the whole new text — and a hard link to `out` is never written into."""
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        part.unlink(missing_ok=True)
        with part.open("x", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise CaseFileError(f"{out}: cannot be written ({exc.strerror})") from exc
