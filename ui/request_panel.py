"""A request for comment: to whom, about what, by when — and the sentence the story prints."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.read_models import CommentRequestData, RequestStatus
from casefile.services.claims import CommentRequestService
from ui.autosave import OnEdit, save_fields
from ui.forms import name_fields
from ui.kinds import overdue, tr
from ui.palette import text_style

STATUS_TEXT = {
    RequestStatus.PENDING: tr("Pending"), RequestStatus.ANSWERED: tr("Answered"),
    RequestStatus.DECLINED: tr("Declined to comment"),
    RequestStatus.NO_RESPONSE: tr("No response"),
}


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
        """Load a request."""
        self.save()
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
