"""The command line's field copies: `copy`, `merge`, `conflicts` and `resolve` (docs/merge.md).

A lead hands a contributor a copy of the case, merges it back as often as they like, and
settles what both sides changed differently, one conflict at a time — all without a window.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import uuid
from collections.abc import Callable, Generator, Sequence
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from casefile.cli_common import emit, open_case
from casefile.errors import CaseFileError
from casefile.outputs import guard_output

if TYPE_CHECKING:
    from casefile.case import CaseFile
    from casefile.read_models.records import TeamMemberData
    from casefile.sync import ConflictData

Add = Callable[..., argparse.ArgumentParser]
T = TypeVar("T")

CLIP = 300  # characters of a value shown per conflict in text (--json gives them whole)
PAGE = 100  # conflicts read at a time


def run_steps(steps: Generator[tuple[str, int, int], None, T], verb: str) -> T:
    """Drive a core generator to its end, saying on stderr what it does: each new step, and
    every tenth of a long one (a line per record would drown the terminal). Python's full
    garbage collections wait meanwhile: a merge holds a row for each of both files' records
    (300,000 on a large case), and each full pass walks them all — a quarter of a merge's
    time on the large case; the younger generations still run."""
    saved = gc.get_threshold()
    gc.set_threshold(saved[0], saved[1], 1 << 30)
    try:
        return _run(steps, verb)
    finally:
        gc.set_threshold(*saved)


def _run(steps: Generator[tuple[str, int, int], None, T], verb: str) -> T:
    shown: tuple[str, int] | None = None
    while True:
        try:
            step, done, total = next(steps)
        except StopIteration as finished:
            result: T = finished.value
            return result
        tenth = done * 10 // total if total else 0
        if (step, tenth) != shown:
            shown = (step, tenth)
            print(f"casefile: {verb}: {step} ({done * 100 // max(total, 1)}%)",
                  file=sys.stderr, flush=True)


def _uuid(text: str, what: str, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise CaseFileError(f"{text!r} is not {what} (a UUID, as {where} prints)") from None


def _member(case: CaseFile, given: str) -> TeamMemberData:
    """A team member by UUID or by name (whole, any case); several of the same name refuse."""
    people: list[TeamMemberData] = []
    while batch := case.team.page(offset=len(people), limit=PAGE):
        people += batch
    try:
        wanted = uuid.UUID(given)
        found = [m for m in people if m.uuid == wanted]
    except ValueError:
        found = [m for m in people if m.name.casefold() == given.strip().casefold()]
    if len(found) == 1:
        return found[0]
    if found:
        raise CaseFileError(f"{len(found)} team members are called {given!r}: give one's "
                            "UUID instead:\n" + "\n".join(f"  {m.uuid}  {m.name} ({m.role})"
                                                           for m in found))
    names = ", ".join(m.name for m in people) or "the case has no team members yet"
    raise CaseFileError(f"no team member {given!r} in the case (team: {names})")


def _readable(path: Path, what: str) -> None:
    """An input must be a readable regular file (a named pipe would wait for a writer)."""
    if not path.is_file():
        raise CaseFileError(f"{path}: " + ("is a folder" if path.is_dir() else "no such file"
                            if not path.exists() else "is not a regular file")
                            + f"; give {what}")
    if not os.access(path, os.R_OK):
        raise CaseFileError(f"{path}: cannot be read (permission denied)")


def _new_copy(out: Path, case_path: Path) -> Path:
    """A field copy is always a new file: refuse an existing one, whatever it is."""
    out = guard_output(out, [case_path], instead="another --out")
    if not out.parent.is_dir():
        raise CaseFileError(f"{out.parent}: no such folder (for --out)")
    if os.path.lexists(out):
        raise CaseFileError(f"{out}: exists; a field copy is always a new file: choose "
                            "another --out")
    return out


def _cmd_copy(args: argparse.Namespace) -> int:
    from casefile.redaction import PhotoGps, RedactionPolicy
    from casefile.sync import copy_steps

    alone = [name for name, given in (("--gps", args.gps is not None),
                                      ("--keep-photo-metadata", args.keep_photo_metadata),
                                      ("--include-protected-transcripts",
                                       args.include_protected_transcripts)) if given]
    if alone and not args.share:  # dropped silently, they would leave a complete copy
        print(f"casefile copy: error: {' and '.join(alone)} only go with --share (without "
              "it the copy is complete, real names and all)", file=sys.stderr)
        return 2
    out = _new_copy(args.out, args.file)
    policy = RedactionPolicy(
        photo_gps=PhotoGps(args.gps or "all"), keep_photo_metadata=args.keep_photo_metadata,
        include_protected_transcripts=args.include_protected_transcripts) if args.share else None
    with open_case(args.file) as case:
        member = _member(case, args.member) if args.member else None
        interviews = [case.interviews.get(_uuid(u, "an interview id", "`casefile search`")).uuid
                      for u in args.interview] if args.interview else None
        claims = [case.claims.get(_uuid(u, "a claim id", "`casefile claims --json`")).uuid
                  for u in args.claim] if args.claim else None
        result = run_steps(copy_steps(
            case, out, member=member.uuid if member else None, policy=policy,
            interviews=interviews, claims=claims, label=args.label or ""), "copying")
    what = ("shared like a bundle: protected identities withheld" if args.share
            else "a complete copy")
    only = [f"{len(v)} {k}{'s' * (len(v) != 1)}" for k, v in
            (("interview", interviews or []), ("claim", claims or [])) if v]
    lines = [f"wrote {result.path}: a field copy"
             + (f" for {member.name}" if member else "")
             + f", {what}" + (f", only {' and '.join(only)}" if only else "")
             + f" ({result.records:,} records)"]
    if result.withheld:
        lines.append(f"withheld ({len(result.withheld)}):")
        lines += [f"  {w}" for w in result.withheld]
    lines.append(f"To bring its work back: casefile merge {args.file} {result.path}")
    emit(args, {"path": str(result.path), "peer": str(result.peer), "records": result.records,
                "share": bool(args.share), "member": str(member.uuid) if member else None,
                "withheld": list(result.withheld)}, "\n".join(lines))
    return 0


def _review_hint(case_path: Path, open_now: int) -> str:
    if not open_now:
        return "no conflicts are open"
    return (f"{open_now} conflict{'s are' if open_now != 1 else ' is'} open: review "
            f"{'them' if open_now != 1 else 'it'} with `casefile conflicts {case_path}`, "
            f"settle each with `casefile resolve {case_path} CONFLICT "
            "--mine|--theirs|--value TEXT`")


def _cmd_merge(args: argparse.Namespace) -> int:
    from casefile.sync import merge_steps

    _readable(args.copy, "a case file to merge")
    with open_case(args.file) as case, open_case(args.copy) as other:
        report = run_steps(merge_steps(case, other), "merging")
        open_now = case.merges.open_count()
    data = dict(report.to_json())
    data["open_conflicts"] = open_now
    emit(args, data, "\n".join([*report.lines(), _review_hint(args.file, open_now)]))
    return 0


def _plain(value: Any) -> Any:
    """A value for JSON: UUIDs as text, times in ISO 8601."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def conflict_json(c: ConflictData) -> dict[str, Any]:
    """Every field of a conflict, as a script reads it."""
    return {f.name: _plain(getattr(c, f.name)) for f in fields(c)}


