"""Preferences (Edit → Preferences…): theme, default export profile, where automatic
backups go, and the interface language. They belong to the user, not to a case, so they
live in QSettings; each is stored the moment it is changed. The theme applies at once; the
interface language on the next start (a translator swapped under open windows would leave
half of them in the old language)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.kinds import tr
from ui.palette import THEMES, apply_theme, text_style

THEME_KEY = "preferences/theme"
PROFILE_KEY = "preferences/exportProfile"
BACKUP_KEY = "preferences/backupFolder"
LANGUAGE_KEY = "preferences/language"
PROFILES = ("editor", "clean")  # what the export dialog offers


def _text(settings: QSettings, key: str, default: str) -> str:
    value = settings.value(key, default)
    return value if isinstance(value, str) else default


def theme(settings: QSettings) -> str:
    """"system", "light" or "dark"."""
    chosen = _text(settings, THEME_KEY, "system")
    return chosen if chosen in THEMES else "system"


def export_profile(settings: QSettings) -> str:
    """The profile the export dialog starts on ("editor" or "clean")."""
    chosen = _text(settings, PROFILE_KEY, "editor")
    return chosen if chosen in PROFILES else "editor"


def preferred_profile(window: QWidget | None) -> str:
    """The export profile the export dialog over `window` starts on: from the window's
    settings (a case window carries them), else the user's."""
    settings = getattr(window, "settings", None)
    if not isinstance(settings, QSettings) and window is not None:
        settings = getattr(window.window(), "settings", None)  # a panel inside the window
    return export_profile(settings if isinstance(settings, QSettings)
                          else QSettings("Casefile", "Casefile"))


def backup_folder(settings: QSettings) -> Path | None:
    """Where automatic backups go; None: the default (casefile.backups.default_root)."""
    chosen = _text(settings, BACKUP_KEY, "").strip()
    return Path(chosen) if chosen else None


def interface_language(settings: QSettings) -> str:
    """"" (automatic: the system's) or a language code such as "en" or "ru"."""
    return _text(settings, LANGUAGE_KEY, "")


def language_choices() -> list[tuple[str, str]]:
    """(code, name) of each interface language, "" first for the system's. Part of the
    translation machinery (ui/i18n.py) when it is there; the two shipped ones otherwise."""
    try:
        from ui import i18n  # type: ignore[attr-defined,unused-ignore]

        offered = [(str(c), str(n)) for c, n in i18n.available_languages()]
    except (ImportError, AttributeError, TypeError, ValueError):
        offered = [("en", "English"), ("ru", "Русский")]
    return [("", tr("Automatic (the system's language)")),
            *[(c, n) for c, n in offered if c]]


class PreferencesDialog(QDialog):
    """Edits the preferences in `settings`; `parent`'s app gets a theme as it is picked.
    `choose_folder` asks for a folder (a QFileDialog; tests give their own)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None,
                 choose_folder: Callable[[QWidget, str], Path | None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.settings = settings
        self.choose_folder = choose_folder or _ask_folder
        self.theme = QComboBox()
        self.theme.setObjectName("prefTheme")
        for key, text in (("system", tr("Follow the system")), ("light", tr("Light")),
                          ("dark", tr("Dark"))):
            self.theme.addItem(text, key)
        self.theme.setCurrentIndex(max(self.theme.findData(theme(settings)), 0))
        self.profile = QComboBox()
        self.profile.setObjectName("prefProfile")
        self.profile.addItem(tr("For the editor: comments, highlights, sourcing tables"),
                             "editor")
        self.profile.addItem(tr("Clean: the text only"), "clean")
        self.profile.setCurrentIndex(max(self.profile.findData(export_profile(settings)), 0))
        self.folder = QLineEdit(str(backup_folder(settings) or ""))
        self.folder.setObjectName("prefBackupFolder")
        self.folder.setReadOnly(True)
        self.folder.setPlaceholderText(tr("The default: Casefile's folder in your user data"))
        self.folder.setAccessibleName(tr("Backup folder"))
        browse = QPushButton(tr("&Choose…"))
        browse.setObjectName("prefBrowse")
        browse.clicked.connect(self._choose)
        self.reset_folder = QPushButton(tr("&Default"))
        self.reset_folder.setObjectName("prefDefaultFolder")
        self.reset_folder.clicked.connect(lambda: self._set_folder(None))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.folder, 1)
        line.addWidget(browse)
        line.addWidget(self.reset_folder)
        self.language = QComboBox()
        self.language.setObjectName("prefLanguage")
        for code, name in language_choices():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(
            interface_language(settings)), 0))
        self.language_note = QLabel()
        self.problem = QLabel()
        self.problem.setObjectName("prefProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.hide()
        self.language_note.hide()
        self.language_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("&Theme"), self.theme)
        form.addRow(tr("Export &profile"), self.profile)
        form.addRow(tr("&Backups go to"), row)
        form.addRow("", self.problem)
        hint = QLabel(tr("From the next backup on; earlier backups stay where they are."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        form.addRow(tr("Interface &language"), self.language)
        form.addRow("", self.language_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.theme.currentIndexChanged.connect(lambda _i: self._theme_chosen())
        self.profile.currentIndexChanged.connect(
            lambda _i: self._store(PROFILE_KEY, self.profile.currentData()))
        self.language.currentIndexChanged.connect(lambda _i: self._language_chosen())
        self.setMinimumWidth(640)

    def _store(self, key: str, value: str) -> None:
        from ui.recent import keep_private

        self.settings.setValue(key, value)
        keep_private(self.settings)

    def _theme_chosen(self) -> None:
        chosen = str(self.theme.currentData())
        self._store(THEME_KEY, chosen)
        app = QApplication.instance()
        if app is not None:
            apply_theme(cast(QApplication, app), chosen)

    def _language_chosen(self) -> None:
        self._store(LANGUAGE_KEY, str(self.language.currentData()))
        self.language_note.setText(tr("The new language is used from the next start of "
                                      "Casefile."))
        self.language_note.show()

    def _choose(self) -> None:
        chosen = self.choose_folder(self, tr("Where automatic backups go"))
        if chosen is not None:
            self._set_folder(chosen)

    def _set_folder(self, folder: Path | None) -> None:
        if folder is not None and not (folder.is_dir() and os.access(folder, os.W_OK)):
            self.problem.setText(tr("Backups cannot be written to “{d}”: choose a folder "
                                    "you can write to. Backups still go where they went.")
                                 .replace("{d}", str(folder)))
            self.problem.show()
            return
        self.problem.clear()
        self.problem.hide()
        self._store(BACKUP_KEY, str(folder) if folder is not None else "")
        self.folder.setText(str(folder) if folder is not None else "")
        repoint_backups(self.settings, folder)


def repoint_backups(settings: QSettings, folder: Path | None) -> None:
    """Every open case window of these settings takes its next automatic backup in
    `folder` (None: the default) — not only windows opened from now on."""
    from casefile.backups import BackupShelf, default_root
    from ui.auto_backup import AutoBackup

    for widget in QApplication.topLevelWidgets():
        auto = getattr(widget, "auto_backup", None)
        own = getattr(widget, "settings", None)
        if isinstance(auto, AutoBackup) and isinstance(own, QSettings) \
                and own.fileName() == settings.fileName():  # the shelf is named by case UUID
            auto.move_to(BackupShelf((folder or default_root()) / auto.shelf.folder.name,
                                     auto.shelf.retention))


def _ask_folder(parent: QWidget, title: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, title)
    return Path(name) if name else None
