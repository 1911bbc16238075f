"""A request for comment: to whom, about what, by when — and the sentence the story prints."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import CommentRequestData, RequestStatus
from casefile.services.claims import CommentRequestService
from ui.autosave import OnEdit, save_fields
from ui.case_changes import reread, same_version
from ui.forms import name_fields
from ui.kinds import overdue, tr
from ui.palette import text_style

STATUS_TEXT = {
    RequestStatus.PENDING: tr("Pending"), RequestStatus.ANSWERED: tr("Answered"),
    RequestStatus.DECLINED: tr("Declined to comment"),
    RequestStatus.NO_RESPONSE: tr("No response"),
}


# The kinds of record the panel shows besides the request: whom it is to, what it is about.
SHOWN_KINDS = ("source", "claim", "case")


class RequestPanel(QWidget):
    """Tracks one request; the right-of-reply sentence follows its status and answer."""

    saved = Signal(object)

    def __init__(self, requests: CommentRequestService, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None) -> None:
        super().__init__(parent)
        self.requests = requests
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        self.record: CommentRequestData | None = None
        self._loading = False
        self.to = QLabel()
        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.deadline = QLabel()
        self.status = QComboBox()
        for status, text in STATUS_TEXT.items():
            self.status.addItem(text, status.value)
        self.answer = QPlainTextEdit()
        self.answer.setFixedHeight(90)
        self.answer.setPlaceholderText(tr("Their answer, word for word"))
        self.sentence = QLabel()
        self.sentence.setObjectName("sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        form = QFormLayout()
        form.addRow(tr("To"), self.to)
        form.addRow(tr("About"), self.subject)
        form.addRow(tr("Deadline"), self.deadline)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Answer"), self.answer)
        form.addRow(tr("In the story"), self.sentence)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.status.currentIndexChanged.connect(lambda _i: self.save())

    def show_record(self, request: CommentRequestData) -> None:
        """Load a request; the same one again is read after the pending save, so a change
        made elsewhere meanwhile shows (and the save wrote only what was typed here)."""
        self.save()
        if self.record is not None and self.record.uuid == request.uuid:
            with contextlib.suppress(CaseFileError):
                request = self.requests.get(request.uuid)
        self._loading = True
        self.record = request
        self.to.setText(request.source.name)
        self.subject.setText(request.subject)
        late = overdue(request)
        text = request.deadline.strftime("%Y-%m-%d %H:%M") if request.deadline else "—"
        self.deadline.setText(text + (f"  ({tr('overdue')})" if late else ""))
        self.deadline.setStyleSheet(text_style("problem", bold=True) if late else "")
        self.status.setCurrentIndex(self.status.findData(request.status.value))
        self.answer.setPlainText(request.answer_text)
        self._loading = False
        self.sentence.setText(self.requests.sentence(request.uuid))

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported (the window calls this): the request read again
        if someone else changed it; whom it is to and the story's sentence when a source, a
        claim or the house style changed."""
        if self.record is None or not changes.touches("comment_request", *SHOWN_KINDS):
            return
        fresh = reread(self.requests.get, self.record.uuid)
        if fresh is None:
            return  # trashed: the window stops showing it
        if not same_version(fresh, self.record):
            self.show_record(fresh)
            return
        self.record = fresh
        self.to.setText(fresh.source.name)
        self.sentence.setText(self.requests.sentence(fresh.uuid))

    def save(self) -> None:
        """Save the status and answer if they changed."""
        if self._loading or self.record is None:
            return
        fields = {"status": RequestStatus(self.status.currentData()),
                  "answer_text": self.answer.toPlainText()}
        updated = save_fields(self.requests, self.record, fields, self.problem, self.on_edit,
                              tr("edit request for comment"))
        if updated is not None:
            self.record = updated
            self.sentence.setText(self.requests.sentence(updated.uuid))
            self.saved.emit(updated)
