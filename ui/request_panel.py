"""A request for comment: to whom, about what, sent when and how, by when — overdue in red —
what it concerns, the answer, and the sentence the story prints."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import CommentRequestData, RequestStatus
from ui.autosave import OnEdit, autosave, save_fields
from ui.case_changes import reread, same_version
from ui.forms import name_fields
from ui.kinds import overdue, tr
from ui.palette import qcolor, text_style
from ui.pickers import ClaimPicker, DateTimeField, PeoplePicker

STATUS_TEXT = {
    RequestStatus.PENDING: tr("Pending"), RequestStatus.ANSWERED: tr("Answered"),
    RequestStatus.DECLINED: tr("Declined to comment"),
    RequestStatus.NO_RESPONSE: tr("No response"),
}
# How requests go out; the box is editable, so any other way can be typed.
# The file keeps the key (the same in every language); the box shows its label.
CHANNELS = {
    "email": tr("email"), "phone": tr("phone"), "letter": tr("letter"),
    "in_person": tr("in person"), "messenger": tr("messenger"),
    "press_office": tr("press office"), "website_form": tr("website form"),
}


def channel_key(text: str) -> str:
    """What the file stores for the box's text: a listed way's key, else what was typed."""
    text = text.strip()
    for key, label in CHANNELS.items():
        if text in (label, key, key.replace("_", " ")):
            return key
    return text


def channel_label(stored: str) -> str:
    """What the box shows for a stored channel: a key's label, free text as it is."""
    key = channel_key(stored)
    return CHANNELS.get(key, stored)

# The kinds of record the panel shows besides the request: whom it is to, what it is about.
SHOWN_KINDS = ("source", "claim", "case")


