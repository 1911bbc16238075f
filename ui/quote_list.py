"""The interview's quotes as a list — words, speaker, ground rules, translation — and the
quote's own fields below it (who says it, under which ground rules, the original and the
translation), saved through the core quote service as they are edited.

A click in the list takes the transcript to the quote (the panel selects its words); the
list in turn follows the quote at the transcript's cursor.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from casefile.read_models import GroundRules, QuoteData, SourceData
from casefile.services.records import QuoteService
from ui.autosave import OnEdit, autosave, save_fields
from ui.kinds import tr
from ui.palette import qcolor, text_style
from ui.pickers import LOCK, PeoplePicker, person_tip, public_label
from ui.record_picker import SHOWN_MATCHES
from ui.source_form import RULE_TEXT

AS_INTERVIEW = tr("As the interview")
INTERVIEWEE = tr("(the interviewee)")
COLUMNS = (tr("Quote"), tr("Speaker"), tr("Rules"), tr("Translation"))
QuoteRole = Qt.ItemDataRole.UserRole
COLUMN_SHARES = {1: 0.22, 2: 0.17, 3: 0.22}  # of the list's width; the words take the rest
# The ground rules as a list cell says them (the full wording is the cell's tooltip).
SHORT_RULES = {GroundRules.ON_RECORD: tr("On record"), GroundRules.BACKGROUND: tr("Background"),
               GroundRules.DEEP_BACKGROUND: tr("Deep background"),
               GroundRules.OFF_RECORD: tr("Off record"),
               GroundRules.CONFIDENTIAL: tr("Confidential")}


def one_line(text: str, limit: int = 120) -> str:
    """Text on one line, cut with an ellipsis: what a list cell shows of a quote."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def speaker_text(quote: QuoteData) -> str:
    """Who the quote is by: its speaker (a protected one by pseudonym, never the real name:
    the list is on screen), or the interviewees when it names none (as the export does)."""
    if quote.speaker is not None:
        return public_label(quote.speaker)
    return INTERVIEWEE


def rules_text(quote: QuoteData, short: bool = False) -> str:
    """The quote's own ground rules, or that it follows the interview's ("—" when short) —
    and, when the speaker is protected, the speaker's own rules beside, with a lock: a
    confidential speaker's words are never "as the interview" on the record."""
    speaker = quote.speaker
    if quote.ground_rules is not None:
        return (SHORT_RULES if short else RULE_TEXT)[quote.ground_rules]
    if speaker is not None and not speaker.ground_rules.may_name:
        own = (SHORT_RULES if short else RULE_TEXT)[speaker.ground_rules]
        return LOCK + (own if short else tr("{i}; the speaker's own: {r}").replace(
            "{i}", AS_INTERVIEW).replace("{r}", own))
    return "—" if short else AS_INTERVIEW


