"""The form an excerpt is entered in: the passage word for word (as many lines as it has),
where it stands in the document (page, table, paragraph…) and a note.

A citation needs the locator as much as the words ("p. 14", "table 4"): the form builds it
from a kind and a value, and reads an existing one back into them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.read_models import ExcerptData
from ui.kinds import tr
from ui.palette import text_style
from ui.prompts import Prompts

# (what the reporter picks, how the locator starts, spellings read back as that kind)
LOCATOR_KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (tr("Page"), "p.", ("p.", "p", "page")),
    (tr("Pages"), "pp.", ("pp.", "pp", "pages")),
    (tr("Table"), "table", ("table", "tab.")),
    (tr("Paragraph"), "para.", ("para.", "para", "paragraph", "¶")),
    (tr("Section"), "section", ("section", "sec.", "§")),
    (tr("Row"), "row", ("row",)),
    (tr("Line"), "line", ("line", "l.")),
    (tr("Other (as typed)"), "", ()),
)
OTHER = len(LOCATOR_KINDS) - 1


def split_locator(locator: str) -> tuple[int, str]:
    """(index in LOCATOR_KINDS, value) for a stored locator: "p. 14" → (0, "14"); one
    that starts with no known word is "other", kept whole."""
    text = locator.strip()
    for index, (_label, _prefix, spellings) in enumerate(LOCATOR_KINDS):
        for spelling in sorted(spellings, key=len, reverse=True):
            found = re.match(rf"{re.escape(spelling)}(?:\s+|(?<=[.¶§])(?=\S))(.+)", text,
                             re.IGNORECASE)
            if found:
                return index, found.group(1).strip()
    return (OTHER, text) if text else (0, "")


def join_locator(index: int, value: str) -> str:
    """The stored locator for a kind and a value ("" when no value)."""
    value = " ".join(value.split())
    prefix = LOCATOR_KINDS[index][1]
    return f"{prefix} {value}" if value and prefix else value


class ExcerptForm(QDialog):
    """Adds or edits one excerpt; `values()` once accepted."""

    def __init__(self, parent: QWidget | None, title: str,
                 excerpt: ExcerptData | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()  # asks before typed words are thrown away
        self.setObjectName("excerptForm")
        self.setWindowTitle(title)
        self.excerpt = excerpt
        self._stored: tuple[int, str, str] | None = None  # an edited excerpt's own locator
        self.passage = QPlainTextEdit()
        self.passage.setObjectName("excerptPassage")
        self.passage.setAccessibleName(tr("Passage"))
        self.passage.setPlaceholderText(tr("The passage, word for word, as the document has "
                                           "it (several lines are fine)"))
        self.passage.setTabChangesFocus(True)
        self.passage.setMinimumHeight(self.passage.fontMetrics().lineSpacing() * 6)
        self.kind = QComboBox()
        self.kind.setAccessibleName(tr("Locator kind"))
        for label, _prefix, _spellings in LOCATOR_KINDS:
            self.kind.addItem(label)
        self.where = QLineEdit()
        self.where.setObjectName("excerptLocator")
        self.where.setAccessibleName(tr("Where in the document"))
        self.where.setPlaceholderText(tr("e.g. 14, 3–4, 2 (row “Primorye”)"))
        self.cited = QLabel()
        self.cited.setObjectName("excerptCitedAs")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(tr("Note"))
        self.note.setPlaceholderText(tr("what it shows, how it was checked (not published)"))
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 12)
        self.note.setTabChangesFocus(True)
        self.problem = QLabel()
        self.problem.setObjectName("excerptProblem")
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        where = QHBoxLayout()
        where.addWidget(self.kind)
        where.addWidget(self.where, 1)
        form = QFormLayout()
        form.addRow(tr("&Passage"), self.passage)
        where_label = QLabel(tr("&Where"))
        where_label.setBuddy(self.kind)
        form.addRow(where_label, where)
        form.addRow(tr("Cited as"), self.cited)
        form.addRow(tr("N&ote"), self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = QShortcut(QKeySequence("Ctrl+Return"), self)
        save.activated.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._show_cited())
        self.where.textChanged.connect(lambda _t: self._show_cited())
        if excerpt is not None:
            self.passage.setPlainText(excerpt.text)
            index, value = split_locator(excerpt.locator)
            self._stored = (index, value, excerpt.locator)
            self.kind.setCurrentIndex(index)
            self.where.setText(value)
            self.note.setPlainText(excerpt.note)
        self._show_cited()
        self._loaded = self.values()  # what "changed" is measured against
        self.resize(520, 420)
        self.passage.setFocus(Qt.FocusReason.OtherFocusReason)

    def locator(self) -> str:
        """The locator as it will be stored (an edited excerpt's, as it was spelled, while
        its place is left as it was: "page 3" is not rewritten to "p. 3")."""
        if self._stored is not None and self._stored[:2] == (self.kind.currentIndex(),
                                                             self.where.text().strip()):
            return self._stored[2]
        return join_locator(self.kind.currentIndex(), self.where.text())

    def values(self) -> dict[str, str]:
        """The excerpt's fields as typed: text, locator and note (trimmed)."""
        return {"text": self.passage.toPlainText().strip(), "locator": self.locator(),
                "note": self.note.toPlainText().strip()}

    def _show_cited(self) -> None:
        self.cited.setText(self.locator() or tr("— no place given"))

    def accept(self) -> None:
        """Close only with a passage: an excerpt is its words."""
        if not self.passage.toPlainText().strip():
            self.problem.setText(tr("Type or paste the passage first: an excerpt is the "
                                    "document's own words."))
            self.passage.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().accept()

    def reject(self) -> None:
        """Esc, Cancel or closing the window: a passage, place or note typed or changed is
        not thrown away without asking (No, the default, goes back to the form)."""
        if self.values() != self._loaded and not self.prompts.confirm(
                self, self.windowTitle(),
                tr("Discard the excerpt as you typed it? What you typed here is not saved.")):
            self.passage.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        super().reject()
