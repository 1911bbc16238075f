"""Taking the reporter to words the core found in a record: the record opened in its list,
its field focused, the words selected — so a refused export shows where the name is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from casefile.errors import CaseFileError
from ui.draft_panel import DraftPanel
from ui.interview_panel import qt_position

if TYPE_CHECKING:  # the window imports this module (through its file actions)
    from ui.main_window import MainWindow

# (kind, field) → the attribute of that kind's detail panel that edits the field.
FIELD_WIDGETS = {
    ("draft", "headline"): "headline", ("draft", "dek"): "dek",
    ("photo", "caption"): "caption", ("photo", "place_name"): "place",
    ("claim", "statement"): "statement", ("claim", "attribution"): "override",
    ("comment_request", "answer_text"): "answer",
}


def select_words(widget: QWidget, position: int, length: int) -> bool:
    """Focus a text field and select `length` characters at `position` (Python indices)."""
    if isinstance(widget, QLineEdit):
        text = widget.text()
        widget.setFocus()
        widget.setSelection(qt_position(text, position),
                            qt_position(text, position + length) - qt_position(text, position))
        return True
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        text = widget.toPlainText()
        cursor = widget.textCursor()
        cursor.setPosition(qt_position(text, position))
        cursor.setPosition(qt_position(text, position + length),
                           QTextCursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        widget.setFocus()
        return True
    return False


def reveal(window: MainWindow, kind: str, record: str, field: str, position: int,
           length: int) -> bool:
    """Open `record` in `window` and select the words in `field`; False if the record could
    not be shown (it is then at least listed, when its kind has a list)."""
    if not window.open_record(kind, record):
        return False
    panel = window.panels.get(kind)
    if panel is None or position < 0:
        return True
    if isinstance(panel, DraftPanel) and field == "body":
        panel.jump_to(position, length)
        return True
    name = FIELD_WIDGETS.get((kind, field))
    widget = getattr(panel, name, None) if name else None
    if isinstance(widget, QWidget):
        select_words(widget, position, length)
    return True


# Records shown inside their parent's panel, not in a list of their own.
INSIDE_KINDS = ("quote", "excerpt")


def open_inside(window: MainWindow, kind: str, record: str) -> bool:
    """Open a quote at its words in its interview, or an excerpt chosen in its document's
    list; False when it (or its parent) cannot be shown."""
    try:
        if kind == "quote":
            parent_kind, parent = "interview", window.case.quotes.get(record).interview.uuid
        else:
            parent_kind, parent = "document", window.case.excerpts.get(record).document.uuid
    except CaseFileError:
        return False
    if not window.open_record(parent_kind, str(parent)):
        return False
    if kind == "quote":
        return window.interview_panel.select_quote(record)
    return window.document_panel.select_excerpt(record)
