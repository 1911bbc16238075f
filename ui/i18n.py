"""The app's language: which translation is loaded, and dates and numbers in the user's locale.

Many labels are translated when their module is imported (column titles, status names), so
the translation must be chosen before the first `tr()` — long before a QApplication exists.
`tr()` therefore loads it on first use (`translate`), and `install_translator` later hands the
same catalogue, plus Qt's own for its standard dialogs, to the application.
The choice: $CASEFILE_LANGUAGE, else the "language" preference (QSettings), else the system's.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTime,
    QTranslator,
)

from casefile.resources import resource_path

CONTEXT = "Casefile"
SOURCE_LANGUAGE = "en"
SETTING = "preferences/language"  # QSettings key (ui/preferences.py); "": the system's
ENVIRONMENT = "CASEFILE_LANGUAGE"

_catalogue: QTranslator | None = None
_language: str | None = None
_installed: list[QTranslator] = []


def catalogue_path(code: str) -> str:
    """The compiled translation (.qm) of the app for a language code such as "ru"."""
    return str(resource_path("i18n", f"casefile_{code}.qm"))


def language_codes() -> list[str]:
    """The languages the app can be shown in: English (its own) and every shipped .qm."""
    folder = resource_path("i18n")
    found = sorted(p.stem.removeprefix("casefile_") for p in folder.glob("casefile_*.qm"))
    return [SOURCE_LANGUAGE, *found]


def language_name(code: str) -> str:
    """A language's own name ("Русский" for "ru"), for the Preferences list."""
    if code == SOURCE_LANGUAGE:
        return "English"
    name = QLocale(code).nativeLanguageName() or code
    return name[:1].upper() + name[1:]


def available_languages() -> list[tuple[str, str]]:
    """(code, own name) of each language the app can be shown in, English first."""
    return [(code, language_name(code)) for code in language_codes()]


def chosen_language(settings: QSettings | None = None, wanted: str | None = None) -> str:
    """The language to show: `wanted`, the environment's, the user's choice (Preferences),
    else the system's — English when there is no catalogue for it."""
    wanted = (wanted or os.environ.get(ENVIRONMENT, "")).strip()
    if not wanted:
        store = settings if settings is not None else QSettings("Casefile", "Casefile")
        wanted = str(store.value(SETTING, "") or "")
    if wanted and wanted != "system":
        code = wanted.split("_")[0].lower()
    else:
        code = QLocale.system().name().split("_")[0].lower()
    return code if code in language_codes() else SOURCE_LANGUAGE


def _load(code: str) -> QTranslator | None:
    if code == SOURCE_LANGUAGE:
        return None
    catalogue = QTranslator()
    return catalogue if catalogue.load(catalogue_path(code)) else None


def _set_locale(code: str) -> None:
    """Dates and numbers follow the language shown; the system's locale when they agree
    (an en_GB user keeps day-first dates in the English app)."""
    system = QLocale.system()
    spoken = system.name().split("_")[0].lower()
    # Only a language chosen over the system's replaces its locale: a de_DE or uk_UA user
    # shown English (no catalogue for theirs) keeps their own dates, not US ones; a Russian
    # system shown English by choice gets English dates.
    chosen = spoken != code and (code != SOURCE_LANGUAGE or spoken in language_codes())
    QLocale.setDefault(QLocale(code) if chosen else system)


def current_language() -> str:
    """The language `tr()` translates into (chosen on first use)."""
    if _language is None:
        use_language(chosen_language())
    return _language or SOURCE_LANGUAGE


def use_language(code: str) -> None:
    """Translate into `code` from now on (labels made at import time keep their language)."""
    global _catalogue, _language
    _catalogue = _load(code)
    _language = code if _catalogue is not None else SOURCE_LANGUAGE
    _set_locale(_language)


def translate(text: str) -> str:
    """`text` in the chosen language (itself when no translation exists)."""
    if _language is None:
        current_language()
    if _catalogue is not None:
        return _catalogue.translate(CONTEXT, text) or text
    return QCoreApplication.translate(CONTEXT, text)


def qt_translation_folders() -> list[str]:
    """Where Qt's own catalogues are: Qt's translations path, and the frozen build's copy."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(str(Path(frozen) / "PySide6" / "Qt" / "translations"))
    return folders


def install_translator(app: QCoreApplication, code: str | None = None) -> str:
    """Install the app's translation and Qt's own (standard dialogs' buttons) for `code`
    (None or "": as chosen — see `chosen_language`); returns the language installed.
    Call before any window is made."""
    use_language(chosen_language(wanted=code))
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return language
    qt_own = QTranslator(app)
    if any(qt_own.load(f"qtbase_{language}", folder) for folder in qt_translation_folders()):
        _installed.append(qt_own)
    if _catalogue is not None:
        _installed.append(_catalogue)
    for catalogue in _installed:
        app.installTranslator(catalogue)
    return language


def short_datetime(value: datetime) -> str:
    """A date and time as the locale writes it short (14.03.2026 10:30), in the value's own
    zone; ISO (2026-03-14 10:30) where no locale is set (C/POSIX)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return value.strftime("%Y-%m-%d %H:%M")
    moment = QDateTime(QDate(value.year, value.month, value.day),
                       QTime(value.hour, value.minute))
    return locale.toString(moment, locale.dateTimeFormat(QLocale.FormatType.ShortFormat))


def long_datetime(value: datetime) -> str:
    """A moment with its weekday and seconds, as the backups list shows it: "Tue 01 Dec 2026,
    19:23:57"; "вт 1 дек. 2026, 19:23:57" in Russian."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return value.strftime("%a %d %b %Y, %H:%M:%S")
    moment = QDateTime(QDate(value.year, value.month, value.day),
                       QTime(value.hour, value.minute, value.second))
    return locale.toString(moment, "ddd d MMM yyyy, HH:mm:ss")


def number(value: int) -> str:
    """A count with the locale's digit grouping (12 345 in Russian, 12,345 in English)."""
    return QLocale().toString(value)
