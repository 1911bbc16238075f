"""Right-click menus on the lists, the photo grid and the trash (also the Menu key and
Shift+F10): Open, Open the file (a photo's, a document's), Copy, Link to claim…, Tag…, Batch
edit…, Move to the trash; in the Trash, Restore and Delete permanently. Each entry acts on
every selected row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QMenu

from casefile.commands import Batch, Purge
from casefile.errors import CaseFileError
from ui.batch_dialog import open_batch_dialog
from ui.batch_edit import how_many
from ui.claim_choice import ClaimChoice, ask_claim
from ui.default_viewer import has_viewer
from ui.document_panel import no_viewer_message
from ui.kinds import tr
from ui.pickers import LOCK, public_label

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _popup(menu: QMenu, where: QPoint) -> None:
    """Show a menu built earlier, unless it was used (or closed and gone) meanwhile."""
    try:
        if not menu.property("used"):
            menu.popup(where)
    except RuntimeError:  # deleted on close
        pass


class _MenuKeys(QObject):
    """Shift+F10 and the Menu key open a list's menu at its current row."""

    def __init__(self, show: Any, parent: QObject) -> None:
        super().__init__(parent)
        self.show = show

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and (
                event.key() == Qt.Key.Key_Menu or (
                    event.key() == Qt.Key.Key_F10
                    and event.modifiers() == Qt.KeyboardModifier.ShiftModifier)) \
                and isinstance(watched, QAbstractItemView):
            self.show(watched, None)
            return True
        return False


