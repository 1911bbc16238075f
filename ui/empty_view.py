"""What an empty list says: not a blank white box, but what to do next ("No photos yet. Drop
photos here or use File → Import photos… (Ctrl+Shift+I)"), centred in the view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

from ui.kinds import tr


def empty_text(kind: str, search: str = "") -> str:
    """The hint an empty list of `kind` shows (for "search": no matches for `search`)."""
    if kind == "search":
        return tr("No matches for “{text}”. Try fewer or other words.").replace(
            "{text}", search)
    hints = {
        "source": tr("No sources yet. Use Edit → New record… (Ctrl+Shift+N) to add a "
                     "person, an organisation or an official body."),
        "interview": tr("No interviews yet. Use Edit → New record… (Ctrl+Shift+N) to "
                        "add one, then type or paste its transcript."),
        "photo": tr("No photos yet. Drop photos here or use File → Import photos… "
                    "(Ctrl+Shift+I)."),
        "document": tr("No documents yet. Drop a PDF, CSV or DOCX here or use File → "
                       "Add document file…"),
        "claim": tr("No claims yet. Use Edit → New record… (Ctrl+Shift+N) to write down "
                    "a statement the story makes, then link its evidence."),
        "comment_request": tr("No requests for comment yet. Use Edit → New record… "
                              "(Ctrl+Shift+N) to ask someone for their side."),
        "draft": tr("No drafts yet. Use Edit → New record… (Ctrl+Shift+N) to start one."),
        "team_member": tr("No team members yet. Use Edit → New record… (Ctrl+Shift+N) to "
                          "add the reporters, photographers and editors."),
        "trash": tr("The trash is empty."),
    }
    return hints.get(kind, tr("Nothing here yet."))


class EmptyHint(QObject):
    """A centred hint over `view` while its model has no rows. `text()` is asked each time
    it shows, so it follows the section being listed."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.text = ""
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyHint")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setForegroundRole(self.label.foregroundRole())
        self.label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.hide()
        view.viewport().installEventFilter(self)

    def follow(self, text: str) -> None:
        """Watch the view's (new) model; show `text` whenever it is empty."""
        self.text = text
        model = self.view.model()
        if model is not None:
            for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                           model.layoutChanged):
                signal.connect(self.update)
        self.update()

    def update(self, *_args: object) -> None:
        """Show the hint when the list has no rows, hide it when it has some."""
        model = self.view.model()
        empty = model is not None and model.rowCount() == 0 and not model.canFetchMore(
            model.index(-1, -1))
        self.label.setText(self.text)
        self.label.setVisible(empty and bool(self.text))
        self._place()

    def _place(self) -> None:
        rect = self.view.viewport().rect()
        self.label.setGeometry(rect.adjusted(rect.width() // 10, 0, -rect.width() // 10, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False
