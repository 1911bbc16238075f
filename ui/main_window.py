"""The main window: navigator, the list of the selected kind, and the selected record."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import PySide6
from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casefile.about import dependency_versions
from casefile.case import CaseFile
from casefile.db.driver import encryption_available
from casefile.errors import CaseFileError
from ui.claim_panel import ClaimPanel, link_evidence
from ui.claims_board import ClaimsBoard
from ui.document_panel import DocumentPanel
from ui.draft_panel import DraftPanel
from ui.house_style import HouseStyleDialog
from ui.interview_panel import InterviewPanel
from ui.kinds import BY_KEY, VIEWS, tr
from ui.navigator import KindRole, NavigatorModel
from ui.photo_grid import PhotoGridModel
from ui.photo_panel import PhotoPanel
from ui.prompts import Prompts
from ui.record_drag import make_drag_source
from ui.request_panel import RequestPanel
from ui.search_view import HitRole, SearchResultsModel, SnippetDelegate
from ui.source_form import SourceForm
from ui.table_model import PagedTableModel, UuidRole
from ui.tasks import Job
from ui.team_panel import TeamPanel
from ui.window_columns import ColumnMemory
from ui.window_files import FileActions
from ui.window_lists import ListView
from ui.window_safety import SafetyActions
from ui.window_trash import TrashActions


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


class MainWindow(FileActions, TrashActions, SafetyActions, ListView, ColumnMemory,
                 QMainWindow):
    """Shows one open case. Receives the case and the prompt service; no database handle."""

    import_finished = Signal(object)  # the list of PhotoImportEvents, for the summary

    job_finished = Signal(str, object)  # job title, its result (or None if it failed)

    def __init__(self, case: CaseFile, prompts: Prompts | None = None,
                 pool: QThreadPool | None = None, controller: Any = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.case = case
        self.controller = controller
        self.settings = settings or (controller.settings if controller is not None
                                     else QSettings("Casefile", "Casefile"))
        self.prompts = prompts or Prompts()
        self.pool = pool or QThreadPool.globalInstance()
        self.current_kind = ""
        self.last_search = ""
        self.list_model: PagedTableModel | None = None
        self._sorts: dict[str, tuple[int, Qt.SortOrder]] = {}  # kind -> its list's sort
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
        # Fit columns to the first rows only: measuring every loaded row on each switch of
        # section cost ~0.2 s of the window's open.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        make_drag_source(self.table)
        self.row_height = self.table.verticalHeader().defaultSectionSize()
        header = self.table.horizontalHeader()
        header.sectionResized.connect(lambda *_a: self._save_columns())
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.sortIndicatorChanged.connect(
            lambda *_a: QTimer.singleShot(0, self._show_sort))  # after the view has sorted
        self._restoring = False

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
        self.grid = QListView()
        self.grid.setObjectName("photoGrid")
        self.grid.setAccessibleName(tr("Photos"))
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setIconSize(QSize(160, 160))
        self.grid.setSpacing(8)
        self.grid.setWordWrap(True)
        # Lay out new pages in batches: in icon mode each page of rows otherwise re-laid out
        # every item already there (tens of ms at 2,000 photos).
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(120)
        make_drag_source(self.grid)
        self.center = QStackedWidget()
        self.center.addWidget(self.table)
        self.center.addWidget(self.grid)
        self.details = RecordDetails()
        self.photo_panel = PhotoPanel(case, self.prompts, on_edit=self.record_edit)
        self.photo_panel.saved.connect(self._record_saved)
        self.interview_panel = InterviewPanel(case, self.prompts, on_edit=self.record_edit)
        self.interview_panel.saved.connect(self._record_saved)
        self.interview_panel.quote_made.connect(
            lambda q: self._linked_record("quote", q.uuid, tr("make quote")))
        self.draft_panel = DraftPanel(case, self.prompts, pool=self.pool,
                                      on_edit=self.record_edit)
        self.undo_stack = QUndoStack(self)
        self.document_panel = DocumentPanel(case, self.prompts, on_edit=self.record_edit,
                                            on_created=self._linked_record)
        self.document_panel.saved.connect(self._record_saved)
        self.request_panel = RequestPanel(case.requests, on_edit=self.record_edit)
        self.request_panel.saved.connect(lambda _r: self._reload_keep_selection())
        self.claim_panel = ClaimPanel(case, self.prompts, on_edit=self.record_edit)
        self.claim_panel.saved.connect(lambda _r: (self._reload_keep_selection(),
                                                   self.board.reload()))
        self.claim_panel.on_linked = self._linked
        self.claim_panel.on_unlinked = self._unlinked
        self.claim_panel.on_dropped = self.link_dropped
        self.source_form = SourceForm(case.sources, on_edit=lambda *a: self.record_edit(*a),
                                      style=case.house_style)
        self.source_form.saved.connect(self._record_saved)
        self.source_form.open_requested.connect(self.open_record)
        self.team_panel = TeamPanel(case.team, on_edit=self.record_edit,
                                    style=case.house_style)
        self.team_panel.saved.connect(self._record_saved)
        # The editor of each kind: shown (show_record) when a row of that kind is selected.
        self.panels: dict[str, Any] = {
            "source": self.source_form, "interview": self.interview_panel,
            "photo": self.photo_panel, "document": self.document_panel,
            "claim": self.claim_panel, "comment_request": self.request_panel,
            "draft": self.draft_panel, "team_member": self.team_panel,
        }
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("detail")
        for page in (overview_page, self.details, self.source_form, self.photo_panel,
                     self.interview_panel, self.draft_panel, self.claim_panel,
                     self.document_panel, self.request_panel, self.team_panel):
            self.detail_stack.addWidget(page)
        self.detail_stack.setMinimumWidth(320)

        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.center)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 620, 370])
        self.setCentralWidget(splitter)
        self.board = ClaimsBoard(case, self.link_dropped, self)
        self.board.open_claim.connect(lambda uid: self.open_record("claim", uid))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.board)
        self.board.hide()
        self._build_menus()
        self._build_search()
        self.resize(1200, 720)
        self.refresh()

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&File"))
        if self.controller is not None:
            self._action(file_menu, tr("&New case file…"),
                         lambda: self.controller.new_case(self), QKeySequence.StandardKey.New)
            self._action(file_menu, tr("&Open…"), self._open_dialog,
                         QKeySequence.StandardKey.Open)
            self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
            self.recent_menu.aboutToShow.connect(self._fill_recent)
            self._action(file_menu, tr("Recover a &damaged case file…"),
                         lambda: self.controller.recover(self))
            file_menu.addSeparator()
            if self.case.encrypted:
                self.crypt_action = self._action(
                    file_menu, tr("Remove encr&yption…"),
                    lambda: self.controller.convert(self, encrypt=False))
            else:
                self.crypt_action = self._action(
                    file_menu, tr("Encr&ypt with a passphrase…"),
                    lambda: self.controller.convert(self, encrypt=True))
                self.crypt_action.setEnabled(encryption_available())
                if not encryption_available():
                    self.crypt_action.setText(tr("Encryption unavailable (sqlcipher3 missing)"))
        self._action(file_menu, tr("Import &photos…"), self.choose_photos,
                     QKeySequence("Ctrl+Shift+I"))
        self._action(file_menu, tr("Add &document file…"), self.add_document_file)
        self._action(file_menu, tr("Import CSL-&JSON…"), self.import_csl)
        file_menu.addSeparator()
        self._action(file_menu, tr("Save a &copy (backup)…"), self.backup)
        self._action(file_menu, tr("&Backups…"), self.show_backups)
        self._action(file_menu, tr("Chec&k case file"), self.check_case_file)
        self._action(file_menu, tr("&Import bundle…"), self.import_bundle)
        self._action(file_menu, tr("E&xport bundle…"), self.export_bundle)
        self.export_action = self._action(file_menu, tr("Export draft to &Word…"),
                                          lambda: self.export_draft())
        file_menu.addSeparator()
        self._action(file_menu, tr("&Close"), self.close, QKeySequence.StandardKey.Close)
        edit_menu = self.menuBar().addMenu(tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"),
                                       QKeySequence.StandardKey.Redo])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.delete_action = QAction(tr("&Delete (to the trash)"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_selected)
        self.restore_action = QAction(tr("&Restore from the trash"), self)
        self.restore_action.triggered.connect(self.restore_selected)
        self.empty_action = QAction(tr("&Empty the trash…"), self)
        self.empty_action.triggered.connect(self.empty_trash)
        for action in (self.delete_action, self.restore_action, self.empty_action):
            edit_menu.addAction(action)
        self.new_action = QAction(tr("&New record…"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.triggered.connect(lambda: self.new_record())
        edit_menu.addAction(self.new_action)
        edit_detail = QAction(tr("&Edit the selected record"), self)
        edit_detail.setShortcut(QKeySequence("F2"))
        edit_detail.triggered.connect(self.focus_detail)
        edit_menu.addAction(edit_detail)
        edit_menu.addSeparator()
        self._action(edit_menu, tr("House st&yle…"), self.edit_house_style)
        self.table.addAction(self.delete_action)
        self.grid.addAction(self.delete_action)
        view_menu = self.menuBar().addMenu(tr("&View"))
        self.board_action = self.board.toggleViewAction()
        self.board_action.setText(tr("Claims &board (drop evidence on a claim)"))
        self.board_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        view_menu.addAction(self.board_action)
        help_menu = self.menuBar().addMenu(tr("&Help"))
        about = QAction(tr("&About Casefile"), self)
        about.triggered.connect(lambda: self.prompts.info(self, tr("About Casefile"),
                                                          about_text()))
        help_menu.addAction(about)

    def edit_house_style(self) -> HouseStyleDialog:
        """Open the house style (outlet, dates, speech verb); the draft's tagline and the
        source's preview follow each change."""
        dialog = HouseStyleDialog(self.case, self, changed=lambda: (
            self.draft_panel.refresh_tagline(), self.source_form.update_preview(),
            self.team_panel.refresh_outlet_hint()))
        dialog.setModal(True)
        dialog.open()
        return dialog

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
        self.save_panels()
        self._remember_sort()
        self.last_search = text
        hits = self.case.search.search(text, limit=200, snippet_words=10)
        model = SearchResultsModel(hits, self)
        self.current_kind = "search"
        self.list_model = None
        self.table.setSortingEnabled(False)  # hits stay grouped by kind, best first
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
        # Its page is found by key (no walk from the top), before anything reads the first.
        row = self.show_kind(key, focus=record_uuid if key == kind else None)
        model = self.list_model
        if model is None:
            return False
        if key != kind:
            return True  # the parent's list; quotes and excerpts open with their parents
        if row is None:
            return False
        view = self.current_view()
        view.setCurrentIndex(model.index(row, 0))
        view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        if view is self.grid:
            self._scroll_when_laid_out(QPersistentModelIndex(model.index(row, 0)))
        return True

    # -- navigation ----------------------------------------------------------------------

    def current_view(self) -> QAbstractItemView:
        """The table, or the photo grid when Photos is shown."""
        return self.grid if self.current_kind == "photo" else self.table

    def show_kind(self, key: str, focus: str | None = None) -> int | None:
        """List the records of one navigator section; with `focus` (a record's UUID), show
        the list around that record and return its row (None if it is not listed)."""
        view = BY_KEY[key]
        self.save_panels()  # leaving a record by changing section saves what was typed
        if self.current_kind == "search":
            self.refresh_counts()  # the status bar stops talking about the search
        if key != "draft":
            self._give_list_room_back()
        self._remember_sort()
        self.current_kind = key
        old = self.list_model
        if isinstance(old, PhotoGridModel):
            old.release()  # the hidden grid keeps its model: not its rows and previews
        if key == "photo":
            grid = PhotoGridModel(None, None, lambda uid: self.case.photos.thumbnail(uid, 256),
                                  self.pool, self, pager=view.pager_for(self.case),
                                  lazy=focus is not None)
            focus_row = grid.seek(focus) if focus is not None else None
            self.list_model = grid
            self.grid.setModel(grid)
            self.center.setCurrentWidget(self.grid)
            self.grid.selectionModel().selectionChanged.connect(self._row_chosen)
            self.detail_stack.setCurrentIndex(0)
            self.navigator.setCurrentIndex(self.navigator_model.index(
                [v.key for v in VIEWS].index(key)))
            return focus_row
        self.center.setCurrentWidget(self.table)
        self._restoring = True  # the new model's default widths are not the user's choice
        # Sorting by a column reads in that order by key. A list keeps the sort chosen for
        # it; none is shown until a header is clicked (enabling sorting re-sorts by the
        # indicator's column at once, which the model ignores when it is already so).
        pager = view.pager_for(self.case)
        sorted_as = self._sorts.get(key, (-1, Qt.SortOrder.AscendingOrder))
        column, order = sorted_as
        field = view.columns[column].sort_field if 0 <= column < len(view.columns) else None
        resorted = pager.sorted_by(field, order == Qt.SortOrder.DescendingOrder) \
            if field else None
        if resorted is None:
            sorted_as = (-1, Qt.SortOrder.AscendingOrder)
        model = PagedTableModel(view.columns, page_size=view.page_size, parent=self,
                                kind=None if key == "trash" else key,
                                pager=resorted or pager, lazy=focus is not None)
        model.sorted_as = sorted_as
        self.list_model = model
        self.table.setSortingEnabled(False)
        self.table.setModel(model)
        self.table.horizontalHeader().setSortIndicator(*model.sorted_as)
        self.table.setSortingEnabled(True)
        focus_row = model.seek(focus) if focus is not None else None
        self.table.setItemDelegateForColumn(2, None)
        self.table.verticalHeader().setDefaultSectionSize(self.row_height)
        if old is not None:
            old.deleteLater()
        if focus_row is None:
            self._size_columns(model)
        else:  # sized once the view stands at the record, from the rows around it (the
            # first rows, which the jump never read, would be read for their widths)
            self.table.scrollTo(model.index(focus_row, 0),
                                QAbstractItemView.ScrollHint.PositionAtCenter)
            QTimer.singleShot(0, lambda: self._size_columns(model))
            self._restoring = False
        self.table.selectionModel().selectionChanged.connect(self._row_chosen)
        self.detail_stack.setCurrentIndex(0)
        row = [v.key for v in VIEWS].index(key)
        self.navigator.setCurrentIndex(self.navigator_model.index(row))
        return focus_row

    def new_record(self, text: str | None = None) -> Any:
        """Create a record of the kind being listed (asks for its name or title) and show it."""
        fields = {"source": ("sources", "name", tr("Name of the person or body:")),
                  "interview": ("interviews", "title", tr("Title of the interview:")),
                  "document": ("documents", "title", tr("Title of the document:")),
                  "claim": ("claims", "statement", tr("The statement, as the story makes it:")),
                  "draft": ("drafts", "headline", tr("Headline:")),
                  "team_member": ("team", "name", tr("Name of the team member:"))}
        if self.current_kind == "comment_request":
            return self._new_request(text)
        if self.current_kind == "photo":
            self.choose_photos()  # photos come from files (or a drop onto the window)
            return None
        if self.current_kind not in fields:
            return None
        service, field, label = fields[self.current_kind]
        if text is None:
            text = self.prompts.text(self, tr("New record"), label)
        if not text or not text.strip():
            return None
        try:
            record = getattr(self.case, service).create(**{field: text.strip()})
        except CaseFileError as exc:
            self.prompts.error(self, tr("New record"), str(exc))
            return None
        kind = self.current_kind
        self._linked_record(kind, record.uuid, tr("new ") + record.label)
        self.refresh()
        self.open_record(kind, str(record.uuid))
        return record

    def _give_detail_room(self, share: float) -> None:
        """Widen the detail (the draft editor wants the page) and narrow the list."""
        nav, center, detail = self.splitter.sizes()
        total = center + detail
        wanted = int(total * share)
        if detail < wanted:
            self._sizes_before_draft = [nav, center, detail]
            self.splitter.setSizes([nav, total - wanted, wanted])

    def _give_list_room_back(self) -> None:
        sizes = getattr(self, "_sizes_before_draft", None)
        if sizes:
            self.splitter.setSizes(sizes)
            self._sizes_before_draft = None

    def _new_request(self, subject: str | None) -> Any:
        """A request for comment: to whom (chosen from the sources), about what."""
        sources = self.case.sources.page(limit=10_000)
        if not sources:
            self.prompts.info(self, tr("New request for comment"),
                              tr("Add the person or body you are asking first, as a source."))
            return None
        choice = self.prompts.choose(self, tr("New request for comment"), tr("To:"),
                                     [s.name for s in sources])
        if choice is None:
            return None
        if subject is None:
            subject = self.prompts.text(self, tr("New request for comment"), tr("About:"))
        if not subject:
            return None
        try:
            request = self.case.requests.create(source=sources[choice].uuid, subject=subject,
                                                asked_at=datetime.now().astimezone())
        except CaseFileError as exc:
            self.prompts.error(self, tr("New request for comment"), str(exc))
            return None
        self._linked_record("comment_request", request.uuid, tr("new request for comment"))
        self.refresh()
        self.open_record("comment_request", str(request.uuid))
        return request

    def link_dropped(self, claim: Any, pairs: list[tuple[str, str]]) -> list[Any]:
        """Link records dropped on a claim as its evidence (one undo step for the drop)."""
        links, problems = link_evidence(self.case, claim, pairs)
        if links:
            self.undo_stack.beginMacro(tr("link evidence"))
            for link in links:
                self._linked(link, tr("link evidence"))
            self.undo_stack.endMacro()
            if self.claim_panel.record is not None and self.claim_panel.record.uuid == claim:
                self.claim_panel.refresh()
            if self.current_kind == "claim":
                self._reload_keep_selection()
            self.board.reload()
            self.statusBar().showMessage(tr("Linked {n} piece(s) of evidence.")
                                         .replace("{n}", str(len(links))), 5000)
        if problems:
            self.prompts.error(self, tr("Link evidence"), "\n".join(problems))
        return links

    def focus_detail(self) -> None:
        """F2: put the cursor in the first field of the record shown on the right."""
        panel = self.detail_stack.currentWidget()
        for widget in panel.findChildren(QWidget):
            if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & \
                    Qt.FocusPolicy.TabFocus and not isinstance(widget, QAbstractItemView):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def _kind_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KindRole)
        if key and key != self.current_kind:
            self.show_kind(key)

    def _row_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.list_model is None or not selected.indexes():
            return
        self.save_panels()
        row = selected.indexes()[0].row()
        panel = self.panels.get(self.current_kind)
        if panel is None:
            self.details.show_record(self.list_model, row)
            self.detail_stack.setCurrentWidget(self.details)
            return
        record = self.list_model.record(row)
        if record is None:  # the list changed under it (rows read again find fewer)
            return
        panel.show_record(record[0] if isinstance(record, tuple) else record)  # claim rows
        self.detail_stack.setCurrentWidget(panel)
        if self.current_kind == "draft":
            self._give_detail_room(0.62)

    def _reload_keep_selection(self) -> None:
        """Re-read the list after an edit in a panel (summaries are derived), keeping the row."""
        if self.list_model is None:
            return
        rows = self.current_view().selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        chosen = rows[0].data(UuidRole) if rows else None
        self.list_model.reload()
        if chosen is not None:  # found again by key, wherever the edit moved it
            found = self.list_model.seek(chosen)
            row = found if found is not None else -1
        if 0 <= row < self.list_model.rowCount():
            blocker = self.current_view().selectionModel().blockSignals(True)
            self.current_view().selectionModel().select(
                self.list_model.index(row, 0),
                self.current_view().selectionModel().SelectionFlag.ClearAndSelect
                | self.current_view().selectionModel().SelectionFlag.Rows)
            self.current_view().selectionModel().blockSignals(blocker)
        self.refresh_counts()

    def _record_saved(self, record: Any) -> None:
        if self.list_model is None:
            return
        rows = self.current_view().selectionModel().selectedRows()
        if rows:
            self.list_model.replace(rows[0].row(), record)
        self.refresh_counts()

    def save_panels(self) -> None:
        """Save text still being typed in any panel (text boxes save when they are left)."""
        self.source_form.save_notes()
        self.interview_panel.save()
        self.draft_panel.save()
        self.request_panel.save()
        self.team_panel.save()
        self.document_panel.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.auto_backup is not None:
            self.auto_backup.stop()
        for job in list(self.jobs):
            job.cancel()
        self.pool.waitForDone(30_000)
        self.save_panels()
        if self.controller is not None:
            self.case.close()
            self.controller.window_closed(self)
        super().closeEvent(event)

    # -- deleting and the trash ------------------------------------------------------------

    def _selected(self) -> Any:
        selection = self.current_view().selectionModel()
        rows = selection.selectedRows() if selection else []
        if not rows or self.list_model is None:
            return None
        record = self.list_model.record(rows[0].row())
        return record[0] if isinstance(record, tuple) else record

    # -- refreshing ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the title, counts and the current list from the core."""
        summary = self.refresh_counts()
        lock = tr(" (encrypted)") if self.case.encrypted else ""
        self.setWindowTitle(f"{summary.title} — {summary.path.name}{lock} — Casefile")
        info = self.case.info()
        self.heading.setText(info.title)
        self.overview.setText(info.summary or tr("No summary yet."))
        if self.current_kind == "search":
            self.search(self.last_search)  # the results may have changed, not the question
        else:
            self.show_kind(self.current_kind or VIEWS[0].key)
        self.board.reload()

    def refresh_counts(self) -> Any:
        """Update the navigator's counts and the status bar."""
        summary = self.case.summary()
        self.navigator_model.set_counts(dict(summary.counts, trash=summary.in_trash))
        self.statusBar().showMessage(
            f"{summary.path}  ·  format {summary.schema_version}  ·  "
            f"{summary.size_bytes / 1024:.0f} KB")
        return summary
