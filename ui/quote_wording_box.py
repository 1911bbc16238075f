"""The published wording of the quote at the transcript's cursor: typed, compared word by
word with the transcript words, and accepted with one button.

The checker blocks a quotation in a published wording the reporter has not accepted; this box
is where the change is seen and accepted. Everything goes through the core quote service;
each save and each acceptance is handed to the undo stack like any other edit.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.claims.checker import QuoteRow
from casefile.claims.quote_wording import WordingDifference, is_accepted, wording_difference
from casefile.errors import CaseFileError
from casefile.read_models import QuoteData
from casefile.services.records import QuoteService
from ui.autosave import OnEdit, autosave
from ui.kinds import tr
from ui.palette import color, text_style


def difference_html(diff: WordingDifference) -> str:
    """The words with each change shown in place: removed words struck through, added ones
    bold (quote marks are never a change)."""
    parts = []
    for c in diff.changes:
        if c.kind == "same":
            parts.append(escape(c.before))
            continue
        if c.before:
            parts.append(f"<s style='color:{color('problem')}'>{escape(c.before)}</s>")
        if c.after:
            parts.append(f"<b style='color:{color('anchor')}'>{escape(c.after)}</b>")
    return " ".join(parts)


class QuoteWordingBox(QGroupBox):
    """Edits one quote's published wording; empty when no quote is at the cursor."""

    changed = Signal(object)  # the quote, after a save or an acceptance

    def __init__(self, quotes: QuoteService, on_edit: OnEdit | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(tr("Published wording"), parent)
        self.setObjectName("quoteWording")
        self.quotes = quotes
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.quote: QuoteData | None = None
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setObjectName("quoteWords")
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("publishedWording")
        self.edit.setAccessibleName(tr("Published wording"))
        self.edit.setPlaceholderText(tr("As the story prints the quote (cleaned up, or "
                                        "translated); empty: the transcript words"))
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 3 + 12)
        self.edit.textChanged.connect(self._typed)
        self.edit.installEventFilter(self)
        autosave(self.edit, self.save)  # saved as typed, like every field
        self.difference = QLabel()
        self.difference.setObjectName("wordingDifference")
        self.difference.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("wordingState")
        self.state.setWordWrap(True)
        self.accept_button = QPushButton(tr("&Accept wording"))
        self.accept_button.setToolTip(tr("The change from the transcript words is deliberate: "
                                         "the checker takes this wording"))
        self.accept_button.clicked.connect(self.accept)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.state, 1)
        row.addWidget(self.accept_button)
        box = QVBoxLayout(self)
        for widget in (self.words, self.edit, self.difference):
            box.addWidget(widget)
        box.addLayout(row)
        box.addWidget(self.problem)
        self._loading = False
        self.show_quote(None)

    # -- showing --------------------------------------------------------------------------

    def show_quote(self, quote: QuoteData | None) -> None:
        """Show a quote's wording (None: no quote at the cursor)."""
        self.quote = quote
        self._loading = True
        self.edit.setPlainText(quote.published_text if quote is not None else "")
        self._loading = False
        self.problem.clear()
        self.edit.setEnabled(quote is not None)
        if quote is None:
            self.words.setText(tr("Put the cursor in a quote to give the wording the story "
                                  "prints it in."))
        else:
            self.words.setText(tr("Transcript words: “{w}”").replace("{w}", quote.text))
        self._refresh()

    def follow(self, quote: QuoteData) -> None:
        """The same quote saved elsewhere in the panel (its translation, its speaker): the
        difference is worked out against it; what is typed here stays."""
        if self.quote is not None and self.quote.uuid == quote.uuid:
            self.quote = quote
            self._refresh()

    def _typed(self) -> None:
        if not self._loading:
            self._refresh()

    def _refresh(self) -> None:
        """The difference and the accepted state for the wording as typed (not yet saved)."""
        quote, typed = self.quote, self.edit.toPlainText().strip()
        if quote is None or not typed:
            self.difference.clear()
            self.difference.setVisible(False)
            self.state.setText(tr("Printed as in the transcript.") if quote is not None
                               else "")
            self.accept_button.setEnabled(False)
            return
        diff = wording_difference(QuoteRow(quote.text, quote.translation, published_text=typed))
        self.difference.setVisible(True)
        if diff.changed:
            against = tr("Changes from the translation:") if diff.against == "translation" \
                else tr("Changes from the transcript:")
            self.difference.setText(f"{escape(against)} {difference_html(diff)}")
            self.difference.setToolTip("\n".join(diff.describe()))
            self.difference.setAccessibleDescription("; ".join(diff.describe()))
        else:
            self.difference.setText(escape(tr("The same words as the transcript.")))
            self.difference.setToolTip("")
        accepted = is_accepted(typed, quote.published_accepted)
        if accepted:
            self.state.setText(tr("✓ Accepted: the checker takes this wording."))
            self.state.setStyleSheet("")
        elif quote.published_accepted:
            self.state.setText(tr("Changed since it was accepted: accept it again."))
            self.state.setStyleSheet(text_style("weak", bold=True))
        else:
            self.state.setText(tr("Not accepted: the checker blocks this wording."))
            self.state.setStyleSheet(text_style("weak", bold=True))
        self.accept_button.setEnabled(not accepted)

    # -- editing --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.save()
        return super().eventFilter(watched, event)

    def save(self) -> bool:
        """Write the wording as typed, if it changed; False when the core refused it."""
        quote = self.quote
        if quote is None:
            return True
        typed = self.edit.toPlainText()
        if typed.strip() == quote.published_text:
            return True
        try:
            updated = self.quotes.set_published(quote.uuid, typed.strip())
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return False
        self._saved(updated, {"published_text": quote.published_text},
                    {"published_text": updated.published_text}, tr("edit published wording"))
        return True

    def accept(self) -> None:
        """Save the wording as typed and accept it."""
        if self.quote is None or not self.save():
            return
        before = self.quote.published_accepted
        try:
            updated = self.quotes.accept_published(self.quote.uuid)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self._saved(updated, {"published_accepted": before},
                    {"published_accepted": updated.published_accepted},
                    tr("accept published wording"))

    def _saved(self, quote: QuoteData, before: dict[str, Any], after: dict[str, Any],
               label: str) -> None:
        self.quote = quote
        self.problem.clear()
        self._refresh()
        if self.on_edit is not None:
            self.on_edit(self.quotes, quote.uuid, before, after, label)
        self.changed.emit(quote)
