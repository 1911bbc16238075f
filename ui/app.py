"""Starting the desktop app: `casefile-app [FILE]` (the sample case when no file is given)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from platformdirs import user_data_path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

import casefile
from casefile.case import CaseFile
from casefile.errors import CaseFileError, PassphraseRequiredError
from casefile.private_temp import clean_stale
from casefile.resources import resource_path
from ui.controller import AppController
from ui.errors import install_excepthook, setup_logging
from ui.kinds import VIEWS
from ui.prompts import Prompts

APP_NAME = "Casefile"


def default_case_path() -> Path:
    """Where the sample case lives for a user who opens the app with no file."""
    return user_data_path(APP_NAME, appauthor=False) / "Sample case.casefile"


def open_case(path: Path | None, passphrase: str | None = None) -> CaseFile:
    """Open `path`, or the sample case (made on first use) when no path is given."""
    if path is not None:
        return CaseFile.open(path, passphrase=passphrase)
    sample = default_case_path()
    if sample.exists():
        return CaseFile.open(sample)
    from casefile.sample import create_sample_case  # only on first use: it loads the bundle code

    sample.parent.mkdir(parents=True, exist_ok=True)
    return create_sample_case(sample)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """Command-line options of the app."""
    parser = argparse.ArgumentParser(prog="casefile-app", description="The Casefile desktop app.")
    parser.add_argument("file", nargs="?", type=Path, help="a .casefile to open")
    parser.add_argument("--smoke", action="store_true",
                        help="start, show the main window, and exit (for tests and packaging)")
    parser.add_argument("--screenshot", type=Path, help="with --smoke: save the window as PNG")
    parser.add_argument("--first-window", action="store_true",
                        help="exit as soon as the main window is drawn (start-up benchmark)")
    parser.add_argument("--version", action="version", version=f"Casefile {casefile.__version__}")
    return parser.parse_args(list(argv))


def freeze_startup_objects() -> None:
    """Move everything alive once the window is up (Qt's wrappers, modules, the window) out of
    the garbage collector's sight: its full collections then scan only what work creates,
    and stop stalling the UI for ~50 ms each (gc.freeze, as large Python services do)."""
    gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `casefile-app` script."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0]]))
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(casefile.__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "casefile.svg"))))
    from ui.binding_check import problem

    broken = problem()
    if broken is not None:  # before any case is opened: a crash later could lose a typed edit
        print(f"casefile-app: error: {broken}", file=sys.stderr)
        if not (args.smoke or args.first_window):
            QMessageBox.critical(None, "Casefile cannot start", broken)
        return 1
    prompts = Prompts()
    if not (args.smoke or args.first_window):
        setup_logging()
        install_excepthook(prompts)
    # "Open the file" copies and other private temporary folders a crash left behind.
    clean_stale()
    controller = AppController(prompts)
    unattended = args.smoke or args.first_window
    try:
        # Unattended runs (tests, packaging) take an encrypted file's passphrase from the
        # environment; a person is asked in a dialog.
        case = open_case(args.file, os.environ.get("CASEFILE_PASSPHRASE") if unattended
                         else None)
    except PassphraseRequiredError:
        if unattended:
            print(f"casefile-app: error: {args.file}: encrypted; set CASEFILE_PASSPHRASE",
                  file=sys.stderr)
            return 1
        opened = controller.open_case_file(args.file)
        if opened is None:
            return 1
        case = opened
    except CaseFileError as exc:
        if unattended:
            print(f"casefile-app: error: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "Cannot open case file", str(exc))
        return 1
    try:
        window = controller.show_case(case)
        if args.first_window:
            app.processEvents()
            window.grab()  # forces the first paint of the whole window
            window.close()
            return 0
        if args.smoke:
            # No event loop and no quit(): Qt 6 delivers a quit as a posted event, which
            # would end whatever event loop runs next in the same process.
            app.processEvents()
            for view in VIEWS:  # every view opens on the real case
                window.show_kind(view.key)
                if window.list_model is not None and window.list_model.rowCount():
                    window.current_view().setCurrentIndex(window.list_model.index(0, 0))
                app.processEvents()
            window.show_kind(VIEWS[0].key)
            app.processEvents()
            if args.screenshot:
                window.grab().save(str(args.screenshot))
            window.close()
            return 0
        QTimer.singleShot(0, freeze_startup_objects)
        return int(app.exec())
    finally:
        case.close()


if __name__ == "__main__":
    sys.exit(main())
