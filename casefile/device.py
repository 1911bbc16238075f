"""This installation's device id: which copy of Casefile made a change (merge needs it).

Every record says who changed it last and on which device (`changed_by`, `changed_device`),
so that copies of a case edited on two laptops can later be merged record by record. The id
is random — never derived from the hardware, a MAC address or the host name — so it tells a
reader of the case that two changes came from the same installation and nothing about the
machine itself. It is made once and kept in the user's config folder (`platformdirs`:
$XDG_CONFIG_HOME/casefile on Linux, %APPDATA%\\Casefile on Windows); $CASEFILE_DEVICE_ID
overrides it (tests, a fleet that names its laptops). If the folder cannot be written the
process uses a random id of its own, the same for as long as it runs.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from pathlib import Path

ENV = "CASEFILE_DEVICE_ID"
FILE_NAME = "device-id"
# What an id may look like: short, printable, one line (a hand-edited file is checked too).
_VALID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

_lock = threading.Lock()
_cached: str | None = None


def new_id() -> str:
    """A fresh random id: 16 random bytes as hex, nothing about the machine."""
    return secrets.token_hex(16)


def config_path() -> Path:
    """Where the id is kept."""
    from platformdirs import user_config_path

    return user_config_path("Casefile", appauthor=False) / FILE_NAME


def device_id() -> str:
    """This installation's id: $CASEFILE_DEVICE_ID, else the stored one (made on first
    use), else one random id for this process."""
    given = os.environ.get(ENV, "").strip()
    if _VALID.fullmatch(given):  # one that is not an id (a line of text) is ignored
        return given
    global _cached
    with _lock:
        if _cached is None:
            _cached = _stored_or_new(config_path())
        return _cached


def _stored_or_new(path: Path) -> str:
    try:
        kept = path.read_text(encoding="utf-8").strip()
        if _VALID.fullmatch(kept):
            return kept
    except (OSError, UnicodeDecodeError):
        pass
    made = new_id()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.part")
        tmp.write_text(made + "\n", encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return made  # not writable: this process keeps its own
    # Another process may have written its id at the same moment: use the one that stayed.
    try:
        kept = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return made
    return kept if _VALID.fullmatch(kept) else made


def forget() -> None:
    """Drop the cached id (tests that change the config folder)."""
    global _cached
    with _lock:
        _cached = None
