"""Version facts for About boxes and bug reports."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from casefile.db import driver
from casefile.version import __version__

_PACKAGES = (("SQLAlchemy", "SQLAlchemy"), ("python-docx", "python-docx"), ("Pillow", "Pillow"))


def dependency_versions() -> dict[str, str]:
    """Casefile's version and those of what it runs on (no Qt: the UI adds its own)."""
    found = {"Casefile": __version__, "Python": platform.python_version(),
             "SQLite": driver.library_version().removeprefix("SQLite "),
             "Encryption": "available" if driver.encryption_available() else
             "not available (the sqlcipher3 package is not installed)"}
    for label, dist in _PACKAGES:
        try:
            found[label] = version(dist)
        except PackageNotFoundError:
            found[label] = "not installed"
    return found
