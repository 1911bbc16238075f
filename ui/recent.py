"""The Open Recent list, kept in QSettings (paths and when each was last opened, never case
contents). The newest entry is the case the app reopens at launch.

Paths can say what a story is about, so the settings file is kept 0600 in a 0700 folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QSettings

from casefile.private_files import make_private, private_dir

KEY = "recentFiles"
TIMES_KEY = "recentOpenedAt"  # ISO times, in the order of KEY (older settings lack it)
MAX_RECENT = 8


@dataclass(frozen=True)
class RecentEntry:
    """One remembered case file: where it was, when it was last opened (None if not known),
    and whether it is still there."""

    path: Path
    opened_at: datetime | None

    @property
    def exists(self) -> bool:
        """Still where it was (a moved file or a drive not plugged in: not)."""
        return self.path.exists()


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def _time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def recent_entries(settings: QSettings) -> list[RecentEntry]:
    """Every remembered case file, newest first — missing ones included (the start screen
    shows them greyed out, so a reporter sees where a file used to be)."""
    paths = _strings(settings.value(KEY, []))
    times = _strings(settings.value(TIMES_KEY, []))
    times += [""] * (len(paths) - len(times))
    return [RecentEntry(Path(p), _time(t)) for p, t in zip(paths, times, strict=False)]


def recent_files(settings: QSettings) -> list[Path]:
    """Recently opened case files that still exist, newest first."""
    return [e.path for e in recent_entries(settings) if e.exists]


def last_case(settings: QSettings) -> RecentEntry | None:
    """The case opened last (reopened at launch), whether or not it is still there."""
    entries = recent_entries(settings)
    return entries[0] if entries else None


def _store(settings: QSettings, entries: list[RecentEntry]) -> None:
    entries = entries[:MAX_RECENT]
    settings.setValue(KEY, [str(e.path) for e in entries])
    settings.setValue(TIMES_KEY, [e.opened_at.isoformat() if e.opened_at else ""
                                  for e in entries])
    keep_private(settings)


def remember(settings: QSettings, path: Path, now: datetime | None = None) -> None:
    """Put `path` at the top of the list, opened now. Missing files stay (a case on a USB
    drive not plugged in, shown as not found) until the user removes them — or until the
    list is full and they are the oldest."""
    path = path.resolve()
    kept = [e for e in recent_entries(settings) if e.path.resolve() != path]
    _store(settings, [RecentEntry(path, now or datetime.now(UTC)), *kept])


def forget(settings: QSettings, path: Path) -> None:
    """Take `path` off the list (the start screen's *Remove from list*)."""
    _store(settings, [e for e in recent_entries(settings) if e.path != path])


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
