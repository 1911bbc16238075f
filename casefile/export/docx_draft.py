"""The attributed Word draft: headline, byline and publication date to contributor line and
author tagline, a footnote of evidence on every claim (evidence from one interview or one
document grouped under one line), and in the editor profile a comment per claim plus
sourcing and right-of-reply tables.

The draft checker runs first: blocking findings refuse the export unless the reporter
overrides them (recorded on the draft version). The document is then built and saved in
memory and scanned there for every protected string, so nothing unscanned ever reaches the
target's folder (which a sync client may upload); only bytes that passed the scan are written
beside the target, flushed and renamed into place.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import sys
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from sqlalchemy import select

from casefile import private_temp
from casefile.case import CaseFile
from casefile.claims import attribution as attribution_rules
from casefile.claims.attribution import Attribution, attribute, request_sentence
from casefile.claims.checker import Finding
from casefile.claims.draft_text import OBJECT, DraftText
from casefile.claims.evidence_reads import house_style, live_links, requests_concerning
from casefile.claims.style import HouseStyle
from casefile.claims.support import SupportSummary, summarize
from casefile.claims.tagline import author_tagline
from casefile.db.durable import fsync_path
from casefile.errors import CaseFileError, ValidationError
from casefile.export.blocking import (
    BlockingFindingsError,
    blocking_only,
    override_record,
    overrides,
)
from casefile.export.footnotes import Footnotes, separate_comment_ids
from casefile.export.located import draft_texts, scan_records
from casefile.export.protect import (
    ExportRefusedError,
    check_file_name,
    protection_for,
    scan_package,
)
from casefile.export.sourcing import (
    EvidenceGroup,
    EvidencePiece,
    PrintedReplies,
    draft_sentences,
    evidence_groups,
    evidence_piece,
    full_stop,
    photo_credit,
)
from casefile.export.template import load_template, scrub
from casefile.export.xml_text import xml_safe
from casefile.media.csl import document_to_csl, format_citation
from casefile.media.csl_render import RichText, csl_locale, styled_within
from casefile.models import (
    CaseInfo,
    Claim,
    ClaimStatus,
    CommentRequest,
    Document,
    Draft,
    Excerpt,
    Photo,
    Source,
)

PROFILES = ("editor", "clean")
# A claim's status as an editor reads it.
STATUS_WORDS = {ClaimStatus.UNVERIFIED: "unverified", ClaimStatus.SUPPORTED: "supported",
                ClaimStatus.NEEDS_SECOND_SOURCE: "needs a second source",
                ClaimStatus.DISPUTED: "disputed", ClaimStatus.REFUTED: "refuted"}
# What may follow an anchor's words before its note number: punctuation and closing marks
# (an apostrophe only where it closes a quotation, not in "company’s"; see note_after).
_CLOSING = frozenset(".,;:!?”\")]»")
_APOSTROPHES = frozenset("’'")
_WORD_REST = re.compile(r"\w*(?:[’']\w+)*")  # "’s", "’re": the rest of the last word
PHOTO_SIDE = 1024
COMMENT_AUTHOR = "Casefile"


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: the file, its SHA-256, and the draft version saved with it."""

    path: Path
    sha256: str
    version: uuid.UUID
    footnotes: int
    comments: int
    overridden: int = 0  # blocking findings the reporter exported despite


@dataclass
class _ClaimInfo:
    claim: Claim
    links: list[Any]
    summary: SupportSummary
    attribution: Attribution


