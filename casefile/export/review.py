"""Reading an editor's review back from a .docx our export wrote (in Word or LibreOffice).

Comments are matched to claims through the bookmarks the export put around each anchored
claim (`cfc_<uuid>`); the draft and the exported version are found through `cfd_`/`cfv_`
bookmarks. A file that lost them (pandoc drops every bookmark no link points to) is matched
by its text instead (casefile/export/review_text.py): to the exported version whose
paragraphs it holds, each comment to the claim whose words it covers. Edits to the body are
reported paragraph by paragraph, and each tracked change (in the body or a footnote) with who
made it; nothing is merged. Our own sourcing comments are skipped, by author or by form.
"""

from __future__ import annotations

import bisect
import difflib
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree
from sqlalchemy import select

from casefile.case import CaseFile
from casefile.claims.draft_text import DraftText
from casefile.errors import ZIP_READ_ERRORS, CaseFileError
from casefile.export.docx_draft import COMMENT_AUTHOR, STATUS_WORDS
from casefile.export.review_text import (
    Chain,
    ClaimsByText,
    body_by_text,
    dateline_of,
    exported_paragraphs,
    snapshot_paragraphs,
    versions_by_text,
)
from casefile.models import Claim, DraftVersion, Photo, ReviewComment
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
_PARTS = {"word/document.xml", "word/comments.xml", "word/styles.xml", "word/footnotes.xml"}
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


@dataclass(frozen=True)
class TrackedEdit:
    """One tracked change: "inserted", "deleted", or "replaced" (a deletion directly
    followed by an insertion, as Word and LibreOffice write a replaced word). `paragraph` is
    the body paragraph it is in (as in ParagraphChange.index), if any; `note` the footnote
    (numbered from 1 in the file's order) if it is in one."""

    kind: str
    author: str
    written_at: str
    before: str
    after: str
    paragraph: int | None
    note: int | None = None  # the footnote it is in (1 = the first), if in one


# How a reviewed file was matched to the export: through our bookmarks, or by its text.
BY_BOOKMARKS, BY_TEXT = "bookmarks", "text"


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
    edits: list[TrackedEdit] = field(default_factory=list)
    matched_by: str = BY_BOOKMARKS

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
    """One comment's range: where its text (as the editor left it, and as exported) and
    bookmarks begin and end."""

    def __init__(self, texts: int, olds: int, marks: int, claim: uuid.UUID | None) -> None:
        self.texts, self.olds, self.marks = (texts, texts), (olds, olds), (marks, marks)
        self.claim = claim  # the first claim bookmark already open where it starts

    def close(self, texts: int, olds: int, marks: int) -> None:
        self.texts = (self.texts[0], texts)
        self.olds = (self.olds[0], olds)
        self.marks = (self.marks[0], marks)


_REVISIONS = {f"{W}ins": "inserted", f"{W}moveTo": "inserted", f"{W}del": "deleted",
              f"{W}moveFrom": "deleted"}


class _Revision:
    """A tracked change being read: its kind, who and when, the paragraph (of its part) it is
    in, the footnote it is in (numbered from 1, in the order of footnotes.xml) if any, where
    in the part's text it starts, and its text."""

    def __init__(self, kind: str, attrib: dict[str, str], paragraph: int | None,
                 at: int, note: int | None) -> None:
        self.kind, self.paragraph, self.at, self.end = kind, paragraph, at, at
        self.note = note
        self.author = attrib.get(f"{W}author") or ""
        self.written_at = attrib.get(f"{W}date") or ""
        self.parts: list[str] = []


