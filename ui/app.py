"""Starting the desktop app: `casefile-app [FILE]` opens FILE; without one it reopens the
case opened last, or shows the start screen (first run, or that file has gone)."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from platformdirs import user_data_path
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import casefile
from casefile.case import CaseFile
from casefile.errors import CaseFileError, PassphraseRequiredError
from casefile.private_temp import clean_stale, make_private_dir, remove_private_dir
from casefile.resources import resource_path
from ui.controller import AppController
from ui.errors import install_excepthook, setup_logging
from ui.file_open_events import FileOpenEvents
from ui.gc_main import MainThreadCollector
from ui.i18n import ENVIRONMENT as LANGUAGE_ENVIRONMENT
from ui.i18n import install_translator
from ui.kinds import VIEWS, tr
from ui.main_window import MainWindow
from ui.palette import apply_theme
from ui.preferences import BACKUP_KEY, interface_language, theme
from ui.prompts import Prompts
from ui.recent import last_case
from ui.start_screen import missing_text

APP_NAME = "Casefile"
# The desktop entry's id (packaging/linux/org.casefile.Casefile.desktop): the Wayland app id
# and the X11 window hint by which a desktop matches the window to its menu entry and icon.
DESKTOP_ID = "org.casefile.Casefile"


def default_case_path() -> Path:
    """Where the sample case lives for a user who opens the app with no file."""
    return user_data_path(APP_NAME, appauthor=False) / "Sample case.casefile"


def app_settings() -> QSettings:
    """The user's settings: recent files, preferences, window geometry."""
    return QSettings(APP_NAME, APP_NAME)


def scratch_settings(folder: Path) -> QSettings:
    """Settings of an unattended run (--smoke, --first-window): new and empty in a private
    temporary folder, its automatic backups kept there too — so a test or a package check
    on a reporter's machine never reads or changes their recent cases or preferences,
    and never reopens their last case."""
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    (folder / "backups").mkdir(exist_ok=True)
    settings.setValue(BACKUP_KEY, str(folder / "backups"))
    return settings


def run_settings(args: argparse.Namespace) -> tuple[QSettings, Path | None]:
    """The settings this run uses, and the private folder to remove afterwards (if any):
    --settings FILE if given; else private empty ones for an unattended run; else the
    user's."""
    if args.settings is not None:
        return QSettings(str(args.settings), QSettings.Format.IniFormat), None
    if args.smoke or args.first_window:
        folder = make_private_dir()
        return scratch_settings(folder), folder
    return app_settings(), None


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
    parser.add_argument("file", nargs="?", type=Path,
                        help="a .casefile to open (default: the one opened last, else the "
                             "start screen)")
    parser.add_argument("--smoke", action="store_true",
                        help="start, show the main window, visit every view, and exit (for "
                             "tests and packaging); with no case to reopen it shows the start "
                             "screen and opens the sample case from it")
    parser.add_argument("--screenshot", type=Path, help="with --smoke: save the window as PNG")
    parser.add_argument("--first-window", action="store_true",
                        help="exit as soon as the first window is drawn (start-up benchmark)")
    parser.add_argument("--settings", type=Path, metavar="FILE",
                        help="use the settings (recent cases, preferences) in this .ini "
                             "file instead of yours; --smoke and --first-window without it "
                             "start from empty private settings")
    parser.add_argument("--version", action="version", version=f"Casefile {casefile.__version__}")
    return parser.parse_args(list(argv))


def freeze_startup_objects() -> None:
    """Move everything alive once the window is up (Qt's wrappers, modules, the window) out of
    the garbage collector's sight: its full collections then scan only what work creates,
    and stop stalling the UI for ~50 ms each (gc.freeze, as large Python services do)."""
    gc.freeze()


def make_app() -> QApplication:
    """The QApplication. High-DPI: Qt 6 already scales by the screen's exact factor (150 %
    is 1.5, not rounded to 2) unless $QT_SCALE_FACTOR_ROUNDING_POLICY says otherwise (it
    wins over this call); the call only states that default. What Casefile itself does for
    high-DPI screens is draw its icons and thumbnails at the device pixel ratio
    (ui/palette.py `themed_icon`, ui/kind_icons.py, ui/window_toolbar.py)."""
    QGuiApplication.setDesktopFileName(DESKTOP_ID)  # before any window exists
    existing = QApplication.instance()
    if existing is not None:
        return cast(QApplication, existing)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    return QApplication([sys.argv[0]])


def reopen_last(controller: AppController, unattended: bool) -> QWidget:
    """At launch without a file: the case opened last, in its window; else the start screen
    (saying quietly when that case is no longer where it was)."""
    last = last_case(controller.settings)
    if last is None:
        return controller.show_start()
    if not last.exists:
        return controller.show_start(tr("The case opened last could not be found.") + " "
                                     + missing_text(last))
    if not unattended:
        window = controller.open_path(last.path)  # asks for a passphrase, shows problems
        return window if window is not None else controller.show_start()
    try:  # tests and packaging: a passphrase from the environment, problems on stderr
        case = CaseFile.open(last.path, passphrase=os.environ.get("CASEFILE_PASSPHRASE"))
    except CaseFileError as exc:
        print(f"casefile-app: {last.path}: {exc}; showing the start screen", file=sys.stderr)
        return controller.show_start()
    return controller.show_case(case)


