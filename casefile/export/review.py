"""Reading an editor's review back from a .docx our export wrote (in Word or LibreOffice).

Comments are matched to claims through the bookmarks the export put around each anchored
claim (`cfc_<uuid>`); the draft and the exported version are found through `cfd_`/`cfv_`
bookmarks. Edits to the body are reported paragraph by paragraph, never merged.
"""

from __future__ import annotations

import difflib
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import select

from casefile.case import CaseFile
from casefile.claims.draft_text import OBJECT, DraftText
from casefile.errors import ZIP_READ_ERRORS, CaseFileError
from casefile.export.docx_draft import COMMENT_AUTHOR
from casefile.models import Claim, DraftVersion, ReviewComment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ENTRIES = 5_000
MAX_TOTAL = 200 * 1024 * 1024
MAX_RATIO = 200
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class EditorComment:
    """One comment from the reviewed file."""

    author: str
    written_at: str
    text: str
    anchored_text: str
    claim: uuid.UUID | None


@dataclass(frozen=True)
class ParagraphChange:
    """A body paragraph the editor changed, added (before empty) or removed (after empty)."""

    index: int
    before: str
    after: str


@dataclass
class ReviewResult:
    """What a review import found and stored."""

    draft: uuid.UUID
    version: uuid.UUID | None
    comments: list[EditorComment] = field(default_factory=list)
    changes: list[ParagraphChange] = field(default_factory=list)

    @property
    def on_claims(self) -> int:
        """How many comments were attached to a claim (the rest to the draft)."""
        return sum(1 for c in self.comments if c.claim is not None)


class ReviewError(CaseFileError):
    """The file is not a readable review of one of our exports."""


def _read_zip(path: Path) -> dict[str, bytes]:
    try:
        zf = zipfile.ZipFile(path)
    except ZIP_READ_ERRORS as exc:
        raise ReviewError(f"{path}: not a Word document (not a readable zip: {exc})") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ReviewError(f"{path}: too many entries ({len(infos)}) for a Word document")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL or any(i.compress_size and i.file_size / i.compress_size
                                    > MAX_RATIO and i.file_size > 1_000_000 for i in infos):
            raise ReviewError(f"{path}: refused: its contents expand to {total} bytes "
                              "(a zip bomb or a damaged file)")
        wanted = {"word/document.xml", "word/comments.xml"}
        try:
            return {i.filename: zf.read(i) for i in infos if i.filename in wanted}
        except ZIP_READ_ERRORS as exc:
            raise ReviewError(f"{path}: damaged ({exc})") from None


def _parse(path: Path, name: str, data: bytes) -> Any:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReviewError(f"{path}: {name} is malformed ({exc})") from None


