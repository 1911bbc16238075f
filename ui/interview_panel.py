"""An interview: who, when, where, and the transcript — where selected words become a quote.

The transcript is saved as it is typed (after a short pause); quotes are highlighted, and
quotes whose words the transcript no longer holds at their span are flagged, never changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from casefile.errors import CaseFileError
from casefile.services.records import InterviewService, QuoteService
from ui.kinds import tr

QUOTE_COLOR = QColor("#fff1a8")
SAVE_DELAY_MS = 800


def py_index(text: str, qt_position: int) -> int:
    """A Qt (UTF-16) position in `text` as a Python (code point) index."""
    return len(text.encode("utf-16-le")[: qt_position * 2].decode("utf-16-le", "ignore"))


def qt_position(text: str, index: int) -> int:
    """A Python index in `text` as a Qt (UTF-16) position."""
    return len(text[:index].encode("utf-16-le")) // 2


class InterviewPanel(QWidget):
    """Shows one interview through the interview and quote services it is given."""

    quote_made = Signal(object)

    def __init__(self, interviews: InterviewService, quotes: QuoteService,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.interviews = interviews
        self.quotes = quotes
        self.record: Any = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("driftWarning")
        self.warning.setStyleSheet("color: #a33b00;")
        self.warning.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.transcript = QPlainTextEdit()
        self.transcript.setObjectName("transcript")
        self.transcript.setAccessibleName(tr("Transcript"))
        self.make_quote_action = QAction(tr("Make &quote from selection"), self)
        self.make_quote_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.make_quote_action.triggered.connect(self.make_quote)
        self.transcript.addAction(self.make_quote_action)
        self.transcript.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save)
        self.transcript.textChanged.connect(self._typed)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.meta, self.warning, self.transcript, self.problem):
            layout.addWidget(widget)
        self._loading = False

    def show_record(self, interview: Any) -> None:
        """Fill the panel from an interview."""
        self.save()
        self.record = interview
        self._loading = True
        self.heading.setText(interview.title)
        when = interview.held_at.strftime("%Y-%m-%d %H:%M") if interview.held_at else ""
        self.meta.setText(" · ".join(p for p in (when, interview.place_name,
                                                 interview.medium.value.replace("_", " "),
                                                 interview.ground_rules.value.replace("_", " "))
                                     if p))
        self.transcript.setPlainText(interview.transcript)
        self._loading = False
        self.refresh_quotes()

    def _typed(self) -> None:
        if not self._loading and self.record is not None:
            self.save_timer.start()

    def save(self) -> None:
        """Write the transcript if it changed (also called when leaving the record)."""
        self.save_timer.stop()
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
        self.quote_made.emit(quote)

    def refresh_quotes(self) -> None:
        """Highlight the quotes and warn about those that drifted."""
        if self.record is None:
            return
        with self.interviews.store.read() as s:
            interview = self.interviews.load(s, self.record.uuid)
            spans = [(q.span_start, q.span_end, q.matches_transcript) for q in interview.quotes]
        text = self.transcript.toPlainText()
        selections = []
        for start, end, ok in spans:
            if not ok or end > len(text):
                continue
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QUOTE_COLOR)
            fmt.setForeground(QColor("#1a1a1a"))  # readable on the highlight in dark themes too
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
