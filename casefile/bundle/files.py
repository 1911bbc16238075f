"""Reading a bundle's JSON and files from a `.zip` or a folder, refusing paths that escape it."""

from __future__ import annotations

import hashlib
import json
import math
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol

from casefile.errors import ZIP_READ_ERRORS, BundleError

MAX_JSON_BYTES = 512 * 1024 * 1024
MAX_ENTRY_BYTES = 1024 * 1024 * 1024  # the largest file a case stores
MAX_TOTAL_BYTES = 32 * 1024 * 1024 * 1024
MAX_RATIO = 200  # real photos, PDFs and JSON compress far less; bombs compress far more
RATIO_FROM = 1024 * 1024  # entries (and archives) this large must not expand more than that
# The JSON is parsed whole: its shape is bounded first, so no input can make the parse (or
# the recursive checks after it) take more memory or stack than its size suggests.
MAX_DEPTH = 64  # the bundle itself nests ~8 deep; free-form objects (EXIF, styles) a few more
MAX_CONTAINERS = 4_000_000  # `[` and `{` in the text: ~8 per record
INT64 = (-(2**63), 2**63 - 1)  # what SQLite stores as an integer
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
        total = packed = 0
        for info in self.zf.infolist():
            reason = unsafe_reason(info.filename)
            mode = info.external_attr >> 16
            total += info.file_size
            packed += info.compress_size
            if reason is None and stat.S_ISLNK(mode):
                reason = "symbolic links are not allowed"
            elif reason is None and info.filename in seen:
                reason = "the name occurs twice in the archive"
            elif reason is None and info.file_size > MAX_ENTRY_BYTES:
                reason = f"declares {info.file_size:,} bytes, more than a case stores in a file"
            elif reason is None and info.file_size > RATIO_FROM and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                reason = (f"expands {info.file_size // max(info.compress_size, 1):,} times "
                          "(a zip bomb?)")
            seen.add(info.filename)
            if reason:
                problems.append(f"(zip) {info.filename!r}: {reason}")
        if total > MAX_TOTAL_BYTES:
            problems.append(f"(zip): declares {total:,} bytes in all, more than is plausible")
        elif total > RATIO_FROM and total > MAX_RATIO * max(packed, 1):
            # Many entries each just under the limit: the archive as a whole is the bomb.
            problems.append(f"(zip): its entries expand {total // max(packed, 1):,} times in "
                            f"all, to {total:,} bytes (a zip bomb?)")
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
        return _parse(self.name, self.read("bundle.json"))

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
            data = self.path.read_bytes()
        except OSError as exc:
            raise BundleError(self.name, [f"(file): cannot be read ({exc.strerror})"]) from exc
        return _parse(self.name, data)

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


class _NotJsonError(ValueError):
    """NaN or Infinity: JavaScript, not JSON."""


def _refuse_constant(name: str) -> Any:
    raise _NotJsonError(name)


def _parse(name: str, data: bytes) -> Any:
    """The bundle's JSON, refused whole (with where) if it is not plain, bounded JSON."""
    if len(data) > MAX_JSON_BYTES:
        raise BundleError(name, [f"bundle.json: {len(data):,} bytes, more than a bundle may "
                                 f"hold ({MAX_JSON_BYTES:,})"])
    containers = data.count(b"[") + data.count(b"{")
    if containers > MAX_CONTAINERS:
        raise BundleError(name, [f"bundle.json: {containers:,} arrays and objects, more than a "
                                 f"bundle may hold ({MAX_CONTAINERS:,})"])
    try:
        doc = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        raise BundleError(name, [f"bundle.json: not UTF-8 text (byte {exc.start})"]) from exc
    except json.JSONDecodeError as exc:
        raise BundleError(name, [f"bundle.json line {exc.lineno} column {exc.colno}: {exc.msg}"]
                          ) from exc
    except _NotJsonError as exc:
        raise BundleError(name, [f"bundle.json: {exc} is not a JSON value (numbers must be "
                                 "finite)"]) from None
    except RecursionError:
        raise BundleError(name, [f"bundle.json: nested more than {MAX_DEPTH} levels deep"]
                          ) from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise BundleError(name, ["bundle.json: holds a number too long to read"]) from None
    problems = bounded_problems(doc)
    if problems:
        raise BundleError(name, problems)
    return doc


def bounded_problems(doc: Any) -> list[str]:
    """Values no case file can hold, each with its JSON path: nesting deeper than MAX_DEPTH,
    integers outside SQLite's 64 bits, numbers too large to be finite. Iterative, so a deep
    document cannot exhaust the stack."""
    problems: list[str] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack and len(problems) < 100:
        node, where = stack.pop()
        if isinstance(node, dict):
            items: Any = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            if isinstance(node, bool) or node is None or isinstance(node, str):
                continue
            if isinstance(node, int) and not INT64[0] <= node <= INT64[1]:
                problems.append(f"{_path(where)}: the integer {_short(node)} is out of range "
                                "(a case file holds 64-bit integers)")
            elif isinstance(node, float) and not math.isfinite(node):
                problems.append(f"{_path(where)}: a number too large to store")
            continue
        if len(where) >= MAX_DEPTH:
            problems.append(f"{_path(where[:8])}…: nested more than {MAX_DEPTH} levels deep")
            continue
        for key, value in items:
            stack.append((value, (*where, key)))
    return sorted(problems)


def _short(n: int) -> str:
    text = str(n)
    return text if len(text) <= 30 else f"{text[:12]}…({len(text)} digits)"


def _path(parts: tuple[Any, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"


def open_source(path: Path) -> BundleSource:
    """A reader for a `.zip` or `.json` bundle."""
    if not path.exists():
        raise BundleError(str(path), ["(file): no such file"])
    if zipfile.is_zipfile(path):
        return ZipSource(path)
    return FolderSource(path)
