"""Render each main view of the sample case to PNG: `make screenshots` (offscreen).

Writes docs/screenshots/<view>.png (the README's pictures); with `--matrix DIR`, every view
at 1024x700 and 1920x1080, light and dark, into DIR/<language>/ — run once per language
(`CASEFILE_LANGUAGE=ru python -m ui.screenshots --matrix DIR`). Look at every one before
calling UI work done.
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


def pick(window: MainWindow, key: str, wanted: str | None) -> None:
    """Select the row whose record's name or statement starts with `wanted` (else the first)."""
    model = window.list_model
    if model is None or not model.rowCount():
        return
    row = 0
    for r in range(model.rowCount()):
        record = model.record(r)
        main_record = record[0] if isinstance(record, tuple) else record
        label = getattr(main_record, "name", "") or getattr(main_record, "statement", "")
        if wanted and label.startswith(wanted):
            row = r
    window.current_view().setCurrentIndex(model.index(row, 0))


PICKS = {"source": "Artyom Belov", "claim": "Banks in the region"}
SIZES = ((1024, 700), (1920, 1080))


def matrix(out: Path) -> int:
    """Every view at each size in light and dark, in the language `tr()` translates into."""
    from ui.i18n import current_language, install_translator
    from ui.palette import apply_theme

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    language = install_translator(app)
    folder = out / current_language()
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    with tempfile.TemporaryDirectory() as tmp:
        case = create_sample_case(Path(tmp) / "Sample case.casefile", actor="screenshots")
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(case, ScriptedPrompts(), settings=settings)
        window.show()
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            for width, height in SIZES:
                window.resize(width, height)
                settle(app)
                for view in VIEWS:
                    window.show_kind(view.key)
                    pick(window, view.key, PICKS.get(view.key))
                    settle(app, 0.8 if view.key == "photo" else 0.2)
                    window.grab().save(str(folder / f"{view.key}-{width}x{height}-{theme}.png"))
                    written += 1
                window.search_field.setText("trucks")
                window.search("trucks")
                settle(app)
                window.grab().save(str(folder / f"search-{width}x{height}-{theme}.png"))
                written += 1
        apply_theme(app, "light")
        window.close()
        case.close()
    print(f"wrote {written} screenshots ({language}) to {folder}")
    return 0


def start_screen(app: QApplication, out: Path, recent: Path, tmp: Path) -> int:
    """The start screen as a returning reporter sees it: the sample case among the recent."""
    from ui.controller import AppController
    from ui.recent import remember

    settings = QSettings(str(tmp / "start.ini"), QSettings.Format.IniFormat)
    remember(settings, recent)
    controller = AppController(ScriptedPrompts(), settings, sample_path=lambda: recent)
    screen = controller.show_start()
    screen.resize(760, 520)
    settle(app)
    screen.grab().save(str(out / "start.png"))
    controller.close_start_screen()
    return 1


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
        for view in VIEWS:
            window.show_kind(view.key)
            pick(window, view.key, PICKS.get(view.key))
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
        settings_dialog = window.edit_case_settings()  # the case's own fields
        settle(app)
        settings_dialog.grab().save(str(out / "case-settings.png"))
        settings_dialog.close()
        shots = 1 + start_screen(app, out, case.path, Path(tmp))
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
    print(f"wrote {len(VIEWS) + 5 + shots} screenshots to {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--matrix":
        sys.exit(matrix(Path(sys.argv[2])))
    sys.exit(main())