class _Builder:
    def __init__(self, case: CaseFile, draft: Draft, profile: str, footnotes: bool,
                 keep_photo_metadata: bool, template: Path | None, version: uuid.UUID,
                 language: str = "") -> None:
        self.case = case
        self.language = language  # the case's: a quote in another is marked translated
        self.draft = draft
        self.profile = profile
        self.want_footnotes = footnotes
        self.keep_meta = keep_photo_metadata
        self.doc = load_template(template)
        self.notes = Footnotes(self.doc) if footnotes else None
        self.footnote_count = 0
        self.comment_count = 0
        self.bookmark_id = 0
        self.version = version
        self._citations: dict[uuid.UUID, str] = {}
        self._pieces: dict[uuid.UUID, EvidencePiece] = {}
        self.published = ""  # the publication date and tagline as printed ("" = none)
        self.tagline = ""

    @property
    def lines(self) -> dict[uuid.UUID, str]:
        """Each piece of evidence made so far as one line, by link UUID: everything a grouped
        note, comment or table cell prints of it (for the protected-name scan)."""
        return {key: piece.line for key, piece in self._pieces.items()}

    def groups(self, links: list[Any], style: HouseStyle) -> list[EvidenceGroup]:
        """A claim's evidence as printed in its note, comment and table cell alike (each
        piece made once)."""
        for link in links:
            if link.uuid not in self._pieces:
                self._pieces[link.uuid] = evidence_piece(link, style, self.cite,
                                                         self.language)
        return evidence_groups(self._pieces[link.uuid] for link in links)

    def cite(self, document: Document) -> str:
        if document.uuid not in self._citations:
            try:
                self._citations[document.uuid] = format_citation(
                    document_to_csl(document), locale=csl_locale(self.language))
            except Exception as exc:  # noqa: BLE001 - a citation must never stop an export
                import logging

                from casefile.media.csl import fallback_citation

                logging.getLogger(__name__).warning(
                    "document %s: its citation cannot be formatted (%s); its footnote "
                    "prints the title alone", document.uuid, type(exc).__name__)
                self._citations[document.uuid] = fallback_citation(document.title)
        return self._citations[document.uuid]

    def bookmark(self, paragraph: Any, name: str, first_run: Any, last_run: Any) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        first_run._r.addprevious(start)
        last_run._r.addnext(end)

    def build(self, style: HouseStyle, claims: dict[uuid.UUID, _ClaimInfo],
              photos: dict[uuid.UUID, Photo], requests: list[CommentRequest]) -> Any:
        d, draft, doc = self.draft, self.draft, self.doc
        doc.add_paragraph(xml_safe(draft.headline), style="Headline")
        if draft.dek:
            doc.add_paragraph(xml_safe(draft.dek), style="Dek")
        names = [b.member.name for b in d.byline]
        byline = None
        if names:
            byline = doc.add_paragraph(xml_safe(
                "By " + " and ".join(names) if len(names) < 3 else
                "By " + ", ".join(names[:-1]) + " and " + names[-1]), style="Byline")
        if draft.published_on is not None:
            self.published = style.date(draft.published_on)
            if byline is not None:  # the date reads as part of the byline block
                byline.paragraph_format.space_after = Pt(2)
            doc.add_paragraph(xml_safe(self.published), style="Publication Date")
        text = DraftText.parse(draft.body)
        photo_iter = iter(text.photos)
        first = True
        anchors_by_start = sorted(text.anchors, key=lambda a: a.start)
        claim_uses: dict[uuid.UUID, int] = {}
        for offset, para in text.paragraphs():
            if para.strip() == OBJECT:
                photo_id = next(photo_iter, None)
                if photo_id is not None and photo_id in photos:
                    self.add_photo(photos[photo_id], style)
                continue
            if not para.strip():
                continue
            p = doc.add_paragraph(style="Body Text")
            if first:
                if draft.dateline_place:
                    place = draft.dateline_place.upper()
                    line = f"{place}, {draft.dateline_country} — " if draft.dateline_country \
                        else f"{place} — "
                    p.add_run(xml_safe(line), style="Dateline")
                self._mark_draft(p)
                first = False
            cursor = offset
            end_of_para = offset + len(para)
            for a in anchors_by_start:
                if a.start < offset or a.start >= end_of_para:
                    continue
                if a.start > cursor:
                    p.add_run(xml_safe(text.text[cursor:a.start]))
                run = p.add_run(xml_safe(text.text[a.start:min(a.end, end_of_para)]))
                cursor = min(a.end, end_of_para)
                info = claims.get(a.claim)
                if info is not None:
                    n = claim_uses.get(a.claim, 0) + 1
                    claim_uses[a.claim] = n
                    name = f"cfc_{a.claim.hex}" + (f"_{n}" if n > 1 else "")
                    self.bookmark(p, name, run, run)
                    self.annotate(p, run, info, style)
                    if self.notes is not None and info.links:
                        # The note number goes after the punctuation that follows the words
                        # (Chicago 14.26): "at the crossing.¹", "of 2026,²", "long,”³".
                        upto = min([end_of_para, *(b.start for b in anchors_by_start
                                                   if b.start >= cursor)])
                        trail = note_after(text.text, cursor, upto)
                        if trail > cursor:
                            p.add_run(xml_safe(text.text[cursor:trail]))
                            cursor = trail
                        self.note(p, info, style)
            if cursor < end_of_para:
                p.add_run(xml_safe(text.text[cursor:end_of_para]))
        if d.contributor_line:
            doc.add_paragraph(xml_safe(d.contributor_line), style="Contributor")
        self.tagline = author_tagline(draft, style)
        if self.tagline:
            doc.add_paragraph(xml_safe(self.tagline), style="Tagline")
        if self.profile == "editor":
            self.appendix(claims, requests, style)
        return doc

    def _mark_draft(self, paragraph: Any) -> None:
        """Bookmarks that let a reviewed copy be matched back to this draft and version."""
        run = paragraph.runs[0] if paragraph.runs else paragraph.add_run("")
        self.bookmark(paragraph, f"cfd_{self.draft.uuid.hex}", run, run)
        self.bookmark(paragraph, f"cfv_{self.version.hex}", run, run)

    def note(self, paragraph: Any, info: _ClaimInfo, style: HouseStyle) -> None:
        """The claim's footnote, its reference at the paragraph's end so far."""
        assert self.notes is not None
        nested = _nested(self.groups(info.links, style))
        cited = self.cited(info.links)  # italic titles and Zotero's rich text as Word runs
        self.notes.add(paragraph, [styled_within(line, cited) for line, _ in nested],
                       [level for _, level in nested])
        self.footnote_count += 1

    def cited(self, links: list[Any]) -> list[RichText]:
        """The citations made so far of the documents `links` point to (their styles)."""
        out = []
        for link in links:
            target = link.target
            doc = target.document if isinstance(target, Excerpt) else target
            citation = self._citations.get(doc.uuid) if isinstance(doc, Document) else None
            if isinstance(citation, RichText):
                out.append(citation)
        return out

    def annotate(self, paragraph: Any, run: Any, info: _ClaimInfo, style: HouseStyle) -> None:
        """The editor's highlight and comment on a claim's words."""
        if self.profile != "editor":
            return
        groups = self.groups(info.links, style)
        s = info.summary
        if s.weak:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        comment = self.doc.add_comment(run, text=xml_safe(comment_header(info.claim, s)),
                                       author=COMMENT_AUTHOR, initials="CF")
        comment.add_paragraph(xml_safe(f"Claim: {info.claim.statement}"))
        comment.add_paragraph(xml_safe("Attribution: " + (info.attribution.text
                                                          or "none that may be printed")))
        for group in groups:
            comment.add_paragraph(xml_safe("• " + group.head))
            for passage in group.passages:
                item = comment.add_paragraph(xml_safe("– " + passage))
                item.paragraph_format.left_indent = Pt(10)
        for note in printed_wording_notes(info.links):
            comment.add_paragraph(xml_safe(note))
        if info.claim.notes:
            comment.add_paragraph(xml_safe(f"Reporter's note: {info.claim.notes}"))
        self.comment_count += 1

    def add_photo(self, photo: Photo, style: HouseStyle) -> None:
        if self.keep_meta:
            data = self.case.blobs.read(photo.blob.sha256)
        else:
            # The cached 1024-px preview: upright, and re-encoded from bare pixels, so no
            # EXIF, GPS, XMP, ICC profile or comment travels with it.
            data = self.case.photos.thumbnail(photo.uuid, PHOTO_SIDE)
        self.doc.add_picture(io.BytesIO(data), width=Inches(6))
        inline = self.doc.paragraphs[-1].runs[-1]._r.find(f".//{qn('wp:inline')}")
        label = f"Photo {self.bookmark_id + 1}"
        if inline is not None:
            pr = inline.find(qn("wp:docPr"))
            pr.set("name", label)
            pr.set("descr", photo.caption)
            for cnv in inline.iter(qn("pic:cNvPr")):
                cnv.set("name", label)
                cnv.set("descr", photo.caption)
        picture = self.doc.paragraphs[-1]
        credit = photo_credit(photo, style)
        # The picture, its caption and credit stay on one page (keep-with-next on all but
        # the last of them).
        under = []
        if photo.caption:
            under.append(self.doc.add_paragraph(xml_safe(photo.caption), style="Caption"))
        if credit:
            under.append(self.doc.add_paragraph(xml_safe(f"Photo: {credit}"), style="Credit"))
        for paragraph in [picture, *under][:-1]:
            paragraph.paragraph_format.keep_with_next = True

    def appendix(self, claims: dict[uuid.UUID, _ClaimInfo], requests: list[CommentRequest],
                 style: HouseStyle) -> None:
        heading = self.doc.add_paragraph("Sourcing", style="Appendix Heading")
        heading.paragraph_format.page_break_before = True
        rows: list[list[Cell]] = [
            [info.claim.statement,
             _nested(self.groups(info.links, style)) or "—",
             status_cell(info.claim, info.summary)] for info in claims.values()]
        self.table(("Claim", "Evidence", "Status"), (1.8, 3.5, 1.2), rows)
        self.doc.add_paragraph("Requests for comment", style="Appendix Heading")
        rows = []
        # What the story prints for each request: the right-of-reply sentence naming its
        # source, or (answered) one reporting its answer; else the sentence Casefile suggests.
        printed_for = PrintedReplies(draft_sentences(DraftText.parse(self.draft.body).text,
                                                     self.language or "en"),
                                     [r.source for r in requests])
        missing = []
        for r in requests:
            asked = style.date(r.asked_at) if r.asked_at else "—"
            if r.deadline:
                asked += f" (deadline {style.date(r.deadline)})"
            printed = printed_for.about(r)
            if printed is None:
                missing.append(r)
                printed = f"Not in the draft. Suggested: {request_sentence(r, style)}"
            rows.append([attribution_rules.request_target(r, style), asked,
                         r.status.value.replace("_", " "), printed])
        self.table(("To", "Asked", "Status", "In the story"), (1.6, 1.6, 1.0, 2.3), rows)
        sentences = attribution_rules.request_sentences(missing, style)
        if len(sentences) < len(missing):
            # Requests the draft has no sentence for, with one outcome, read as one sentence
            # in a story ("X and Y did not respond …"): the paragraph as it would print.
            p = self.doc.add_paragraph(style="Appendix Text")
            p.paragraph_format.space_before = Pt(6)
            p.add_run("Suggested for the story: ").bold = True
            p.add_run(xml_safe(" ".join(sentences)))

    def table(self, titles: tuple[str, ...], widths: tuple[float, ...],
              rows: list[list[Cell]]) -> None:
        """A small-print table whose header row repeats on each page it runs onto and
        whose rows are never split across a page break (a claim with its evidence)."""
        table = self.doc.add_table(rows=1, cols=len(titles))
        if "Table Grid" in [s.name for s in self.doc.styles]:
            table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Inches(width)  # the grid: LibreOffice ignores cell widths alone
        header: list[Cell] = list(titles)
        for i, values in enumerate([header, *rows]):
            row = table.rows[0] if i == 0 else table.add_row()
            _row_flags(row, header=i == 0)
            for cell, value, width in zip(row.cells, values, widths, strict=True):
                cell.width = Inches(width)
                paras = [(value, 0)] if isinstance(value, str) else value
                for n, (text, level) in enumerate(paras):
                    paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                    run = paragraph.add_run(xml_safe(text))
                    run.font.size = Pt(8.5)
                    run.font.bold = True if i == 0 else None
                    # A group's passages sit close under its head; groups are set apart.
                    following = paras[n + 1][1] if n + 1 < len(paras) else None
                    fmt = paragraph.paragraph_format
                    fmt.space_after = Pt(2 if following is None else 0 if following else 4)
                    if level:
                        fmt.left_indent = Pt(8 * level)