class _Document(_Target):
    """document.xml: the draft and version markers, comment ranges, body paragraphs, tracked
    changes. With `notes=True`, footnotes.xml: each footnote (not the separators) is read as
    the body is, for the comment ranges and tracked changes in it.

    Text is kept only inside comment ranges, once, in order; bookmarks are numbered; each
    range keeps where it starts and ends in them, so no input makes the reading quadratic.
    Deleted text (`w:delText`, and text moved away: `w:moveFrom`) is in no paragraph: the
    paragraphs read as the editor's version, with every tracked change accepted. A comment's
    words are also kept as they were exported (deleted text in, inserted text out), to find
    them in the exported body."""

    def __init__(self, notes: bool = False) -> None:
        super().__init__()
        self.notes = notes
        self.note = 0  # footnotes read so far
        self.draft: uuid.UUID | None = None
        self.version: uuid.UUID | None = None
        self.open_claims: dict[str, uuid.UUID] = {}  # bookmark id -> claim, while open
        self.claim_marks: list[tuple[int, uuid.UUID]] = []  # (bookmark number, claim)
        self.n_marks = 0
        self.texts: list[str] = []
        self.olds: list[str] = []  # comment-range text as exported
        self.active: dict[str, _Range] = {}  # comment ranges still open
        self.closed_ranges: dict[str, _Range] = {}
        self.paras = _Paragraphs()
        self.in_body = self.seen_body = False  # the root's first w:body (or in a footnote)
        self.revisions: list[_Revision] = []  # still open, innermost last
        self.edits: list[_Revision] = []
        self.moved_away = 0  # open w:moveFrom elements
        self.inserted = 0  # open w:ins and w:moveTo elements
        self.body_chars = 0  # characters of the body's visible text so far

    def _container(self, tag: str, attrib: dict[str, str], depth: int) -> bool:
        """Whether `tag` opens what is read as body: the document's first w:body, or a
        footnote that is not a separator."""
        if depth != 2:
            return False
        if self.notes:
            return tag == f"{W}footnote" and not attrib.get(f"{W}type")
        return tag == f"{W}body" and not self.seen_body

    def opened(self, tag: str, attrib: dict[str, str]) -> None:
        depth = len(self.stack)
        if tag in _REVISIONS and self.in_body:
            para = self.paras.open[-1][0] if self.paras.open else None
            self.revisions.append(_Revision(_REVISIONS[tag], attrib, para, self.body_chars,
                                            self.note if self.notes else None))
            self.moved_away += tag == f"{W}moveFrom"
            self.inserted += _REVISIONS[tag] == "inserted"
        elif self._container(tag, attrib, depth):
            self.in_body = self.seen_body = True
            self.note += 1
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
            self.active[attrib.get(f"{W}id") or ""] = _Range(len(self.texts), len(self.olds),
                                                             self.n_marks, first)
        elif tag == f"{W}commentRangeEnd":
            cid = attrib.get(f"{W}id") or ""
            if cid in self.active:
                rng = self.active.pop(cid)
                rng.close(len(self.texts), len(self.olds), self.n_marks)
                self.closed_ranges[cid] = rng

    def _bookmark(self, mark_id: str, name: str) -> None:
        self.n_marks += 1
        claim = _uuid(name[4:].split("_")[0]) if name.startswith("cfc_") else None
        if claim is not None:
            self.open_claims[mark_id] = claim
            self.claim_marks.append((self.n_marks, claim))
        else:
            self.open_claims.pop(mark_id, None)
        if self.notes:
            return  # the draft and version markers are the document's
        if name.startswith("cfd_"):
            self.draft = _uuid(name[4:])
        elif name.startswith("cfv_"):
            self.version = _uuid(name[4:])

    def data(self, text: str) -> None:
        tag = self.stack[-1] if self.stack else ""
        if tag == f"{W}t":
            if self.revisions:
                self.revisions[-1].parts.append(text)
            if not self.moved_away:
                self.text(text)
            if self.active and not self.inserted:
                self.olds.append(text)
        elif tag == f"{W}delText":
            if self.revisions:
                self.revisions[-1].parts.append(text)
            if self.active:
                self.olds.append(text)

    def text(self, value: str) -> None:
        if self.active:  # only text under a comment is anchored text
            self.texts.append(value)
        if self.in_body:
            self.paras.text(value)
            self.body_chars += len(value)

    def closed(self, tag: str) -> None:
        if tag in _REVISIONS and self.revisions and self.in_body:
            rev = self.revisions.pop()
            self.moved_away -= tag == f"{W}moveFrom"
            self.inserted -= _REVISIONS[tag] == "inserted"
            rev.end = self.body_chars
            if "".join(rev.parts).strip():
                self.edits.append(rev)
        elif tag == f"{W}p" and self.in_body:
            self.paras.end()
        elif len(self.stack) == 2 and self.in_body and tag in (f"{W}body", f"{W}footnote"):
            self.in_body = False

    def comment_anchor(self, cid: str) -> tuple[str, str, uuid.UUID | None] | None:
        """The text a comment covers (as the editor left it, and as exported) and the first
        claim in it; None if its range is not in this part."""
        found = self.closed_ranges.get(cid) or self.active.get(cid)
        if found is None:
            return None
        if found in self.active.values():
            # never closed: up to the end
            found.close(len(self.texts), len(self.olds), self.n_marks)
        anchored = "".join(self.texts[found.texts[0]:found.texts[1]]).strip()
        as_exported = "".join(self.olds[found.olds[0]:found.olds[1]]).strip()
        return anchored, as_exported, found.claim or _first_claim(self.claim_marks,
                                                                  *found.marks)