def _text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def read_review(path: Path) -> tuple[uuid.UUID, uuid.UUID | None, list[EditorComment],
                                     list[str]]:
    """(draft, version, editor comments, body paragraphs) from a reviewed export."""
    parts = _read_zip(path)
    if "word/document.xml" not in parts:
        raise ReviewError(f"{path}: not a Word document (no word/document.xml)")
    doc = _parse(path, "document.xml", parts["word/document.xml"])
    raw_comments = {}
    if "word/comments.xml" in parts:
        for c in _parse(path, "comments.xml", parts["word/comments.xml"]).iter(f"{W}comment"):
            paras = [_text(p) for p in c.iter(f"{W}p")]
            raw_comments[c.get(f"{W}id")] = (c.get(f"{W}author") or "",
                                             c.get(f"{W}date") or "",
                                             "\n".join(p for p in paras if p.strip()))
    draft = version = None
    open_marks: dict[str, str] = {}
    active: dict[str, dict[str, Any]] = {}  # comment ranges still open
    closed: dict[str, dict[str, Any]] = {}
    for el in doc.iter():
        tag = el.tag
        if tag == f"{W}bookmarkStart":
            name = el.get(f"{W}name") or ""
            open_marks[el.get(f"{W}id") or ""] = name
            if name.startswith("cfd_"):
                draft = _uuid(name[4:])
            elif name.startswith("cfv_"):
                version = _uuid(name[4:])
            for state in active.values():
                state["marks"].append(name)
        elif tag == f"{W}bookmarkEnd":
            open_marks.pop(el.get(f"{W}id") or "", None)
        elif tag == f"{W}commentRangeStart":
            active[el.get(f"{W}id") or ""] = {"text": [], "marks": list(open_marks.values())}
        elif tag == f"{W}commentRangeEnd":
            cid = el.get(f"{W}id") or ""
            if cid in active:
                closed[cid] = active.pop(cid)
        elif tag == f"{W}t":
            for state in active.values():
                state["text"].append(el.text or "")
                state["marks"].extend(open_marks.values())
    if draft is None:
        raise ReviewError(f"{path}: not a Casefile export (it has no draft marker); only "
                          "drafts exported by Casefile can be read back")
    comments = []
    for cid, (author, date, text) in raw_comments.items():
        if author == COMMENT_AUTHOR:
            continue  # our own sourcing comments, sent out with the export
        state = closed.get(cid) or active.get(cid) or {"text": [], "marks": []}
        claims = [_uuid(m[4:].split("_")[0]) for m in state["marks"] if m.startswith("cfc_")]
        claim = next((c for c in claims if c is not None), None)
        comments.append(EditorComment(author, date, text, "".join(state["text"]).strip(),
                                      claim))
    body = doc.find(f"{W}body")
    paragraphs = []
    for p in body.iter(f"{W}p") if body is not None else []:
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "BodyText":
            paragraphs.append(" ".join(_text(p).split()))
    return draft, version, comments, paragraphs


def _uuid(hex_text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(hex=hex_text)
    except ValueError:
        return None


def _exported_paragraphs(body: str, dateline: str) -> list[str]:
    text = DraftText.parse(body)
    paras = [" ".join(p.split()) for _o, p in text.paragraphs()
             if p.strip() and p.strip() != OBJECT]
    if paras and dateline:
        paras[0] = " ".join((dateline + paras[0]).split())
    return paras


def paragraph_changes(before: list[str], after: list[str]) -> list[ParagraphChange]:
    """Which body paragraphs differ, in order."""
    out = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(a1 - a0, b1 - b0)):
            old = before[a0 + k] if a0 + k < a1 else ""
            new = after[b0 + k] if b0 + k < b1 else ""
            out.append(ParagraphChange(b0 + k if new else a0 + k, old, new))
    return out


def import_review(case: CaseFile, path: Path | str) -> ReviewResult:
    """Attach an editor's comments to the claims they cover (or the draft), and report the
    paragraphs they changed. Nothing in the draft's text is changed."""
    path = Path(path)
    draft_id, version_id, comments, paragraphs = read_review(path)
    with case.store.write() as s:
        try:
            draft = case.drafts.load(s, draft_id)
        except CaseFileError:
            raise ReviewError(f"{path}: exported from a draft that is not in this case (or "
                              "is in the trash)") from None
        body, dateline_text = draft.body, _dateline(draft)
        if version_id is not None:
            version = s.scalars(select(DraftVersion).where(DraftVersion.uuid == version_id)
                                ).one_or_none()
            if version is not None:
                body = version.snapshot.get("body", body)
        claims = {c.uuid: c for c in s.scalars(select(Claim).where(Claim.uuid.in_(
            {c.claim for c in comments if c.claim})))} if comments else {}
        for c in comments:
            s.add(ReviewComment(draft=draft, claim=claims.get(c.claim) if c.claim else None,
                                author=c.author, written_at=c.written_at, text=c.text,
                                anchored_text=c.anchored_text, source_file=path.name,
                                version_uuid=str(version_id or "")))
    changes = paragraph_changes(_exported_paragraphs(body, dateline_text), paragraphs)
    result = ReviewResult(draft_id, version_id, comments, changes)
    return result


def _dateline(draft: Any) -> str:
    if not draft.dateline_place:
        return ""
    place = draft.dateline_place.upper()
    return f"{place}, {draft.dateline_country} — " if draft.dateline_country else f"{place} — "