Cell = str | list[tuple[str, int]]  # a cell's text, or its paragraphs with indent levels


def note_after(text: str, start: int, end: int) -> int:
    """Where the note number of words ending at `start` goes (no further than `end`):
    after the rest of their last word, a possessive or contraction ("The company’s¹
    accounts", never "company’¹s"), and the punctuation and closing quotation marks that
    follow (Chicago 14.26: "crossing.¹", "long,”³"). An apostrophe closes a quotation only
    when no letter or figure follows it (“… ‘wait.’”, "the drivers’ union"); before one it
    is inside a word, as marks are that a letter or figure follows ("3:1", "U.S.")."""
    i = start
    in_word = i > 0 and text[i - 1].isalnum()
    while True:
        if in_word:  # a number never splits a word
            rest = _WORD_REST.match(text, i, end)
            if rest is not None:
                i = rest.end()
        marks = i
        while marks < end and (text[marks] in _CLOSING or text[marks] in _APOSTROPHES
                               and not text[marks + 1:marks + 2].isalnum()):
            marks += 1
        if marks in (i, end) or not text[marks].isalnum():
            return marks
        i, in_word = marks, True  # "3:1", "U.S.": the marks were inside a word


def _nested(groups: list[EvidenceGroup]) -> list[tuple[str, int]]:
    """Groups as lines with their levels: each head at 0, its passages under it at 1."""
    return [line for group in groups
            for line in [(group.head, 0), *((passage, 1) for passage in group.passages)]]


