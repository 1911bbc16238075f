"""Date-time and date fields that can be empty, with a calendar, and say which time zone
they are in (the forms' "Held", "Taken", "Sent", "Deadline").

Dates keep the offset they were entered in (the core stores "2026-11-12T14:30:00+10:00" as
is, casefile/db/types.py LocalDateTime): a value loaded and not edited comes back exactly,
microseconds and offset included; a camera time of unknown zone stays naive. A loaded value
keeps its own fixed offset when edited (a Cairo +02:00 moved to December stays +02:00); only
a moment entered here (Now, typed into an empty field) is in the system zone, whose offset
follows the date shown (summer time). The edit itself holds the wall clock only (it is in
UTC), so no time falls in a summer-time gap of the machine's zone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTime, QTimeZone, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ui.kinds import tr

# The earliest value the edits hold; shown as "not set" (Qt's edits cannot be empty).
EMPTY_DATE = QDate(1900, 1, 1)
SYSTEM = "system"
NAIVE = "naive"


def offset_text(offset: timedelta | None) -> str:
    """'UTC+10', 'UTC+5:30', 'UTC−3' (a real minus sign), 'UTC' for zero."""
    if offset is None:
        return tr("zone unknown")
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def system_zone_name() -> str:
    """The system's zone id ('Asia/Vladivostok'), or '' when Qt cannot tell."""
    raw = QTimeZone.systemTimeZoneId().data()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def local_offset(wall: datetime) -> timedelta | None:
    """The system zone's offset at a wall-clock time (summer time included)."""
    return wall.replace(tzinfo=None).astimezone().utcoffset()


class _CalendarOnToday(QObject):
    """An empty field's calendar opens on this month, not on January 1900."""

    def __init__(self, field: DateTimeField) -> None:
        super().__init__(field)
        self.field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show and self.field.is_empty():
            today = QDate.currentDate()
            calendar = self.field.edit.calendarWidget()
            calendar.setCurrentPage(today.year(), today.month())
        return False


class _Typing(QObject):
    """Typing a date as written, "2026-05-01 10:00": the first digit typed into an empty
    ("not set") field starts from today and goes on as typed (an empty Qt edit swallows
    it); a separator typed right after a part is complete is taken as said (Qt has moved
    on to the next part already, and would skip one more)."""

    def __init__(self, field: DateTimeField) -> None:
        super().__init__(field)
        self.field = field
        self.advanced_from: Any = None  # the part the last digit was typed into

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                        | Qt.KeyboardModifier.AltModifier):
            return False
        edit = self.field.edit
        typed = event.text()[:1]
        before, self.advanced_from = self.advanced_from, None
        if typed.isdigit():
            if self.field.is_empty():
                self.field.start_typing()
            self.advanced_from = edit.currentSection()
            return False
        # A separator after a full part: Qt is at the next part already; swallow it.
        return bool(typed) and typed in "-./: " and before is not None \
            and edit.currentSection() != before


