"""Search in the case window: the box in the toolbar, its keys (Enter searches, Down goes
into the results — searching first if the words changed —, Escape clears it and goes back to
the list), the results with their status line, and opening a result.

The results show the best 200 hits; the status line says how many there are in all (the
core counts them) and that only the first are shown. A change the results may show runs the
search again, keeping the hit selected and the scroll position."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from casefile.changes import Changes
from casefile.search import SearchHit
from ui.focus import install as install_focus
from ui.kinds import BY_KEY, tr
from ui.saved_searches import SavedSearches
from ui.search_view import HitRole, SearchKeys, SearchResultsModel, SnippetDelegate, match_status
from ui.shortcuts_sheet import declare_keys
from ui.window_toolbar import install_toolbar

if TYPE_CHECKING:
    from ui.main_window import MainWindow

SHOWN = 200  # results listed at most (the status line gives the whole count)
HOLD_S = 5.0  # as the window's STATUS_HOLD_S: a newer message is not covered before


class WindowSearch(QObject):
    """The window's search: built once, after its menus (it shows their actions)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.total = 0  # how many records the search shown finds in all
        self.back_to = ""  # the list shown before the search, for Escape / an empty Enter
        field = self.field = window.search_field = QLineEdit()
        field.setObjectName("search")
        field.setPlaceholderText(tr("Search everything (Ctrl+F)…"))
        field.setAccessibleName(tr("Search"))
        field.setClearButtonEnabled(True)
        field.returnPressed.connect(self.enter)
        self.keys = SearchKeys(self.into_results, self.escape, self)
        field.installEventFilter(self.keys)
        window.save_search_action.setEnabled(False)
        window.toolbar = install_toolbar(window, field)
        window.addToolBar(window.toolbar)
        window.saved_searches = SavedSearches(window)
        find = QAction(tr("&Find"), window)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.find)
        window.addAction(find)
        window.snippets = self.snippets = SnippetDelegate(window.table)
        window.table.activated.connect(self.activated)
        declare_keys(field, [(tr("From the search box into the results"), "Down"),
                             (tr("Clear the search and go back to the list"), "Esc")])
        declare_keys(window.table, [
            (tr("Open the selected row (a search result where it is)"), "Return"),
            (tr("The menu of the selected rows (Menu key too)"), "Shift+F10")])
        install_focus()  # the focus ring and Tab into a list selecting a row (ui/focus.py)

    def find(self) -> None:
        """Ctrl+F: to the search field, its words selected to type over."""
        self.field.setFocus()
        self.field.selectAll()

    def enter(self) -> None:
        """Enter in the box: search for its words; with none, back to the list."""
        if not self.field.text().strip():
            self.leave()
            return
        self.search(self.field.text())

    def escape(self) -> bool:
        """Escape in the box: clear it and go back to the list (False: nothing to do)."""
        if not self.field.text() and self.window.current_kind != "search":
            return False
        self.field.clear()
        self.leave()
        self.window.current_view().setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def leave(self) -> None:
        """Back to the list shown before the search (if the results are shown)."""
        window = self.window
        if window.current_kind == "search":
            window.show_kind(self.back_to if self.back_to in BY_KEY else "source")

    def search(self, text: str) -> None:
        """Show the best matches for `text` across the case, grouped by kind."""
        window = self.window
        window.save_panels()
        if window.current_kind != "search":
            self.back_to = window.current_kind
        self.run(text)
        window.navigator.clearSelection()
        window.tag_row.show_record(None)
        window.tag_pane.set_kind("search")
        window.save_search_action.setEnabled(bool(text.strip()))
        window.show_status(self.status())

    def run(self, text: str) -> list[SearchHit]:
        """Ask the core and show the hits (nothing is saved first: see `search`)."""
        window = self.window
        window.last_search = text
        hits = window.case.search.search(text, limit=SHOWN, snippet_words=10)
        self.total = len(hits) if len(hits) < SHOWN else window.case.search.count(text)
        window.lists.search_text = text  # an empty result says what found nothing
        window.lists.show_results(SearchResultsModel(hits, window), self.snippets)
        return hits

    def status(self) -> str:
        """The status line over the results shown."""
        return match_status(self.total, self.window.last_search, shown=SHOWN)

    def into_results(self) -> bool:
        """Down in the box: into the list shown (the results — searched for first when the
        words changed), its first row selected if none is; False when there is no row."""
        window = self.window
        words = self.field.text()
        if words.strip() and (words != window.last_search or window.current_kind != "search"):
            self.search(words)
        view = window.current_view()
        model = view.model()
        if model is None or model.rowCount() == 0:
            return False
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        selection = view.selectionModel()
        if selection is None or not selection.selectedRows():
            view.setCurrentIndex(model.index(0, 0))
        return True

    def activated(self, index: QModelIndex) -> None:
        """Enter (or a double-click) on a search result opens it: a quote in its interview
        with its words selected (open_record)."""
        hit = index.data(HitRole)
        if hit is not None:
            self.window.open_record(hit.kind, str(hit.uuid))

    def react(self, changes: Changes) -> None:
        """The results may have changed, not the question: ask it again when a kind of
        record they show changed (any change while they show nothing), keeping the hit that
        was selected and the scroll position; the panels are not saved for it."""
        window = self.window
        table = window.table
        model = table.model()
        if window.current_kind != "search" or not isinstance(model, SearchResultsModel):
            return
        shown = {h.kind for h in model.hits}
        if shown and not changes.touches(*shown):
            return
        selection = table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        hit = rows[0].data(HitRole) if rows else None
        scrolled = table.verticalScrollBar().value()
        self.run(window.last_search)
        if time.monotonic() - window._status_at > HOLD_S:  # no newer message shown
            window.statusBar().showMessage(self.status())
        model = table.model()
        table.verticalScrollBar().setValue(scrolled)
        if hit is None or not isinstance(model, SearchResultsModel):
            return
        for row, again in enumerate(model.hits):
            if (again.kind, again.uuid) == (hit.kind, hit.uuid):
                selection = table.selectionModel()
                blocked = selection.blockSignals(True)
                selection.select(model.index(row, 0),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
                selection.blockSignals(blocked)
                return