def _row_flags(row: Any, *, header: bool) -> None:
    """w:cantSplit on every row, w:tblHeader on the header row."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def support_line(s: SupportSummary) -> str:
    """What supports a claim, as one sentence for its comment: '1 independent source; all
    evidence usable in print.' (the summary's own text; its weaknesses follow separately)."""
    return full_stop(s.support_text())


def weak_reasons(s: SupportSummary) -> str:
    """Why a claim is weak: 'linked to a whole interview, no passage marked' ('' if not)."""
    # The status already says "needs a second source": the reason says only why.
    return "; ".join(s.weakness_text(w).removeprefix("needs a second source: ")
                     for w in s.weaknesses)


def comment_header(claim: Claim, s: SupportSummary) -> str:
    """'WEAK CLAIM — status: supported. 1 independent source; all evidence usable in print.
    Weak: linked to a whole interview, no passage marked.' — WEAK said once."""
    status = STATUS_WORDS[claim.status]
    head = f"WEAK CLAIM — status: {status}." if s.weak else f"Status: {status}."
    text = f"{head} {support_line(s)}"
    return f"{text} Weak: {full_stop(weak_reasons(s))}" if s.weak else text


def status_cell(claim: Claim, s: SupportSummary) -> str:
    """The Sourcing table's Status cell: 'needs a second source — weak: REASONS'."""
    status = STATUS_WORDS[claim.status]
    return f"{status} — weak: {weak_reasons(s)}" if s.weak else status


