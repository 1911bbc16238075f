"""Whether the system has a program for a file, asked before "Open the file" hands it over.

On Linux QDesktopServices.openUrl answers True as soon as xdg-open starts, even when no
program is set for the file's type (xdg-open then fails on its own, unseen), so the
desktop's own table is asked first: `xdg-mime query default <type>`, else `gio mime
<type>`, for the file's type and the types it is a kind of (a CSV opens in a text editor).
Elsewhere — or without either tool — the answer is unknown and openUrl's own is trusted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QMimeDatabase, QUrl
from PySide6.QtGui import QDesktopServices

LOOKUP_TIMEOUT_S = 3.0


def media_types(path: Path) -> list[str]:
    """The file's media type, then those it is a kind of ("text/csv", "text/plain")."""
    mime = QMimeDatabase().mimeTypeForFile(str(path))
    return [mime.name(), *mime.allAncestors()] if mime.isValid() else []


def _run(command: list[str]) -> str | None:
    """The command's output in the C locale (its words are parsed), None if it failed."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env,
                              timeout=LOOKUP_TIMEOUT_S)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _default_app(media: str) -> bool | None:
    """Whether a program is set for one media type; None when no tool could tell."""
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is not None:
        out = _run([xdg_mime, "query", "default", media])
        if out is not None:
            return bool(out.strip())
    gio = shutil.which("gio")
    if gio is not None:
        out = _run([gio, "mime", media])
        if out is not None:
            return any(line.startswith("Default application for") for line in
                       out.splitlines())
    return None


def has_viewer(path: Path) -> bool | None:
    """True when a program opens `path`, False when the desktop says none does, None when
    that cannot be known here (not Linux, no lookup tool)."""
    if not sys.platform.startswith("linux"):
        return None
    answers = [_default_app(media) for media in media_types(path)]
    if any(answers):
        return True
    return False if False in answers else None


def open_with_viewer(url: QUrl) -> bool:
    """Open a local file with the system's program for it; False when there is none (asked
    of the desktop first on Linux, where openUrl cannot tell)."""
    if url.isLocalFile() and has_viewer(Path(url.toLocalFile())) is False:
        return False
    return bool(QDesktopServices.openUrl(url))
