"""Render the app icon (casefile.svg) to the formats installers need:

    .venv/bin/python resources/icons/build_icons.py

casefile.png (256 px, Linux desktop entries), casefile.ico (Windows: 16–256 px) and
casefile.icns (macOS). Qt draws the SVG; Pillow writes the containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    """The icon at size × size pixels, with transparency."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    """Write the three files next to the SVG."""
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "casefile.svg"))
    if not renderer.isValid():
        sys.exit("casefile.svg cannot be read")
    big = render(renderer, 1024)
    render(renderer, 256).save(HERE / "casefile.png")
    big.save(HERE / "casefile.ico", sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    big.save(HERE / "casefile.icns")
    print("wrote casefile.png, casefile.ico, casefile.icns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
