"""The checker's findings under the draft: a list that says so when there is nothing to
fix ("No problems found", never a blank box that could mean "still checking"), and the words
a finding is about found in the editor, selected and highlighted, when it is clicked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.claims.checker import Finding
from ui.kinds import tr
from ui.palette import qcolor, text_style

ExcerptRole = Qt.ItemDataRole.UserRole + 1
NEAR = 4  # how far before its position a finding's words may start ("“…" quotations)


def words_at(text: str, position: int, excerpt: str) -> tuple[int, int]:
    """Where a finding's words are in the visible text: the excerpt found at (or just after)
    its position, else the rest of that sentence's first line — (start, length)."""
    words = excerpt.strip()
    if words:
        at = text.find(words, max(0, position - NEAR), position + len(words) + NEAR)
        if at >= 0:
            return at, len(words)
    end = len(text)
    for stop in (".", "。", "！", "？", "\n", "\u2029"):  # a sentence's end in CJK too
        found = text.find(stop, position)
        if found >= 0:
            end = min(end, found + (stop not in "\n\u2029"))
    return position, max(0, end - position)


class CheckerView(QWidget):
    """The findings list with its state line ("Checking…", "No problems found", a count)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("Checker:"))
        self.state = QLabel(tr("Checking…"))
        self.state.setObjectName("checkerState")
        self.state.setAccessibleName(tr("Checker result"))
        self.findings = QListWidget()
        self.findings.setObjectName("findings")
        self.findings.setAccessibleName(tr("Checker findings"))
        self.findings.setWordWrap(True)
        self.state.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.findings, 1)

    def checking(self) -> None:
        """A run was asked for: say so until it reports (the old list stays meanwhile)."""
        if not self.findings.count():
            self.state.setText(tr("Checking…"))
            self.state.setStyleSheet("")

    def show_findings(self, findings: Sequence[Finding]) -> None:
        """Replace the list with a run's findings, and say what they add up to."""
        self.findings.clear()
        for f in findings:
            item = QListWidgetItem((tr("BLOCKING: ") if f.blocking else "") + f.message)
            item.setToolTip(f.excerpt)
            item.setData(Qt.ItemDataRole.UserRole, f.position)
            item.setData(ExcerptRole, f.excerpt)
            if f.blocking:
                item.setForeground(qcolor("problem"))
            self.findings.addItem(item)
        self.findings.setVisible(bool(findings))
        blocking = sum(1 for f in findings if f.blocking)
        placed = any(f.position >= 0 for f in findings)
        if not findings:
            self.state.setText(tr("✓ No problems found"))
            self.state.setStyleSheet("")
            return
        if blocking:
            said = tr("{n} finding(s), {b} blocking the export.").replace(
                "{n}", str(len(findings))).replace("{b}", str(blocking))
        else:
            said = tr("{n} finding(s).").replace("{n}", str(len(findings)))
        self.state.setText(tr("{s} Click one to see its words.").replace("{s}", said)
                           if placed else said)
        self.state.setStyleSheet(text_style("problem") if blocking else "")


def highlight(editor: QTextEdit, cursor: QTextCursor) -> None:
    """Mark the cursor's selection in the editor beyond the selection itself (which goes
    when the reporter clicks in the text), until the next finding is shown."""
    if not cursor.hasSelection():
        editor.setExtraSelections([])
        return
    selection = QTextEdit.ExtraSelection()
    fmt = QTextCharFormat()
    fmt.setBackground(qcolor("quote"))
    fmt.setForeground(qcolor("quote_text"))
    selection.format = fmt  # type: ignore[attr-defined]
    selection.cursor = QTextCursor(cursor)  # type: ignore[attr-defined]
    editor.setExtraSelections([selection])