class RequestPanel(QWidget):
    """Tracks one request; the right-of-reply sentence follows its status and answer."""

    saved = Signal(object)

    def __init__(self, case: CaseFile, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.requests = case.requests
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.record: CommentRequestData | None = None
        self._loading = False
        self.recipient = PeoplePicker(case, single=True,
                                      placeholder=tr("Type a name to choose or create…"))
        self.recipient.setObjectName("recipient")
        self.recipient.changed.connect(self._recipient_changed)
        self.subject = QLineEdit()
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(tr("What you are asking them about"))
        self.asked_at = DateTimeField()
        self.asked_at.setObjectName("askedAt")
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        self.channel.setEditable(True)
        for key, label in CHANNELS.items():
            self.channel.addItem(label, key)
        self.deadline = DateTimeField()
        self.deadline.setObjectName("deadline")
        self.overdue_note = QLabel()
        self.overdue_note.setObjectName("overdue")
        self.overdue_note.setStyleSheet(text_style("problem", bold=True))
        self.overdue_note.setWordWrap(True)  # a narrow form wraps it instead of cutting it
        self.overdue_note.setVisible(False)
        deadline = QVBoxLayout()
        deadline.setContentsMargins(0, 0, 0, 0)
        deadline.addWidget(self.deadline)
        deadline.addWidget(self.overdue_note)
        self.status = QComboBox()
        for status, text in STATUS_TEXT.items():
            self.status.addItem(text, status.value)
        self.answer = QPlainTextEdit()
        self.answer.setFixedHeight(80)
        self.answer.setPlaceholderText(tr("Their answer, word for word"))
        self.answered_at = DateTimeField()
        self.answered_at.setObjectName("answeredAt")
        self.claims = ClaimPicker(case)
        self.claims.setObjectName("concerns")
        self.claims.changed.connect(lambda keys: self._save({"claims": keys}))
        self.sentence = QLabel()
        self.sentence.setObjectName("sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("To"), self.recipient)
        form.addRow(tr("About"), self.subject)
        form.addRow(tr("Sent"), self.asked_at)
        form.addRow(tr("Channel"), self.channel)
        form.addRow(tr("Deadline"), deadline)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Answer"), self.answer)
        form.addRow(tr("Answered on"), self.answered_at)
        form.addRow(tr("Concerns"), self.claims)
        form.addRow(tr("In the story"), self.sentence)
        name_fields(form)
        self.deadline.setAccessibleName(tr("Deadline"))
        self.recipient.setAccessibleName(tr("To"))
        self.claims.setAccessibleName(tr("Claims the request concerns"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed())
        self.subject.editingFinished.connect(self.save)
        self.channel.activated.connect(lambda _i: self.save())
        line = self.channel.lineEdit()
        if line is not None:
            line.editingFinished.connect(self.save)
            autosave(line, self.save)
        for when in (self.asked_at, self.deadline, self.answered_at):
            when.edited.connect(self.save)
        autosave(self.subject, self.save)
        autosave(self.answer, self.save)  # the answer is saved as it is typed

    def show_record(self, request: CommentRequestData) -> None:
        """Load a request; the same one again is read after the pending save, so a change
        made elsewhere meanwhile shows (and the save wrote only what was typed here)."""
        self.save()
        if self.record is not None and self.record.uuid == request.uuid:
            with contextlib.suppress(CaseFileError):
                request = self.requests.get(request.uuid)
        self._loading = True
        self.record = request
        self.recipient.set_people([request.source])
        self.subject.setText(request.subject)
        self.subject.setCursorPosition(0)
        self.asked_at.set_value(request.asked_at)
        self.channel.setCurrentText(channel_label(request.channel))
        self.deadline.set_value(request.deadline)
        self.status.setCurrentIndex(self.status.findData(request.status.value))
        self.answer.setPlainText(request.answer_text)
        self.answered_at.set_value(request.answered_at)
        self.claims.set_records(request.claims)
        self._loading = False
        self._show_derived(request)
        self.problem.clear()

    def _show_derived(self, request: CommentRequestData) -> None:
        """What follows from the fields: overdue (red) and the story's sentence."""
        late = overdue(request)
        self.overdue_note.setText(tr("Overdue: the deadline passed without an answer.")
                                  if late else "")
        self.overdue_note.setVisible(late)
        self._colour_deadline(late)
        self.sentence.setText(self.requests.sentence(request.uuid))

    def _colour_deadline(self, late: bool) -> None:
        edit = self.deadline.edit
        palette = QPalette(QApplication.palette(edit))
        if late:
            palette.setColor(QPalette.ColorRole.Text, qcolor("problem"))
        edit.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """A theme switch: the deadline's red is picked again for the new palette (the
        labels follow by themselves, ui/palette.py)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange,
                            QEvent.Type.PaletteChange) and self.record is not None:
            self._colour_deadline(overdue(self.record))

    def is_overdue_shown(self) -> bool:
        """Whether the form shows the request as overdue (the deadline in red)."""
        return self.overdue_note.isVisible() or \
            self.deadline.edit.palette().color(QPalette.ColorRole.Text) == qcolor("problem")

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this): the request read again
        if someone else changed it; whom it is to, its claims and the story's sentence when
        a source, a claim or the house style changed."""
        if self.record is None or not changes.touches("comment_request", *SHOWN_KINDS):
            return
        fresh = reread(self.requests.get, self.record.uuid)
        if fresh is None:
            return  # trashed: the window stops showing it
        if not same_version(fresh, self.record):
            self.show_record(fresh)
            return
        self.record = fresh
        self.recipient.set_people([fresh.source])
        self.claims.set_records(fresh.claims)
        self.sentence.setText(self.requests.sentence(fresh.uuid))

    def _recipient_changed(self, keys: list[str]) -> None:
        if self._loading or self.record is None:
            return
        if not keys:  # a request is always to someone: put the one it is to back
            self.problem.setText(tr("A request for comment needs someone it is to: type "
                                    "another name to change it."))
            self.recipient.set_people([self.record.source])
            return
        self._save({"source": keys[0]})

    def _status_changed(self) -> None:
        """A status change saves; an answer or a refusal gets its time if it has none."""
        if self._loading or self.record is None:
            return
        status = RequestStatus(self.status.currentData())
        if status in (RequestStatus.ANSWERED, RequestStatus.DECLINED) and \
                self.answered_at.value() is None:
            self.answered_at.set_now()  # edited → save() writes the status with it
            return
        self.save()

    def fields(self) -> dict[str, Any]:
        """What the form's own fields hold, as the core wants it."""
        return {"subject": self.subject.text(),
                "asked_at": self.asked_at.value(),
                "channel": channel_key(self.channel.currentText()),
                "deadline": self.deadline.value(),
                "status": RequestStatus(self.status.currentData()),
                "answer_text": self.answer.toPlainText(),
                "answered_at": self.answered_at.value()}

    def save(self) -> None:
        """Save the fields that changed."""
        if self._loading or self.record is None:
            return
        self._save(self.fields())

    def _save(self, fields: dict[str, Any]) -> None:
        if self._loading or self.record is None:
            return
        updated = save_fields(self.requests, self.record, fields, self.problem, self.on_edit,
                              tr("edit request for comment"))
        if updated is not None:
            self.record = updated
            for when, name in ((self.asked_at, "asked_at"), (self.deadline, "deadline"),
                               (self.answered_at, "answered_at")):
                if name in fields:
                    when.accept_saved()
            self._show_derived(updated)
            self.saved.emit(updated)


def sent_now() -> datetime:
    """The moment a new request is taken as sent: now, in the system's zone."""
    return datetime.now().astimezone().replace(second=0, microsecond=0)