class QuoteList(QTableWidget):
    """One row per quote of the interview, in transcript order; a drifted quote is marked."""

    chosen = Signal(str)  # the uuid of the quote clicked (or moved to with the keys)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("quoteList")
        self.setAccessibleName(tr("Quotes"))
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)  # two lines of each quote, in a narrow pane too
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.quotes: list[QuoteData] = []
        self._filling = False
        self.itemClicked.connect(lambda item: self._chose(item.row()))
        self.currentCellChanged.connect(lambda row, _c, _pr, _pc: self._chose(row))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        """The side columns keep a share of the width: the words stay the widest."""
        super().resizeEvent(event)
        width = self.viewport().width()
        for column, share in COLUMN_SHARES.items():
            self.horizontalHeader().resizeSection(column, max(60, int(width * share)))

    def show_quotes(self, quotes: list[QuoteData], current: uuid.UUID | None) -> None:
        """List the quotes; the one given stays selected."""
        self._filling = True
        self.quotes = quotes
        self.setRowCount(len(quotes))
        for row, quote in enumerate(quotes):
            drift = "" if quote.matches_transcript else "⚠ "
            cells = (f"{drift}“{one_line(quote.text)}”", speaker_text(quote),
                     rules_text(quote, short=True), one_line(quote.translation, 80))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(QuoteRole, str(quote.uuid))
                if column == 0:
                    item.setToolTip(quote.text if quote.matches_transcript else tr(
                        "No longer matches the transcript at its place: “{t}”")
                        .replace("{t}", quote.text))
                    if not quote.matches_transcript:
                        item.setForeground(qcolor("weak"))
                elif column == 1 and quote.speaker is not None:
                    item.setToolTip(person_tip(quote.speaker))
                elif column == 2:
                    item.setToolTip(rules_text(quote))
                elif column == 3:
                    item.setToolTip(quote.translation)
                self.setItem(row, column, item)
        self.select(current)
        self._filling = False

    def select(self, key: uuid.UUID | str | None) -> bool:
        """Select the row of a quote (None: no row); False if it is not listed."""
        row = next((r for r, q in enumerate(self.quotes) if str(q.uuid) == str(key)), -1)
        filling, self._filling = self._filling, True
        if row < 0:
            self.clearSelection()
            self.setCurrentCell(-1, -1)
        else:
            self.setCurrentCell(row, 0)
            self.scrollTo(self.model().index(row, 0))
        self._filling = filling
        return row >= 0

    def _chose(self, row: int) -> None:
        if not self._filling and 0 <= row < len(self.quotes):
            self.chosen.emit(str(self.quotes[row].uuid))


