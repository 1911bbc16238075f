"""Typed, then killed: the other half of tests/test_ui_autosave.py's dead-battery test.

Opens a case window (offscreen) on the case file in argv, selects a record, types into one
of its text fields with real key events, waits past the debounce WITHOUT leaving the field,
prints "typed" and sleeps until the test kills it (SIGKILL: nothing runs on the way out).
With UNDO given ("undo"), Ctrl+Z is pressed in the field after the typing is saved — the
box's own undo, back to the text as loaded — and the wait starts again.

    python tests/typing_child.py CASE_FILE SETTINGS_INI {source|comment_request} NAME TEXT [undo]
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from casefile import CaseFile  # noqa: E402
from ui.autosave import DELAY_MS  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.prompts import ScriptedPrompts  # noqa: E402


def wait_past_the_debounce(app: QApplication) -> None:
    """Let the app run (its timers fire) without leaving the field."""
    until = time.monotonic() + 2 * DELAY_MS / 1000
    while time.monotonic() < until:
        app.processEvents()
        time.sleep(0.02)


def main(path: str, ini: str, kind: str, name: str, text: str, undo: str = "") -> None:
    app = QApplication([])
    case = CaseFile.open(path, actor="typist")
    window = MainWindow(case, ScriptedPrompts(),
                        settings=QSettings(ini, QSettings.Format.IniFormat))
    window.resize(1024, 700)
    window.show()
    window.show_kind(kind)
    model = window.list_model
    assert model is not None
    label = "name" if kind == "source" else "subject"
    row = next(r for r in range(model.rowCount())
               if getattr(model.record(r), label) == name)
    window.current_view().setCurrentIndex(model.index(row, 0))
    field: QPlainTextEdit = (window.source_form.notes if kind == "source"
                             else window.request_panel.answer)
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    QTest.keyClicks(field, text)
    wait_past_the_debounce(app)
    if undo:
        QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        wait_past_the_debounce(app)
    print("typed", flush=True)
    time.sleep(3600)  # the battery dies here


if __name__ == "__main__":
    main(*sys.argv[1:7])
