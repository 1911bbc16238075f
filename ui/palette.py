"""Colours that carry meaning — problems, weak claims, protected sources, claim anchors —
picked for the palette in use, so they stay readable in light and in dark themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

LIGHT = {"problem": "#b00020", "weak": "#a33b00", "protected": "#9b1c1c",
         "anchor": "#3367d6", "placeholder": "#d9d9d9", "quote": "#fff1a8",
         "quote_text": "#1a1a1a"}
DARK = {"problem": "#ff7b8a", "weak": "#ffab5e", "protected": "#ff8f8f",
        "anchor": "#8ab4f8", "placeholder": "#4a4a4a", "quote": "#6b5a12",
        "quote_text": "#fff6d5"}


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


def text_style(name: str, bold: bool = False) -> str:
    """A style sheet that colours a label's text."""
    return f"color: {color(name)};" + (" font-weight: bold;" if bold else "")


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
    return p
