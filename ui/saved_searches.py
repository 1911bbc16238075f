"""Saved searches — smart collections in the navigator, as in Zotero: "Save this search…"
names the search shown; it is listed under "Saved searches" with its live match count, a
click runs it again, right-click renames or deletes it.

They are a per-user view of a case (like column widths), so they live in QSettings keyed by
the case's UUID — the case file is not changed, and a copy sent to a colleague carries none.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QMenu

from casefile.case import CaseFile
from casefile.changes import Changes
from casefile.db.search_index import INDEXED
from casefile.identity import IdentityMatcher
from casefile.search import fold
from ui.i18n import number
from ui.kinds import tr
from ui.navigator import SavedRole

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@dataclass(frozen=True)
class SavedSearch:
    """A name, and the words searched for as they were typed."""

    name: str
    query: str


class SavedSearchStore:
    """The saved searches of one case for this user, in QSettings."""

    def __init__(self, settings: QSettings, case_uuid: str) -> None:
        self._settings = settings
        self._key = f"savedSearches/{case_uuid}"

    def all(self) -> list[SavedSearch]:
        """Every saved search, in the order they were saved."""
        raw = self._settings.value(self._key, "[]")
        try:
            items = json.loads(str(raw))
        except ValueError:
            return []
        return [SavedSearch(str(i["name"]), str(i["query"])) for i in items
                if isinstance(i, dict) and "name" in i and "query" in i]

    def find(self, name: str) -> SavedSearch | None:
        """The saved search called `name`, if any."""
        return next((s for s in self.all() if s.name == name), None)

    def _write(self, items: list[SavedSearch]) -> None:
        self._settings.setValue(self._key, json.dumps(
            [{"name": s.name, "query": s.query} for s in items], ensure_ascii=False))
        self._settings.sync()

    def save(self, name: str, query: str) -> SavedSearch:
        """Save `query` as `name` (a search saved under that name before is replaced)."""
        saved = SavedSearch(" ".join(name.split()), query.strip())
        if not saved.name or not saved.query:
            raise ValueError(tr("A saved search needs a name and words to search for."))
        items = [s for s in self.all() if s.name != saved.name]
        self._write([*items, saved])
        return saved

    def rename(self, old: str, new: str) -> None:
        """Give a saved search another name; refused if that name is taken."""
        new = " ".join(new.split())
        if not new:
            raise ValueError(tr("A saved search needs a name."))
        if new != old and self.find(new) is not None:
            raise ValueError(tr("There is already a saved search called “{name}”.")
                             .replace("{name}", new))
        self._write([SavedSearch(new, s.query) if s.name == old else s for s in self.all()])

    def remove(self, name: str) -> None:
        """Forget a saved search (the records it found are not touched)."""
        self._write([s for s in self.all() if s.name != name])


MIN_PREFIX = 3  # "Bel*" is taken as naming "Belov"; "Be*" is not
_PREFIX = re.compile(r"(\w+)\*")
SETTLE_MS = 500  # counts are taken this long after the last of a burst of changes
INDEXED_KINDS = tuple(k.kind for k in INDEXED)


def names_protected(case: CaseFile, text: str) -> bool:
    """Whether `text` names a protected source however it is spelled (the export's matcher),
    or starts a word of such a name with a prefix search ("Belo*"): such words must not be
    written to the settings file, which lives outside the case."""
    matcher = IdentityMatcher.for_sources(case.sources.every())
    if not matcher:
        return False
    if matcher.find(text):
        return True
    prefixes = {fold(p).casefold() for p in _PREFIX.findall(text) if len(p) >= MIN_PREFIX}
    if not prefixes:
        return False
    words = {fold(w).casefold() for name in matcher.words for w in re.findall(r"\w+", name)}
    return any(w.startswith(p) for p in prefixes for w in words)


class SavedSearches(QObject):
    """The window's saved searches: saving the search shown, listing them with live counts
    in the navigator, running one when it is clicked, and its right-click menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.store = SavedSearchStore(window.settings, str(window.case.info().uuid))
        self.running: str | None = None  # the saved search whose results are shown
        navigator = window.navigator
        navigator.selectionModel().currentChanged.connect(
            lambda current, _previous: self._chosen(current))
        navigator.clicked.connect(self._chosen)
        navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        navigator.customContextMenuRequested.connect(self._menu)
        # Counting is a search per saved search: after a burst of changes, once, off the
        # change itself (typing commits on every pause).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settle)
        self._check_sources = False
        self.refresh(check=True)

    def react(self, changes: Changes) -> None:
        """Count again a moment after a change of what searches find (a source's change:
        check first that no saved search names a source now protected)."""
        if changes.touches("source") or changes.bulk:
            self._check_sources = True
        if self._check_sources or changes.touches(*INDEXED_KINDS, "trash"):
            self._timer.start()

    def settle(self) -> None:
        """Do a count waiting for its moment now (tests; before the window closes)."""
        if self._timer.isActive():
            self._timer.stop()
            self._settle()

    def _settle(self) -> None:
        check, self._check_sources = self._check_sources, False
        self.refresh(check=check)

    def refresh(self, *, check: bool = False) -> None:
        """List the saved searches with how many records each finds now (`check`: first
        forget any that names a protected source — one made confidential since)."""
        if check:
            self._forget_protected()
        counts = []
        for saved in self.store.all():
            try:
                counts.append((saved.name, self.window.case.search.count(saved.query)))
            except Exception:  # noqa: BLE001 - a count is a hint: never stop the window
                counts.append((saved.name, 0))
        self.window.navigator_model.set_saved(counts)

    def _forget_protected(self) -> None:
        window = self.window
        named = [saved for saved in self.store.all()
                 if names_protected(window.case, f"{saved.query}\n{saved.name}")]
        if not named:
            return
        for saved in named:
            self.store.remove(saved.name)
            if self.running == saved.name:
                self.running = None
        # The name is not repeated: it may be the very words that must not be shown.
        if len(named) == 1:
            message = tr("A saved search was removed from your settings: it names a source "
                         "that is now protected.")
        else:
            message = tr("{n} saved searches were removed from your settings: they name a "
                         "source that is now protected.").replace("{n}", number(len(named)))
        window.show_status(message, 10000)

    def save_current(self, name: str | None = None) -> SavedSearch | None:
        """"Save this search…": the search shown, under a name asked for (the words, at
        first)."""
        window = self.window
        query = window.last_search.strip()
        if window.current_kind != "search" or not query:
            window.prompts.info(window, tr("Save this search"),
                                tr("Search for something first (Ctrl+F), then save the "
                                   "search to find it again in the navigator."))
            return None
        refusal = tr("This search names a protected source. Saved searches are kept in "
                     "your settings, outside the case file, so it is not saved: search for "
                     "it again when you need it.")
        if names_protected(window.case, query):  # before a name is asked for
            window.prompts.error(window, tr("Save this search"), refusal)
            return None
        if name is None:
            name = window.prompts.text(window, tr("Save this search"),
                                       tr("Name of the saved search:"), query)
        if not name or not name.strip():
            return None
        if names_protected(window.case, name):
            window.prompts.error(window, tr("Save this search"), refusal)
            return None
        if self.store.find(" ".join(name.split())) is not None and not window.prompts.confirm(
                window, tr("Save this search"),
                tr("Replace the saved search “{name}”?").replace("{name}", name.strip())):
            return None
        try:
            saved = self.store.save(name, query)
        except ValueError as exc:
            window.prompts.error(window, tr("Save this search"), str(exc))
            return None
        self.running = saved.name
        self.refresh()
        self._mark(saved.name)
        window.show_status(tr("Saved the search “{name}”: it is listed in the navigator.")
                           .replace("{name}", saved.name), 5000)
        return saved

    def run(self, name: str) -> bool:
        """Run a saved search again: its words in the search box, its results shown."""
        saved = self.store.find(name)
        if saved is None:
            return False
        self.running = name
        self.window.search_field.setText(saved.query)
        self.window.search(saved.query)
        self._mark(name)
        return True

    def rename(self, name: str, new: str | None = None) -> bool:
        """Rename a saved search (asked for if not given)."""
        window = self.window
        if new is None:
            new = window.prompts.text(window, tr("Rename saved search"), tr("New name:"), name)
        if not new or not new.strip():
            return False
        if names_protected(window.case, new):
            window.prompts.error(window, tr("Rename saved search"), tr(
                "This name names a protected source. Saved searches are kept in your "
                "settings, outside the case file: choose another name."))
            return False
        try:
            self.store.rename(name, new)
        except ValueError as exc:
            window.prompts.error(window, tr("Rename saved search"), str(exc))
            return False
        if self.running == name:
            self.running = " ".join(new.split())
        self.refresh()
        return True

    def delete(self, name: str) -> bool:
        """Delete a saved search after asking (the records it finds stay)."""
        window = self.window
        if not window.prompts.confirm(
                window, tr("Delete saved search"),
                tr("Delete the saved search “{name}”? The records it finds stay as they "
                   "are.").replace("{name}", name)):
            return False
        self.store.remove(name)
        if self.running == name:
            self.running = None
        self.refresh()
        return True

    def _mark(self, name: str) -> None:
        """Show the saved search as the navigator's current row (without running it again)."""
        row = self.window.navigator_model.saved_row(name)
        if row is None:
            return
        selection = self.window.navigator.selectionModel()
        blocked = selection.blockSignals(True)
        self.window.navigator.setCurrentIndex(self.window.navigator_model.index(row))
        selection.blockSignals(blocked)
        self.window.navigator.viewport().update()

    def _chosen(self, index: QModelIndex) -> None:
        name = index.data(SavedRole) if index.isValid() else None
        if not name:
            return
        window = self.window
        saved = self.store.find(str(name))
        if (self.running == name and window.current_kind == "search" and saved is not None
                and window.last_search == saved.query):
            return  # already shown (a click on the row that is current)
        self.run(str(name))

    def _menu(self, at: QPoint) -> None:
        index = self.window.navigator.indexAt(at)
        name = index.data(SavedRole) if index.isValid() else None
        if not name:
            return
        menu = QMenu(self.window.navigator)
        menu.addAction(tr("&Run again"), lambda: self.run(str(name)))
        menu.addAction(tr("Re&name…"), lambda: self.rename(str(name)))
        menu.addAction(tr("&Delete…"), lambda: self.delete(str(name)))
        self.menu = menu  # kept for tests to trigger
        menu.popup(self.window.navigator.viewport().mapToGlobal(at))
