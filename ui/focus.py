"""Where the keyboard is: a ring around the focused list, field or button, and a list that
gets a selected row when Tab brings the focus into it.

Qt's own styles mark focus faintly (Fusion: a thin tint on a field, nothing on a list), so a
user who works by keyboard loses track of it. One ring widget follows the focus through the
whole app (`install`, once); it paints over the focused widget's edge in the theme's focus
colour and never takes a click. Style sheets are not used: set on every widget they would
replace the native look, and each panel's own sheets would fight them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QGuiApplication, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTabBar,
    QTextEdit,
    QWidget,
)
from shiboken6 import Shiboken

from ui.palette import color

RING_WIDTH = 2
# Widgets a ring marks: where typing or arrow keys act.
RINGED = (QAbstractItemView, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
          QAbstractSpinBox, QAbstractButton, QTabBar)


def ring_color() -> QColor:
    """The focus ring's colour for the palette in use (light or dark theme)."""
    return QColor(color("focus"))


class FocusRing(QWidget):
    """A frame drawn over the edge of the focused widget; clicks go through it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("focusRing")
        self.target: QWidget | None = None

    def follow(self, target: QWidget | None) -> None:
        """Ring `target`, a child of the ring's parent (None: hide)."""
        if self.target is not None and Shiboken.isValid(self.target):
            self.target.removeEventFilter(self)
        self.target = target
        if target is None:
            self.hide()
            return
        target.installEventFilter(self)
        self.place()

    def place(self) -> None:
        """Cover the target's rectangle, above it."""
        target = self.target
        if target is None or not target.isVisible():
            self.hide()
            return
        host = self.parentWidget()
        corner = target.mapTo(host, QPoint(0, 0)) if host is not None else QPoint(0, 0)
        self.setGeometry(QRect(corner, target.size()))
        self.show()
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Move with the target; hide with it."""
        if watched is self.target and event.type() in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self.place()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """A rounded frame inside the widget's edge."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ring_color(), RING_WIDTH))
        inset = RING_WIDTH / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset),
                                3, 3)
        painter.end()


def host_of(target: QWidget) -> QWidget | None:
    """The widget the ring of `target` lives in: its parent — but never a QSplitter, which
    would take any child for one of its panes."""
    if target.isWindow():
        return None
    host = target.parentWidget()
    while isinstance(host, QSplitter):
        host = host.parentWidget()
    return host


def select_a_row(view: QAbstractItemView) -> None:
    """A list reached with the keyboard and nothing selected selects its current row (or the
    first), so the form beside it shows a record and the arrow keys start from there."""
    model, selection = view.model(), view.selectionModel()
    if model is None or selection is None or selection.hasSelection():
        return
    if model.rowCount(view.rootIndex()) == 0:
        return
    current = view.currentIndex()
    index = current if current.isValid() else model.index(0, 0, view.rootIndex())
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    if view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows:
        flags |= QItemSelectionModel.SelectionFlag.Rows
    selection.setCurrentIndex(index, flags)
    view.scrollTo(index)


class FocusKeeper(QObject):
    """Hears every focus change of the app: moves the ring, selects a row in a list."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self.changed)
        app.installEventFilter(self)  # focus-in events carry why the focus came

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Only Tab or Shift+Tab into a list selects a row: the window coming back, a popup
        closing or focus set from code leave a cleared selection cleared."""
        if (event.type() == QEvent.Type.FocusIn and isinstance(watched, QAbstractItemView)
                and isinstance(event, QFocusEvent)
                and event.reason() in (Qt.FocusReason.TabFocusReason,
                                       Qt.FocusReason.BacktabFocusReason)
                and watched.window().windowType() != Qt.WindowType.Popup):
            select_a_row(watched)
        return False

    def changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The focus moved to `new`."""
        by_mouse = QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
        if isinstance(new, QAbstractItemView):
            # Tab leaves a list for the next pane (as in Zotero), never walks its cells.
            new.setTabKeyNavigation(False)
        ringed = isinstance(new, RINGED) and not (by_mouse and isinstance(new, QAbstractButton))
        parent = host_of(new) if new is not None else None
        ring = self.ring if self.ring is not None and Shiboken.isValid(self.ring) else None
        if ring is not None and (not ringed or ring.parentWidget() is not parent):
            ring.follow(None)
        if not ringed or parent is None or new is None:
            return
        if ring is None or ring.parentWidget() is not parent:
            ring = FocusRing(parent)  # the ring lives beside the widget it marks
            if self.ring is not None and Shiboken.isValid(self.ring):
                self.ring.deleteLater()
        self.ring = ring
        ring.follow(new)


def install(app: QApplication | None = None) -> FocusKeeper | None:
    """Give the app its focus ring and keyboard row selection (once; later calls return it)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication):
        return None
    keeper = app.findChild(FocusKeeper)
    return keeper if isinstance(keeper, FocusKeeper) else FocusKeeper(app)
