"""Choosing who is on a draft's byline and in which order: the team as a checklist, the
byline's names first in their order, moved with Up and Down (Alt+Up / Alt+Down)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.read_models import DraftData, TeamMemberData
from ui.kinds import tr
from ui.team_panel import ROLE_TEXT

TEAM_PAGE = 500


def team_members(case: CaseFile) -> list[TeamMemberData]:
    """The case's live team, page by page (a team is small, but lists never assume it)."""
    out: list[TeamMemberData] = []
    while True:
        page = case.team.page(offset=len(out), limit=TEAM_PAGE)
        out += page
        if len(page) < TEAM_PAGE:
            return out


class BylineDialog(QDialog):
    """Ticks and order of the byline; `chosen()` is the answer."""

    def __init__(self, case: CaseFile, draft: DraftData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Byline"))
        on = [b.member.uuid for b in sorted(draft.byline, key=lambda b: b.position)]
        members = {m.uuid: m for m in team_members(case)}
        order = [u for u in on if u in members] + [u for u in members if u not in on]
        self.list = QListWidget()
        self.list.setObjectName("bylineList")
        self.list.setAccessibleName(tr("Team members on the byline"))
        for key in order:
            m = members[key]
            item = QListWidgetItem(f"{m.name} — {ROLE_TEXT.get(m.role, m.role.value)}")
            item.setData(Qt.ItemDataRole.UserRole, str(key))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in on else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        up, down = QPushButton(tr("Move &up")), QPushButton(tr("Move &down"))
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        # Alt+Up / Alt+Down on the list itself (not a window shortcut: those wait for the
        # dialog to be the active window, which a dialog just opened may not be yet).
        self.list.installEventFilter(self)
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(side)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Tick who wrote the story, in the order the byline "
                                   "names them (Space ticks).")))
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(420, 360)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.modifiers() == Qt.KeyboardModifier.AltModifier
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self.move_current(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def move_current(self, step: int) -> None:
        """Move the current name up or down the byline."""
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)

    def chosen(self) -> list[uuid.UUID]:
        """The ticked members, in order."""
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.checkState() is Qt.CheckState.Checked:
                out.append(uuid.UUID(item.data(Qt.ItemDataRole.UserRole)))
        return out