class ListMenus:
    """Builds the menu for the rows selected in `window`'s list and keeps the last one shown
    (`menu`, for tests)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.menu: QMenu | None = None
        self.claim_choice: ClaimChoice | None = None  # the last "Link to claim…" dialog
        self.open_url: Any = QDesktopServices.openUrl  # tests put a fake viewer here
        self.keys = _MenuKeys(self.show_at, window)
        for view in (window.lists.table, window.lists.grid):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda at, v=view: self.show_at(v, at))
            view.installEventFilter(self.keys)

    # -- the menu ------------------------------------------------------------------------

    def show_at(self, view: QAbstractItemView, at: QPoint | None) -> QMenu | None:
        """Pop the menu up at `at` (a right-click: the row under it is selected first,
        unless it is part of the selection) or, from the keyboard, at the current row."""
        lists = self.window.lists
        keyboard = at is None
        if at is not None:
            index = view.indexAt(at)
            if index.isValid() and not view.selectionModel().isSelected(index):
                view.setCurrentIndex(index)
        else:
            current = view.currentIndex()
            rect = view.visualRect(current) if current.isValid() else view.rect()
            at = rect.center() if current.isValid() else QPoint(8, 8)
        records = lists.selected_records()
        if not records or lists.current_kind == "search":
            return None
        menu = self.build(lists.current_kind, records)
        self.menu = menu
        where = view.viewport().mapToGlobal(at)
        if keyboard:  # after the key's release: the popup would take that event over
            QTimer.singleShot(0, lambda: _popup(menu, where))
        else:
            menu.popup(where)
        return menu

    def build(self, kind: str, records: list[Any]) -> QMenu:
        """The entries for `records` of `kind` (a section's key, or "trash")."""
        w = self.window
        menu = QMenu(w)
        menu.setObjectName("listMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        many = len(records) > 1

        def add(text: str, name: str, slot: Any, enabled: bool = True) -> QAction:
            entry = menu.addAction(text)
            entry.setObjectName(name)
            entry.setEnabled(enabled)
            entry.triggered.connect(lambda _c=False: (menu.setProperty("used", True),
                                                      menu.close(), slot()))
            return entry

        if kind == "trash":
            add(tr("&Restore") if not many else tr("&Restore {what}").replace(
                "{what}", how_many("trash", len(records))), "restore",
                lambda: w.batch.restore(records))
            menu.addSeparator()
            add(tr("&Delete permanently…"), "purge", lambda: self.purge(records))
            return menu
        add(tr("&Open"), "open", w.focus_detail, enabled=not many)
        if kind == "document":
            add(tr("Open the &file"), "open_file", w.document_panel.open_file,
                enabled=not many and getattr(records[0], "blob_id", None) is not None)
        if kind == "photo":
            add(tr("Open the &file"), "open_file", lambda: self.open_photo(records[0]),
                enabled=not many)
        add(tr("&Copy") if kind != "document" else tr("&Copy citation"), "copy",
            lambda: self.copy(kind, records))
        menu.addSeparator()
        if kind != "claim":
            add(tr("&Link to claim…"), "link", lambda: self.link_to_claim(kind, records))
        add(tr("&Tag…"), "tag", lambda: self.tag(kind, records))
        add(tr("&Batch edit…"), "batch", lambda: open_batch_dialog(w, kind, records))
        menu.addSeparator()
        add(tr("&Move to the trash") if not many else tr("&Move {what} to the trash").replace(
            "{what}", how_many(kind, len(records))), "trash", w.delete_selected)
        return menu

    # -- the entries ---------------------------------------------------------------------

    def copy(self, kind: str, records: list[Any]) -> str:
        """Copy each record's label (a document's citation) to the clipboard, one a line.
        A protected source is copied by its attribution phrase: what is on the clipboard
        can leave the machine."""
        lines = []
        for record in records:
            if kind == "document":
                try:
                    lines.append(self.window.case.documents.citation(record.uuid))
                    continue
                except CaseFileError:
                    pass
            if kind == "source":  # a protected one by its pseudonym, as everywhere
                lines.append(public_label(record).removeprefix(LOCK))
                continue
            field = getattr(record, "LABEL_FIELD", "")  # the whole text, not a label
            text = getattr(record, field, None) if field else None
            if kind == "photo" and not text:
                text = record.file_name
            lines.append(str(text) if text else str(record.label))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        self.window.show_status(tr("Copied {n} lines").replace("{n}", str(len(lines)))
                                if len(lines) > 1 else tr("Copied"), 4000)
        return text

    def tag(self, kind: str, records: list[Any]) -> bool:
        """Ask for a tag and put it on every selected record."""
        name = self.window.prompts.text(self.window, tr("Tag"), tr(
            "Tag to put on {what}:").replace("{what}", how_many(kind, len(records))))
        if not name or not name.strip():
            return False
        return self.window.batch.tag(kind, records, name)

    def link_to_claim(self, kind: str, records: list[Any]) -> ClaimChoice:
        """Choose a claim (by typing words of it) and link every selected record to it as
        evidence."""
        w = self.window
        pairs = [(kind, str(r.uuid)) for r in records]
        self.claim_choice = ask_claim(w.case, how_many(kind, len(records)), w,
                                      lambda claim: w.link_dropped(claim, pairs))
        return self.claim_choice

    def open_photo(self, photo: Any) -> bool:
        """Open a private read-only copy of the photo's file with the system's viewer;
        say so when no program on this computer opens it."""
        w = self.window
        try:
            copy = w.case.photos.open_copy(photo.uuid)
        except CaseFileError as exc:
            w.prompts.error(w, tr("Open the file"), str(exc))
            return False
        if has_viewer(copy) is False or self.open_url(QUrl.fromLocalFile(str(copy))) is False:
            w.prompts.info(w, tr("Open the file"), no_viewer_message(copy.name, None))
            return False
        return True

    def purge(self, entries: list[Any]) -> bool:
        """Delete deletions for good (asks first; this cannot be undone)."""
        w = self.window
        if not w.prompts.confirm(w, tr("Delete permanently"), tr(
                "Delete {what} for good? This cannot be undone.").replace(
                "{what}", how_many("trash", len(entries)))):
            return False
        try:
            w.case.apply(Batch(tuple(Purge(e.uuid) for e in entries)))
        except CaseFileError as exc:
            w.prompts.error(w, tr("Delete permanently"), str(exc))
            return False
        w.changes.flush()
        return True
