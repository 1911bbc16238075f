"""The Open Recent list, kept in QSettings (paths only, never case contents)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

KEY = "recentFiles"
MAX_RECENT = 8


def recent_files(settings: QSettings) -> list[Path]:
    """Recently opened case files that still exist, newest first."""
    value = settings.value(KEY, [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in paths if Path(p).exists()]


def remember(settings: QSettings, path: Path) -> None:
    """Put `path` at the top of the list."""
    paths = [str(p) for p in recent_files(settings) if p.resolve() != path.resolve()]
    settings.setValue(KEY, [str(path.resolve()), *paths][:MAX_RECENT])