def curly(text: str) -> str:
    """Straight quotation marks and apostrophes as printed: “ ” ‘ ’ (the stored text keeps
    what was typed)."""
    text = re.sub(r'(^|[\s(\[—–‘-])"', "\\1“", text).replace('"', "”")
    return re.sub(r"(^|[\s(\[—–“-])'", "\\1‘", text).replace("'", "’")


def printed_wording_notes(links: list[Any]) -> list[str]:
    """For the editor: each quote the story prints in edited wording, beside the words the
    footnote gives, and whether the reporter accepted the change (the checker blocks it
    otherwise). Off-the-record quotes (the speaker's own rules too) are never shown."""
    from casefile.claims.quote_wording import is_accepted
    from casefile.claims.support import print_rules
    from casefile.models import GroundRules, Quote

    notes = []
    for link in links:
        quote = link.target
        if not isinstance(quote, Quote) or not quote.published_text.strip():
            continue
        if print_rules(quote) is GroundRules.OFF_RECORD:
            continue
        accepted = is_accepted(quote.published_text, quote.published_accepted)
        words = curly(" ".join((quote.translation or quote.text).split()))
        printed = curly(" ".join(quote.published_text.split()))
        given = "translation" if quote.translation.strip() else "transcript"
        notes.append(f"Printed as “{printed}” ({given}: “{words}”) — "
                     + ("edit accepted by the reporter" if accepted else
                        "edit NOT accepted: the checker blocks it"))
    return notes


