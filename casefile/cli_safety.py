"""The command line's safety net: automatic backups (list, take, restore) and `recover`."""

from __future__ import annotations

import argparse
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from casefile.backups import BackupEntry, BackupShelf
from casefile.cli_common import ask_passphrase, emit, human_size, open_case
from casefile.copies import is_plain
from casefile.errors import CaseFileError, PassphraseRequiredError
from casefile.outputs import guard_output
from casefile.private_files import shred

Add = Callable[..., argparse.ArgumentParser]


def _pick(entries: list[BackupEntry], which: str) -> BackupEntry:
    """A backup by its number in the list (1 = newest) or the start of its time stamp."""
    if which.isdigit() and 1 <= int(which) <= len(entries):
        return entries[int(which) - 1]
    matches = [e for e in entries if e.path.name.startswith(which)]
    if len(matches) != 1:
        raise CaseFileError(f"no single backup matches {which!r}: give its number from "
                            "`casefile backups FILE` (1 is the newest)")
    return matches[0]


def _cmd_backups(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        shelf = BackupShelf.for_case(case)
        if args.take:
            shelf.take(case)
        entries = shelf.entries()
    if args.restore:
        if args.out is None:
            raise CaseFileError("--restore needs --out NEW.casefile (a backup is restored as a "
                                "copy, never over the case file)")
        entry = _pick(entries, args.restore)
        # --out was checked before the case was opened (casefile.cli._check_outputs): with
        # --force an existing ordinary file may go, never a case file or a file in use.
        shelf.restore(entry, args.out, replace=args.force)
        emit(args, {"restored": str(entry.path), "out": str(args.out)},
             f"restored the backup of {entry.taken_at.astimezone():%Y-%m-%d %H:%M} to "
             f"{args.out}")
        return 0
    plain = {e.path: is_plain(e.path) for e in entries}
    data = [{"number": i, "taken_at": e.taken_at.isoformat(), "size": e.size,
             "encrypted": not plain[e.path], "path": str(e.path)}
            for i, e in enumerate(entries, 1)]
    lines = [f"{len(entries)} backups in {shelf.folder}"] + [
        f"  {i:>3}  {e.taken_at.astimezone():%Y-%m-%d %H:%M:%S}  {human_size(e.size):>9}  "
        f"{'plain' if plain[e.path] else 'encrypted'}"
        for i, e in enumerate(entries, 1)]
    emit(args, data, "\n".join(lines))
    return 0


def _cmd_recover(args: argparse.Namespace) -> int:
    from casefile.recovery import recover

    # `recover` only writes a new name; with --force over an existing ordinary file (checked
    # in casefile.cli._check_outputs) it writes beside it, then the result is renamed over.
    target: Path = args.out
    out = target if not (args.force and target.exists()) else target.with_name(
        f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.recovering")
    try:
        try:
            report = recover(args.file, out)
        except PassphraseRequiredError:
            report = recover(args.file, out, ask_passphrase(args.file))
        if out != target:
            guard_output(target, [args.file])
            os.replace(out, target)
            report.out = target
    finally:
        if out != target:  # what a failed recovery wrote, and its -wal/-journal
            shred(out)
    data = {"out": str(report.out), "complete": report.complete,
            "recovered": report.recovered,
            "unreadable": {t: [list(r) for r in rs] for t, rs in report.unreadable.items()},
            "problems": report.problems, "header_repaired": report.header_repaired}
    emit(args, data, report.text())
    return 0 if report.complete else 1


def register(add: Add) -> None:
    """Add the `backups` and `recover` commands to the parser."""
    p = add("backups", _cmd_backups,
            "list the automatic backups of a case file; take one now; restore one as a copy")
    p.add_argument("file", type=Path)
    p.add_argument("--take", action="store_true", help="take a backup now (checked, then "
                                                        "older ones pruned)")
    p.add_argument("--restore", metavar="WHICH",
                   help="the backup to restore: its number in the list (1 = newest)")
    p.add_argument("--out", type=Path, help="with --restore: the new case file to write")
    p = add("recover", _cmd_recover,
            "salvage every readable record of a damaged case file into a new one, with a "
            "report of what could not be read (exit 1 if anything was lost)")
    p.add_argument("file", type=Path)
    p.add_argument("--out", type=Path, required=True, help="the new case file to write")