def visit_every_view(app: QApplication, window: MainWindow, screenshot: Path | None) -> None:
    """--smoke: every view opens on the real case, its first row selected."""
    app.processEvents()
    for view in VIEWS:
        window.show_kind(view.key)
        if window.list_model is not None and window.list_model.rowCount():
            window.current_view().setCurrentIndex(window.list_model.index(0, 0))
        app.processEvents()
    window.show_kind(VIEWS[0].key)
    app.processEvents()
    if screenshot:
        window.grab().save(str(screenshot))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `casefile-app` script."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = make_app()
    file_events = FileOpenEvents(app)  # first: macOS hands over a double-clicked file early
    from ui.focus import install as install_focus

    install_focus(app)  # the start screen and the first dialogs get the ring too
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(casefile.__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "casefile.svg"))))
    from ui.binding_check import problem

    broken = problem()
    if broken is not None:  # before any case is opened: a crash later could lose a typed edit
        print(f"casefile-app: error: {broken}", file=sys.stderr)
        if not (args.smoke or args.first_window):
            QMessageBox.critical(None, tr("Casefile cannot start"), broken)
        app.removeEventFilter(file_events)
        return 1
    settings, scratch = run_settings(args)
    if scratch is None and args.settings is None:
        install_translator(app)  # the language of Preferences, $CASEFILE_LANGUAGE or the system's
    else:  # never the user's own choice: these settings', else the environment's or system's
        install_translator(app, os.environ.get(LANGUAGE_ENVIRONMENT)
                           or interface_language(settings) or "system")
    if theme(settings) != "system":
        apply_theme(app, theme(settings))
    prompts = Prompts()
    if not (args.smoke or args.first_window):
        setup_logging()
        install_excepthook(prompts)
    # "Open the file" copies and other private temporary folders a crash left behind.
    clean_stale()
    controller = AppController(prompts, settings, sample_path=lambda: default_case_path())
    unattended = args.smoke or args.first_window
    app.processEvents()  # macOS delivers the file that launched the app in the first events
    handed = file_events.release(lambda path: controller.open_path(path, in_place=False))
    try:
        if args.file is not None:
            opened = open_given(controller, args.file, unattended)
            if opened is None:
                return 1
            first: QWidget = opened
        elif handed:
            # Launched by opening a file (macOS): that file, not the case opened last.
            for path in handed[1:]:
                QTimer.singleShot(0, lambda p=path: controller.open_path(p, in_place=False))
            first = open_given(controller, handed[0], unattended) or controller.show_start()
        else:
            first = reopen_last(controller, unattended)
        if args.first_window:
            app.processEvents()
            first.grab()  # forces the first paint of the whole window
            first.close()
            return 0
        if args.smoke:
            # No event loop and no quit(): Qt 6 delivers a quit as a posted event, which
            # would end whatever event loop runs next in the same process.
            app.processEvents()
            if not isinstance(first, MainWindow):  # the start screen: its sample button
                first.grab()
                controller.open_sample(first)
                if not controller.windows:
                    print("casefile-app: error: the sample case did not open", file=sys.stderr)
                    return 1
                first = controller.windows[-1]
            visit_every_view(app, first, args.screenshot)
            first.close()
            return 0
        QTimer.singleShot(0, freeze_startup_objects)
        collector = MainThreadCollector(app)  # never on a worker: see ui/gc_main.py
        try:
            return int(app.exec())
        finally:
            collector.stop()
    finally:
        for window in list(controller.windows):
            window.case.close()
        controller.close_start_screen()
        app.removeEventFilter(file_events)  # a test's next main() installs its own
        file_events.deleteLater()
        if scratch is not None:
            settings.sync()
            remove_private_dir(scratch)


def open_given(controller: AppController, path: Path, unattended: bool) -> MainWindow | None:
    """The file named on the command line, in a window; None (the problem said) if it did
    not open."""
    try:
        # Unattended runs (tests, packaging) take an encrypted file's passphrase from the
        # environment; a person is asked in a dialog.
        case = open_case(path, os.environ.get("CASEFILE_PASSPHRASE") if unattended else None)
    except PassphraseRequiredError:
        if unattended:
            print(f"casefile-app: error: {path}: encrypted; set CASEFILE_PASSPHRASE",
                  file=sys.stderr)
            return None
        opened = controller.open_case_file(path)
        if opened is None:
            return None
        case = opened
    except CaseFileError as exc:
        if unattended:
            print(f"casefile-app: error: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, tr("Cannot open case file"), str(exc))
        return None
    return controller.show_case(case)


if __name__ == "__main__":
    sys.exit(main())