class SpeakerPicker(PeoplePicker):
    """ONE source, found by typing among all the case's (PeoplePicker: none out of reach,
    nothing read until something is typed, a protected one by pseudonym), the interview's
    interviewees first among the matches. None chosen: the words are the interviewee's."""

    def __init__(self, case: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(case, parent, allow_create=False, single=True,
                         placeholder=tr("Type a name to choose who says it…"))
        self.empty.setText(INTERVIEWEE)
        self.first: list[SourceData] = []  # the interviewees

    def matches(self, typed: str) -> list[Any]:
        """The interviewees holding every word typed, then the other sources."""
        words = typed.casefold().split()
        mine = [p for p in self.first if all(w in self.hay(p).casefold() for w in words)]
        keys = {p.uuid for p in mine}
        return (mine + [r for r in super().matches(typed) if r.uuid not in keys]
                )[:SHOWN_MATCHES]


class QuoteFields(QWidget):
    """The chosen quote's speaker, ground-rule override, original and translation."""

    saved = Signal(object)  # the quote after a save

    def __init__(self, case: CaseFile, on_edit: OnEdit | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteFields")
        self.quotes: QuoteService = case.quotes
        self.on_edit = on_edit
        self.quote: QuoteData | None = None
        self._loading = False
        self.speaker = SpeakerPicker(case)
        self.speaker.setAccessibleName(tr("Speaker"))
        self.speaker.setToolTip(tr("Who says these words; none: the interviewee"))
        self.rules = QComboBox()
        self.rules.setAccessibleName(tr("Ground rules of the quote"))
        self.rules.addItem(AS_INTERVIEW, None)
        for rule, text in RULE_TEXT.items():
            self.rules.addItem(text, rule)
        self.original = QLineEdit()
        self.original.setAccessibleName(tr("Original"))
        self.original.setPlaceholderText(tr("the words in the language they were said in"))
        self.translation = QPlainTextEdit()
        self.translation.setObjectName("quoteTranslation")
        self.translation.setAccessibleName(tr("Translation"))
        self.translation.setPlaceholderText(tr("the quote in the story's language"))
        self.translation.setFixedHeight(self.translation.fontMetrics().lineSpacing() * 2 + 14)
        self.translation.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("S&peaker"), self.speaker)
        form.addRow(tr("Gro&und rules"), self.rules)
        form.addRow(tr("Ori&ginal"), self.original)
        form.addRow(tr("Tra&nslation"), self.translation)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.problem)
        self.speaker.changed.connect(lambda _keys: self._save_choice("speaker"))
        self.rules.currentIndexChanged.connect(lambda _i: self._save_choice("ground_rules"))
        self.original.editingFinished.connect(self.save)
        for typed in (self.original, self.translation):
            autosave(typed, self.save)  # the window's one saver: "Saving…", flushed when left
        self.show_quote(None, [])

    def show_quote(self, quote: QuoteData | None, people: list[SourceData]) -> None:
        """Fill the fields from a quote; `people` (the interviewees) come first among the
        speakers the picker finds."""
        self.save()
        self._loading = True
        self.quote = quote
        self.speaker.first = list(people)
        self.speaker.set_people([quote.speaker] if quote is not None and quote.speaker
                                else [])
        self.rules.setCurrentIndex(max(self.rules.findData(
            quote.ground_rules if quote is not None else None), 0))
        self.original.setText(quote.original_text if quote is not None else "")
        self.translation.setPlainText(quote.translation if quote is not None else "")
        self.problem.clear()
        self.problem.hide()
        for widget in (self.speaker, self.rules, self.original, self.translation):
            widget.setEnabled(quote is not None)
        self._loading = False

    def _save_choice(self, name: str) -> None:
        if self._loading or self.quote is None:
            return
        if name == "speaker":
            self._write({name: next(iter(self.speaker.uuids()), None)})
        else:
            self._write({name: self.rules.currentData()})

    def save(self) -> None:
        """Write the typed original and translation, if they changed."""
        quote = self.quote
        if self._loading or quote is None:
            return
        fields = {k: v for k, v in (("original_text", self.original.text().strip()),
                                    ("translation", self.translation.toPlainText().strip()))
                  if v != getattr(quote, k)}
        if fields:
            self._write(fields)

    def _write(self, fields: dict[str, Any]) -> None:
        quote = self.quote
        if quote is None:
            return
        if "speaker" in fields:  # compared as uuids: the read model holds a SourceData
            current = str(quote.speaker.uuid) if quote.speaker is not None else None
            if fields["speaker"] == current:
                return
        try:
            updated = save_fields(self.quotes, quote, fields, self.problem, self.on_edit,
                                  tr("edit quote"))
        except CaseFileError as exc:  # a refusal is shown, never raised
            self.problem.setText(str(exc))
            updated = None
        self.problem.setVisible(bool(self.problem.text()))
        if updated is not None:
            self.quote = updated
            self.saved.emit(updated)


def transcript_page(transcript: QWidget, quotes: QuoteList, fields: QuoteFields,
                    wording: QWidget) -> QWidget:
    """The transcript tab: the transcript above, the quotes and the chosen quote's fields
    and published wording below (a splitter; the lower part scrolls in a short window)."""
    lower = QWidget()
    column = QVBoxLayout(lower)
    column.setContentsMargins(0, 0, 0, 0)
    heading = QLabel(tr("&Quotes"))
    heading.setBuddy(quotes)
    column.addWidget(heading)
    column.addWidget(quotes)
    column.addWidget(fields)
    column.addWidget(wording)
    column.addStretch(1)
    row = quotes.verticalHeader().defaultSectionSize()
    header = quotes.horizontalHeader().sizeHint().height()
    quotes.setMinimumHeight(header + row * 2 + 4)  # two quotes at least, five at most:
    quotes.setMaximumHeight(header + row * 5 + 4)  # the chosen one's fields stay in view
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(lower)
    split = QSplitter(Qt.Orientation.Vertical)
    split.setObjectName("transcriptSplit")
    split.addWidget(transcript)
    split.addWidget(scroll)
    split.setStretchFactor(0, 3)
    split.setStretchFactor(1, 2)
    split.setChildrenCollapsible(False)
    return split
