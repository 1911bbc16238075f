"""Source protection for exports: what may never appear, and a scan of the written file.

Every part of the package is searched — XML text (joined, so a name split across runs is
still found), raw bytes of media in UTF-8 and UTF-16, and the names of the parts — for every
protected string. Any hit refuses the export; nothing is written at the target path.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from casefile.errors import CaseFileError
from casefile.models import GroundRules, Source

_XML_TEXT = re.compile(rb">([^<]+)<")


@dataclass(frozen=True)
class Protected:
    """A string that must not leave the case file, and why."""

    text: str
    why: str


class ExportRefusedError(CaseFileError):
    """The export would have revealed a protected source; nothing was written."""

    def __init__(self, target: Path, hits: list[tuple[Protected, str]]) -> None:
        self.hits = hits
        where = "; ".join(f"{p.why} found in {part}" for p, part in hits[:10])
        super().__init__(f"{target}: not exported, it would reveal a protected source: {where}. "
                         "Remove it from the draft, captions or notes and export again.")


def protected_strings(sources: Iterable[Source]) -> list[Protected]:
    """Names, surnames, contact details and notes of every source that may not be named."""
    out: list[Protected] = []
    for s in sources:
        if s.ground_rules is GroundRules.ON_RECORD:
            continue
        label = f"the {s.ground_rules.value.replace('_', ' ')} source's"
        out.append(Protected(s.name, f"{label} name"))
        if len(s.short_name.strip()) >= 4 and s.short_name.strip() != s.name:
            out.append(Protected(s.short_name.strip(), f"{label} second reference"))
        parts = s.name.split()
        if s.kind.value == "person" and len(parts) > 1 and len(parts[-1]) >= 4:
            out.append(Protected(parts[-1], f"{label} surname"))
        for contact in s.contacts or []:
            value = str(contact.get("value", "")) if isinstance(contact, dict) else str(contact)
            if len(value.strip()) >= 5:
                out.append(Protected(value.strip(), f"{label} contact details"))
        for line in (s.notes or "").splitlines():
            if len(line.strip()) >= 12:
                out.append(Protected(line.strip(), f"{label} notes"))
    return [p for p in out if p.text.strip()]


def _xml_text(data: bytes) -> str:
    joined = b"".join(_XML_TEXT.findall(data)).decode("utf-8", "replace")
    return (joined.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", '"').replace("&apos;", "'"))


def scan_package(path: Path, protected: list[Protected]) -> list[tuple[Protected, str]]:
    """Every (protected string, part name) found anywhere in the .docx at `path`."""
    hits: list[tuple[Protected, str]] = []
    if not protected:
        return hits
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            data = zf.read(info)
            name = info.filename
            if name.endswith((".xml", ".rels")):
                haystacks = [_xml_text(data).casefold(), data.decode("utf-8", "replace").casefold()]
            else:
                haystacks = [data.decode("utf-8", "ignore").casefold(),
                             data.decode("utf-16-le", "ignore").casefold()]
            for p in protected:
                needle = p.text.casefold()
                if needle in name.casefold() or any(needle in h for h in haystacks):
                    hits.append((p, name))
    return hits


def check_file_name(target: Path, protected: list[Protected]) -> list[tuple[Protected, str]]:
    """Hits in the name of the file being written."""
    name = target.name.casefold()
    return [(p, "the file name") for p in protected if p.text.casefold() in name]
