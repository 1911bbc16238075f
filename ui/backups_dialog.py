"""File → Backups…: the case's automatic backups, newest first, each restorable as a copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casefile.backups import BackupEntry
from casefile.copies import is_plain
from ui.auto_backup import AutoBackup
from ui.forms import size_text
from ui.i18n import long_datetime
from ui.kinds import tr


def age(when: datetime, now: datetime | None = None) -> str:
    """'just now', '12 minutes ago', '3 hours ago', '5 days ago'."""
    seconds = ((now or datetime.now(UTC)) - when).total_seconds()
    # Whole phrases, not pieces: a translation needs the number's own word forms.
    for size, one, many in ((86_400, tr("{n} day ago"), tr("{n} days ago")),
                            (3_600, tr("{n} hour ago"), tr("{n} hours ago")),
                            (60, tr("{n} minute ago"), tr("{n} minutes ago"))):
        if seconds >= size:
            n = int(seconds // size)
            return (one if n == 1 else many).replace("{n}", str(n))
    return tr("just now")


class BackupsDialog(QDialog):
    """Lists the shelf; *Back up now* and *Restore as a copy…* (the window does the restoring)."""

    def __init__(self, auto: AutoBackup, on_restore: Callable[[BackupEntry], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Backups"))
        self.auto = auto
        self.on_restore = on_restore
        self.entries: list[BackupEntry] = []
        rule = auto.shelf.retention
        about = QLabel(tr(
            "Casefile backs this case up when it opens and every {m} minutes while you edit "
            "it. Kept: the newest {r}, then one a day for {d} days, one a week for {w} weeks "
            "and one a month for {mo} months. Each backup is checked before it counts.\n"
            "Folder: {f}")
            .replace("{m}", str(int(rule.interval.total_seconds() // 60)))
            .replace("{r}", str(rule.recent)).replace("{d}", str(rule.daily))
            .replace("{w}", str(rule.weekly)).replace("{mo}", str(rule.monthly))
            .replace("{f}", str(auto.shelf.folder)))
        about.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("backupList")
        self.table.setAccessibleName(tr("Backups, newest first"))
        self.table.setHorizontalHeaderLabels([tr("Made"), tr("Age"), tr("Size"),
                                              tr("Encrypted")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.now_button = QPushButton(tr("Back up &now"))
        self.restore_button = QPushButton(tr("&Restore as a copy…"))
        buttons.addButton(self.now_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 420)
        auto.taken.connect(lambda _e: self.reload())
        auto.failed.connect(lambda _m: self.reload())
        auto.cleaned.connect(lambda _m: self.reload())
        self.reload()

    def reload(self) -> None:
        """Read the shelf again (a backup may have been taken meanwhile)."""
        self.entries = self.auto.shelf.entries()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            local = entry.taken_at.astimezone()
            cells = (long_datetime(local), age(entry.taken_at),
                     size_text(entry.size), tr("no") if is_plain(entry.path) else tr("yes"))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.entries:
            self.table.selectRow(0)
        self.now_button.setEnabled(self.auto.job is None)
        self._selection_changed()

    def selected(self) -> BackupEntry | None:
        """The backup whose row is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def back_up_now(self) -> None:
        """Take a backup now (on a worker); the list updates when it is done."""
        if self.auto.take_now() is not None:
            self.now_button.setEnabled(False)

    def restore_selected(self) -> None:
        """Hand the selected backup to the window to restore."""
        entry = self.selected()
        if entry is not None:
            self.on_restore(entry)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)
