"""Reading a file's SQLite header before SQLite touches it, so a bad file is never modified."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from casefile.db.driver import is_encrypted_file
from casefile.errors import DamagedCaseFileError, NotACaseFileError

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id of every case file: "CsF1" in ASCII.
APPLICATION_ID = 0x43734631


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of a SQLite file say about it."""

    page_size: int
    page_count: int | None  # None when the header's count is not valid
    user_version: int
    application_id: int
    # An encrypted file shows nothing before it is keyed: the checks above run after opening.
    encrypted: bool = False


def plain_sqlite(head: bytes) -> bool:
    """Whether the first bytes of a file are a plain (unencrypted) SQLite header, even with
    its magic overwritten: bytes 21–23 of every plain header are 64, 32, 32 (in an encrypted
    file they are ciphertext)."""
    return head.startswith(SQLITE_MAGIC) or head[21:24] == b"\x40\x20\x20"


def read_header(path: Path) -> Header:
    """Check that `path` looks like an intact case file; raise NotACaseFileError if not.
    An encrypted file (or junk that looks like one) comes back with `encrypted=True`."""
    if not path.exists():
        raise NotACaseFileError(path, "no such file")
    if not path.is_file():
        raise NotACaseFileError(path, "it is a folder or a device, not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise NotACaseFileError(path, f"it cannot be read ({exc.strerror})") from exc
    if size == 0:
        raise NotACaseFileError(path, "the file is empty")
    if not head.startswith(SQLITE_MAGIC):
        if len(head) < len(SQLITE_MAGIC) and SQLITE_MAGIC.startswith(head):
            raise NotACaseFileError(path, f"the file is truncated ({size} bytes)")
        if plain_sqlite(head):  # the rest of a plain SQLite header
            raise DamagedCaseFileError(path, "its header is overwritten")
        if is_encrypted_file(path):
            return Header(0, None, 0, 0, encrypted=True)
        raise NotACaseFileError(path, "it is not a database file")
    if len(head) < 100:
        raise DamagedCaseFileError(path, f"the file is truncated ({size} bytes)")
    (raw_page_size,) = struct.unpack(">H", head[16:18])
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedCaseFileError(path, "its header is damaged (bad page size)")
    change_counter, header_pages = struct.unpack(">II", head[24:32])
    (valid_for,) = struct.unpack(">I", head[92:96])
    page_count = header_pages if header_pages and change_counter == valid_for else None
    (user_version,) = struct.unpack(">i", head[60:64])
    (application_id,) = struct.unpack(">i", head[68:72])
    application_id &= 0xFFFFFFFF

    # After a crash the write-ahead log may still hold pages; SQLite recovers those itself.
    has_wal = path.with_name(path.name + "-wal").exists()
    if not has_wal and (size % page_size or (page_count and size < page_count * page_size)):
        expected = (page_count or 0) * page_size
        raise DamagedCaseFileError(
            path, f"the file is truncated ({size} bytes, expected {expected})")
    if application_id != APPLICATION_ID:
        raise NotACaseFileError(path, "it is a SQLite database, but not one made by Casefile")
    if user_version <= 0:
        raise NotACaseFileError(path, "it has no schema version (damaged or unfinished file)")
    return Header(page_size, page_count, user_version, application_id)
