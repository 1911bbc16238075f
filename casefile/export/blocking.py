"""Blocking findings block an export: the checker's findings that must be resolved before a
draft goes to the editor, the refusal that lists them, and the record of an override.

The reporter may export anyway (`--allow-blocking`, *Export anyway*); the overridden findings
and who overrode them are then kept on the draft version the export saves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from casefile.claims.checker import Finding
from casefile.errors import CaseFileError

LISTED = 10


def describe(findings: list[Finding], limit: int = LISTED) -> list[str]:
    """One line per finding (kind, message, the words it is about), at most `limit`, then
    "and N more"."""
    lines = [f"{f.kind.replace('_', ' ')}: {f.message}" + (f" — “{f.excerpt}”" if f.excerpt
                                                           else "")
             for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"and {len(findings) - limit} more")
    return lines


class BlockingFindingsError(CaseFileError):
    """The draft has blocking findings and no override was given; nothing was written."""

    def __init__(self, target: Path, findings: list[Finding]) -> None:
        self.target = target
        self.findings = findings
        n = len(findings)
        listed = "\n".join(f"  {line}" for line in describe(findings))
        super().__init__(
            f"{target}: not exported: the draft has {n} blocking finding{'s' * (n != 1)}. "
            "Resolve them, or export anyway (--allow-blocking on the command line, “Export "
            "anyway” in the app), which is recorded on the draft version:\n" + listed)


def blocking_only(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block an export, in reading order."""
    return [f for f in findings if f.blocking]


def overrides(allowed: bool | Collection[Finding], blocking: list[Finding]) -> bool:
    """Whether the reporter's override covers every blocking finding: True covers all; a
    collection covers the findings it holds (those shown in the app's confirmation, so one
    that appeared since is not waved through unseen)."""
    if isinstance(allowed, bool):
        return allowed
    seen = {(f.kind, f.message, f.excerpt) for f in allowed}
    return all((f.kind, f.message, f.excerpt) in seen for f in blocking)


def never_overridden(findings: Iterable[Finding]) -> list[Finding]:
    """Blocking findings no override lets through: a protected source named in the text
    refuses the export whatever the reporter answers (the scan of the file would)."""
    return [f for f in findings if f.kind == "protected_name"]


def override_record(findings: list[Finding], actor: str) -> dict[str, Any]:
    """What the draft version keeps about an export made despite blocking findings."""
    return {"blocking": [{"kind": f.kind, "message": f.message, "excerpt": f.excerpt}
                         for f in findings], "by": actor}
