"""The one small dialog a new request for comment starts with: whom it is to (picked from
the sources by typing, or created on the spot) and what it is about. The rest — sent,
channel, deadline, the claims it concerns — is filled in the form it opens on.

A recipient typed as new is made only when the reporter presses OK: Cancel leaves nothing
behind. The dialog is opened, not exec()'d — no nested event loop waits on it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError
from casefile.read_models import GroundRules, SourceData
from ui.kinds import tr
from ui.pickers import PeoplePicker
from ui.request_panel import sent_now

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@dataclass(frozen=True)
class PendingSource:
    """A recipient typed as new: shown in the dialog, made in the file only on OK."""

    name: str
    uuid: uuid.UUID = field(default_factory=uuid.uuid4)
    ground_rules: GroundRules = GroundRules.ON_RECORD
    attribution_phrase: str = ""
    short_name: str = ""
    role_title: str = ""
    affiliation: str = ""
    is_protected: bool = False


class _RecipientPicker(PeoplePicker):
    """A PeoplePicker whose "Create …" only notes the name (see PendingSource)."""

    def create_record(self, text: str) -> Any:
        """The name, to be made a source on OK."""
        return PendingSource(text)

    def label(self, record: Any) -> str:
        """A pending recipient says it is new."""
        if isinstance(record, PendingSource):
            return tr("{n} (new source)").replace("{n}", record.name)
        return super().label(record)


class NewRequestDialog(QDialog):
    """Recipient and subject; OK once someone is chosen."""

    def __init__(self, case: CaseFile, subject: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.setObjectName("newRequest")
        self.setWindowTitle(tr("New request for comment"))
        self.recipient = _RecipientPicker(case, single=True,
                                          placeholder=tr("Type a name to choose or create…"))
        self.recipient.setAccessibleName(tr("To"))
        self.recipient.changed.connect(lambda _k: self._enable())
        self.subject = QLineEdit(subject)
        self.subject.setObjectName("subject")
        self.subject.setPlaceholderText(tr("What you are asking them about"))
        self.subject.setAccessibleName(tr("About"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(tr("Sent, channel, deadline and the claims it concerns are filled in "
                         "the form next."))
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(tr("To"), self.recipient)
        form.addRow(tr("About"), self.subject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())
        self._enable()
        self.recipient.setFocus()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(bool(self.recipient.uuids()))

    def chosen(self) -> tuple[Any, str] | None:
        """The recipient (a SourceData, or a PendingSource not made yet) and subject, once
        accepted with someone chosen."""
        people = self.recipient.people()
        if self.result() != QDialog.DialogCode.Accepted or not people:
            return None
        return people[0], self.subject.text().strip()


def open_new_request(window: MainWindow, subject: str = "") -> NewRequestDialog:
    """Open the dialog over the window; on OK make the recipient if new, then the request,
    each an undo step, and put the cursor in the request's form."""
    dialog = NewRequestDialog(window.case, subject, window)
    dialog.finished.connect(lambda _result: _finish(window, dialog))
    dialog.open()
    return dialog


def _finish(window: MainWindow, dialog: NewRequestDialog) -> None:
    chosen = dialog.chosen()
    dialog.deleteLater()
    if chosen is None:
        return  # cancelled: nothing was made
    recipient, about = chosen
    title = tr("New request for comment")
    try:
        if isinstance(recipient, PendingSource):
            made: SourceData = window.case.sources.create(name=recipient.name)
            window.history.linked_record("source", made.uuid, tr("new source"))
            recipient = made
        request = window.case.requests.create(source=recipient.uuid, subject=about,
                                              asked_at=sent_now())
    except CaseFileError as exc:
        window.changes.flush()
        window.prompts.error(window, title, str(exc))
        return
    window.history.linked_record("comment_request", request.uuid,
                                 tr("new request for comment"))
    window.changes.flush()
    window.open_record("comment_request", str(request.uuid))
    panel = window.request_panel
    where = panel.deadline if about else panel.subject
    window.activateWindow()  # the dialog had it
    where.setFocus()
    QTimer.singleShot(0, where.setFocus)  # after the dialog hands the focus back
