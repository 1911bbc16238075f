"""The case window's menu bar: every menu entry, its shortcut and the call it makes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from casefile.about import dependency_versions
from casefile.db.driver import encryption_available
from ui.kinds import tr
from ui.shortcuts_sheet import show_sheet
from ui.undo import undo_redo_actions

if TYPE_CHECKING:
    from ui.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def about_text() -> str:
    """The About box: versions of Casefile and everything it runs on."""
    versions = dict(dependency_versions(), Qt=qVersion(), PySide6=PySide6.__version__)
    lines = "\n".join(f"{name}: {v}" for name, v in versions.items())
    return (tr("Casefile keeps everything about one story in one local file.\n"
               "It makes no network connection.") + "\n\n" + lines)


def action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
           shortcut: Shortcut = None) -> QAction:
    """A menu entry that calls `slot` (with its shortcut, if any)."""
    entry = QAction(text, window)
    if shortcut is not None:
        entry.setShortcut(shortcut)
    entry.triggered.connect(lambda _checked=False: slot())
    menu.addAction(entry)
    return entry


def build_menus(window: MainWindow) -> None:
    """The menu bar of a case window."""
    file_menu = window.menuBar().addMenu(tr("&File"))
    controller = window.controller
    if controller is not None:
        action(window, file_menu, tr("&New case file…"),
                     lambda: controller.new_case(window), QKeySequence.StandardKey.New)
        action(window, file_menu, tr("&Open…"), window.files.open_dialog,
                     QKeySequence.StandardKey.Open)
        window.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        window.recent_menu.aboutToShow.connect(
            lambda: window.files.fill_recent(window.recent_menu))
        action(window, file_menu, tr("Reco&ver a damaged case file…"),
                     lambda: controller.recover(window))
        file_menu.addSeparator()
        if window.case.encrypted:
            window.crypt_action = action(
                window, file_menu, tr("Remove encr&yption…"),
                lambda: controller.convert(window, encrypt=False))
        else:
            window.crypt_action = action(
                window, file_menu, tr("Encr&ypt with a passphrase…"),
                lambda: controller.convert(window, encrypt=True))
            window.crypt_action.setEnabled(encryption_available())
            if not encryption_available():
                window.crypt_action.setText(tr("Encryption unavailable (sqlcipher3 missing)"))
    window.import_action = action(window, file_menu, tr("Import &photos…"), window.choose_photos,
                 QKeySequence("Ctrl+Shift+I"))
    window.add_document_action = action(window, file_menu, tr("Add &document file…"),
                                        window.add_document_file)
    action(window, file_menu, tr("Import re&ferences (CSL-JSON, BibTeX, RIS)…"), window.import_csl)
    file_menu.addSeparator()
    action(window, file_menu, tr("Save &a copy (backup)…"), window.backup)
    action(window, file_menu, tr("&Backups…"), window.show_backups)
    action(window, file_menu, tr("Chec&k case file"), window.check_case_file)
    action(window, file_menu, tr("&Import bundle…"), window.import_bundle)
    action(window, file_menu, tr("E&xport bundle…"), window.export_bundle)
    file_menu.addSeparator()
    window.field_copies.add_menu_entries(file_menu)  # field copies (ui/field_copies.py)
    file_menu.addSeparator()
    window.export_action = action(window, file_menu, tr("Export draft to &Word…"),
                                      lambda: window.export_draft())
    file_menu.addSeparator()
    action(window, file_menu, tr("Case se&ttings…"), window.edit_case_settings)
    action(window, file_menu, tr("&Close"), window.close, QKeySequence.StandardKey.Close)
    edit_menu = window.menuBar().addMenu(tr("&Edit"))
    window.undo_action, window.redo_action = undo_redo_actions(  # each key bound once
        window, window.undo_stack, window.history.undo, window.history.redo)
    edit_menu.addAction(window.undo_action)
    edit_menu.addAction(window.redo_action)
    edit_menu.addSeparator()
    window.delete_action = QAction(tr("&Delete (to the trash)"), window)
    window.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
    window.delete_action.triggered.connect(window.delete_selected)
    window.restore_action = QAction(tr("Res&tore from the trash"), window)
    window.restore_action.triggered.connect(window.restore_selected)
    window.empty_action = QAction(tr("&Empty the trash…"), window)
    window.empty_action.triggered.connect(window.empty_trash)
    for entry in (window.delete_action, window.restore_action, window.empty_action):
        edit_menu.addAction(entry)
    window.new_action = QAction(tr("&New record…"), window)
    window.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
    window.new_action.triggered.connect(lambda: window.new_record())
    edit_menu.addAction(window.new_action)
    edit_detail = QAction(tr("Ed&it the selected record"), window)
    edit_detail.setShortcut(QKeySequence("F2"))
    edit_detail.triggered.connect(window.focus_detail)
    edit_menu.addAction(edit_detail)
    window.save_search_action = action(  # enabled while search results are shown
        window, edit_menu, tr("&Save this search…"),
        lambda: window.saved_searches.save_current())
    edit_menu.addSeparator()
    action(window, edit_menu, tr("House st&yle…"), window.edit_house_style)
    window.preferences_action = action(window, edit_menu, tr("Pre&ferences…"),
                                       window.edit_preferences)
    window.preferences_action.setShortcuts(  # Ctrl+, where the platform names none
        QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        or [QKeySequence("Ctrl+,")])
    window.table.addAction(window.delete_action)
    window.grid.addAction(window.delete_action)
    view_menu = window.menuBar().addMenu(tr("&View"))
    window.board_action = window.board.toggleViewAction()
    window.board_action.setText(tr("Claims &board (drop evidence on a claim)"))
    window.board_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    view_menu.addAction(window.board_action)
    help_menu = window.menuBar().addMenu(tr("&Help"))
    about = QAction(tr("&About Casefile"), window)
    about.triggered.connect(lambda: window.prompts.info(window, tr("About Casefile"),
                                                      about_text()))
    help_menu.addAction(about)
    action(window, help_menu, tr("&Keyboard shortcuts"), lambda: show_sheet(window),
           QKeySequence.StandardKey.HelpContents)