@dataclass
class _Reading:
    """What a reviewed file holds, before it is matched to the case."""

    draft: uuid.UUID | None
    version: uuid.UUID | None
    comments: list[EditorComment]
    as_exported: list[str]  # each comment's anchored words as they were exported
    in_note: list[bool]  # each comment's: anchored in a footnote (never on a claim)
    everything: list[str]  # every paragraph (for matching by text)
    body_at: list[int]  # where each non-empty body-style paragraph is in `everything`
    edits: list[_Revision]
    note_edits: list[_Revision]  # tracked changes in footnotes
    ours: int  # our own sourcing comments still in the file (the editor profile has them)


# The first line of our own sourcing comment (docx_draft.comment_header); the second and
# third are "Claim: …" and "Attribution: …".
_OUR_HEADER = re.compile("(?:WEAK CLAIM — status|Status): (?:"
                         + "|".join(re.escape(w) for w in STATUS_WORDS.values()) + r")\. ")


def is_our_comment(author: str, text: str) -> bool:
    """One of the sourcing comments the editor profile carries: by its author, or — as Word
    renames every author to "Author" when it removes personal information on save — by its
    form: the status line, then the claim, then the attribution."""
    if author == COMMENT_AUTHOR:
        return True
    lines = text.split("\n")
    return len(lines) >= 3 and bool(_OUR_HEADER.match(lines[0])) \
        and lines[1].startswith("Claim: ") and lines[2].startswith("Attribution: ")


def _read_review(path: Path) -> _Reading:
    """The markers, editor comments, paragraphs and tracked changes of a reviewed file; the
    parts are streamed, never parsed into a tree."""
    zf, parts = _open_zip(path)
    comments_part = _Comments()
    doc = _Document()
    notes = _Document(notes=True)
    styles = _StyleNames()
    with zf:
        if "word/styles.xml" in parts:
            _scan(path, zf, parts["word/styles.xml"], styles)
        if "word/document.xml" not in parts:
            raise ReviewError(f"{path}: not a Word document (no word/document.xml)")
        if "word/comments.xml" in parts:
            _scan(path, zf, parts["word/comments.xml"], comments_part)
        _scan(path, zf, parts["word/document.xml"], doc)
        if "word/footnotes.xml" in parts:
            _scan(path, zf, parts["word/footnotes.xml"], notes)
    comments, as_exported, in_note, ours = [], [], [], 0
    for cid, (author, date, text) in comments_part.found.items():
        if is_our_comment(author, text):
            ours += 1
            continue  # our own sourcing comments, sent out with the export
        in_body = doc.comment_anchor(cid)
        in_notes = None if in_body else notes.comment_anchor(cid)
        anchored, old, claim = in_body or in_notes or ("", "", None)
        comments.append(EditorComment(author, date, text, anchored, claim))
        as_exported.append(old)
        in_note.append(in_notes is not None)

    def body(style: str) -> bool:
        return styles.names.get(style, "") == BODY_STYLE_NAME or \
            (style == "BodyText" and style not in styles.names)

    everything = [" ".join(text.split()) for _style, text in doc.paras.done]
    # An empty paragraph (Enter pressed twice) is no body paragraph: the export wrote none.
    body_at = [i for i, (style, _t) in enumerate(doc.paras.done)
               if body(style) and everything[i]]
    return _Reading(doc.draft, doc.version, comments, as_exported, in_note, everything,
                    body_at, doc.edits, notes.edits, ours)


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


def _captions(s: Any, body: str) -> set[str]:
    """The captions the export printed under the photos the body places."""
    placed = DraftText.parse(body).photos
    if not placed:
        return set()
    return {" ".join(photo.caption.split()) for photo in s.scalars(
        select(Photo).where(Photo.uuid.in_(set(placed)))) if photo.caption}


def _tracked(edits: list[_Revision], place: dict[int, int]) -> list[TrackedEdit]:
    """Tracked changes as reported: a deletion directly followed, in the same paragraph, by
    the same person's insertion is one replacement. `place`: file paragraph -> body's (for
    the document's edits; a footnote's have none)."""
    out: list[TrackedEdit] = []
    last: _Revision | None = None
    for rev in edits:
        text = " ".join("".join(rev.parts).split())
        para = place.get(rev.paragraph) if rev.paragraph is not None else None
        if (rev.kind == "inserted" and last is not None and last.kind == "deleted"
                and last.end == rev.at and last.paragraph == rev.paragraph
                and last.note == rev.note
                and last.author == rev.author and out and out[-1].kind == "deleted"):
            gone = out.pop()
            out.append(TrackedEdit("replaced", rev.author, gone.written_at, gone.before, text,
                                   para, rev.note))
        elif rev.kind == "inserted":
            out.append(TrackedEdit("inserted", rev.author, rev.written_at, "", text, para,
                                   rev.note))
        else:
            out.append(TrackedEdit("deleted", rev.author, rev.written_at, text, "", para,
                                   rev.note))
        last = rev
    return out


