"""What a story carries besides its words: byline, dateline, status, the live word count and
the contributor line, as the editor shows them above and below the body.

The widgets only hold and show; the draft panel saves them with the other fields (typed text
after a pause, choices at once), so every field follows the same undo and refusal path.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from casefile.read_models import DraftData, DraftStatus
from ui.i18n import number
from ui.kinds import tr

STATUS_TEXT = {
    DraftStatus.WRITING: tr("Writing"),
    DraftStatus.WITH_EDITOR: tr("With the editor"),
    DraftStatus.FINAL: tr("Final"),
}


def byline_text(draft: DraftData) -> str:
    """'By A and B', as the export prints it, or a prompt when the byline is empty."""
    names = [b.member.name for b in sorted(draft.byline, key=lambda b: b.position)
             if b.member.trash_id is None]
    if not names:
        return tr("No byline yet: choose who wrote it")
    joined = " and ".join(names) if len(names) < 3 else \
        ", ".join(names[:-1]) + " and " + names[-1]
    return tr("By {names}").replace("{names}", joined)


def words_text(n: int) -> str:
    """'1 word', '250 words' (the count the desk asks for)."""
    return tr("1 word") if n == 1 else tr("{n} words").replace("{n}", number(n))


class DraftFacts:
    """The fact widgets of one draft editor, created together so the panel stays a layout."""

    def __init__(self, parent: QWidget) -> None:
        self.byline = QLabel()
        self.byline.setObjectName("byline")
        self.byline.setWordWrap(True)
        self.byline_button = QPushButton(tr("Change the b&yline…"))
        self.byline_button.setObjectName("bylineButton")
        self.byline_row = QWidget(parent)
        row = QHBoxLayout(self.byline_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.byline, 1)
        row.addWidget(self.byline_button)
        self.place = QLineEdit()
        self.place.setObjectName("datelinePlace")
        self.place.setPlaceholderText(tr("e.g. Blagoveshchensk"))
        self.place.setAccessibleName(tr("Dateline place"))
        self.country = QLineEdit()
        self.country.setObjectName("datelineCountry")
        self.country.setPlaceholderText(tr("e.g. Russia"))
        self.country.setAccessibleName(tr("Dateline country"))
        self.dateline_row = QWidget(parent)
        dateline = QHBoxLayout(self.dateline_row)
        dateline.setContentsMargins(0, 0, 0, 0)
        dateline.addWidget(self.place, 2)
        dateline.addWidget(self.country, 1)
        self.status = QComboBox()
        self.status.setObjectName("draftStatus")
        self.status.setAccessibleName(tr("Status"))
        for status, text in STATUS_TEXT.items():
            self.status.addItem(text, status)
        self.words = QLabel(words_text(0))
        self.words.setObjectName("wordCount")
        self.words.setAccessibleName(tr("Word count"))
        self.status_row = QWidget(parent)
        self.status_line = status_line = QHBoxLayout(self.status_row)
        status_line.setContentsMargins(0, 0, 0, 0)
        status_line.addWidget(self.status)
        status_line.addStretch(1)
        status_line.addWidget(self.words)
        self.contributor = QLineEdit()
        self.contributor.setObjectName("contributorLine")
        self.contributor.setAccessibleName(tr("Contributor line"))
        self.contributor.setPlaceholderText(tr(
            "e.g. Anne Dupont in Brussels contributed to this article."))
        self.contributor.setToolTip(tr("Printed in italics at the end of the story."))
        self.generate = QPushButton(tr("&Generate from the team"))
        self.generate.setObjectName("generateContributors")
        self.contributor_row = QWidget(parent)
        line = QHBoxLayout(self.contributor_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.contributor, 1)
        line.addWidget(self.generate)

    def show(self, draft: DraftData, same: set[str]) -> None:
        """Show a draft's facts, leaving the fields in `same` (typing) as they are."""
        self.byline.setText(byline_text(draft))
        for name, edit in (("dateline_place", self.place), ("dateline_country", self.country),
                           ("contributor_line", self.contributor)):
            if name not in same:
                edit.setText(getattr(draft, name))
                edit.setCursorPosition(0)
        self.status.setCurrentIndex(max(0, self.status.findData(draft.status)))


class CalendarButton(QToolButton):
    """A calendar beside a typed date: the day picked is written into the field as
    2026-12-01 and reported by `picked` (typing stays possible, and refused clearly)."""

    picked = Signal(object)  # the date

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setText("▾")
        self.setObjectName("publishedCalendar")
        self.setToolTip(tr("Pick the day from a calendar"))
        self.setAccessibleName(tr("Pick the publication date"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._show_typed)
        self.setMenu(menu)
        self.calendar.clicked.connect(self._chosen)
        self.calendar.activated.connect(self._chosen)

    def _show_typed(self) -> None:
        """Open on the day already typed, else today."""
        typed = QDate.fromString(self.field.text().strip(), Qt.DateFormat.ISODate)
        self.calendar.setSelectedDate(typed if typed.isValid() else QDate.currentDate())
        self.calendar.setFocus()  # arrows move the day, Enter takes it

    def _chosen(self, day: QDate) -> None:
        menu = self.menu()
        if menu is not None:
            menu.close()
        self.field.setText(day.toString(Qt.DateFormat.ISODate))
        self.picked.emit(date(day.year(), day.month(), day.day()))
