"""The draft editor: headline, dek and body, claims bound to spans of text, and the checker
running as the reporter writes.

The body is edited in a QTextDocument: a claim anchor is a character format whose anchor
href is `claim:UUID` (dotted underline, tooltip with status and attribution), a photo
placement is U+FFFC carrying the photo's UUID. `DraftText` converts both ways without loss.
"""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QImage,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.claims.draft_text import OBJECT, PARAGRAPH, Anchor, DraftText
from casefile.errors import CaseFileError, ValidationError
from casefile.read_models import DraftData
from ui.autosave import OnEdit, save_fields
from ui.case_changes import reread, same_version
from ui.forms import name_fields
from ui.interview_panel import qt_position
from ui.kinds import tr
from ui.palette import qcolor, text_style
from ui.prompts import Prompts
from ui.tasks import Job

PhotoProperty = QTextFormat.Property.UserProperty + 1
SAVE_DELAY_MS = 800
PICK_ALL_UP_TO = 300  # claims listed in full in the picker; more are searched
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, label: str) -> date | None:
    """'2026-12-01' as a date (None when empty); anything else is refused with the form the
    field wants, never a traceback."""
    text = text.strip()
    if not text:
        return None
    if _ISO_DAY.fullmatch(text):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(text)
    raise ValidationError(tr("{f}: “{t}” is not a date; write it as 2026-12-01")
                          .replace("{f}", label).replace("{t}", text))


def to_document(text: DraftText, tooltips: dict[uuid.UUID, str],
                preview: Callable[[uuid.UUID], bytes] | None = None) -> QTextDocument:
    """A QTextDocument showing the draft body: anchors as formatted ranges, photos as their
    previews (image resources named `photo:UUID`)."""
    doc = QTextDocument()
    cursor = QTextCursor(doc)
    block_format = QTextBlockFormat()
    block_format.setBottomMargin(8)
    cursor.setBlockFormat(block_format)
    photos = iter(text.photos)
    bounds = sorted({0, len(text.text), *[a.start for a in text.anchors],
                     *[a.end for a in text.anchors]})
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text.text[start:end]
        covering = [a for a in text.anchors if a.start <= start and end <= a.end]
        fmt = QTextCharFormat()
        if covering:
            claim = covering[-1].claim
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"claim:{claim}")
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(qcolor("anchor"))
            fmt.setToolTip(tooltips.get(claim, ""))
        for i, part in enumerate(piece.split(PARAGRAPH)):
            if i:
                cursor.insertBlock(block_format)
            for ch_chunk in _split_objects(part):
                if ch_chunk == OBJECT:
                    photo = next(photos, None)
                    if photo is None:
                        continue
                    name = f"photo:{photo}"
                    image = QImage()
                    if preview is not None:
                        with contextlib.suppress(CaseFileError):
                            image.loadFromData(preview(photo))
                    if image.isNull():
                        image = QImage(240, 160, QImage.Format.Format_RGB32)
                        image.fill(qcolor("placeholder"))
                    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
                    image_format = QTextImageFormat()
                    image_format.setName(name)
                    image_format.setWidth(min(240, image.width()))
                    image_format.setProperty(PhotoProperty, str(photo))
                    cursor.insertImage(image_format)
                elif ch_chunk:
                    cursor.insertText(ch_chunk, fmt)
    doc.clearUndoRedoStacks()  # loading the draft is not an edit Ctrl+Z should take back
    return doc


def _split_objects(text: str) -> list[str]:
    out, buf = [], ""
    for ch in text:
        if ch == OBJECT:
            out += [buf, OBJECT]
            buf = ""
        else:
            buf += ch
    return [*out, buf]


def from_document(doc: QTextDocument) -> DraftText:
    """The draft body a QTextDocument shows (blocks are paragraphs)."""
    parts: list[str] = []
    anchors: list[Anchor] = []
    photos: list[uuid.UUID] = []
    length = 0
    block = doc.begin()
    first = True
    while block.isValid():
        if not first:
            parts.append(PARAGRAPH)
            length += len(PARAGRAPH)
        first = False
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                piece = fragment.text()
                fmt = fragment.charFormat()
                href = fmt.anchorHref() if fmt.isAnchor() else ""
                if OBJECT in piece and fmt.isImageFormat() and \
                        fmt.toImageFormat().name().startswith("photo:"):
                    try:
                        photos.extend(uuid.UUID(fmt.toImageFormat().name()[6:])
                                      for _ in range(piece.count(OBJECT)))
                    except ValueError:
                        piece = piece.replace(OBJECT, "")
                else:
                    piece = piece.replace(OBJECT, "")
                if href.startswith("claim:"):
                    try:
                        claim = uuid.UUID(href[6:])
                    except ValueError:
                        claim = None
                    if claim is not None:
                        if anchors and anchors[-1].claim == claim and anchors[-1].end == length:
                            anchors[-1] = Anchor(anchors[-1].start, length + len(piece), claim)
                        else:
                            anchors.append(Anchor(length, length + len(piece), claim))
                parts.append(piece)
                length += len(piece)
            it += 1
        block = block.next()
    return DraftText("".join(parts), tuple(anchors), tuple(photos))


