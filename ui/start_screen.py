"""The start screen, shown at launch when there is no last case to reopen (first run, or the
last file has gone): New case…, Open…, the recent cases, and the sample case — like the
welcome windows of Zotero and Scrivener. It never opens a case itself: it asks the
controller, which closes the start screen once the case window is up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casefile.resources import resource_path
from ui.i18n import short_datetime
from ui.kinds import tr
from ui.recent import RecentEntry, forget, recent_entries

if TYPE_CHECKING:
    from ui.controller import AppController

PathRole = Qt.ItemDataRole.UserRole
FoundRole = Qt.ItemDataRole.UserRole + 1


def missing_text(entry: RecentEntry) -> str:
    """What the start screen says about a case file that is not where it was."""
    return tr("“{f}” is not in {d} any more: moved, renamed, or on a drive that is not "
              "connected. Use Open… to open it from where it is now.") \
        .replace("{f}", entry.path.name).replace("{d}", str(entry.path.parent))


def opened_text(entry: RecentEntry) -> str:
    """When a recent case was last opened, in the reader's locale; what a missing one is."""
    if not entry.exists:
        return tr("Not found")
    if entry.opened_at is None:
        return "—"
    return short_datetime(entry.opened_at.astimezone())


def folder_text(folder: Path) -> str:
    """A folder as a reporter reads it: the home folder as "~"."""
    try:
        return str(Path("~") / folder.relative_to(Path.home()))
    except ValueError:
        return str(folder)


class StartScreen(QWidget):
    """The welcome window; `note` is a quiet line on top (e.g. the last case has gone)."""

    def __init__(self, controller: AppController, note: str = "") -> None:
        super().__init__()
        self.controller = controller
        self.setWindowTitle(tr("Casefile"))
        self.setObjectName("startScreen")
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource_path("icons", "casefile.svg"))).pixmap(QSize(64, 64)))
        name = QLabel(tr("Casefile"))
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        name.setFont(font)
        about = QLabel(tr("Everything about one story — sources, interviews, documents, "
                          "photos, claims and the draft — in one file on this computer."))
        about.setWordWrap(True)
        self.new_button = QPushButton(tr("&New case…"))
        self.new_button.setObjectName("startNew")
        self.new_button.setDefault(True)
        self.open_button = QPushButton(tr("&Open…"))
        self.open_button.setObjectName("startOpen")
        self.sample_button = QPushButton(tr("Open the &sample case"))
        self.sample_button.setObjectName("startSample")
        self.sample_button.setToolTip(tr("A finished story to look around in (“Border trade "
                                         "on the Amur”); your own cases are not touched."))
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setMinimumHeight(36)
        self.new_button.clicked.connect(lambda: self.controller.new_case(self))
        self.open_button.clicked.connect(lambda: self.controller.choose_and_open(self))
        self.sample_button.clicked.connect(lambda: self.controller.open_sample(self))
        left = QVBoxLayout()
        left.addWidget(icon)
        left.addWidget(name)
        left.addWidget(about)
        left.addSpacing(12)
        for button in (self.new_button, self.open_button, self.sample_button):
            left.addWidget(button)
        left.addStretch(1)

        self.note = QLabel(note)
        self.note.setObjectName("startNote")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        heading = QLabel(tr("Recent cases"))
        heading.setObjectName("startRecentHeading")
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.recent = QTreeWidget()
        self.recent.setObjectName("startRecent")
        self.recent.setAccessibleName(tr("Recent cases"))
        self.recent.setHeaderLabels([tr("Case file"), tr("Folder"), tr("Last opened")])
        self.recent.setRootIsDecorated(False)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # both ends say most
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.recent.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.recent.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.recent.itemActivated.connect(lambda item, _col: self.open_item(item))
        self.empty = QLabel(tr("No case opened yet. Start a new case, or look around the "
                               "sample case first."))
        self.empty.setObjectName("startEmpty")
        self.empty.setWordWrap(True)
        self.remove_button = QPushButton(tr("&Remove from the list"))
        self.remove_button.setObjectName("startRemove")
        self.remove_button.setToolTip(tr("Forget the selected entry; the file is not touched."))
        self.remove_button.clicked.connect(self.remove_selected)
        self.recent.currentItemChanged.connect(
            lambda item, _old: self.remove_button.setEnabled(item is not None))
        QShortcut(QKeySequence.StandardKey.Delete, self.recent, self.remove_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        right = QVBoxLayout()
        right.addWidget(self.note)
        right.addWidget(heading)
        right.addWidget(self.recent, 1)
        right.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)  # the list's place
        right.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(24)
        layout.addLayout(left, 2)
        layout.addLayout(right, 5)
        self.fill()
        self.resize(880, 520)

    def fill(self) -> None:
        """List the recent cases, newest first; one no longer there is shown greyed out."""
        self.recent.clear()
        for entry in recent_entries(self.controller.settings):
            item = QTreeWidgetItem([entry.path.stem, folder_text(entry.path.parent),
                                    opened_text(entry)])
            item.setData(0, PathRole, str(entry.path))
            item.setToolTip(0, str(entry.path))
            item.setData(0, FoundRole, entry.exists)
            if not entry.exists:  # greyed out; selectable, so it can be removed
                grey = self.palette().color(QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.Text)
                for column in range(3):
                    item.setForeground(column, grey)
                    item.setToolTip(column, missing_text(entry))
            self.recent.addTopLevelItem(item)
        has = self.recent.topLevelItemCount() > 0
        self.recent.setVisible(has)
        self.empty.setVisible(not has)
        self.remove_button.setVisible(has)
        self.remove_button.setEnabled(self.recent.currentItem() is not None)
        items = [self.recent.topLevelItem(i) for i in range(self.recent.topLevelItemCount())]
        openable = [item for item in items if item is not None and item.data(0, FoundRole)]
        if openable:
            self.recent.setCurrentItem(openable[0])

    def open_item(self, item: QTreeWidgetItem) -> None:
        """Open a recent case; for one that has gone, say so on the screen."""
        path = Path(str(item.data(0, PathRole)))
        if not path.exists():
            self.say(missing_text(RecentEntry(path, None)))
            return
        self.controller.open_path(path, self)

    def say(self, note: str) -> None:
        """A quiet line above the recent cases."""
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def remove_selected(self) -> None:
        """Forget the selected recent case (the file itself stays where it is)."""
        item = self.recent.currentItem()
        if item is None:
            return
        forget(self.controller.settings, Path(str(item.data(0, PathRole))))
        self.fill()
