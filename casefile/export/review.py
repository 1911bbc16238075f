"""Reading an editor's review back from a .docx our export wrote (in Word or LibreOffice).

Comments are matched to claims through the bookmarks the export put around each anchored
claim (`cfc_<uuid>`); the draft and the exported version are found through `cfd_`/`cfv_`
bookmarks. Edits to the body are reported paragraph by paragraph, never merged.
"""

from __future__ import annotations

import bisect
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
from casefile.zip_limits import check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A reviewed .docx is judged from its zip directory first (casefile/zip_limits.py): at most
# MAX_ENTRIES entries and MAX_TOTAL bytes unpacked; no entry over RATIO_FROM bytes, nor the
# whole archive, may expand more than MAX_RATIO times.
MAX_ENTRIES = 5_000
MAX_TOTAL = 200 * 1024 * 1024
MAX_RATIO = 200
RATIO_FROM = 1_000_000
MAX_PART = 32 * 1024 * 1024  # document.xml of a long draft with every comment is a few MB
_PARTS = {"word/document.xml", "word/comments.xml", "word/styles.xml"}
# The style the export writes body paragraphs in, by the name every editor keeps: Word and
# LibreOffice agree on the name ("Body Text"), not on the id — LibreOffice saves the style
# our export calls `BodyText` as `TextBody`.
BODY_STYLE_NAME = "body text"
_PARSER_OPTIONS: dict[str, Any] = {"resolve_entities": False, "no_network": True,
                                   "huge_tree": False, "load_dtd": False}


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
    # Comments read that were stored already (the same file, or the same comment in a
    # later save of it, imported before): not stored twice.
    already: int = 0

    @property
    def on_claims(self) -> int:
        """How many comments were attached to a claim (the rest to the draft)."""
        return sum(1 for c in self.comments if c.claim is not None)


class ReviewError(CaseFileError):
    """The file is not a readable review of one of our exports."""


