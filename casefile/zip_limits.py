"""One rule for every zip Casefile opens from outside (a bundle, a reviewed .docx, an Office
file in a shared bundle): judged from its directory alone, before anything is decompressed.

Each caller passes its own documented limits; the rules are the same everywhere:

- at most `max_entries` entries (None: no limit);
- at most `max_total` bytes declared in all, unpacked;
- no entry larger than `ratio_from` bytes, nor the archive as a whole once it declares more
  than `ratio_from`, may expand more than `max_ratio` times its compressed size (an entry
  that declares bytes but no compressed size at all counts as expanding without limit).
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ZipProblem:
    """Why an archive is refused: `member` is the entry's name, None for the whole archive.
    `reason` never repeats the name (a caller may not want to show it)."""

    member: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.member!r}: {self.reason}" if self.member is not None else self.reason


def _ratio(size: int, packed: int) -> int:
    return size // max(packed, 1)


def check_zip(infos: Sequence[zipfile.ZipInfo], *, max_entries: int | None, max_total: int,
              max_ratio: int, ratio_from: int) -> list[ZipProblem]:
    """What makes an archive with these entries too large to open (empty: nothing)."""
    problems: list[ZipProblem] = []
    if max_entries is not None and len(infos) > max_entries:
        problems.append(ZipProblem(None, f"has {len(infos):,} entries, more than is plausible "
                                         f"(the limit is {max_entries:,})"))
    total = packed = 0
    for info in infos:
        total += info.file_size
        packed += info.compress_size
        if info.file_size > ratio_from and info.file_size > max_ratio * max(info.compress_size,
                                                                             1):
            problems.append(ZipProblem(info.filename, f"expands "
                                       f"{_ratio(info.file_size, info.compress_size):,} times "
                                       "(a zip bomb?)"))
    if total > max_total:
        problems.append(ZipProblem(None, f"declares {total:,} bytes in all, more than is "
                                         f"plausible (the limit is {max_total:,})"))
    elif total > ratio_from and total > max_ratio * max(packed, 1):
        # Many entries each just under the limit: the archive as a whole is the bomb.
        problems.append(ZipProblem(None, f"its entries expand {_ratio(total, packed):,} times "
                                         f"in all, to {total:,} bytes (a zip bomb?)"))
    return problems