class DateTimeField(QWidget):
    """A date and time with a calendar, a zone and a clear button; `value()` is an aware
    datetime (naive only for a loaded camera time of unknown zone) or None.

    `edited` fires when the user has finished a change (Enter, leaving the field, a day
    picked, Now, Clear, another zone) — the moment a form saves."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, with_time: bool = True) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self._loading = False
        self._original: Any = None  # the loaded value, handed back while untouched
        self._shown: tuple[QDate, QTime] | None = None
        self._zone_shown: Any = None
        self.edit: QDateTimeEdit = QDateTimeEdit() if with_time else QDateEdit()
        # The edit holds the wall clock alone; the zone is the box beside it.
        self.edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm" if with_time else "yyyy-MM-dd")
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setSpecialValueText(tr("not set"))
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(
            "2026-10-28 14:30" if with_time else "2026-10-28") + 48)
        self.edit.calendarWidget().installEventFilter(_CalendarOnToday(self))
        self.edit.calendarWidget().clicked.connect(lambda _d: self._picked())
        self.edit.editingFinished.connect(self._finished)
        self.edit.dateTimeChanged.connect(lambda _v: self._show_buttons())
        self.edit.dateTimeChanged.connect(lambda _v: self._label_system_zone())
        self.edit.installEventFilter(_Typing(self))
        self.now_button = QToolButton()
        self.now_button.setText(tr("Now") if with_time else tr("Today"))
        self.now_button.setAccessibleName(self.now_button.text())
        self.now_button.clicked.connect(self.set_now)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip(tr("Clear"))
        self.clear_button.setAccessibleName(tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        self.zone = QComboBox()
        self.zone.setObjectName("zone")
        self.zone.setAccessibleName(tr("Time zone"))
        self.zone.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.zone.setMinimumContentsLength(7)  # "UTC+10"; the whole name in the tooltip
        self._fill_zones()
        self.zone.currentIndexChanged.connect(lambda _i: self._zone_changed())
        self.zone.currentIndexChanged.connect(
            lambda _i: self.zone.setToolTip(tr("Time zone: {z}").replace(
                "{z}", self.zone.currentText())))
        self.zone.setVisible(with_time)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(3)
        row.addWidget(self.edit, 1)
        row.addWidget(self.zone)
        row.addWidget(self.now_button)
        row.addWidget(self.clear_button)
        self.setFocusProxy(self.edit)
        self.set_value(None)

    # --- the zone -------------------------------------------------------------------------
    def _fill_zones(self) -> None:
        self.zone.addItem(self._system_text(datetime.now()), SYSTEM)
        for quarter in range(-12 * 4, 14 * 4 + 1):
            minutes = quarter * 15
            if minutes % 60 and minutes % 60 not in (30, 45):
                continue
            if minutes % 60 == 45 and abs(minutes) not in (345, 525, 765):  # Nepal, Eucla, Chatham
                continue
            self.zone.addItem(offset_text(timedelta(minutes=minutes)), minutes)

    @staticmethod
    def _system_text(wall: datetime) -> str:
        """'UTC+2 (Europe/Berlin)': the system zone's offset at that wall time."""
        name = system_zone_name()
        here = offset_text(local_offset(wall))
        return f"{here} ({name})" if name and name != "UTC" else here

    def _wall(self) -> datetime:
        qd, qt = self.edit.date(), self.edit.time()
        return datetime(qd.year(), qd.month(), qd.day(), qt.hour(), qt.minute(), qt.second())

    def _label_system_zone(self) -> None:
        # The system entry says the offset the date shown has (summer or winter time).
        text = self._system_text(datetime.now() if self.is_empty() else self._wall())
        if self.zone.itemText(0) != text:
            self.zone.setItemText(0, text)
            if self.zone.currentIndex() == 0:
                self.zone.setToolTip(tr("Time zone: {z}").replace("{z}", text))

    def zone_text(self) -> str:
        """The zone shown beside the field, e.g. 'UTC+10 (Asia/Vladivostok)'."""
        return self.zone.currentText()

    def _select_zone(self, value: datetime | None) -> None:
        if value is None:
            self.zone.setCurrentIndex(0)
            return
        offset = value.utcoffset()
        if offset is None:
            if self.zone.findData(NAIVE) < 0:
                self.zone.insertItem(1, tr("zone unknown (camera time)"), NAIVE)
            self.zone.setCurrentIndex(self.zone.findData(NAIVE))
            return
        # A loaded offset stays as it is, even when it is the system's today: "system"
        # would move it with summer time once the date is edited.
        minutes = int(offset.total_seconds() // 60)
        index = self.zone.findData(minutes)
        if index < 0:
            self.zone.addItem(offset_text(offset), minutes)
            index = self.zone.count() - 1
        self.zone.setCurrentIndex(index)

    def _tz(self, wall: datetime) -> Any:
        data = self.zone.currentData()
        if data == NAIVE:
            return None
        if data == SYSTEM or data is None:
            offset = local_offset(wall) or timedelta(0)
        else:
            offset = timedelta(minutes=int(data))
        return timezone(offset)

    # --- the value ------------------------------------------------------------------------
    def is_empty(self) -> bool:
        """Whether the field says "not set"."""
        return self.edit.date() == EMPTY_DATE

    def _shown_now(self) -> tuple[QDate, QTime]:
        return self.edit.date(), self.edit.time()

    def value(self) -> Any:
        """The moment shown (a date for a DateField), or None when not set."""
        if self.is_empty():
            return None
        shown = self._shown_now()
        if (self._original is not None and self._shown == shown
                and self._zone_shown == self.zone.currentData()):
            return self._original  # untouched: exactly what was loaded
        if not self.with_time:
            qd = self.edit.date()
            return date(qd.year(), qd.month(), qd.day())
        wall = self._wall()
        tz = self._tz(wall)
        return wall if tz is None else wall.replace(tzinfo=tz)

    def _put(self, day: QDate, clock: QTime) -> None:
        # Date and time apart: a QDateTime handed over whole is converted between zones.
        self.edit.setDate(day)
        self.edit.setTime(clock)

    def set_value(self, value: datetime | date | None) -> None:
        """Show a value (None: "not set"); loading is not an edit."""
        self._loading = True
        self._original = value
        if value is None:
            self._put(EMPTY_DATE, QTime(0, 0))
        elif isinstance(value, datetime):
            self._put(QDate(value.year, value.month, value.day),
                      QTime(value.hour, value.minute, value.second, value.microsecond // 1000))
        else:
            self._put(QDate(value.year, value.month, value.day), QTime(0, 0))
        self._select_zone(value if isinstance(value, datetime) else None)
        self._shown = self._shown_now()
        self._zone_shown = self.zone.currentData()
        self._show_buttons()
        self._loading = False

    def set_now(self) -> None:
        """The present moment in the system zone (or today)."""
        self._loading = True
        self.zone.setCurrentIndex(0)
        now = datetime.now()
        self._put(QDate(now.year, now.month, now.day),
                  QTime(now.hour, now.minute) if self.with_time else QTime(0, 0))
        self._loading = False
        self._changed()

    def start_typing(self) -> None:
        """An empty field about to be typed into: today (in the system zone), the first
        part selected so the typed digits replace it."""
        self._loading = True
        self.zone.setCurrentIndex(0)
        self._put(QDate.currentDate(), QTime(0, 0))
        self._loading = False
        self.edit.setSelectedSection(self.edit.sectionAt(0))

    def clear(self) -> None:
        """Back to "not set"."""
        self._loading = True
        self._put(EMPTY_DATE, QTime(0, 0))
        self._loading = False
        self._changed()

    def _picked(self) -> None:
        if not self._loading:
            self._changed()

    def _finished(self) -> None:
        if not self._loading:
            self._changed()

    def _zone_changed(self) -> None:
        if not self._loading and not self.is_empty():
            self._changed()

    def _show_buttons(self) -> None:
        # One button's room: Now (or Today) while empty, ✕ once set.
        empty = self.is_empty()
        self.now_button.setVisible(empty)
        self.clear_button.setVisible(not empty)

    def _changed(self) -> None:
        self._show_buttons()
        self.edited.emit()

    def accept_saved(self) -> None:
        """The form saved what is shown: it is the new untouched value."""
        self._original = self.value()
        self._shown = self._shown_now()
        self._zone_shown = self.zone.currentData()


class DateField(DateTimeField):
    """A calendar date that can be empty; `value()` is a `date` or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, with_time=False)

    def value(self) -> date | None:
        """The date shown, or None when not set."""
        found = super().value()
        if isinstance(found, datetime):
            return found.date()
        return found if isinstance(found, date) else None


def as_datetime(value: date | None) -> datetime | None:
    """A date as the start of that day in the system zone (for a field that wants a moment)."""
    if value is None:
        return None
    return datetime.combine(value, time(0, 0)).astimezone()
