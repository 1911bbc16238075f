"""Errors the core raises; each carries a message fit to show a user as it is."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path


class CaseFileError(Exception):
    """Base of every error the core raises on purpose (never a bug)."""


class NotACaseFileError(CaseFileError):
    """The file is not a Casefile case file, or is damaged; it was not modified."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: not a Casefile case file: {reason}")


class DamagedCaseFileError(NotACaseFileError):
    """The file is a case file whose pages are damaged; it was not modified."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        CaseFileError.__init__(
            self,
            f"{path}: the case file is damaged ({reason}); it was not changed. Recover what "
            "can still be read into a new file (File → Recover a damaged case file…, or "
            "`casefile recover FILE --out NEW`), or restore one of its backups.")


def is_damage(exc: BaseException) -> bool:
    """Whether a database error means the file's pages are damaged."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


class HostileSchemaError(CaseFileError):
    """The file holds tables, views, triggers or indexes Casefile does not create (a case file
    is data, never code); it was neither opened nor changed."""

    def __init__(self, path: Path, differences: list[str], shown: int = 3) -> None:
        self.path = path
        self.differences = differences
        listed = "; ".join(differences[:shown])
        more = f" (and {len(differences) - shown} more)" if len(differences) > shown else ""
        super().__init__(
            f"{path}: the case file contains {listed}{more}. A case file is data, never code: "
            "it was not opened and not changed. Its records can be salvaged into a clean file "
            "(File → Recover a damaged case file…, or `casefile recover FILE --out NEW`).")


class NewerFormatError(CaseFileError):
    """The file was written by a newer Casefile; opening it could damage it."""

    def __init__(self, path: Path, file_version: int, app_version: int) -> None:
        self.path = path
        self.file_version = file_version
        super().__init__(
            f"{path}: made by a newer version of Casefile (format {file_version}; this version "
            f"reads up to {app_version}). Update Casefile to open it; the file was not changed."
        )


class CaseFileLockedError(CaseFileError):
    """Another process already has the case file open for writing."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path}: already open in another Casefile window or program. "
            "Close it there first; a case file has only one writer at a time."
        )


class RecordNotFoundError(CaseFileError):
    """No live (non-trashed) record with that id exists."""

    def __init__(self, kind: str, ref: object) -> None:
        super().__init__(f"no {kind} with id {ref}")


class ValidationError(CaseFileError):
    """A value given for a record is not acceptable; the message says which and why."""


class DeleteRefusedError(CaseFileError):
    """A record cannot go to the trash because other records depend on it."""

    def __init__(self, label: str, dependants: list[str]) -> None:
        self.dependants = dependants
        shown = "; ".join(dependants[:10])
        more = f" and {len(dependants) - 10} more" if len(dependants) > 10 else ""
        super().__init__(
            f"cannot delete {label}: it is used by {shown}{more}. "
            "Remove those links first, or delete with cascade to trash them too."
        )


class BundleError(CaseFileError):
    """A bundle failed validation; `problems` lists each as 'json.path: what is wrong'."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        head = "\n  ".join(problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"{source}: the bundle was not imported ({len(problems)} problem"
            f"{'s' if len(problems) != 1 else ''}; the case file was not changed):\n  {head}{more}"
        )


class PassphraseRequiredError(CaseFileError):
    """The file is encrypted (or is not a case file at all): a passphrase is needed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: this case file is encrypted (or it is not a case file); "
                         "its passphrase is needed to open it")


class WrongPassphraseError(CaseFileError):
    """The passphrase does not open the file; nothing was changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: wrong passphrase or not a case file (nothing was changed)")


class EncryptionUnavailableError(CaseFileError):
    """The SQLCipher driver is not installed, so encrypted case files cannot be used."""

    def __init__(self) -> None:
        super().__init__("encryption is not available: the SQLCipher driver (the Python package "
                         "sqlcipher3) is not installed; plain case files still work")


# What reading a damaged zip (a bundle, a reviewed .docx) can raise, besides a clean
# BadZipFile: a corrupt deflate stream, a cut-off member, an unknown compression method…
ZIP_READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
    NotImplementedError, RuntimeError)
