"""The claims board: a dock listing the case's claims that stays in view while the reporter
browses photos, documents or search results — drop a record on a claim to link it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QTableView, QWidget

from casefile.case import CaseFile
from casefile.changes import Changes
from ui.claim_panel import SUPPORT_KINDS
from ui.kinds import BY_KEY, tr
from ui.record_drag import DRAG_ACTIONS, carries_evidence, dropped_records
from ui.selection import reselect
from ui.table_model import PagedTableModel

Index = QModelIndex | QPersistentModelIndex
OnDrop = Callable[[Any, list[tuple[str, str]]], object]


class ClaimsBoardModel(PagedTableModel):
    """Claims with their status and support; each row takes dropped evidence."""

    def __init__(self, case: CaseFile, on_drop: OnDrop, parent: QObject | None = None) -> None:
        view = BY_KEY["claim"]
        super().__init__(view.columns, lambda offset, limit: view.fetch(case, offset, limit),
                         lambda: view.count(case), parent=parent)
        self.on_drop = on_drop
        self.dropping = False  # inside dropMimeData: the rows are not read again under it

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDropEnabled if index.isValid() else flags

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return DRAG_ACTIONS

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: Index) -> bool:
        return parent.isValid() and carries_evidence(data)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: Index) -> bool:
        pairs = dropped_records(data)
        if not parent.isValid() or not pairs:
            return False
        self.dropping = True
        try:
            self.on_drop(self.record(parent.row())[0].uuid, pairs)
        finally:
            self.dropping = False
        return False  # nothing to remove at the source: a link is not a move


class ClaimsBoard(QDockWidget):
    """The dock; `open_claim(uuid)` is emitted when a claim is activated."""

    open_claim = Signal(str)

    def __init__(self, case: CaseFile, on_drop: OnDrop, parent: QWidget | None = None) -> None:
        super().__init__(tr("Claims board"), parent)
        self.setObjectName("claimsBoard")
        self.case = case
        self.on_drop = on_drop
        self.view = QTableView()
        self.view.setObjectName("claimsBoardList")
        self.view.setAccessibleName(tr("Claims board: drop evidence on a claim to link it"))
        self.view.setToolTip(tr("Drop a quote, excerpt, photo, document or interview on a "
                                "claim to link it as evidence."))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setWordWrap(True)
        self.setMinimumWidth(380)
        self.view.activated.connect(self._activated)
        self.setWidget(self.view)
        self.model: ClaimsBoardModel | None = None  # made when the board is first shown
        self._stale = False

    def _make_model(self) -> ClaimsBoardModel:
        model = ClaimsBoardModel(self.case, self.on_drop, self)
        self.view.setModel(model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setColumnHidden(2, True)  # the colour says weak; the claim panel says why
        return model

    def _activated(self, index: QModelIndex) -> None:
        if self.model is not None:
            self.open_claim.emit(str(self.model.record(index.row())[0].uuid))

    def react(self, changes: Changes) -> None:
        """Follow a change the core reported: the claims and their support summaries are
        read again when anything they derive from changed (later, if the board is hidden)."""
        if changes.touches(*SUPPORT_KINDS):
            self._reload()

    def _reload(self) -> None:
        if self.model is not None and self.model.dropping:  # after the view's drop is done
            QTimer.singleShot(0, self._reload)
        elif self.model is not None and self.isVisible():
            self._reload_keep_selection(self.model)
        else:
            self._stale = True

    def _reload_keep_selection(self, model: ClaimsBoardModel) -> None:
        """Read the claims again, keeping the claim selected (found again by key) and the
        scroll position: the rows shown before are read again so the position exists."""
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        chosen = str(model.record(rows[0].row())[0].uuid) if rows else None
        scrolled = self.view.verticalScrollBar().value()
        extent = model.rowCount()
        model.reload()
        while model.rowCount() < extent and model.canFetchMore():
            model.fetchMore()
        row = model.seek(chosen) if chosen is not None else None
        selection = self.view.selectionModel()
        if row is not None and selection is not None:
            reselect(selection, model, row)
        self.view.doItemsLayout()  # the rows' heights, so the scroll range is whole again
        self.view.verticalScrollBar().setValue(scrolled)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self.model is None:
            self.model = self._make_model()
        elif self._stale:
            self._reload_keep_selection(self.model)
        self._stale = False
        super().showEvent(event)
