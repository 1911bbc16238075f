"""Casefile core: one local SQLite file per story, usable without any UI.

The public API is `CaseFile` (create/open/close and one service per kind of record), the
read models it hands out in `casefile.read_models`, the commands it applies in
`casefile.commands` and the `Changes` they report (`casefile.changes`), the errors in
`casefile.errors` and the bundle functions in `casefile.bundle`. See docs/api.md.
"""

from casefile.case import CaseFile, CaseSummary, CheckReport  # noqa: E402
from casefile.errors import (  # noqa: E402
    BundleError,
    CaseFileError,
    CaseFileLockedError,
    DeleteRefusedError,
    NewerFormatError,
    NotACaseFileError,
    PassphraseRequiredError,
    RecordNotFoundError,
    ValidationError,
    WrongPassphraseError,
)
from casefile.version import __version__

__all__ = [
    "BundleError",
    "CaseFile",
    "CaseFileError",
    "CaseFileLockedError",
    "CaseSummary",
    "CheckReport",
    "DeleteRefusedError",
    "NewerFormatError",
    "NotACaseFileError",
    "PassphraseRequiredError",
    "RecordNotFoundError",
    "ValidationError",
    "WrongPassphraseError",
    "__version__",
]
