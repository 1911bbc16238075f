"""Dragging records between lists: a list puts (kind, uuid) pairs on the drag, a claim
takes the evidence among them.

Every list that shows records (the main list, the photo grid, search results, a source's
"Involved in", a document's excerpts) can start a drag; the claim on the right and the
claims board accept drops.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

MIME = "application/x-casefile-records"
DRAG_ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
# The kinds a claim can rest on.
EVIDENCE_KINDS = ("quote", "excerpt", "photo", "document", "interview")
Pair = tuple[str, str]


def record_mime(pairs: Iterable[Pair]) -> QMimeData:
    """Drag data for records, with a plain-text form for dropping into other programs."""
    items = [(str(k), str(u)) for k, u in pairs]
    mime = QMimeData()
    mime.setData(MIME, json.dumps(items).encode())
    mime.setText("\n".join(f"{k} {u}" for k, u in items))
    return mime


def dropped_records(mime: QMimeData) -> list[Pair]:
    """The (kind, uuid) pairs a drag carries; empty when it carries none (or junk)."""
    if not mime.hasFormat(MIME):
        return []
    try:
        items = json.loads(bytes(mime.data(MIME).data()).decode())
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(items, list):
        return []
    return [(str(i[0]), str(i[1])) for i in items
            if isinstance(i, list) and len(i) == 2]


def carries_evidence(mime: QMimeData) -> bool:
    """Whether a drag holds at least one record a claim can rest on."""
    return any(kind in EVIDENCE_KINDS for kind, _u in dropped_records(mime))


def make_drag_source(view: QAbstractItemView) -> None:
    """Let a view start drags of its records (it never accepts drops itself)."""
    view.setDragEnabled(True)
    view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
    view.setDefaultDropAction(Qt.DropAction.LinkAction)


class RecordDragModel:
    """Mixed into a Qt model: rows become draggable as records. Subclasses say which record a
    row holds in `drag_pair(row)` (None for rows that are not records)."""

    def drag_pair(self, row: int) -> Pair | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME, "text/plain"]

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return DRAG_ACTIONS

    def mimeData(self, indexes: Sequence[QModelIndex | QPersistentModelIndex]  # noqa: N802
                 ) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return record_mime(p for p in (self.drag_pair(r) for r in rows) if p is not None)

    def drag_flags(self, flags: Qt.ItemFlag, row: int) -> Qt.ItemFlag:
        """`flags` plus ItemIsDragEnabled when the row is a record."""
        if self.drag_pair(row) is not None:
            return flags | Qt.ItemFlag.ItemIsDragEnabled
        return flags


PairRole = Qt.ItemDataRole.UserRole


class RecordListWidget(QListWidget):
    """A list of records whose items carry (kind, uuid) in UserRole; they can be dragged."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_drag_source(self)

    def add_record(self, text: str, kind: str, uid: uuid.UUID | str) -> QListWidgetItem:
        """Add an item for one record."""
        item = QListWidgetItem(text)
        item.setData(PairRole, (kind, str(uid)))
        self.addItem(item)
        return item

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME, "text/plain"]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return DRAG_ACTIONS

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802
        return record_mime(tuple(i.data(PairRole)) for i in items if i.data(PairRole))
