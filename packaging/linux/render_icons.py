"""Render the app icon and the case-file document icon into a hicolor icon-theme tree
(`share/icons/hicolor/<size>/{apps,mimetypes}/`), as the Debian package installs them:

    python packaging/linux/render_icons.py OUT_DIR

The SVGs are the sources (resources/icons/casefile.svg, packaging/linux/icons/); the PNGs are
drawn from them at build time by Qt, so they never drift from the SVG. Needs PySide6 (the
build venv has it).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DESKTOP_ID = "org.casefile.Casefile"
MIME_ICON = "application-x-casefile"  # the default icon name of application/x-casefile
SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
# (context folder, icon name, source SVG)
ICONS = (
    ("apps", DESKTOP_ID, ROOT / "resources" / "icons" / "casefile.svg"),
    ("mimetypes", MIME_ICON, HERE / "icons" / f"{MIME_ICON}.svg"),
)


def render(renderer: QSvgRenderer, size: int, out: Path) -> None:
    """One PNG of size × size pixels with transparency."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):  # PNG, from the name
        sys.exit(f"render_icons: cannot write {out}")


def build(out_dir: Path) -> list[Path]:
    """Write the scalable SVGs and every PNG size under out_dir; return the files written."""
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    theme = out_dir / "share" / "icons" / "hicolor"
    written = []
    for context, name, source in ICONS:
        renderer = QSvgRenderer(str(source))
        if not renderer.isValid():
            sys.exit(f"render_icons: {source} is not a readable SVG")
        scalable = theme / "scalable" / context / f"{name}.svg"
        scalable.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, scalable)
        written.append(scalable)
        for size in SIZES:
            png = theme / f"{size}x{size}" / context / f"{name}.png"
            render(renderer, size, png)
            written.append(png)
    return written


def main(argv: list[str]) -> int:
    """`render_icons.py OUT_DIR`."""
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    written = build(Path(argv[0]))
    print(f"render_icons: {len(written)} icons in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
