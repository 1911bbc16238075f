"""What every `casefile` subcommand shares: opening a case (asking for its passphrase,
upgrading it), printing a result as text or JSON, sizes for people. Kept apart from
`casefile.cli` so its subcommand modules (`casefile.cli_safety`) can use them without
importing the parser that imports them back."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from casefile.case import CaseFile
from casefile.errors import CaseFileError, PassphraseRequiredError


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print a result: `data` as JSON under --json (for scripts), else `text` (for people)."""
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def human_size(n: int) -> str:
    """A byte count as people read it (1.5 MB)."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


PASSPHRASE_ENV = "CASEFILE_PASSPHRASE"


def ask_passphrase(path: Path, *, new: bool = False) -> str:
    """The passphrase: from $CASEFILE_PASSPHRASE (for scripts), or asked at the terminal —
    never a command-line argument, which other users could read in the process list."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise CaseFileError(f"{path}: a passphrase is needed: set {PASSPHRASE_ENV} or run "
                            "this in a terminal to be asked for it")
    if not new:
        return getpass.getpass(f"Passphrase for {path.name}: ")
    first = getpass.getpass(f"New passphrase for {path.name}: ")
    if getpass.getpass("The same again: ") != first:
        raise CaseFileError("the two passphrases differ; nothing was changed")
    return first


def open_case(path: Path) -> CaseFile:
    """Open a case file, asking for its passphrase if it is encrypted (and warning when it
    lives on a network file system or in a synced folder)."""
    from casefile.location import location_warning

    warning = location_warning(path)
    if warning:
        print(f"casefile: warning: {warning}", file=sys.stderr)
    try:
        return open_upgrading(path, None)
    except PassphraseRequiredError:
        return open_upgrading(path, ask_passphrase(path))


def open_upgrading(path: Path, passphrase: str | None) -> CaseFile:
    """`CaseFile.open`, printing each step of an upgrade from an older format to stderr
    (Ctrl+C stops it and leaves the file as it was)."""
    from casefile.case import upgrade_steps

    steps = upgrade_steps(path, passphrase=passphrase)
    while True:
        try:
            step, done, total = next(steps)
        except StopIteration as opened:
            case: CaseFile = opened.value
            return case
        print(f"casefile: upgrading {path.name} to the current format: {step} "
              f"({done + 1} of {total})", file=sys.stderr, flush=True)
