"""Render each main view of the sample case to PNG: `make screenshots` (offscreen).

Writes docs/screenshots/<view>.png; look at every one before calling UI work done.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from casefile.sample import create_sample_case  # noqa: E402
from ui.kinds import VIEWS  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.palette import dark_palette  # noqa: E402
from ui.prompts import ScriptedPrompts  # noqa: E402


def settle(app: QApplication, seconds: float = 0.3) -> None:
    """Let queued work (previews on workers) finish and repaint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main(out: Path = Path("docs/screenshots")) -> int:
    """Write one PNG per view; returns 0."""
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        case = create_sample_case(Path(tmp) / "Sample case.casefile", actor="screenshots")
        # Fresh settings: remembered column widths of the person running this would leak in.
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(case, ScriptedPrompts(), settings=settings)
        window.resize(1280, 760)
        window.show()
        settle(app)
        picks = {"source": "Artyom Belov", "claim": "Banks in the region"}
        for view in VIEWS:
            window.show_kind(view.key)
            model = window.list_model
            if model is not None and model.rowCount():
                row = 0
                wanted = picks.get(view.key)
                for r in range(model.rowCount()):
                    record = model.record(r)
                    main_record = record[0] if isinstance(record, tuple) else record
                    label = getattr(main_record, "name", "") or getattr(
                        main_record, "statement", "")
                    if wanted and label.startswith(wanted):
                        row = r
                window.current_view().setCurrentIndex(model.index(row, 0))
            settle(app, 0.8 if view.key == "photo" else 0.2)
            window.grab().save(str(out / f"{view.key}.png"))
        window.search_field.setText("trucks")
        window.search("trucks")
        settle(app)
        window.grab().save(str(out / "search.png"))
        window.show_kind("photo")  # the claims board beside the photos: drop to link
        if window.list_model is not None:
            window.grid.setCurrentIndex(window.list_model.index(1, 0))
        window.board_action.trigger()
        settle(app, 0.8)
        window.grab().save(str(out / "claims-board.png"))
        window.board_action.trigger()
        app.setPalette(dark_palette())  # the same window in a dark theme
        for key in ("claim", "interview", "source"):
            window.show_kind(key)
            if window.list_model is not None:
                window.current_view().setCurrentIndex(window.list_model.index(0, 0))
            settle(app)
            window.grab().save(str(out / f"dark-{key}.png"))
        app.setPalette(app.style().standardPalette())
        window.close()
        case.close()
    print(f"wrote {len(VIEWS) + 5} screenshots to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