def import_review(case: CaseFile, path: Path | str) -> ReviewResult:
    """Attach an editor's comments to the claims they cover (or the draft), and report the
    paragraphs they changed and their tracked changes (in the body and in the footnotes).
    Nothing in the draft's text is changed. A file without our bookmarks is matched by its
    text (`ReviewResult.matched_by`)."""
    path = Path(path)
    reading = _read_review(path)
    comments = reading.comments
    chain: Chain | None = None  # how the body aligned, when matched by text
    with case._store.write() as s:
        if reading.draft is not None:
            matched_by = BY_BOOKMARKS
            try:
                draft = case.drafts._load(s, reading.draft)
            except CaseFileError:
                raise ReviewError(f"{path}: exported from a draft that is not in this case "
                                  "(or is in the trash)") from None
            version = s.scalars(select(DraftVersion).where(
                DraftVersion.uuid == reading.version)).one_or_none() \
                if reading.version is not None else None
            version_id = reading.version
        else:
            matched_by = BY_TEXT
            found = versions_by_text(s, reading.everything,
                                     [c.anchored_text for c in comments], reading.ours)
            if found is None:
                raise ReviewError(f"{path}: not a Casefile export (it has no draft marker, "
                                  "and too few of its paragraphs are, in order, those of a "
                                  "version exported from this case); only drafts exported "
                                  "by Casefile can be read back")
            draft, version, chain = found
            version_id = version.uuid
        snap = version.snapshot if version is not None else {}
        body = snap.get("body", draft.body)
        exported = exported_paragraphs(body, dateline_of(
            snap.get("dateline_place", draft.dateline_place) or "",
            snap.get("dateline_country", draft.dateline_country) or ""))
        if matched_by == BY_TEXT:
            by_text = ClaimsByText(DraftText.parse(body))
            comments = [c if c.claim or note else EditorComment(
                c.author, c.written_at, c.text, c.anchored_text, by_text.claim(old,
                                                                            c.anchored_text))
                for c, old, note in zip(comments, reading.as_exported, reading.in_note,
                                        strict=True)]
            body_at = body_by_text(reading.everything, exported, _captions(s, body),
                                   chain if chain and snapshot_paragraphs(snap) == exported
                                   else None)
        else:
            body_at = reading.body_at
        paragraphs = [reading.everything[i] for i in body_at]
        claims = {c.uuid: c for c in s.scalars(select(Claim).where(Claim.uuid.in_(
            {c.claim for c in comments if c.claim})))} if comments else {}
        # A body exported more than once is one version to the editor: a comment read from
        # one export's file (by bookmarks) and from a pandoc copy (by text, which names the
        # latest) is the same comment.
        same_body = {str(v.uuid) for v in s.scalars(select(DraftVersion).where(
            DraftVersion.draft_id == draft.id))
            if "export" in (v.snapshot or {}) and snapshot_paragraphs(v.snapshot) == exported}

        def exported_as(version_uuid: str) -> str:
            return "the exported body" if version_uuid in same_body else version_uuid

        stored = {_same_comment(r.author, r.written_at, r.text, r.anchored_text,
                                r.claim.uuid if r.claim else None,
                                exported_as(r.version_uuid))
                  for r in s.scalars(select(ReviewComment).where(
                      ReviewComment.draft_id == draft.id))}
        already = 0
        for c in comments:
            key = _same_comment(c.author, c.written_at, c.text, c.anchored_text, c.claim,
                                exported_as(str(version_id or "")))
            if key in stored:
                already += 1
                continue
            stored.add(key)
            s.add(ReviewComment(draft=draft, claim=claims.get(c.claim) if c.claim else None,
                                author=c.author, written_at=c.written_at, text=c.text,
                                anchored_text=c.anchored_text, source_file=path.name,
                                version_uuid=str(version_id or "")))
        draft_id = draft.uuid
    changes = paragraph_changes(exported, paragraphs)
    edits = _tracked(reading.edits, {at: k for k, at in enumerate(body_at)}) \
        + _tracked(reading.note_edits, {})
    return ReviewResult(draft_id, version_id, comments, changes, already, edits, matched_by)


def _same_comment(author: str, written_at: str, text: str, anchored: str,
                  claim: uuid.UUID | None, version: str) -> tuple[Any, ...]:
    """What makes two comments one: who wrote what, when, on which words and claim, on which
    exported body (spacing aside: a re-save may re-wrap a comment's paragraphs)."""
    return (author, written_at, " ".join(text.split()), " ".join(anchored.split()), claim,
            version)
