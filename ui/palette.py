"""Colours that carry meaning — problems, weak claims, protected sources, claim anchors —
picked for the palette in use, so they stay readable in light and in dark themes."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

LIGHT = {"problem": "#b00020", "weak": "#a33b00", "protected": "#9b1c1c",
         "anchor": "#3367d6", "placeholder": "#d9d9d9", "quote": "#fff1a8",
         "quote_text": "#1a1a1a", "focus": "#1a66d9"}  # focus: the ring, ui/focus.py
DARK = {"problem": "#ff7b8a", "weak": "#ffab5e", "protected": "#ff8f8f",
        "anchor": "#8ab4f8", "placeholder": "#4a4a4a", "quote": "#6b5a12",
        "quote_text": "#fff6d5", "focus": "#7fb2ff"}


def is_dark(palette: QPalette | None = None) -> bool:
    """True when windows are drawn darker than their text (a dark theme)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < \
        palette.color(QPalette.ColorRole.WindowText).lightness()


def color(name: str) -> str:
    """The colour for a meaning ("problem", "weak", "protected", "anchor", …) as #rrggbb."""
    return (DARK if is_dark() else LIGHT)[name]


def qcolor(name: str) -> QColor:
    """`color()` as a QColor."""
    return QColor(color(name))


_MARKED = re.compile(r"color: #[0-9a-fA-F]{6}; /\* casefile:(\w+) \*/")


def text_style(name: str, bold: bool = False) -> str:
    """A style sheet that colours a label's text. It carries its meaning's name, so a
    theme switch recolours every widget that uses it (`follow_theme`), with no code at the
    call site."""
    follow_theme()
    return f"color: {color(name)}; /* casefile:{name} */" + (" font-weight: bold;" if bold
                                                              else "")


def restyle(sheet: str) -> str:
    """`sheet` with the colours `text_style` put in it picked again for today's palette."""
    return _MARKED.sub(lambda m: f"color: {color(m.group(1))}; /* casefile:{m.group(1)} */",
                       sheet)


class _ThemeFollower(QObject):
    """One filter on the application: when its palette changes (Preferences → Theme, or the
    system's own switch), every widget styled by `text_style` gets the new theme's colour and
    every style sheet naming `palette(...)` is read again — Qt resolves both only when a
    sheet is set."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is QApplication.instance() and \
                event.type() == QEvent.Type.ApplicationPaletteChange:
            for widget in QApplication.allWidgets():
                sheet = widget.styleSheet()
                if "casefile:" in sheet or "palette(" in sheet:
                    widget.setStyleSheet(restyle(sheet))
        return False


def follow_theme() -> None:
    """Install the theme follower on the application (once; nothing before one exists)."""
    app = QApplication.instance()
    if app is not None and app.findChild(_ThemeFollower, "casefileThemeFollower") is None:
        follower = _ThemeFollower(app)
        follower.setObjectName("casefileThemeFollower")
        app.installEventFilter(follower)


def dark_palette() -> QPalette:
    """A dark palette (for screenshots and tests of the dark look)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"),
                        (roles.Base, "#1e1e1e"), (roles.AlternateBase, "#262626"),
                        (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
                        (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#2f65ca"),
                        (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#353535"),
                        (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#9a9a9a"),
                        (roles.Link, "#8ab4f8"), (roles.BrightText, "#ff7b8a")):
        p.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):  # disabled: dimmed
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return p


THEMES = ("system", "light", "dark")


def light_palette() -> QPalette:
    """A light palette, whatever the system's (for the *Light* theme preference)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, "#efefef"), (roles.WindowText, "#1a1a1a"),
                        (roles.Base, "#ffffff"), (roles.AlternateBase, "#f5f5f5"),
                        (roles.Text, "#1a1a1a"), (roles.Button, "#e8e8e8"),
                        (roles.ButtonText, "#1a1a1a"), (roles.Highlight, "#3367d6"),
                        (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#ffffdc"),
                        (roles.ToolTipText, "#1a1a1a"), (roles.PlaceholderText, "#7a7a7a"),
                        (roles.Link, "#1a56c8"), (roles.BrightText, "#b00020")):
        p.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):  # disabled: dimmed
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a0a0"))
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """Draw the app in `theme` ("system", "light" or "dark") from now on. An explicit theme
    uses Fusion, the style that draws every colour of a palette; "system" hands the colours
    back to the platform (and so follows it when it switches)."""
    follow_theme()
    hints = app.styleHints()
    if theme == "system":
        hints.unsetColorScheme()
        native = app.property("casefileNativeStyle")
        if isinstance(native, str) and native != app.style().name():
            app.setStyle(native)  # the platform's own style, as before a theme was picked
        app.setPalette(app.style().standardPalette())
        return
    if app.style().name().lower() != "fusion":
        app.setProperty("casefileNativeStyle", app.style().name())
        app.setStyle("Fusion")
    hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    app.setPalette(dark_palette() if theme == "dark" else light_palette())


class _TintedSvg(QIconEngine):
    """A one-colour SVG drawn in the palette's text colour *when it is painted* (and so in
    the new colour after a theme switch), at the device's pixel ratio (sharp on high-DPI
    screens); disabled: the palette's disabled text colour."""

    def __init__(self, path: Path, role: QPalette.ColorRole) -> None:
        super().__init__()
        self.path = path
        self.role = role
        self.cache: dict[tuple[int, int, int, str], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return _TintedSvg(self.path, self.role)

    def ink(self, mode: QIcon.Mode) -> QColor:
        group = QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled \
            else QPalette.ColorGroup.Active
        return QGuiApplication.palette().color(group, self.role)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        width, height = round(size.width() * scale), round(size.height() * scale)
        ink = self.ink(mode).name(QColor.NameFormat.HexArgb)
        key = (width, height, int(mode.value), ink)
        if key not in self.cache:
            pixmap = QPixmap(max(width, 1), max(height, 1))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            QSvgRenderer(QByteArray(self.path.read_bytes())).render(
                painter, QRectF(0, 0, width, height))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(pixmap.rect(), QColor(ink))  # every drawn pixel takes the ink
            painter.end()
            self.cache[key] = pixmap
        pixmap = QPixmap(self.cache[key])
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))


def themed_icon(path: Path | str,
                role: QPalette.ColorRole = QPalette.ColorRole.WindowText) -> QIcon:
    """A monochrome SVG icon (any colour in the file) in the palette's `role` colour —
    re-tinted whenever it is painted after a theme switch, so a toolbar, menu or list that
    shows it needs no code of its own for dark themes."""
    return QIcon(_TintedSvg(Path(path), role))
