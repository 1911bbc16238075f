"""Reference files a reporter gets from Zotero or a library catalogue — CSL-JSON, BibTeX or
RIS — read as CSL-JSON items, so one import pipeline (and one duplicate check) serves all three.

The format is told by the content, not the extension: Zotero users rename exports, and a
`.txt` RIS download from a publisher is common. An entry that cannot be converted does not
refuse the file: it comes back as an item carrying a `"_problem"` message (file, line, entry
key, what) for the importer to list as skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casefile.media.csl import CslError, load_csl, read_limited, refused_file
from casefile.media.reference_items import PROBLEM_KEY

if TYPE_CHECKING:
    from casefile.export.protect import Found
    from casefile.identity import IdentityMatcher

__all__ = ["FORMATS", "MAX_BYTES", "PROBLEM_KEY", "protected_in_export", "read_reference_file",
           "reference_text", "sniff_format"]

MAX_BYTES = 64 * 1024 * 1024  # the limit load_csl applies to CSL-JSON
FORMATS = ("csl-json", "bibtex", "ris")
_EXTENSIONS = {".json": "csl-json", ".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris"}
_RIS_TAG = re.compile(r"^\s*TY {1,2}-(?: |$)", re.MULTILINE)
_BIB_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.MULTILINE)


def _refused(path: Path, reason: str) -> CslError:
    return refused_file(path, reason)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing what load_csl refuses (folders, pipes, devices, > max_bytes)
    without ever blocking on a pipe."""
    return read_limited(path, max_bytes, "a reference file", "a CSL-JSON, BibTeX or RIS file")


def _decode(raw: bytes) -> str:
    """Text of a reference file: UTF-8 (with or without BOM, as Zotero and EndNote write it),
    else UTF-16 with a BOM (Windows tools), else Latin-1 (old BibTeX files)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def sniff_format(text: str, suffix: str = "") -> str | None:
    """"csl-json", "bibtex" or "ris" by what the text looks like; the extension only breaks
    a tie (or names the format of an empty file). None when it is none of them."""
    head = text.lstrip()
    if head.startswith(("[", "{")):
        return "csl-json"
    ris = _RIS_TAG.search(text)
    bib = _BIB_ENTRY.search(text)
    if ris and bib:  # e.g. a RIS abstract quoting "@article{": whichever comes first
        return "ris" if ris.start() < bib.start() else "bibtex"
    if ris:
        return "ris"
    if bib:
        return "bibtex"
    return _EXTENSIONS.get(suffix.lower()) if not head else None


def read_reference_file(path: Path, *, max_bytes: int = MAX_BYTES) -> tuple[str, list[Any]]:
    """(format, CSL-JSON items) from a CSL-JSON, BibTeX or RIS file.

    Whole-file refusals (not a regular file, too big, none of the three formats, CSL-JSON that
    load_csl refuses) raise CslError naming the file. An entry that cannot be converted is
    returned as an item with a `"_problem"` key ("file:line: entry 'key': what"); the caller
    must skip it and say so."""
    raw = _read_bytes(path, max_bytes)
    text = _decode(raw)
    fmt = sniff_format(text, path.suffix)
    if fmt == "csl-json":
        return fmt, load_csl(path, max_bytes=max_bytes)
    if fmt == "bibtex":
        from casefile.media.bibtex import bibtex_to_csl

        return fmt, bibtex_to_csl(text, str(path))
    if fmt == "ris":
        from casefile.media.ris import ris_to_csl

        return fmt, ris_to_csl(text, str(path))
    raise _refused(path, "not a reference file Casefile can import (CSL-JSON, BibTeX or RIS: "
                         "no '[', '@type{' entry or 'TY  - ' line found)")



# ---------------------------------------------------------------- export

# Fields that carry an item's key: what LaTeX prints in drafts and logs (`\\cite{…}`).
_KEY_FIELDS = frozenset({"id", "citation-key"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-\d+)?")


def reference_text(items: Sequence[dict[str, Any]], fmt: str) -> str:
    """The file text of export_csl's items in one of FORMATS."""
    if fmt == "csl-json":
        import json

        return json.dumps(list(items), ensure_ascii=False, indent=2) + "\n"
    if fmt == "bibtex":
        from casefile.media.bibtex import csl_to_bibtex

        return csl_to_bibtex(items)
    if fmt == "ris":
        from casefile.media.ris import csl_to_ris

        return csl_to_ris(items)
    raise ValueError(f"not a reference format: {fmt!r} (one of {', '.join(FORMATS)})")


def _strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    """(where, text) for every string of a JSON-like item, mapping keys too."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, path)
    elif isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str):
                yield f"{path} (a field's name)", k
            yield from _strings(v, f"{path}, {k}" if path else str(k))


def _glued(key: str, matcher: IdentityMatcher) -> bool:
    """Whether a protected name part hides inside a citation key ("ABelov20",
    "belovArtyom2020"), where a word match does not see it. A Casefile UUID is not read:
    its hex letters spell short words by chance."""
    if _UUID.fullmatch(key):
        return False
    from casefile.identity_text import key as folded
    from casefile.identity_text import words

    glued = folded(key)
    return any(len(w) >= 3 and w in glued
               for ident in matcher.identities if ident.part in ("name", "name part")
               for w in words(ident.text))


def protected_in_export(text: str, fmt: str, matcher: IdentityMatcher) -> list[Found]:
    """Every protected identity a reader of this export would see: the file read back as the
    reference manager reads it (LaTeX decoded, CSL rich text without its tags, character
    references decoded), each field's visible text searched, and the written text itself.
    Keys are searched with their words told apart ("BelovTalk2020") and for names glued in."""
    from casefile.export.protect import found_in
    from casefile.media.csl import rich_visible

    if not matcher:
        return []
    found: list[Found] = found_in(matcher.find(text), "the written file", text)
    if fmt == "csl-json":
        import json

        back: Any = json.loads(text)
    elif fmt == "bibtex":
        from casefile.media.bibtex import bibtex_to_csl

        back = bibtex_to_csl(text, "export")
    else:
        from casefile.media.ris import ris_to_csl

        back = ris_to_csl(text, "export")
    for n, item in enumerate(back if isinstance(back, list) else [back], 1):
        for where, value in _strings(item, ""):
            seen = rich_visible(value)
            label = f"item {n}: {where or 'a value'}"
            hits = matcher.find(seen)
            if where in _KEY_FIELDS:
                hits += matcher.matches_file_name(seen)
                if not hits and _glued(seen, matcher):
                    found.append(_glued_found(seen, label))
            found += found_in(hits, label, seen)
    seen_keys: set[tuple[str, str]] = set()
    unique = []
    for f in found:
        if (f.words.casefold(), f.where) not in seen_keys:
            seen_keys.add((f.words.casefold(), f.where))
            unique.append(f)
    return unique


def _glued_found(key: str, where: str) -> Found:
    from casefile.export.protect import Found

    return Found(key, "a protected source's name inside a citation key", where, key)
