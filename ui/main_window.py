"""The main window: navigator, the list of the selected kind, and the selected record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QThreadPool, Signal, qVersion
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casefile.about import dependency_versions
from casefile.case import CaseFile
from casefile.errors import CaseFileError, DeleteRefusedError
from ui.kinds import BY_KEY, VIEWS, tr
from ui.navigator import KindRole, NavigatorModel
from ui.prompts import Prompts
from ui.search_view import HitRole, SearchResultsModel, SnippetDelegate
from ui.source_form import SourceForm
from ui.table_model import PagedTableModel, UuidRole
from ui.tasks import Job


def import_summary(events: list[Any], job: Job) -> str:
    """One message at the end of an import: counts, then each file that did not go in."""
    counts: dict[str, int] = {}
    for e in events:
        counts[e.outcome] = counts.get(e.outcome, 0) + 1
    head = ", ".join(f"{n} {outcome}" for outcome, n in counts.items()) or tr("nothing to do")
    if job.cancel_event.is_set():
        head += tr(" (cancelled: the photos imported so far are kept)")
    problems = [e.message for e in events if e.outcome in ("rejected", "duplicate")]
    return head + ("\n\n" + "\n".join(problems[:30]) if problems else "")


def about_text() -> str:
    """The About box: versions of Casefile and everything it runs on."""
    versions = dict(dependency_versions(), Qt=qVersion(), PySide6=PySide6.__version__)
    lines = "\n".join(f"{name}: {v}" for name, v in versions.items())
    return ("Casefile keeps everything about one story in one local file.\n"
            "It makes no network connection.\n\n" + lines)


class RecordDetails(QWidget):
    """A read-only view of the selected record's columns (editors come kind by kind)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)

    def show_record(self, model: PagedTableModel, row: int) -> None:
        """List the record's fields as label/value pairs."""
        while self.form.rowCount():
            self.form.removeRow(0)
        record = model.record(row)
        for column in model.columns:
            value = QLabel(column.text(record) or "—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(f"{column.title}:", value)


class MainWindow(QMainWindow):
    """Shows one open case. Receives the case and the prompt service; no database handle."""

    import_finished = Signal(object)  # the list of PhotoImportEvents, for the summary

    def __init__(self, case: CaseFile, prompts: Prompts | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.case = case
        self.prompts = prompts or Prompts()
        self.pool = pool or QThreadPool.globalInstance()
        self.current_kind = ""
        self.list_model: PagedTableModel | None = None
        self.jobs: list[Job] = []
        self.setAcceptDrops(True)

        self.navigator_model = NavigatorModel(self)
        self.navigator = QListView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setMinimumWidth(200)
        self.navigator.setAccessibleName(tr("Navigator"))
        self.navigator.selectionModel().currentChanged.connect(self._kind_chosen)

        self.table = QTableView()
        self.table.setObjectName("recordList")
        self.table.setAccessibleName(tr("Records"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.row_height = self.table.verticalHeader().defaultSectionSize()

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.overview = QLabel()
        self.overview.setObjectName("overview")
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.PlainText)
        overview_page = QWidget()
        box = QVBoxLayout(overview_page)
        box.addWidget(self.heading)
        box.addWidget(self.overview)
        box.addStretch(1)
        self.details = RecordDetails()
        self.source_form = SourceForm(case.sources)
        self.source_form.saved.connect(self._record_saved)
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("detail")
        for page in (overview_page, self.details, self.source_form):
            self.detail_stack.addWidget(page)
        self.detail_stack.setMinimumWidth(320)

        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 620, 370])
        self.setCentralWidget(splitter)
        self._build_menus()
        self._build_search()
        self.resize(1200, 720)
        self.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&File"))
        close = QAction(tr("&Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        edit_menu = self.menuBar().addMenu(tr("&Edit"))
        self.delete_action = QAction(tr("&Delete (to the trash)"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_selected)
        self.restore_action = QAction(tr("&Restore from the trash"), self)
        self.restore_action.triggered.connect(self.restore_selected)
        self.empty_action = QAction(tr("&Empty the trash…"), self)
        self.empty_action.triggered.connect(self.empty_trash)
        for action in (self.delete_action, self.restore_action, self.empty_action):
            edit_menu.addAction(action)
        self.table.addAction(self.delete_action)
        help_menu = self.menuBar().addMenu(tr("&Help"))
        about = QAction(tr("&About Casefile"), self)
        about.triggered.connect(lambda: self.prompts.info(self, tr("About Casefile"),
                                                          about_text()))
        help_menu.addAction(about)

    def _build_search(self) -> None:
        bar = QToolBar(tr("Search"))
        bar.setObjectName("searchBar")
        bar.setMovable(False)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search")
        self.search_field.setPlaceholderText(tr("Search everything (Ctrl+F)…"))
        self.search_field.setAccessibleName(tr("Search"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.returnPressed.connect(lambda: self.search(self.search_field.text()))
        bar.addWidget(self.search_field)
        self.addToolBar(bar)
        find = QAction(tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search_field.setFocus(),
                                        self.search_field.selectAll()))
        self.addAction(find)
        self.snippets = SnippetDelegate(self.table)
        self.table.activated.connect(self._activated)

    def search(self, text: str) -> None:
        """Show the best matches for `text` across the case, grouped by kind."""
        hits = self.case.search.search(text, limit=200, snippet_words=10)
        model = SearchResultsModel(hits, self)
        self.current_kind = "search"
        self.list_model = None
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(2, self.snippets)
        lines = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(int(lines * 2.4) + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 90)
        header.resizeSection(1, 240)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.navigator.clearSelection()
        self.statusBar().showMessage(tr("{n} matches for “{q}” — Enter opens one")
                                     .replace("{n}", str(len(hits))).replace("{q}", text))

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.open_record(hit.kind, str(hit.uuid))

    def open_record(self, kind: str, record_uuid: str) -> bool:
        """Show a record in its own list and select it; False if its kind has no list."""
        parents = {"quote": "interview", "excerpt": "document", "attachment": "interview"}
        key = kind if kind in BY_KEY else parents.get(kind, "")
        if not key:
            return False
        self.show_kind(key)
        model = self.list_model
        if model is None:
            return False
        if key != kind:
            return True  # the parent's list; quotes and excerpts open with their parents
        row = 0
        while True:
            for r in range(row, model.rowCount()):
                if model.data(model.index(r, 0), UuidRole) == record_uuid:
                    self.table.selectRow(r)
                    self.table.scrollTo(model.index(r, 0))
                    return True
            row = model.rowCount()
            if not model.canFetchMore():
                return False
            model.fetchMore()

    # -- navigation ----------------------------------------------------------------------

    def show_kind(self, key: str) -> None:
        """List the records of one navigator section."""
        view = BY_KEY[key]
        self.current_kind = key
        model = PagedTableModel(view.columns,
                                lambda offset, limit: view.fetch(self.case, offset, limit),
                                lambda: view.count(self.case), parent=self)
        old = self.list_model
        self.list_model = model
        self.table.setModel(model)
        self.table.setItemDelegateForColumn(2, None)
        self.table.verticalHeader().setDefaultSectionSize(self.row_height)
        if old is not None:
            old.deleteLater()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in range(1, model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), 220))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.detail_stack.setCurrentIndex(0)
        row = [v.key for v in VIEWS].index(key)
        self.navigator.setCurrentIndex(self.navigator_model.index(row))

    def _kind_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KindRole)
        if key and key != self.current_kind:
            self.show_kind(key)

    def _row_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.list_model is None or not selected.indexes():
            return
        self.source_form.save_notes()
        row = selected.indexes()[0].row()
        if self.current_kind == "source":
            self.source_form.show_record(self.list_model.record(row))
            self.detail_stack.setCurrentWidget(self.source_form)
        else:
            self.details.show_record(self.list_model, row)
            self.detail_stack.setCurrentWidget(self.details)

    def _record_saved(self, record: Any) -> None:
        if self.list_model is None:
            return
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.list_model.replace(rows[0].row(), record)
        self.refresh_counts()

    # -- deleting and the trash ------------------------------------------------------------

    def _selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or self.list_model is None:
            return None
        record = self.list_model.record(rows[0].row())
        return record[0] if isinstance(record, tuple) else record

    def delete_selected(self) -> None:
        """Move the selected record to the trash; say why if evidence depends on it."""
        record = self._selected()
        if record is None or self.current_kind == "trash":
            return
        try:
            self.case.trash.delete(record)
        except DeleteRefusedError as exc:
            if not self.prompts.confirm(self, tr("Delete"), str(exc) + "\n\n" + tr(
                    "Move it to the trash together with those links?")):
                return
            self.case.trash.delete(record, cascade=True)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Delete"), str(exc))
            return
        self.refresh()

    def restore_selected(self) -> None:
        """Bring back the selected deletion (Trash view)."""
        entry = self._selected()
        if entry is None or self.current_kind != "trash":
            return
        try:
            self.case.trash.restore(entry.uuid)
        except CaseFileError as exc:
            self.prompts.error(self, tr("Restore"), str(exc))
            return
        self.refresh()

    def empty_trash(self) -> None:
        """Delete everything in the trash for good, after asking."""
        count = self.case.trash.count()
        if not count or not self.prompts.confirm(
                self, tr("Empty the trash"),
                tr("Delete the {n} items in the trash for good? This cannot be undone.")
                .replace("{n}", str(count))):
            return
        self.case.trash.empty()
        self.refresh()

    # -- importing photos by drag and drop -------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_photos(paths)

    def import_photos(self, paths: list[Path]) -> Job:
        """Import files and folders on a worker, with a progress dialog that can cancel."""
        job = Job(lambda cancel: self.case.photos.import_files(paths, cancel=cancel))
        dialog = QProgressDialog(tr("Importing photos…"), tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(tr("Import photos"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(job.cancel)

        def progress(event: Any) -> None:
            dialog.setMaximum(event.total)
            dialog.setValue(event.done)
            dialog.setLabelText(f"{event.path.name}: {event.outcome}")

        def done(events: list[Any]) -> None:
            dialog.reset()
            self.jobs.remove(job)
            self.refresh()
            self.show_kind("photo")
            self.prompts.info(self, tr("Import photos"), import_summary(events, job))
            self.import_finished.emit(events)

        def failed(message: str) -> None:
            dialog.reset()
            self.jobs.remove(job)
            self.refresh()
            self.prompts.error(self, tr("Import photos"), message)
            self.import_finished.emit([])

        job.signals.progress.connect(progress)
        job.signals.finished.connect(done)
        job.signals.failed.connect(failed)
        self.jobs.append(job)
        self.pool.start(job)
        return job

    # -- refreshing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the title, counts and the current list from the core."""
        summary = self.refresh_counts()
        self.setWindowTitle(f"{summary.title} — {summary.path.name} — Casefile")
        info = self.case.info()
        self.heading.setText(info.title)
        self.overview.setText(info.summary or tr("No summary yet."))
        self.show_kind(self.current_kind or VIEWS[0].key)

    def refresh_counts(self) -> Any:
        """Update the navigator's counts and the status bar."""
        summary = self.case.summary()
        self.navigator_model.set_counts(dict(summary.counts, trash=summary.in_trash))
        self.statusBar().showMessage(
            f"{summary.path}  ·  format {summary.schema_version}  ·  "
            f"{summary.size_bytes / 1024:.0f} KB")
        return summary
