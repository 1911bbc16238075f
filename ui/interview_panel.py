"""An interview: who, when, where, and the transcript — where selected words become a quote.

The transcript is saved as it is typed (after a short pause); quotes are highlighted, and
quotes whose words the transcript no longer holds at their span are flagged, never changed.
Below the transcript, the quote at the cursor takes its published wording (quote_wording_box).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import GroundRules, InterviewData, Medium, QuoteData, SourceData
from ui.autosave import OnEdit, autosave
from ui.case_changes import reread, same_version
from ui.kinds import tr
from ui.palette import qcolor, text_style
from ui.pickers import PeoplePicker, public_label
from ui.prompts import Prompts
from ui.quote_list import QuoteFields, QuoteList, transcript_page
from ui.quote_wording_box import QuoteWordingBox
from ui.record_form import Field, RecordForm, datetime_text

# The kinds of record the panel shows besides the interview: the people in its heading.
PEOPLE_KINDS = ("source", "team_member")

DETAIL_FIELDS = [
    Field("title", tr("Title")),
    Field("held_at", tr("Held"), "datetime"),
    Field("place_name", tr("Place"), placeholder=tr("e.g. Blagoveshchensk, the market")),
    Field("medium", tr("Medium"), "choice", Medium),
    Field("ground_rules", tr("Ground rules"), "choice", GroundRules),
    Field("language", tr("Language"), placeholder=tr("e.g. ru")),
    Field("interpreter", tr("Interpreter")),
    Field("notes", tr("Notes"), "notes"),
]


def py_index(text: str, qt_position: int) -> int:
    """A Qt (UTF-16) position in `text` as a Python (code point) index."""
    return len(text.encode("utf-16-le")[: qt_position * 2].decode("utf-16-le", "ignore"))


def qt_position(text: str, index: int) -> int:
    """A Python index in `text` as a Qt (UTF-16) position."""
    return len(text[:index].encode("utf-16-le")) // 2


class InterviewPanel(QWidget):
    """Shows and edits one interview through the case's interview, quote and source
    services: the transcript (with its quotes) on one tab, who/when/where on the other."""

    quote_made = Signal(object)
    saved = Signal(object)

    def __init__(self, case: CaseFile, prompts: Prompts, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.interviews = case.interviews
        self.quotes = case.quotes
        self.prompts = prompts
        self.record: InterviewData | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("driftWarning")
        self.warning.setStyleSheet(text_style("weak"))
        self.warning.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        self.transcript = QPlainTextEdit()
        self.transcript.setObjectName("transcript")
        self.transcript.setAccessibleName(tr("Transcript"))
        self.make_quote_action = QAction(tr("Make &quote from selection"), self)
        self.make_quote_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.make_quote_action.triggered.connect(self.make_quote)
        self.transcript.addAction(self.make_quote_action)
        # Qt's own menu (Undo, Cut, Copy, Paste, Select All) with making a quote added.
        self.transcript.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.transcript.customContextMenuRequested.connect(self._show_context_menu)
        self.context_menu: QMenu | None = None
        self.link_action = QAction(tr("&Link quote to claim…"), self)
        self.link_action.triggered.connect(self.link_to_claim)
        # (claim uuid, [(kind, uuid)]) → links made: the window's, one undo step
        self.on_link: Callable[[uuid.UUID, list[tuple[str, str]]], object] | None = None
        autosave(self.transcript, self.save)  # "Saving…" shown; flushed when left
        self.transcript.cursorPositionChanged.connect(self._cursor_moved)
        self._spans: list[tuple[uuid.UUID, int, int]] = []  # (uuid, start, end) of placed quotes
        self.wording = QuoteWordingBox(self.quotes, on_edit)
        self.quote_list = QuoteList()
        self.quote_list.chosen.connect(lambda key: self.select_quote(key, focus=False))
        self.quote_fields = QuoteFields(case, on_edit)
        self.quote_fields.saved.connect(self._quote_saved)
        self._selecting = False
        self.details = RecordForm(self.interviews, DETAIL_FIELDS, self.problem,
                                  tr("edit interview"), on_edit)
        self.details.saved.connect(self._details_saved)
        self.people = PeoplePicker(case, placeholder=tr("Type a name to add an interviewee…"))
        self.people.setAccessibleName(tr("Interviewees"))
        self.people.changed.connect(self.edit_interviewees)
        self.details.form.insertRow(1, tr("Interviewees"), self.people)
        details_page = QWidget()
        box = QVBoxLayout(details_page)
        box.addWidget(self.details)
        box.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("interviewTabs")
        self.tabs.addTab(transcript_page(self.transcript, self.quote_list, self.quote_fields,
                                         self.wording), tr("&Transcript"))
        self.tabs.addTab(details_page, tr("&Details"))
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.meta, self.warning, self.tabs, self.problem):
            layout.addWidget(widget)
        self._loading = False

    def show_record(self, interview: InterviewData) -> None:
        """Fill the panel from an interview (read whole: list rows leave the transcript out)."""
        self.save()
        with contextlib.suppress(CaseFileError):  # trashed meanwhile: show what was given
            interview = self.interviews.get(interview.uuid)
        same = self.record is not None and self.record.uuid == interview.uuid
        kept = self.wording.quote.uuid if same and self.wording.quote is not None else None
        self.record = interview
        self._loading = True
        self._show_heading(interview)
        self.details.show_record(interview)
        self.transcript.setPlainText(interview.transcript)
        self._loading = False
        self.refresh_quotes()
        self.show_quote(kept)  # the same interview again (an undo): the same quote

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this): the interview read
        again if someone else changed it — not after this panel's own save — and its quotes
        when quotes changed, the one shown read again if it was among them."""
        if self.record is None:
            return
        if changes.touched("interview", self.record.uuid):
            fresh = reread(self.interviews.get, self.record.uuid)
            if fresh is None:
                return  # trashed: the window stops showing it
            if not same_version(fresh, self.record):
                self.show_record(fresh)
                return
        if changes.touches(*PEOPLE_KINDS):  # a name or ground rules it shows, edited
            with contextlib.suppress(CaseFileError):
                self._show_heading(self.interviews.get(self.record.uuid))
        if changes.touches("quote"):
            self.refresh_quotes()
            shown = self.wording.quote
            if shown is not None and changes.touched("quote", shown.uuid):
                with contextlib.suppress(CaseFileError):
                    if not same_version(self.quotes.get(shown.uuid), shown):
                        self.show_quote(shown.uuid)  # not the box's own save: no clobber

    def show_quote(self, key: uuid.UUID | str | None) -> None:
        """Show a quote below the transcript — chosen in the list, its fields and published
        wording (None: no quote)."""
        quote: QuoteData | None = None
        if key is not None:
            with contextlib.suppress(CaseFileError):  # trashed meanwhile
                quote = self.quotes.get(key)
        self.wording.show_quote(quote)
        self.quote_fields.show_quote(quote, self._speakers() if quote is not None else [])
        self.quote_list.select(quote.uuid if quote is not None else None)

    def _quote_saved(self, quote: QuoteData) -> None:
        """The quote's own fields saved: the wording box compares against the new version
        (so the change coming back from the core does not refill what is being typed)."""
        self.wording.follow(quote)  # a new translation changes what the wording is against
        self.refresh_quotes()

    def _speakers(self) -> list[SourceData]:
        """The interviewees, first among the speakers the quote's picker finds (any of the
        case's sources can be found there by typing; none is read before)."""
        return list(self.record.interviewees) if self.record is not None else []

    def select_quote(self, key: uuid.UUID | str, *, focus: bool = True) -> bool:
        """Select a quote's words in the transcript and scroll to them (the transcript tab
        shown; focused unless the click came from the quote list); False when the quote is
        not one of this interview's."""
        if self.record is None:
            return False
        try:
            quote = self.quotes.get(key)
        except CaseFileError:
            return False
        if quote.interview.uuid != self.record.uuid:
            return False
        text = self.transcript.toPlainText()
        start, end = min(quote.span_start, len(text)), min(quote.span_end, len(text))
        self.tabs.setCurrentIndex(0)
        self._selecting = True
        cursor = self.transcript.textCursor()
        cursor.setPosition(qt_position(text, start))
        cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.transcript.setTextCursor(cursor)
        self.transcript.centerCursor()
        self._selecting = False
        if self.wording.quote is None or self.wording.quote.uuid != quote.uuid:
            self.wording.save()
            self.show_quote(quote.uuid)
        if focus:
            self.transcript.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def context_menu_at(self, pos: QPoint) -> QMenu:
        """The transcript's right-click menu: Qt's standard one, then "Make quote"."""
        menu = self.transcript.createStandardContextMenu(pos)
        menu.setObjectName("transcriptMenu")
        menu.addSeparator()
        self.make_quote_action.setEnabled(self.transcript.textCursor().hasSelection())
        menu.addAction(self.make_quote_action)
        if self.on_link is not None:
            self.link_action.setEnabled(self.wording.quote is not None)
            menu.addAction(self.link_action)
        return menu

    def link_to_claim(self) -> None:
        """The quote at the cursor becomes evidence for a claim picked from the case's."""
        quote = self.wording.quote
        if quote is None or self.on_link is None:
            return
        claims = self.case.claims.page(limit=500, light=True)
        if not claims:
            self.prompts.info(self, tr("Link quote to claim"),
                              tr("There are no claims yet: add one under Claims first."))
            return
        choice = self.prompts.choose(self, tr("Link quote to claim"),
                                     tr("Which claim does the quote bear on?"),
                                     [" ".join(c.statement.split())[:120] for c in claims])
        if choice is not None:
            self.on_link(claims[choice].uuid, [("quote", str(quote.uuid))])

    def _show_context_menu(self, pos: QPoint) -> None:
        if self.context_menu is not None:
            self.context_menu.deleteLater()
        self.context_menu = self.context_menu_at(pos)
        self.make_quote_action.setEnabled(True)  # the shortcut works whenever it is typed
        self.context_menu.aboutToHide.connect(lambda: self.make_quote_action.setEnabled(True))
        self.context_menu.popup(self.transcript.viewport().mapToGlobal(pos))

    def _cursor_moved(self) -> None:
        """The quote at the cursor is the one whose wording is shown."""
        if self._loading or self._selecting or self.record is None or not (
                self._spans or self.wording.quote):
            return
        text = self.transcript.toPlainText()
        at = py_index(text, self.transcript.textCursor().position())
        key = next((k for k, start, end in self._spans if start <= at <= end), None)
        current = self.wording.quote.uuid if self.wording.quote is not None else None
        if key != current:
            self.wording.save()
            self.show_quote(key)

    def _show_heading(self, interview: InterviewData) -> None:
        self.heading.setText(interview.title)
        when = datetime_text(interview.held_at)
        names = [public_label(s) for s in interview.interviewees]  # a pseudonym if protected
        self.meta.setText(" · ".join(p for p in (
            ", ".join(names), when, interview.place_name,
            interview.medium.value.replace("_", " "),
            interview.ground_rules.value.replace("_", " ")) if p))
        self.people.set_people(interview.interviewees)

    def _details_saved(self, interview: InterviewData) -> None:
        self.record = interview
        self._show_heading(interview)
        self.saved.emit(interview)

    def edit_interviewees(self, wanted: list[str]) -> None:
        """Save the people interviewed as picked (one added or taken out)."""
        if self.record is not None:
            self.details.save({"interviewees": wanted})

    def save(self) -> None:
        """Write the transcript if it changed (also called when leaving the record)."""
        self.details.save_text_boxes()
        self.wording.save()
        self.quote_fields.save()
        if self.record is None or self.transcript.toPlainText() == self.record.transcript:
            return
        try:
            self.record = self.interviews.update(self.record.uuid,
                                                 transcript=self.transcript.toPlainText())
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.refresh_quotes()

    def make_quote(self) -> None:
        """The selected words become a quote (the transcript is saved first)."""
        cursor = self.transcript.textCursor()
        if self.record is None or not cursor.hasSelection():
            self.problem.setText(tr("Select the words of the quote first."))
            return
        self.save()
        text = self.transcript.toPlainText()
        start = py_index(text, cursor.selectionStart())
        end = py_index(text, cursor.selectionEnd())
        try:
            quote = self.quotes.mark(self.record.uuid, start, end)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self.refresh_quotes()
        self.show_quote(quote.uuid)
        self.quote_made.emit(quote)

    def refresh_quotes(self) -> None:
        """List and highlight the quotes and warn about those that drifted."""
        if self.record is None:
            return
        try:
            quotes = self.quotes.of_interview(self.record.uuid)
        except CaseFileError:  # trashed or purged meanwhile: nothing to highlight
            quotes = []
        shown = self.wording.quote
        self.quote_list.show_quotes(quotes, shown.uuid if shown is not None else None)
        spans = [(q.uuid, q.span_start, q.span_end, q.matches_transcript) for q in quotes]
        self._spans = [(key, start, end) for key, start, end, ok in spans if ok]
        text = self.transcript.toPlainText()
        selections = []
        for _key, start, end, ok in spans:
            if not ok or end > len(text):
                continue
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(qcolor("quote"))
            fmt.setForeground(qcolor("quote_text"))
            sel.format = fmt
            cursor = QTextCursor(self.transcript.document())
            cursor.setPosition(qt_position(text, start))
            cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            selections.append(sel)
        self.transcript.setExtraSelections(selections)
        drifted = sum(1 for *_s, ok in spans if not ok)
        self.warning.setText(
            tr("{n} quote(s) no longer match the transcript at their place; check them.")
            .replace("{n}", str(drifted)) if drifted else "")
        self.warning.setVisible(bool(drifted))
