"""Reading a bundle's JSON and files from a `.zip` or a folder, refusing paths that escape it."""

from __future__ import annotations

import hashlib
import stat
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol

from casefile.bounded_json import INT64 as INT64  # re-exported: bundle code reads them here
from casefile.bounded_json import JsonRefusedError, load_bounded_json_from
from casefile.bounded_json import bounded_problems as bounded_problems
from casefile.errors import ZIP_READ_ERRORS, BundleError
from casefile.zip_limits import check_zip

MAX_JSON_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 1024 * 1024 * 1024  # the largest file a case stores
MAX_TOTAL_BYTES = 32 * 1024 * 1024 * 1024
MAX_RATIO = 200  # real photos, PDFs and JSON compress far less; bombs compress far more
RATIO_FROM = 1024 * 1024  # entries (and archives) this large must not expand more than that
MAX_ENTRIES: int | None = None  # a bundle holds one entry per stored file: a big case has many
# The JSON's own bounds (depth, 64-bit integers, finite numbers): casefile/bounded_json.py.
CHUNK = 1024 * 1024


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
    def open(self, rel: str) -> IO[bytes]: ...
    def close(self) -> None: ...


def stream_digest(source: BundleSource, rel: str) -> tuple[str, int]:
    """(SHA-256, size) of a bundle file, read in chunks: checking a file never holds it."""
    h = hashlib.sha256()
    size = 0
    with source.open(rel) as fh:
        for block in _chunks(source, rel, fh):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def _chunks(source: BundleSource, rel: str, fh: IO[bytes]) -> Iterator[bytes]:
    while True:
        try:
            block = fh.read(CHUNK)
        except ZIP_READ_ERRORS as exc:
            if not isinstance(source, ZipSource):
                raise BundleError(source.name, [f"{rel!r}: cannot be read ({exc})"]) from exc
            raise BundleError(source.name, [f"(zip) {rel!r}: damaged or not what its header "
                                            f"declares ({exc})"]) from exc
        if not block:
            return
        yield block


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
        infos = self.zf.infolist()
        for info in infos:
            reason = unsafe_reason(info.filename)
            mode = info.external_attr >> 16
            if reason is None and stat.S_ISLNK(mode):
                reason = "symbolic links are not allowed"
            elif reason is None and info.filename in seen:
                reason = "the name occurs twice in the archive"
            elif reason is None and info.file_size > MAX_ENTRY_BYTES:
                reason = f"declares {info.file_size:,} bytes, more than a case stores in a file"
            seen.add(info.filename)
            if reason:
                problems.append(f"(zip) {info.filename!r}: {reason}")
        for p in check_zip(infos, max_entries=MAX_ENTRIES, max_total=MAX_TOTAL_BYTES,
                           max_ratio=MAX_RATIO, ratio_from=RATIO_FROM):
            problems.append(f"(zip) {p}" if p.member is not None else f"(zip): {p}")
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
        return _parse(self.name, lambda: self.read("bundle.json"))

    def read(self, rel: str) -> bytes:
        try:
            return self.zf.read(rel)
        except ZIP_READ_ERRORS as exc:
            # Zip's own size and CRC checks catch an entry that is not what its header says.
            raise BundleError(self.name, [f"(zip) {rel!r}: damaged or not what its header "
                                          f"declares ({exc})"]) from exc

    def open(self, rel: str) -> IO[bytes]:
        """A member, to read in chunks (its CRC is checked when the last chunk is read)."""
        try:
            return self.zf.open(rel)
        except ZIP_READ_ERRORS as exc:
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
            size = self.path.stat().st_size
            if size > MAX_JSON_BYTES:
                raise BundleError(self.name, [f"(file): {size:,} bytes of JSON, more than a "
                                              f"bundle may hold ({MAX_JSON_BYTES:,})"])
        except OSError as exc:
            raise BundleError(self.name, [f"(file): cannot be read ({exc.strerror})"]) from exc
        return _parse(self.name, self._read_json)

    def _read_json(self) -> bytes:
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise BundleError(self.name, [f"(file): cannot be read ({exc.strerror})"]) from exc

    def _target(self, rel: str) -> Path:
        target = self.root / rel
        if target.is_symlink() or not target.resolve().is_relative_to(self.root):
            raise FileNotFoundError(f"{rel}: links and paths outside the bundle are refused")
        return target

    def read(self, rel: str) -> bytes:
        return self._target(rel).read_bytes()

    def open(self, rel: str) -> IO[bytes]:
        """A file beside the bundle, to read in chunks."""
        return self._target(rel).open("rb")

    def close(self) -> None:
        pass


def _parse(name: str, read: Callable[[], bytes]) -> Any:
    """The bundle's JSON, refused whole (with where) if it is not plain, bounded JSON; its
    bytes are let go once decoded."""
    try:
        return load_bounded_json_from(read, "bundle.json", max_bytes=MAX_JSON_BYTES)
    except JsonRefusedError as exc:
        raise BundleError(name, exc.problems) from None


def open_source(path: Path) -> BundleSource:
    """A reader for a `.zip` or `.json` bundle."""
    if not path.exists():
        raise BundleError(str(path), ["(file): no such file"])
    if zipfile.is_zipfile(path):
        return ZipSource(path)
    return FolderSource(path)
