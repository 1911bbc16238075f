"""Version facts for About boxes and bug reports."""

from __future__ import annotations

import platform
import sqlite3
from importlib.metadata import PackageNotFoundError, version

import casefile

_PACKAGES = (("SQLAlchemy", "SQLAlchemy"), ("python-docx", "python-docx"), ("Pillow", "Pillow"))


def dependency_versions() -> dict[str, str]:
    """Casefile's version and those of what it runs on (no Qt: the UI adds its own)."""
    found = {"Casefile": casefile.__version__, "Python": platform.python_version(),
             "SQLite": sqlite3.sqlite_version}
    for label, dist in _PACKAGES:
        try:
            found[label] = version(dist)
        except PackageNotFoundError:
            found[label] = "not installed"
    return found
