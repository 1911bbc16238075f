"""The draft editor: headline, dek and body, claims bound to spans of text, and the checker
running as the reporter writes.

The body is edited in a QTextDocument: a claim anchor is a character format whose anchor
href is `claim:UUID` (dotted underline, tooltip with status and attribution), a photo
placement is U+FFFC carrying the photo's UUID. `DraftText` converts both ways without loss.
"""

from __future__ import annotations

import contextlib
import uuid
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.claims.draft_text import DraftText
from casefile.errors import CaseFileError
from casefile.read_models import DraftData
from ui import draft_actions
from ui.autosave import OnEdit, autosave, save_fields
from ui.case_changes import reread, same_version
from ui.draft_actions import claim_tooltips
from ui.draft_checker import CheckerView, ExcerptRole, highlight, words_at
from ui.draft_checking import CheckRuns
from ui.draft_document import cursor_at, from_document, parse_day, to_document, word_count
from ui.draft_facts import CalendarButton, DraftFacts, byline_text, words_text
from ui.forms import name_fields
from ui.kinds import tr
from ui.palette import text_style
from ui.prompts import Prompts

PICK_ALL_UP_TO = 300  # claims listed in full in the picker; more are searched


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
        self.photo_action = QAction(tr("Insert a &photo…"), self)
        self.photo_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.photo_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.photo_action.triggered.connect(lambda: self.insert_photo())
        self.body.addAction(self.photo_action)
        self.facts = DraftFacts(self)
        self.dateline_place, self.dateline_country = self.facts.place, self.facts.country
        self.contributor_line = self.facts.contributor
        self.checker = CheckerView()
        self.findings = self.checker.findings
        self.problem = QLabel()
        self.check_runs = CheckRuns(case, self.pool, self.checker, self.problem)
        self.check_runs.checked.connect(self.checked.emit)
        self.findings.itemActivated.connect(self._jump)
        self.findings.itemClicked.connect(self._jump)
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Headline"), self.headline)
        form.addRow(tr("Dek"), self.dek)
        form.addRow(tr("Byline"), self.facts.byline_row)
        form.addRow(tr("Dateline"), self.facts.dateline_row)
        published_row = QHBoxLayout()
        published_row.addWidget(self.published, 1)
        self.calendar = CalendarButton(self.published, self)
        self.calendar.picked.connect(lambda _d: self._published_done())
        published_row.addWidget(self.calendar)
        published_row.addWidget(self.published_as, 2)
        form.addRow(tr("Published"), published_row)
        form.addRow(tr("Status"), self.facts.status_row)
        self.published.setAccessibleName(tr("Published"))
        photo_button = QPushButton(tr("Insert a photo…"))
        photo_button.setObjectName("insertPhoto")
        photo_button.setToolTip(tr("Place a photo of the case at the cursor (Ctrl+Shift+P); "
                                   "it prints with its caption and credit."))
        photo_button.clicked.connect(lambda: self.insert_photo())
        self.facts.status_line.insertWidget(1, photo_button)
        foot = QFormLayout()  # what prints after the story's last paragraph
        foot.addRow(tr("Contributors"), self.facts.contributor_row)
        foot.addRow(tr("Tagline"), self.tagline)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.body)
        split.addWidget(self.checker)
        split.setSizes([420, 150])
        name_fields(form)
        name_fields(foot)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addLayout(foot)
        layout.addWidget(self.problem)
        self.body.textChanged.connect(self._count_words)
        self.published.editingFinished.connect(self._published_done)
        self.tagline.editingFinished.connect(self._tagline_done)
        for typed in (self.headline, self.dek, self.body, self.tagline, self.facts.place,
                      self.facts.country, self.facts.contributor):
            autosave(typed, self.save)  # "Saving…" shown; flushed when the field is left
        self.facts.status.activated.connect(
            lambda _i: self._save_fields({"status": self.facts.status.currentData()}))
        self.facts.byline_button.clicked.connect(lambda: self.choose_byline())
        self.facts.generate.clicked.connect(lambda: self.generate_contributors())

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
                "published_on": self.published.text().strip(),
                **{name: edit.text() for name, edit in self._fact_edits()}}

    def _fact_edits(self) -> tuple[tuple[str, QLineEdit], ...]:
        """The typed facts, saved with the text after a pause (the draft's field names)."""
        return (("dateline_place", self.facts.place), ("dateline_country", self.facts.country),
                ("contributor_line", self.facts.contributor))

    @staticmethod
    def _stored_fields(draft: DraftData) -> dict[str, Any]:
        return {"headline": draft.headline, "dek": draft.dek, "body": draft.body,
                "author_tagline": draft.author_tagline,
                "published_on": draft.published_on.isoformat() if draft.published_on else "",
                "dateline_place": draft.dateline_place,
                "dateline_country": draft.dateline_country,
                "contributor_line": draft.contributor_line}

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
        self.facts.show(draft, same)
        if "body" not in same:
            text = DraftText.parse(draft.body)
            self.body.setDocument(to_document(text, self._tooltips(text),
                                              lambda p: self.case.photos.thumbnail(p, 256)))
            self.body.setExtraSelections([])
        self._count_words()
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
            with contextlib.suppress(CaseFileError):  # a byline name changed in the team
                self.facts.byline.setText(byline_text(self.case.drafts.get(self.record.uuid)))
        if changes.touches("claim", "source", "quote"):
            self.run_checker()

    def _follow(self, fresh: DraftData) -> None:
        """Show the draft as changed elsewhere, keeping (and saving) the typing of fields
        that change did not touch."""
        assert self.record is not None
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

    def _save_fields(self, fields: dict[str, Any]) -> bool:
        """Save fields as every form does (refusals shown, undo offered); whether saved."""
        if self._loading or self.record is None:
            return False
        updated = save_fields(self.case.drafts, self.record, fields, self.problem,
                              self.on_edit, tr("edit draft “{n}”").replace(
                                  "{n}", self.record.headline))
        if updated is not None:
            self.record = updated
            self.refresh_tagline()
        return updated is not None

    def _tooltips(self, text: DraftText) -> dict[uuid.UUID, str]:
        return claim_tooltips(self.case, text)

    def choose_byline(self) -> None:
        """Choose who is on this draft's byline, and in which order (saved at once)."""
        draft_actions.choose_byline(self)

    def generate_contributors(self) -> None:
        """Write the contributor line from the team; the reporter can edit it after."""
        draft_actions.generate_contributors(self)

    def insert_photo(self, photo: uuid.UUID | None = None) -> None:
        """Place a photo of the case at the cursor (chosen from the case's photos)."""
        draft_actions.insert_photo(self, photo)

    def bind_claim(self, claim_id: uuid.UUID | None = None) -> None:
        """Bind the selected words to a claim (chosen from the case's claims)."""
        draft_actions.bind_claim(self, claim_id)

    def _count_words(self) -> None:
        self.facts.words.setText(words_text(word_count(self.body.document())))

    def current_text(self) -> DraftText:
        """The body as the editor shows it now."""
        return from_document(self.body.document())

    def save(self) -> None:
        """Save what changed (headline, dek, body, dateline, contributor line, date,
        tagline); a changed text re-runs the checker."""
        if self.record is None:
            return
        self._save_facts()
        # Each typed field as every form saves it, one undo step per field (typing merges);
        # only what differs is written, so a field shown and not typed in never overwrites a
        # change made elsewhere. The body is the editor's own (its undo is the text's).
        changed = [self._save_fields({name: edit.text()}) for name, edit in (
            ("headline", self.headline), ("dek", self.dek), *self._fact_edits())]
        body = self.current_text().serialize()
        if self.record is not None and body != self.record.body:
            try:
                self.record = self.case.drafts.update(self.record.uuid, body=body)
            except CaseFileError as exc:
                self.problem.setText(str(exc))
                return
            self.problem.clear()
            changed.append(True)
        if any(changed):
            self.run_checker()

    def run_checker(self) -> None:
        """Re-run the checker on a worker (ui/draft_checking.py)."""
        if self.record is not None:
            self.check_runs.run(self.record.uuid)

    def checking(self) -> bool:
        """Whether a checker run has not reported yet."""
        return self.check_runs.busy()

    def _jump(self, item: QListWidgetItem) -> None:
        """Show the words a finding is about: selected, and highlighted so they stay marked
        when the reporter clicks into the text to fix them."""
        position = item.data(Qt.ItemDataRole.UserRole)
        if position is None or position < 0:
            return
        start, length = words_at(self.current_text().text, position,
                                 item.data(ExcerptRole) or "")
        self.jump_to(start, length)

    def jump_to(self, position: int, length: int = 0) -> None:
        """Put the cursor at a place in the draft's visible text (a finding, a refusal),
        selecting `length` characters from there, and mark them until the next jump."""
        cursor = cursor_at(self.body.document(), self.current_text().text, position, length)
        self.body.setTextCursor(cursor)
        highlight(self.body, cursor)
        self.body.ensureCursorVisible()
        self.body.setFocus()