def export_draft(case: CaseFile, draft_ref: uuid.UUID | str, out: Path | str, *,
                 profile: str = "editor", footnotes: bool = True,
                 keep_photo_metadata: bool = False, template: Path | None = None,
                 allow_blocking: bool | Collection[Finding] = False,
                 progress: Callable[[str], None] | None = None) -> ExportResult:
    """Write the draft as an attributed .docx at `out` (atomically), after checking that no
    protected source's name, contacts or notes appear anywhere in the file.

    Blocking findings of the draft checker refuse it (`BlockingFindingsError`) unless
    `allow_blocking` — True, or the findings the reporter saw and accepted (then any other
    blocking finding still refuses); the override is recorded on the draft version. A protected
    identity found in the file always refuses (`ExportRefusedError`): no override."""
    if profile not in PROFILES:
        raise ValidationError(f"profile must be one of {', '.join(PROFILES)}")
    out = Path(out)
    if not out.parent.is_dir():
        raise CaseFileError(f"{out.parent}: no such folder")
    from casefile.outputs import guard_output

    guard_output(out, [case.path])  # never over the case, nor a file in use
    private_temp.clean_stale()
    blocking = blocking_only(case.drafts.check(draft_ref))
    if blocking and not overrides(allow_blocking, blocking):
        raise BlockingFindingsError(out, blocking)
    version_id = uuid.uuid4()
    with case._store.read() as s:
        draft = case.drafts._load(s, draft_ref)
        style = house_style(s)
        text = DraftText.parse(draft.body)
        ids = {a.claim for a in text.anchors}
        claim_rows = list(s.scalars(select(Claim).where(Claim.uuid.in_(ids)))) if ids else []
        links = live_links(s, [c.id for c in claim_rows])
        seen: set[str] = set()
        order = {a.claim: i for i, a in reversed(list(enumerate(sorted(
            text.anchors, key=lambda a: a.start))))}
        claim_rows.sort(key=lambda c: order.get(c.uuid, 0))
        claims = {c.uuid: _ClaimInfo(c, links[c.id], summarize(c, links[c.id]),
                                     attribute(c, links[c.id], style, seen))
                  for c in claim_rows}
        photos = {p.uuid: p for p in s.scalars(select(Photo).where(Photo.uuid.in_(
            set(text.photos))))} if text.photos else {}
        # Only the requests that concern this draft's claims (docs/export.md), not the
        # case's every one: the appendix follows the draft, not the case.
        said = "\n".join((draft.headline or "", draft.dek or "", draft.body or ""))
        requests = requests_concerning(s, claim_rows, links, said) if profile == "editor" \
            else []
        protected = protection_for(s.scalars(select(Source).execution_options(
            include_trashed=True)))
        if progress:
            progress("building")
        language = s.scalars(select(CaseInfo.language)).one()
        builder = _Builder(case, draft, profile, footnotes, keep_photo_metadata, template,
                           version_id, language)
        document = builder.build(style, claims, photos, requests)
        located = scan_records(protected, draft_texts(
            draft, claims.values(), photos.values(), requests, builder.lines,
            {p.uuid: photo_credit(p, style) for p in photos.values()},
            editor=profile == "editor", published=builder.published,
            tagline=builder.tagline))
        if located:
            raise ExportRefusedError(out, located)
        separate_comment_ids(document)
        scrub(document, title=draft.headline, authors=[b.member.name for b in draft.byline],
              when=datetime.now(UTC).replace(microsecond=0))
    name_hits = check_file_name(out, protected)
    if name_hits:
        raise ExportRefusedError(out, name_hits)
    buffer = io.BytesIO()
    try:
        document.save(buffer)  # in memory: nothing unscanned touches the disk
    except OSError as exc:
        raise CaseFileError(f"{out}: cannot be written ({exc.strerror})") from exc
    data = buffer.getvalue()
    if progress:
        progress("checking for protected sources")
    hits = scan_package(data, protected)
    if hits:
        raise ExportRefusedError(out, hits)
    digest = hashlib.sha256(data).hexdigest()
    extra: dict[str, Any] = {"export": {"file": out.name, "sha256": digest, "profile": profile}}
    if blocking:
        extra["override"] = override_record(blocking, case._store.actor)

    def record() -> uuid.UUID:
        return case.drafts.snapshot(draft.uuid, f"exported ({profile}) to {out.name}",
                                    version_uuid=version_id, extra=extra).uuid

    version = _write_into_place(out, data, record)
    return ExportResult(out, digest, version, builder.footnote_count,
                        builder.comment_count, len(blocking))


def _write_into_place(out: Path, data: bytes, record: Callable[[], uuid.UUID]) -> uuid.UUID:
    """Scanned bytes to a temporary name beside `out` and flushed; then the draft version is
    recorded, and only then is the file renamed over `out`. A failure anywhere before the
    rename (a full or failing disk, also under the case file) leaves `out` as it was."""
    part = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        with part.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        version = record()
        os.replace(part, out)
    except OSError as exc:
        raise CaseFileError(f"{out}: cannot be written ({exc.strerror})") from exc
    finally:
        part.unlink(missing_ok=True)
    if sys.platform != "win32":  # the rename itself, best effort: the file is whole already
        with contextlib.suppress(OSError):
            fsync_path(out.parent)
    return version
