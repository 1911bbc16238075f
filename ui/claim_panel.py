"""A claim: its statement and status, how well it is supported, and its evidence — which
can be linked (found by search), unlinked (to the trash) and given another relation."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import ClaimData, ClaimStatus, Relation
from casefile.services.claims import EvidenceLine
from ui.autosave import OnEdit, autosave, save_fields
from ui.case_changes import reread, same_version
from ui.forms import name_fields
from ui.kinds import _enum, tr
from ui.palette import text_style
from ui.prompts import Prompts
from ui.record_drag import EVIDENCE_KINDS, carries_evidence, dropped_records
from ui.rows_model import RowsModel
from ui.search_view import KIND_NAMES

STATUS_TEXT = {s: _enum(s) for s in ClaimStatus}
# What a claim's support, attribution and evidence lines are worked out from.
SUPPORT_KINDS = ("claim", "evidence_link", "quote", "excerpt", "photo", "document",
                 "interview", "attachment", "source")


def link_evidence(case: CaseFile, claim: uuid.UUID, pairs: list[tuple[str, str]]
                  ) -> tuple[list[uuid.UUID], list[str]]:
    """Link each dropped record a claim can rest on; (new link uuids, problems to show)."""
    links: list[uuid.UUID] = []
    problems: list[str] = []
    for kind, key in pairs:
        if kind not in EVIDENCE_KINDS:
            name = KIND_NAMES.get(kind, kind).lower()
            problems.append(tr("A {k} is not evidence: link a quote, excerpt, photo, document "
                               "or interview.").replace("{k}", name))
            continue
        try:
            links.append(case.evidence.create(claim=claim, **{kind: uuid.UUID(key)}).uuid)
        except (CaseFileError, ValueError) as exc:
            problems.append(str(exc))
    return links, problems


class EvidenceModel(RowsModel):
    """The evidence lines of one claim (derived text, refreshed from the core)."""

    COLUMNS = (tr("Relation"), tr("Kind"), tr("Evidence"))

    @property
    def lines(self) -> list[EvidenceLine]:
        """The rows, as evidence lines."""
        return self.rows

    def cell(self, row: EvidenceLine, column: int) -> Any:
        if column == 0:
            return tr(str(row.relation).replace("_", " "))
        if column == 1:
            return KIND_NAMES.get(row.kind, row.kind)
        return row.text


class ClaimPanel(QWidget):
    """Edits one claim and its evidence through the case's services."""

    saved = Signal(object)

    def __init__(self, case: CaseFile, prompts: Prompts, parent: QWidget | None = None,
                 on_edit: OnEdit | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.prompts = prompts
        self.on_edit = on_edit  # (service, uuid, before, after, label) for undo
        # (link uuid, label): a link was made
        self.on_linked: Callable[[uuid.UUID, str], None] | None = None
        # (trash entry uuid, link uuid, label): one was trashed
        self.on_unlinked: Callable[[uuid.UUID, uuid.UUID, str], None] | None = None
        # (claim uuid, [(kind, uuid)]): records dropped on it
        self.on_dropped: Callable[[uuid.UUID, list[tuple[str, str]]], object] | None = None
        self.setAcceptDrops(True)
        self.record: ClaimData | None = None
        self._loading = False
        self.statement = QLineEdit()
        self.status = QComboBox()
        for status, text in STATUS_TEXT.items():
            self.status.addItem(text, status.value)
        self.override = QLineEdit()
        self.override.setPlaceholderText(tr("leave empty to use the generated attribution"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.attribution = QLabel()
        self.attribution.setWordWrap(True)
        self.evidence_model = EvidenceModel(parent=self)
        self.evidence = QTableView()
        self.evidence.setObjectName("evidence")
        self.evidence.setAccessibleName(tr("Evidence"))
        self.evidence.setModel(self.evidence_model)
        self.evidence.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.evidence.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.evidence.verticalHeader().setVisible(False)
        self.evidence.setWordWrap(True)
        header = self.evidence.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.link_button = QPushButton(tr("Link evidence…"))
        self.unlink_button = QPushButton(tr("Unlink"))
        self.relation = QComboBox()
        self.relation.setAccessibleName(tr("Relation of the selected evidence"))
        for relation in Relation:
            self.relation.addItem(_enum(relation), relation.value)
        self.problem = QLabel()
        self.problem.setStyleSheet(text_style("problem"))
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Statement"), self.statement)
        form.addRow(tr("Status"), self.status)
        form.addRow(tr("Attribution override"), self.override)
        form.addRow(tr("Support"), self.summary)
        form.addRow(tr("Attributed to"), self.attribution)
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        buttons.addWidget(QLabel(tr("Relation:")))
        buttons.addWidget(self.relation)
        buttons.addStretch(1)
        name_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Evidence")))
        layout.addWidget(self.evidence, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        self.statement.editingFinished.connect(
            lambda: self._save({"statement": self.statement.text()}))
        self.override.editingFinished.connect(
            lambda: self._save({"attribution_override": self.override.text()}))
        autosave(self.statement, lambda: self._save({"statement": self.statement.text()}))
        autosave(self.override,
                 lambda: self._save({"attribution_override": self.override.text()}))
        self.status.currentIndexChanged.connect(
            lambda _i: self._save({"status": ClaimStatus(self.status.currentData())}))
        self.link_button.clicked.connect(lambda: self.link_evidence())
        self.unlink_button.clicked.connect(self.unlink)
        self.relation.currentIndexChanged.connect(self._relation_changed)
        self.evidence.selectionModel().selectionChanged.connect(self._evidence_chosen)

    def show_record(self, claim: ClaimData) -> None:
        """Load a claim."""
        self._loading = True
        self.record = claim
        self.statement.setText(claim.statement)
        self.statement.setCursorPosition(0)
        self.status.setCurrentIndex(self.status.findData(claim.status.value))
        self.override.setText(claim.attribution_override)
        self._loading = False
        self.show_support()

    def reload_if(self, changes: Changes) -> None:
        """Follow a change the core reported: the claim itself read again if someone else
        changed it (not after this panel's own save: the record it holds is that one), the
        support and evidence whenever anything they derive from changed."""
        if self.record is None:
            return
        if changes.touched("claim", self.record.uuid):
            fresh = reread(self.case.claims.get, self.record.uuid)
            if fresh is None:
                return  # trashed: the window stops showing it
            if not same_version(fresh, self.record):
                self.show_record(fresh)
                return
        if changes.touches(*SUPPORT_KINDS, "case"):  # the house style writes attributions
            self.show_support()

    def show_support(self) -> None:
        """Read the support summary, attribution and evidence from the core."""
        if self.record is None:
            return
        summary = self.case.claims.summary(self.record.uuid)
        self.summary.setText(summary.describe())
        self.summary.setStyleSheet(text_style("weak") if summary.weak else "")
        self.attribution.setText(self.case.claims.attribution(self.record.uuid).text
                                 or tr("nothing that may be printed"))
        self.evidence_model.set_rows(self.case.claims.evidence_lines(self.record.uuid))
        self.evidence.resizeRowsToContents()

    def _save(self, fields: dict[str, Any]) -> None:
        if self._loading or self.record is None:
            return
        updated = save_fields(self.case.claims, self.record, fields, self.problem,
                              self.on_edit, tr("edit claim"))
        if updated is not None:
            self.record = updated
            self.saved.emit(updated)

    def link_evidence(self) -> None:
        """Find a quote, excerpt, photo, document or interview by search, and link it."""
        if self.record is None:
            return
        words = self.prompts.text(self, tr("Link evidence"), tr("Search for the evidence:"))
        if not words:
            return
        hits = self.case.search.search(words, kinds=list(EVIDENCE_KINDS), limit=50)
        if not hits:
            self.problem.setText(tr("Nothing found for that search."))
            return
        labels = [f"{h.kind}: {h.title}" for h in hits]
        choice = self.prompts.choose(self, tr("Link evidence"), tr("Evidence:"), labels)
        if choice is None:
            return
        hit = hits[choice]
        try:
            link = self.case.evidence.create(claim=self.record.uuid, **{hit.kind: hit.uuid})
        except CaseFileError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        if self.on_linked is not None:
            self.on_linked(link.uuid, tr("link evidence"))
        self.saved.emit(self.record)

    def dragEnterEvent(self, event: QDragEnterEvent | QDragMoveEvent) -> None:  # noqa: N802
        if self.record is not None and carries_evidence(event.mimeData()):
            event.setDropAction(Qt.DropAction.LinkAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        pairs = dropped_records(event.mimeData())
        if self.record is None or not pairs or self.on_dropped is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.LinkAction)
        event.accept()
        self.on_dropped(self.record.uuid, pairs)

    def _selected_line(self) -> EvidenceLine | None:
        rows = self.evidence.selectionModel().selectedRows()
        return self.evidence_model.lines[rows[0].row()] if rows else None

    def _evidence_chosen(self, *_args: Any) -> None:
        line = self._selected_line()
        if line is not None:
            self._loading = True
            self.relation.setCurrentIndex(self.relation.findData(line.relation))
            self._loading = False

    def _relation_changed(self, _index: int) -> None:
        line = self._selected_line()
        if self._loading or line is None or line.relation == self.relation.currentData():
            return
        self.case.evidence.update(line.link, relation=Relation(self.relation.currentData()))
        self.saved.emit(self.record)

    def unlink(self) -> None:
        """Move the selected evidence link to the trash (restorable)."""
        line = self._selected_line()
        if line is None:
            return
        entry = self.case.trash.delete(self.case.evidence.get(line.link))
        if self.on_unlinked is not None:
            self.on_unlinked(entry.uuid, line.link, tr("unlink evidence"))
        self.saved.emit(self.record)
