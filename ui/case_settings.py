"""The case settings dialog (File → Case settings…): the case's title, summary, language
and desk on one page, its house style on the other (Edit → House style… opens that page).

Like every form it stores as it goes — typed text a moment after typing stops or when its
field is left, everything still typed when the dialog closes — through
`case.update_info(...)`; the window title and the overview follow because the core reports
the change. A refusal (an empty title) is shown in the dialog and the typed text kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from casefile.export.sourcing import LANGUAGES
from ui.forms import name_fields
from ui.house_style import HouseStyleBox
from ui.kinds import tr
from ui.palette import text_style

SAVE_DELAY_MS = 800  # typed text is stored this long after typing stops
CASE_PAGE, STYLE_PAGE = 0, 1


def language_names() -> dict[str, str]:
    """The export's languages (casefile.export.sourcing.LANGUAGES) named in the interface's
    language — each written out so the translation catalogue finds it."""
    return {
        "ar": tr("Arabic"),
        "az": tr("Azerbaijani"),
        "be": tr("Belarusian"),
        "de": tr("German"),
        "en": tr("English"),
        "es": tr("Spanish"),
        "fa": tr("Persian"),
        "fi": tr("Finnish"),
        "fr": tr("French"),
        "he": tr("Hebrew"),
        "hi": tr("Hindi"),
        "hy": tr("Armenian"),
        "it": tr("Italian"),
        "ja": tr("Japanese"),
        "ka": tr("Georgian"),
        "kk": tr("Kazakh"),
        "ko": tr("Korean"),
        "ky": tr("Kyrgyz"),
        "mn": tr("Mongolian"),
        "nl": tr("Dutch"),
        "pl": tr("Polish"),
        "pt": tr("Portuguese"),
        "ro": tr("Romanian"),
        "ru": tr("Russian"),
        "sv": tr("Swedish"),
        "tg": tr("Tajik"),
        "tr": tr("Turkish"),
        "uk": tr("Ukrainian"),
        "ur": tr("Urdu"),
        "uz": tr("Uzbek"),
        "vi": tr("Vietnamese"),
        "zh": tr("Chinese"),
    }


def language_items(current: str) -> list[tuple[str, str]]:
    """(code, "Russian (ru)") for each language the export names, by its name in the
    interface's language; the case's own code first among them if it is not one of those."""
    names = language_names()
    items = sorted(((code, f"{names.get(code, name)} ({code})")
                    for code, name in LANGUAGES.items()), key=lambda item: item[1].casefold())
    if current and current not in LANGUAGES:
        items.insert(0, (current, current))
    return items


class CaseSettingsDialog(QDialog):
    """The case's own fields and its house style; `changed` is called after each stored
    change (the window delivers it at once)."""

    def __init__(self, case: CaseFile, parent: QWidget | None = None,
                 changed: Callable[[], None] | None = None, page: int = CASE_PAGE) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Case settings"))
        self.case = case
        self.changed = changed
        info = case.info()
        self.title = QLineEdit(info.title)
        self.title.setObjectName("caseTitle")
        self.summary = QPlainTextEdit(info.summary)
        self.summary.setObjectName("caseSummary")
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(tr("What the story is about, in a few lines — shown "
                                           "on the case's overview."))
        self.language = QComboBox()
        self.language.setObjectName("caseLanguage")
        for code, text in language_items(info.language):
            self.language.addItem(text, code)
        self.language.setCurrentIndex(max(self.language.findData(info.language), 0))
        self.language.setToolTip(tr("The language the story is written in: a quote in "
                                    "another language is marked as translated on export."))
        self.desk = QLineEdit(info.desk)
        self.desk.setObjectName("caseDesk")
        self.desk.setPlaceholderText(tr("e.g. Foreign, Business"))
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        case_page = QWidget()
        form = QFormLayout()
        form.addRow(tr("&Title"), self.title)
        form.addRow(tr("&Summary"), self.summary)
        form.addRow(tr("&Language"), self.language)
        form.addRow(tr("&Desk"), self.desk)
        name_fields(form)
        box = QVBoxLayout(case_page)
        box.addLayout(form)
        box.addWidget(self.problem)
        self.house = HouseStyleBox(case, changed=changed)
        self.outlet = self.house.outlet  # the field most often looked for
        self.tabs = QTabWidget()
        self.tabs.addTab(case_page, tr("Case"))
        self.tabs.addTab(self.house, tr("House style"))
        self.tabs.setCurrentIndex(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(SAVE_DELAY_MS)
        self.typing.timeout.connect(self.save_texts)
        self.summary.textChanged.connect(self.typing.start)
        self.title.textEdited.connect(self.typing.start)
        self.desk.textEdited.connect(self.typing.start)
        self.title.editingFinished.connect(self.save_texts)
        self.desk.editingFinished.connect(self.save_texts)
        self.language.currentIndexChanged.connect(
            lambda _i: self._save(language=self.language.currentData()))
        self.resize(620, 480)

    def _save(self, **fields: Any) -> bool:
        """Store what differs from the file; the core's refusal is shown, nothing stored."""
        info = self.case.info()
        fields = {k: v for k, v in fields.items() if getattr(info, k) != v}
        if not fields:
            return True
        try:
            self.case.update_info(**fields)
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.clear()
        if self.changed is not None:
            self.changed()
        return True

    def save_texts(self) -> None:
        """Store the typed title, summary and desk (an empty title is refused: the case
        keeps the one it has until a new one is typed)."""
        self.typing.stop()
        title = " ".join(self.title.text().split())
        desk = " ".join(self.desk.text().split())
        fields: dict[str, Any] = {"summary": self.summary.toPlainText().strip(), "desk": desk}
        if title:
            fields["title"] = title
        if not self._save(**fields):
            return
        if not title:
            self.problem.setText(tr("A case needs a title: it keeps the one it has."))
            return
        if not self.title.hasFocus() and self.title.text() != title:
            self.title.setText(title)  # as it is stored, once the reporter has left it

    def done(self, result: int) -> None:
        """Closing keeps everything still being typed."""
        self.save_texts()
        self.house.finish()
        super().done(result)