def _clip(text: str, start: int) -> str:
    """`text` on one line, from a little before `start` (where the three values part) and
    at most CLIP characters of it, saying how long it is when cut."""
    begin = max(0, start - CLIP // 5)
    piece = text[begin:begin + CLIP]
    one = ("…" if begin else "") + _one_line(piece)
    cut = begin > 0 or begin + CLIP < len(text)
    return f"{one}{'…' if begin + CLIP < len(text) else ''}" + (
        f" ({len(text):,} characters in all)" if cut else "")


def _one_line(text: str) -> str:
    """A value on one terminal line: each line break (LF, CRLF or CR) as ⏎, any other
    control character as its caret form (^A), so none moves the cursor or rings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("⏎ " if ch == "\n" else
                   f"^{chr(ord(ch) + 64)}" if ord(ch) < 32 and ch != "\t" else
                   "^?" if ch == "\x7f" else ch for ch in text)


def _parting(texts: Sequence[str]) -> int:
    """Where the texts first differ (their common prefix), so a long transcript is shown
    where the edits are, not from its first line."""
    first = os.path.commonprefix(list(texts))
    return len(first)


def conflict_text(c: ConflictData) -> str:
    """A conflict as a person reads it: what, why, and the three values."""
    there = ", ".join(x for x in (c.their_author,
                                  f"{c.their_changed_at.astimezone():%Y-%m-%d %H:%M}"
                                  if c.their_changed_at else "") if x)
    head = f"{c.uuid}  {c.status:<6} {c.record_label} — {c.field_label}: {c.reason}"
    if c.peer_label:
        head += f" [{c.peer_label}]"
    at = _parting([c.base_text, c.mine_text, c.theirs_text])
    lines = [head, f"    base:   {_clip(c.base_text, at)}",
             f"    here:   {_clip(c.mine_text, at)}",
             f"    there:  {_clip(c.theirs_text, at)}" + (f"  ({there})" if there else "")]
    if c.status != "open":
        when = f" {c.resolved_at.astimezone():%Y-%m-%d %H:%M}" if c.resolved_at else ""
        lines.append(f"    settled: {SETTLED.get(c.status, c.status)}"
                     + (f" by {c.resolved_by}" if c.resolved_by else "") + when)
    return "\n".join(lines)


SETTLED = {"kept": "kept the case's value", "taken": "took the copy's value",
           "edited": "set to edited text"}


def _every_conflict(case: CaseFile, open_only: bool) -> list[ConflictData]:
    found: list[ConflictData] = []
    while batch := case.merges.conflicts(open_only=open_only, offset=len(found), limit=PAGE):
        found += batch
        if len(batch) < PAGE:
            break
    return found


def _cmd_conflicts(args: argparse.Namespace) -> int:
    with open_case(args.file) as case:
        found = _every_conflict(case, open_only=not args.all)
        open_now = case.merges.open_count()
    if not found:
        text = "no merge conflicts" if args.all else "no open conflicts"
    else:
        head = (f"{len(found)} conflict{'s' * (len(found) != 1)}, {open_now} open"
                if args.all else f"{open_now} open conflict{'s' * (open_now != 1)}")
        text = "\n".join([head, *map(conflict_text, found),
                          f"Settle one: casefile resolve {args.file} CONFLICT "
                          "--mine|--theirs|--value TEXT (long values whole: --json)"])
    emit(args, {"open": open_now, "conflicts": [conflict_json(c) for c in found]}, text)
    return 0


def _cmd_resolve(args: argparse.Namespace) -> int:
    which = _uuid(args.conflict, "a conflict id", "`casefile conflicts`")
    value: str | None = args.value
    if args.value_file is not None:
        _readable(args.value_file, "a text file with the value")
        try:
            value = args.value_file.read_bytes().decode("utf-8")  # exactly: CRLF kept
        except UnicodeDecodeError:
            raise CaseFileError(f"{args.value_file}: is not UTF-8 text") from None
    with open_case(args.file) as case:
        if args.reopen:
            if case.merges.get(which).status == "open":
                raise CaseFileError(f"{which}: that conflict is open: nothing to reopen")
            done = case.merges.reopen(which)
        else:
            choice = "mine" if args.mine else "theirs" if args.theirs else "edit"
            done = case.merges.resolve(which, choice, value)
        open_now = case.merges.open_count()
    outcome = ("open again: the value before it was settled is back" if args.reopen
               else SETTLED.get(done.status, done.status))
    emit(args, {**conflict_json(done), "open": open_now},
         f"{done.record_label} — {done.field_label}: {outcome}\n"
         f"{open_now} conflict{'s' * (open_now != 1)} still open")
    return 0


def register(add: Add) -> None:
    """Add the four field-copy commands to the parser."""
    p = add("copy", _cmd_copy,
            "make a field copy of a case for a contributor, to be merged back later")
    p.add_argument("file", type=Path)
    p.add_argument("--out", type=Path, required=True, help="the new case file to write")
    p.add_argument("--for", dest="member", metavar="MEMBER",
                   help="the team member it is for (name or UUID): the copy is named "
                        "after them in merge reports")
    p.add_argument("--label", help="what to call the copy in merge reports (default: "
                                   "\"Field copy for MEMBER\", or the file's name)")
    p.add_argument("--share", action="store_true",
                   help="withhold as a shared bundle does: protected sources as their "
                        "pseudonyms, no contact details, notes or deleted records, photos "
                        "without metadata")
    p.add_argument("--gps", choices=["all", "near_protected", "keep"], default=None,
                   help="with --share: remove GPS from all photos (default), only from those "
                        "that could place a protected source, or none")
    p.add_argument("--keep-photo-metadata", action="store_true",
                   help="with --share: keep the photos' original files (EXIF and all)")
    p.add_argument("--include-protected-transcripts", action="store_true",
                   help="with --share: include the transcripts of interviews with a "
                        "protected source (redacted)")
    p.add_argument("--interview", action="append", metavar="UUID",
                   help="only this interview (repeatable; default: all)")
    p.add_argument("--claim", action="append", metavar="UUID",
                   help="only this claim (repeatable; default: all)")
    p = add("merge", _cmd_merge,
            "merge a field copy into a case (or the case into its copy): everything "
            "clean is applied, each disagreement kept as a conflict to review (exit 0)")
    p.add_argument("file", type=Path, help="the case file that takes the changes")
    p.add_argument("copy", type=Path, help="the case file they come from")
    p = add("conflicts", _cmd_conflicts,
            "list a case's merge conflicts: base, this case's and the copy's value")
    p.add_argument("file", type=Path)
    p.add_argument("--all", action="store_true", help="settled ones too")
    p = add("resolve", _cmd_resolve, "settle one merge conflict (or open it again)")
    p.add_argument("file", type=Path)
    p.add_argument("conflict", help="the conflict's id, from `casefile conflicts`")
    how = p.add_mutually_exclusive_group(required=True)
    how.add_argument("--mine", action="store_true", help="keep this case's value")
    how.add_argument("--theirs", action="store_true", help="take the copy's value")
    how.add_argument("--value", metavar="TEXT", help="use this text instead (text fields)")
    how.add_argument("--value-file", type=Path, metavar="FILE",
                     help="use this UTF-8 file's text (a long transcript)")
    how.add_argument("--reopen", action="store_true",
                     help="undo a settlement: the value before it is back, the conflict open")
