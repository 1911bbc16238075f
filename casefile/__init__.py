"""Casefile core: one local SQLite file per story, usable without any UI.

The public API is `CaseFile` (create/open/close and one service per kind of record), the
errors in `casefile.errors`, the models in `casefile.models` and the bundle functions in
`casefile.bundle`. See docs/api.md.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("casefile")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

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
