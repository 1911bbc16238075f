"""Errors in the app: a human message in the window, the detail in a log file, never a quit.

Expected failures are `CaseFileError`s and already read well. Anything else is a bug: the
hook logs the traceback to the platform's log folder and tells the user what to do; the case
file stays consistent because every edit is its own transaction.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_path

from casefile.diagnostics import safe_traceback
from casefile.errors import CaseFileError
from casefile.private_files import private_file
from ui.i18n import translate as tr
from ui.prompts import Prompts

__all__ = ["install_excepthook", "log_file", "safe_traceback", "setup_logging"]

log = logging.getLogger("casefile.app")


def log_file() -> Path:
    """Where the app writes its log."""
    return user_log_path("Casefile", appauthor=False) / "casefile.log"


def setup_logging(path: Path | None = None) -> Path:
    """Log warnings and errors to a file: ids, kinds and code locations, never record
    contents (see `safe_traceback`)."""
    path = private_file(path or log_file())  # 0600 in a 0700 folder, whatever the umask
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("casefile")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(prompts: Prompts) -> Callable[..., None]:
    """Route uncaught exceptions (e.g. in Qt slots) to a message and the log."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, CaseFileError):
            prompts.error(None, tr("Casefile"), str(exc))
            return
        log.error("unexpected error:\n%s", safe_traceback(exc))
        prompts.error(None, tr("Something went wrong"),
                      tr("Casefile hit an unexpected problem ({k}). Your case file is safe: "
                         "every change already made is saved. Details were written to {f}; "
                         "please send that file with a bug report.")
                      .replace("{k}", kind.__name__).replace("{f}", str(log_file())))

    sys.excepthook = hook
    return hook