class DraftPanel(QWidget):
    """Edits one draft; every change is saved after a short pause and the checker re-runs."""

    checked = Signal(object)  # the findings

    def __init__(self, case: CaseFile, prompts: Prompts, parent: QWidget | None = None,
                 pool: QThreadPool | None = None, on_edit: OnEdit | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.prompts = prompts
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.pool = pool or QThreadPool.globalInstance()
        self.record: DraftData | None = None
        self._loading = False
        self._check_turn = 0  # the latest checker run asked for; older findings are dropped
        self._check_jobs: set[Job] = set()  # running checkers, kept until they report
        self.headline = QLineEdit()
        self.dek = QLineEdit()
        self.published = QLineEdit()
        self.published.setObjectName("published")
        self.published.setPlaceholderText("2026-12-01")
        self.published_as = QLabel()  # the date as the house style prints it
        self.tagline = QLineEdit()
        self.tagline.setObjectName("tagline")
        self.body = QTextEdit()
        self.body.setObjectName("draftBody")
        self.body.setAccessibleName(tr("Draft body"))
        self.body.setAcceptRichText(False)
        self.bind_action = QAction(tr("&Bind a claim to the selection…"), self)
        self.bind_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.bind_action.triggered.connect(lambda: self.bind_claim())
        self.body.addAction(self.bind_action)
        self.body.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.findings = QListWidget()
        self.findings.setObjectName("findings")
        self.findings.setAccessibleName(tr("Checker findings"))
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._jump)
        self.findings.itemClicked.connect(self._jump)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Headline"), self.headline)
        form.addRow(tr("Dek"), self.dek)
        published_row = QHBoxLayout()
        published_row.addWidget(self.published, 1)
        published_row.addWidget(self.published_as, 2)
        form.addRow(tr("Published"), published_row)
        form.addRow(tr("Tagline"), self.tagline)
        self.published.setAccessibleName(tr("Published"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.body)
        box = QWidget()
        checker = QVBoxLayout(box)
        checker.setContentsMargins(0, 0, 0, 0)
        checker.addWidget(QLabel(tr("Checker")))
        checker.addWidget(self.findings)
        split.addWidget(box)
        split.setSizes([420, 200])
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.problem)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save)
        for signal in (self.headline.textEdited, self.dek.textEdited):
            signal.connect(lambda _t: self._changed())
        self.body.textChanged.connect(self._changed)
        self.published.editingFinished.connect(self._published_done)
        self.tagline.editingFinished.connect(self._tagline_done)

    def show_record(self, draft: DraftData) -> None:
        """Load a draft into the editor and run the checker; the same draft again is read
        after the pending save, so a change made elsewhere meanwhile shows."""
        self.save()
        if self.record is not None and self.record.uuid == draft.uuid:
            with contextlib.suppress(CaseFileError):
                draft = self.case.drafts.get(draft.uuid)
        self.record = draft
        self._fill(draft, keep=set())

    def _editor_fields(self) -> dict[str, Any]:
        """What the editor shows now, field by field, as it compares with the stored draft
        (the date as typed: a date not yet valid is still typing)."""
        return {"headline": self.headline.text(), "dek": self.dek.text(),
                "body": self.current_text().serialize(),
                "author_tagline": " ".join(self.tagline.text().split()),
                "published_on": self.published.text().strip()}

    @staticmethod
    def _stored_fields(draft: DraftData) -> dict[str, Any]:
        return {"headline": draft.headline, "dek": draft.dek, "body": draft.body,
                "author_tagline": draft.author_tagline,
                "published_on": draft.published_on.isoformat() if draft.published_on else ""}

    def _fill(self, draft: DraftData, keep: set[str]) -> None:
        """Show `draft` in the editor, leaving the fields in `keep` (typing not yet saved)
        and every field that already shows the stored value as they are (no cursor jump)."""
        shown, stored = self._editor_fields(), self._stored_fields(draft)
        same = {k for k in stored if shown[k] == stored[k]} | keep
        self._loading = True
        for name, edit in (("headline", self.headline), ("dek", self.dek),
                           ("published_on", self.published),
                           ("author_tagline", self.tagline)):
            if name not in same:
                edit.setText(draft.author_tagline if name == "author_tagline"
                             else str(stored[name]))
                edit.setCursorPosition(0)
        self.refresh_tagline()
        if "body" not in same:
            text = DraftText.parse(draft.body)
            self.body.setDocument(to_document(text, self._tooltips(text),
                                              lambda p: self.case.photos.thumbnail(p, 256)))
            self.body.document().contentsChanged.connect(self._changed)
        self._loading = False
        self.run_checker()

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this). Changed elsewhere: the
        draft is read again; what the user typed and has not saved stays and is saved,
        unless the change elsewhere was to that same field — the panel never writes what it
        showed before over it. The tagline placeholder follows the byline's members, the
        checker the claims it reads."""
        if self.record is None:
            return
        if changes.touched("draft", self.record.uuid):
            fresh = reread(self.case.drafts.get, self.record.uuid)
            if fresh is None:
                return  # trashed: the window stops showing it
            if not same_version(fresh, self.record):
                self._follow(fresh)
                return
        if changes.touches("team_member"):
            self.refresh_tagline()
        if changes.touches("claim", "source", "quote"):
            self.run_checker()

    def _follow(self, fresh: DraftData) -> None:
        """Show the draft as changed elsewhere, keeping (and saving) the typing of fields
        that change did not touch."""
        assert self.record is not None
        self.save_timer.stop()
        before, shown = self._stored_fields(self.record), self._editor_fields()
        after = self._stored_fields(fresh)
        keep = {k for k in shown if shown[k] != before[k] and after[k] == before[k]}
        self.record = fresh
        self._fill(fresh, keep)
        if keep:
            self.save()

    def refresh_tagline(self) -> None:
        """Show what prints when the tagline is left empty (the generated one, from the
        byline's roles, outlets and bases, which change elsewhere), and the date as the house
        style writes it."""
        if self.record is None:
            return
        try:
            generated = self.case.drafts.tagline(self.record.uuid, generated=True)
            style = self.case.house_style()
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.tagline.setPlaceholderText(generated or tr(
            "Nothing to print: give the byline an outlet or a base city, or write one here"))
        self.tagline.setToolTip(tr("Left empty, the story prints: {t}").replace(
            "{t}", generated) if generated else "")
        day = self.record.published_on
        self.published_as.setText(tr("prints as {d}").replace("{d}", style.date(day))
                                  if day else "")

    def _published_done(self) -> None:
        try:
            day = parse_day(self.published.text(), tr("Published"))
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        if self.record is not None and day == self.record.published_on:
            self.problem.clear()  # typed back to what is stored: the refusal no longer holds
        self._save_fields({"published_on": day})

    def _tagline_done(self) -> None:
        tagline = " ".join(self.tagline.text().split())
        self._save_fields({"author_tagline": tagline})
        if self.record is not None and self.record.author_tagline == tagline != \
                self.tagline.text():
            self.tagline.setText(tagline)  # as stored, and as it prints
            self.tagline.setCursorPosition(0)

    def _save_facts(self) -> None:
        """Save a tagline or date still being typed (the window closing, another record)."""
        if self.record is None:
            return
        tagline = " ".join(self.tagline.text().split())
        if tagline != self.record.author_tagline:
            self._save_fields({"author_tagline": tagline})
        with contextlib.suppress(CaseFileError):  # a bad date stays shown, with its refusal
            day = parse_day(self.published.text(), tr("Published"))
            if day != self.record.published_on:
                self._save_fields({"published_on": day})

    def _save_fields(self, fields: dict[str, Any]) -> None:
        """Save the publication facts as every form does (refusals shown, undo offered)."""
        if self._loading or self.record is None:
            return
        updated = save_fields(self.case.drafts, self.record, fields, self.problem,
                              self.on_edit, tr("edit draft “{n}”").replace(
                                  "{n}", self.record.headline))
        if updated is not None:
            self.record = updated
            self.refresh_tagline()

    def _tooltips(self, text: DraftText) -> dict[uuid.UUID, str]:
        bound = [a.claim for a in text.anchors]
        briefs = self.case.claims.briefs(bound)  # one read for every anchor
        tips = {}
        for claim_id in set(bound):
            brief = briefs.get(claim_id)
            if brief is None:
                tips[claim_id] = tr("This claim no longer exists.")
                continue
            tips[claim_id] = (f"{brief.statement}\n{brief.status.replace('_', ' ')}: "
                              f"{brief.summary.describe()}\n{tr('Attribution')}: "
                              f"{brief.attribution or tr('none')}")
        return tips

    def _changed(self) -> None:
        if not self._loading and self.record is not None:
            self.save_timer.start()

    def current_text(self) -> DraftText:
        """The body as the editor shows it now."""
        return from_document(self.body.document())

    def save(self) -> None:
        """Save what changed (headline, dek, body, date, tagline); a changed text re-runs the
        checker."""
        self.save_timer.stop()
        if self.record is None:
            return
        self._save_facts()
        fields = {"headline": self.headline.text(), "dek": self.dek.text(),
                  "body": self.current_text().serialize()}
        # Only what differs is written: a field shown and not typed in never overwrites a
        # change made elsewhere.
        fields = {k: v for k, v in fields.items() if getattr(self.record, k) != v}
        if not fields:
            return
        try:
            self.record = self.case.drafts.update(self.record.uuid, **fields)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.run_checker()

    def bind_claim(self, claim_id: uuid.UUID | None = None) -> None:
        """Bind the selected words to a claim (chosen from the case's claims)."""
        cursor = self.body.textCursor()
        if self.record is None or not cursor.hasSelection():
            self.problem.setText(tr("Select the words the claim stands for first."))
            return
        if claim_id is None:
            claim_id = self._pick_claim()
            if claim_id is None:
                return
        fmt = QTextCharFormat()
        fmt.setAnchor(True)
        fmt.setAnchorHref(f"claim:{claim_id}")
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(qcolor("anchor"))
        fmt.setToolTip(self._tooltips(DraftText("", (Anchor(0, 1, claim_id),))).get(
            claim_id, ""))
        cursor.mergeCharFormat(fmt)
        self.save()

    def _pick_claim(self) -> uuid.UUID | None:
        """Choose a claim from the list — or, in a big case, from a search of the claims."""
        if self.case.claims.count() <= PICK_ALL_UP_TO:
            claims = self.case.claims.page(limit=PICK_ALL_UP_TO)
            labels = [f"{c.statement}  [{c.status.value.replace('_', ' ')}]" for c in claims]
            keys = [c.uuid for c in claims]
        else:
            words = self.prompts.text(self, tr("Bind a claim"), tr("Search the claims:"))
            if not words:
                return None
            hits = self.case.search.search(words, kinds=["claim"], limit=100)
            labels, keys = [h.title for h in hits], [h.uuid for h in hits]
            if not hits:
                self.problem.setText(tr("No claim matches that search."))
                return None
        choice = self.prompts.choose(self, tr("Bind a claim"), tr("Claim:"), labels)
        return keys[choice] if choice is not None else None

    def run_checker(self) -> None:
        """Re-run the checker on a worker: on a long investigation it reads every quote and
        source and takes most of a second, a freeze each time a draft is opened, saved or
        re-selected after a list reload (the Word export's end). The findings replace the
        list when they come, unless another run was asked for meanwhile."""
        if self.record is None:
            return
        self._check_turn += 1
        turn, ref = self._check_turn, self.record.uuid
        for older in self._check_jobs:
            older.cancel()
        job = Job(lambda _c: [self.case.drafts.check(ref)], defer_full_gc=True)
        job.signals.finished.connect(lambda items: self._checker_done(job, turn, items))
        job.signals.failed.connect(lambda message: self._checker_failed(job, turn, message))
        self._check_jobs.add(job)
        self.pool.start(job)

    def checking(self) -> bool:
        """Whether a checker run has not reported yet."""
        return bool(self._check_jobs)

    def _checker_done(self, job: Job, turn: int, items: list[Any]) -> None:
        self._check_jobs.discard(job)
        if turn != self._check_turn or not items:
            return  # a newer run (another draft, a later edit) is on its way
        findings = items[0]
        self.findings.clear()
        for f in findings:
            item = QListWidgetItem((tr("BLOCKING: ") if f.blocking else "") + f.message)
            item.setToolTip(f.excerpt)
            item.setData(Qt.ItemDataRole.UserRole, f.position)
            if f.blocking:
                item.setForeground(qcolor("problem"))
            self.findings.addItem(item)
        self.checked.emit(findings)

    def _checker_failed(self, job: Job, turn: int, message: str) -> None:
        self._check_jobs.discard(job)
        if turn == self._check_turn:
            self.problem.setText(message)

    def _jump(self, item: QListWidgetItem) -> None:
        position = item.data(Qt.ItemDataRole.UserRole)
        if position is None or position < 0:
            return
        self.jump_to(position)

    def jump_to(self, position: int, length: int = 0) -> None:
        """Put the cursor at a place in the draft's visible text (a finding, a refusal),
        selecting `length` characters from there."""
        text = self.current_text().text
        before = text[:position]
        paragraph = before.count(PARAGRAPH)
        offset = len(before) - (before.rfind(PARAGRAPH) + len(PARAGRAPH)
                                if paragraph else 0)
        block = self.body.document().findBlockByNumber(paragraph)
        para_text = text.split(PARAGRAPH)[paragraph] if paragraph < len(
            text.split(PARAGRAPH)) else ""
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + qt_position(para_text, offset))
        if length:
            cursor.setPosition(block.position() + qt_position(para_text, offset + length),
                               QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.setFocus()