def _open_zip(path: Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """The archive and the two parts read back, refused before anything is decompressed if
    its directory declares more than a Word document holds."""
    try:
        zf = zipfile.ZipFile(path)
    except ZIP_READ_ERRORS as exc:
        raise ReviewError(f"{path}: not a Word document (not a readable zip: {exc})") from None
    try:
        infos = zf.infolist()
        problems = check_zip(infos, max_entries=MAX_ENTRIES, max_total=MAX_TOTAL,
                             max_ratio=MAX_RATIO, ratio_from=RATIO_FROM)
        if problems:
            raise ReviewError(f"{path}: refused, not a plausible Word document (a zip bomb or "
                              f"a damaged file): {problems[0]}")
        wanted = {i.filename: i for i in infos if i.filename in _PARTS}
        for name, info in wanted.items():
            if info.file_size > MAX_PART:
                raise ReviewError(f"{path}: refused: {name} is {info.file_size:,} bytes; a "
                                  f"reviewed draft's is far smaller (the limit is "
                                  f"{MAX_PART // 2**20} MB)")
    except BaseException:
        zf.close()
        raise
    return zf, wanted


def _scan(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Any) -> None:
    """Feed one part, streamed from the archive, to a parser target: no tree is built, so
    memory stays small whatever the part holds (each target keeps only what it needs)."""
    name = info.filename.rsplit("/", 1)[-1]
    parser = etree.XMLParser(target=target, **_PARSER_OPTIONS)
    try:
        with zf.open(info) as fh:
            while block := fh.read(1024 * 1024):
                parser.feed(block)
        parser.close()
    except etree.XMLSyntaxError as exc:
        raise ReviewError(f"{path}: {name} is malformed ({exc})") from None
    except ZIP_READ_ERRORS as exc:
        raise ReviewError(f"{path}: damaged ({exc})") from None


class _Paragraphs:
    """Text of every `w:p` (with what it nests, as Word shows it), in document order."""

    def __init__(self) -> None:
        self.open: list[tuple[int, list[str]]] = []  # (index in done, its text so far)
        self.done: list[tuple[str, str]] = []  # (style, text)
        self.styles: dict[int, str] = {}

    def start(self) -> None:
        self.open.append((len(self.done), []))
        self.done.append(("", ""))

    def text(self, value: str) -> None:
        for _i, parts in self.open:
            parts.append(value)

    def style(self, value: str) -> None:
        if self.open:
            self.styles.setdefault(self.open[-1][0], value)

    def end(self) -> None:
        if self.open:
            index, parts = self.open.pop()
            self.done[index] = (self.styles.pop(index, ""), "".join(parts))


class _Target:
    """A parser target that knows which elements are open."""

    def __init__(self) -> None:
        self.stack: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.stack.append(tag)
        self.opened(tag, attrib)

    def end(self, tag: str) -> None:
        self.closed(tag)
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack and self.stack[-1] == f"{W}t":
            self.text(text)

    def close(self) -> None:
        return None

    def opened(self, tag: str, attrib: dict[str, str]) -> None: ...
    def closed(self, tag: str) -> None: ...
    def text(self, value: str) -> None: ...


class _StyleNames(_Target):
    """styles.xml: each paragraph style's id -> its name, lower-cased."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, str] = {}
        self.current: str | None = None

    def opened(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == f"{W}style":
            self.current = attrib.get(f"{W}styleId")
        elif tag == f"{W}name" and self.current is not None:
            self.names[self.current] = " ".join((attrib.get(f"{W}val") or "").lower().split())

    def closed(self, tag: str) -> None:
        if tag == f"{W}style":
            self.current = None


class _Comments(_Target):
    """comments.xml: id -> (author, date, text) of each comment."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, tuple[str, str, str]] = {}
        self.current: tuple[str, str, str] | None = None
        self.paras = _Paragraphs()
        self.depth = 0  # open w:comment elements

    def opened(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == f"{W}comment":
            self.depth += 1
            if self.depth == 1:
                self.current = (attrib.get(f"{W}id") or "", attrib.get(f"{W}author") or "",
                                attrib.get(f"{W}date") or "")
                self.paras = _Paragraphs()
        elif tag == f"{W}p" and self.depth:
            self.paras.start()

    def text(self, value: str) -> None:
        if self.depth:
            self.paras.text(value)

    def closed(self, tag: str) -> None:
        if tag == f"{W}p" and self.depth:
            self.paras.end()
        elif tag == f"{W}comment" and self.depth:
            self.depth -= 1
            if self.depth == 0 and self.current is not None:
                text = "\n".join(t for _s, t in self.paras.done if t.strip())
                self.found[self.current[0]] = (self.current[1], self.current[2], text)
                self.current = None


class _Range:
    """One comment's range in the body: where its text and bookmarks begin and end."""

    def __init__(self, texts: int, marks: int, claim: uuid.UUID | None) -> None:
        self.texts, self.marks = (texts, texts), (marks, marks)
        self.claim = claim  # the first claim bookmark already open where it starts

    def close(self, texts: int, marks: int) -> None:
        self.texts, self.marks = (self.texts[0], texts), (self.marks[0], marks)


class _Document(_Target):
    """document.xml: the draft and version markers, comment ranges, body paragraphs.

    Text is kept only inside comment ranges, once, in order; bookmarks are numbered; each
    range keeps where it starts and ends in them, so no input makes the reading quadratic."""

    def __init__(self) -> None:
        super().__init__()
        self.draft: uuid.UUID | None = None
        self.version: uuid.UUID | None = None
        self.open_claims: dict[str, uuid.UUID] = {}  # bookmark id -> claim, while open
        self.claim_marks: list[tuple[int, uuid.UUID]] = []  # (bookmark number, claim)
        self.n_marks = 0
        self.texts: list[str] = []
        self.active: dict[str, _Range] = {}  # comment ranges still open
        self.closed_ranges: dict[str, _Range] = {}
        self.paras = _Paragraphs()
        self.in_body = self.seen_body = False  # the root's first w:body

    def opened(self, tag: str, attrib: dict[str, str]) -> None:
        depth = len(self.stack)
        if tag == f"{W}body" and depth == 2 and not self.seen_body:
            self.in_body = self.seen_body = True
        elif tag == f"{W}p" and self.in_body:
            self.paras.start()
        elif tag == f"{W}pStyle" and self.in_body and depth >= 3 \
                and self.stack[-2] == f"{W}pPr" and self.stack[-3] == f"{W}p":
            self.paras.style(attrib.get(f"{W}val") or "")
        elif tag == f"{W}bookmarkStart":
            self._bookmark(attrib.get(f"{W}id") or "", attrib.get(f"{W}name") or "")
        elif tag == f"{W}bookmarkEnd":
            self.open_claims.pop(attrib.get(f"{W}id") or "", None)
        elif tag == f"{W}commentRangeStart":
            first = next(iter(self.open_claims.values()), None)
            self.active[attrib.get(f"{W}id") or ""] = _Range(len(self.texts), self.n_marks,
                                                             first)
        elif tag == f"{W}commentRangeEnd":
            cid = attrib.get(f"{W}id") or ""
            if cid in self.active:
                rng = self.active.pop(cid)
                rng.close(len(self.texts), self.n_marks)
                self.closed_ranges[cid] = rng

    def _bookmark(self, mark_id: str, name: str) -> None:
        self.n_marks += 1
        claim = _uuid(name[4:].split("_")[0]) if name.startswith("cfc_") else None
        if claim is not None:
            self.open_claims[mark_id] = claim
            self.claim_marks.append((self.n_marks, claim))
        else:
            self.open_claims.pop(mark_id, None)
        if name.startswith("cfd_"):
            self.draft = _uuid(name[4:])
        elif name.startswith("cfv_"):
            self.version = _uuid(name[4:])

    def text(self, value: str) -> None:
        if self.active:  # only text under a comment is anchored text
            self.texts.append(value)
        if self.in_body:
            self.paras.text(value)

    def closed(self, tag: str) -> None:
        if tag == f"{W}p" and self.in_body:
            self.paras.end()
        elif tag == f"{W}body" and len(self.stack) == 2:
            self.in_body = False

    def comment_anchor(self, cid: str) -> tuple[str, uuid.UUID | None]:
        """The text a comment covers and the first claim in it."""
        found = self.closed_ranges.get(cid) or self.active.get(cid)
        if found is None:
            return "", None
        if found in self.active.values():
            found.close(len(self.texts), self.n_marks)  # never closed: up to the end
        anchored = "".join(self.texts[found.texts[0]:found.texts[1]]).strip()
        return anchored, found.claim or _first_claim(self.claim_marks, *found.marks)


def read_review(path: Path) -> tuple[uuid.UUID, uuid.UUID | None, list[EditorComment],
                                     list[str]]:
    """(draft, version, editor comments, body paragraphs) from a reviewed export; both parts
    are streamed, never parsed into a tree."""
    zf, parts = _open_zip(path)
    comments_part = _Comments()
    doc = _Document()
    styles = _StyleNames()
    with zf:
        if "word/styles.xml" in parts:
            _scan(path, zf, parts["word/styles.xml"], styles)
        if "word/document.xml" not in parts:
            raise ReviewError(f"{path}: not a Word document (no word/document.xml)")
        if "word/comments.xml" in parts:
            _scan(path, zf, parts["word/comments.xml"], comments_part)
        _scan(path, zf, parts["word/document.xml"], doc)
    if doc.draft is None:
        raise ReviewError(f"{path}: not a Casefile export (it has no draft marker); only "
                          "drafts exported by Casefile can be read back")
    comments = []
    for cid, (author, date, text) in comments_part.found.items():
        if author == COMMENT_AUTHOR:
            continue  # our own sourcing comments, sent out with the export
        anchored, claim = doc.comment_anchor(cid)
        comments.append(EditorComment(author, date, text, anchored, claim))
    def body(style: str) -> bool:
        return styles.names.get(style, "") == BODY_STYLE_NAME or \
            (style == "BodyText" and style not in styles.names)

    paragraphs = [" ".join(text.split()) for style, text in doc.paras.done if body(style)]
    return doc.draft, doc.version, comments, paragraphs


def _first_claim(marks: list[tuple[int, uuid.UUID]], after: int, upto: int
                 ) -> uuid.UUID | None:
    """The first claim bookmark started within a comment's range (bookmark numbers)."""
    at = bisect.bisect_right(marks, after, key=lambda m: m[0])
    if at < len(marks) and marks[at][0] <= upto:
        return marks[at][1]
    return None


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
    with case._store.write() as s:
        try:
            draft = case.drafts._load(s, draft_id)
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
        stored = {_same_comment(r.author, r.written_at, r.text, r.anchored_text,
                                r.claim.uuid if r.claim else None, r.version_uuid)
                  for r in s.scalars(select(ReviewComment).where(
                      ReviewComment.draft_id == draft.id))}
        already = 0
        for c in comments:
            key = _same_comment(c.author, c.written_at, c.text, c.anchored_text, c.claim,
                                str(version_id or ""))
            if key in stored:
                already += 1
                continue
            stored.add(key)
            s.add(ReviewComment(draft=draft, claim=claims.get(c.claim) if c.claim else None,
                                author=c.author, written_at=c.written_at, text=c.text,
                                anchored_text=c.anchored_text, source_file=path.name,
                                version_uuid=str(version_id or "")))
    changes = paragraph_changes(_exported_paragraphs(body, dateline_text), paragraphs)
    return ReviewResult(draft_id, version_id, comments, changes, already)


def _same_comment(author: str, written_at: str, text: str, anchored: str,
                  claim: uuid.UUID | None, version: str) -> tuple[Any, ...]:
    """What makes two comments one: who wrote what, when, on which words and claim, on which
    exported version (spacing aside: a re-save may re-wrap a comment's paragraphs)."""
    return (author, written_at, " ".join(text.split()), " ".join(anchored.split()), claim,
            version)


def _dateline(draft: Any) -> str:
    if not draft.dateline_place:
        return ""
    place = draft.dateline_place.upper()
    return f"{place}, {draft.dateline_country} — " if draft.dateline_country else f"{place} — "
