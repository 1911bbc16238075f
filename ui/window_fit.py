"""Windows that fit the screen they open on: never larger than its free area (a 1024×700
laptop included), never partly off it (a saved position from a monitor since unplugged)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

GEOMETRY_KEY = "window/geometry"
FRAME_ALLOWANCE = 32  # a title bar, before the window manager has drawn the frame


def fitted(geometry: QRect, screen: QRect, frame: QMargins | None = None) -> QRect:
    """`geometry` (the window without its frame) made to fit inside `screen` with its
    `frame` (default: a title bar's height on top): shrunk to the screen's size, then moved
    back onto it."""
    frame = frame if frame is not None else QMargins(0, FRAME_ALLOWANCE, 0, 0)
    room = screen.marginsRemoved(frame)
    width = min(geometry.width(), room.width())
    height = min(geometry.height(), room.height())
    left = min(max(geometry.left(), room.left()), room.left() + room.width() - width)
    top = min(max(geometry.top(), room.top()), room.top() + room.height() - height)
    return QRect(left, top, width, height)


def frame_margins(window: QWidget) -> QMargins | None:
    """The window manager's frame around `window` once it is shown (None before)."""
    outer, inner = window.frameGeometry(), window.geometry()
    if outer == inner:
        return None
    return QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                    outer.right() - inner.right(), outer.bottom() - inner.bottom())


def available_area(window: QWidget) -> QRect:
    """The free area (without panels and docks) of the screen the window is on, or of the
    primary screen when it is on none."""
    screen = QGuiApplication.screenAt(window.geometry().center()) or window.screen() \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, screen: QRect | None = None) -> None:
    """Resize and move `window` to fit `screen` (default: the one it is on)."""
    area = screen if screen is not None else available_area(window)
    if window.isMaximized() or window.isFullScreen():
        return
    window.setGeometry(fitted(window.geometry(), area, frame_margins(window)))


def restore_geometry(window: QWidget, settings: QSettings) -> bool:
    """Put `window` where the last case window was closed; False when nothing is saved."""
    saved = settings.value(GEOMETRY_KEY)
    return isinstance(saved, QByteArray) and window.restoreGeometry(saved)


def save_geometry(window: QWidget, settings: QSettings) -> None:
    """Remember where `window` is (the next case window opens there)."""
    settings.setValue(GEOMETRY_KEY, window.saveGeometry())
