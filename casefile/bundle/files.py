"""Reading a bundle's JSON and files from a `.zip` or a folder, refusing paths that escape it."""

from __future__ import annotations

import json
import stat
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from casefile.errors import ZIP_READ_ERRORS, BundleError

MAX_JSON_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 1024 * 1024 * 1024  # the largest file a case stores
MAX_TOTAL_BYTES = 32 * 1024 * 1024 * 1024
MAX_RATIO = 200  # real photos, PDFs and JSON compress far less; bombs compress far more


def unsafe_reason(name: str) -> str | None:
    """Why a path inside a bundle is refused, or None if it is a plain relative path."""
    if not name or "\\" in name or "\x00" in name:
        return "not a plain relative path"
    p = PurePosixPath(name)
    if p.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "absolute paths are not allowed"
    if ".." in p.parts:
        return "paths may not leave the bundle ('..')"
    return None


class BundleSource(Protocol):
    """Where a bundle's JSON and files come from."""

    name: str

    def document(self) -> Any: ...
    def read(self, rel: str) -> bytes: ...
    def close(self) -> None: ...


class ZipSource:
    """A `.zip` bundle: bundle.json at the root, files beside it; links are refused."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        try:
            self.zf = zipfile.ZipFile(path)
        except ZIP_READ_ERRORS as exc:
            raise BundleError(self.name, [f"(file): not a readable zip archive ({exc})"]) from exc
        problems = []
        seen: set[str] = set()
        total = 0
        for info in self.zf.infolist():
            reason = unsafe_reason(info.filename)
            mode = info.external_attr >> 16
            total += info.file_size
            if reason is None and stat.S_ISLNK(mode):
                reason = "symbolic links are not allowed"
            elif reason is None and info.filename in seen:
                reason = "the name occurs twice in the archive"
            elif reason is None and info.file_size > MAX_ENTRY_BYTES:
                reason = f"declares {info.file_size:,} bytes, more than a case stores in a file"
            elif reason is None and info.file_size > 10 * 1024 * 1024 and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                reason = (f"expands {info.file_size // max(info.compress_size, 1):,} times "
                          "(a zip bomb?)")
            seen.add(info.filename)
            if reason:
                problems.append(f"(zip) {info.filename!r}: {reason}")
        if total > MAX_TOTAL_BYTES:
            problems.append(f"(zip): declares {total:,} bytes in all, more than is plausible")
        if problems:
            self.zf.close()
            raise BundleError(self.name, problems)

    def document(self) -> Any:
        try:
            info = self.zf.getinfo("bundle.json")
        except KeyError:
            raise BundleError(self.name, ["(zip): no bundle.json at the top level"]) from None
        if info.file_size > MAX_JSON_BYTES:
            raise BundleError(self.name, ["bundle.json: too large"])
        return _parse(self.name, self.zf.read(info))

    def read(self, rel: str) -> bytes:
        try:
            return self.zf.read(rel)
        except ZIP_READ_ERRORS as exc:
            # Zip's own size and CRC checks catch an entry that is not what its header says.
            raise BundleError(self.name, [f"(zip) {rel!r}: damaged or not what its header "
                                          f"declares ({exc})"]) from exc

    def close(self) -> None:
        self.zf.close()


class FolderSource:
    """A `.json` bundle whose files lie in folders beside it."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self.path = path
        self.root = path.parent.resolve()

    def document(self) -> Any:
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise BundleError(self.name, [f"(file): cannot be read ({exc.strerror})"]) from exc
        return _parse(self.name, data)

    def read(self, rel: str) -> bytes:
        target = self.root / rel
        if target.is_symlink() or not target.resolve().is_relative_to(self.root):
            raise FileNotFoundError(f"{rel}: links and paths outside the bundle are refused")
        return target.read_bytes()

    def close(self) -> None:
        pass


def _parse(name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BundleError(name, [f"bundle.json: not UTF-8 text (byte {exc.start})"]) from exc
    except json.JSONDecodeError as exc:
        raise BundleError(name, [f"bundle.json line {exc.lineno} column {exc.colno}: {exc.msg}"]
                          ) from exc


def open_source(path: Path) -> BundleSource:
    """A reader for a `.zip` or `.json` bundle."""
    if not path.exists():
        raise BundleError(str(path), ["(file): no such file"])
    if zipfile.is_zipfile(path):
        return ZipSource(path)
    return FolderSource(path)
