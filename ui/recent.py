"""The Open Recent list, kept in QSettings (paths only, never case contents).

Paths can say what a story is about, so the settings file is kept 0600 in a 0700 folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from casefile.private_files import make_private, private_dir

KEY = "recentFiles"
MAX_RECENT = 8


def recent_files(settings: QSettings) -> list[Path]:
    """Recently opened case files that still exist, newest first."""
    value = settings.value(KEY, [])
    paths = [value] if isinstance(value, str) else \
        [str(p) for p in value] if isinstance(value, (list, tuple)) else []
    return [Path(p) for p in paths if Path(p).exists()]


def remember(settings: QSettings, path: Path) -> None:
    """Put `path` at the top of the list."""
    paths = [str(p) for p in recent_files(settings) if p.resolve() != path.resolve()]
    settings.setValue(KEY, [str(path.resolve()), *paths][:MAX_RECENT])
    keep_private(settings)


def keep_private(settings: QSettings) -> None:
    """Write the settings now, only their owner able to read them (0600 in a 0700 folder:
    the folder is made first, so the file never sits anywhere others could list it)."""
    target = Path(settings.fileName())
    if settings.format() == QSettings.Format.NativeFormat and not target.is_absolute():
        settings.sync()  # a registry or property list, not a file of ours
        return
    private_dir(target.parent)
    settings.sync()
    make_private(target)
