"""The main window: navigator, the list of the selected kind, and the selected record.

It is a composition of parts with explicit arguments — the list area (`ListArea`), the file
jobs (`FileActions`), the trash and undo history (`TrashActions`), the safety net
(`SafetyActions`) — and it subscribes once to the changes the core reports (`CaseChanges`):
each view reads again what a change touched, whoever made it (this window, a worker, a
script)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QSettings,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from casefile.backups import BackupEntry, BackupShelf
from casefile.case import CaseFile, CaseSummary
from casefile.changes import Changes
from casefile.errors import CaseFileError
from casefile.read_models import ReadModel
from ui.auto_backup import AutoBackup
from ui.autosave import flush_typing
from ui.batch_edit import BatchActions
from ui.case_changes import CaseChanges, same_version
from ui.claim_panel import ClaimPanel, link_evidence
from ui.claims_board import ClaimsBoard
from ui.document_panel import DocumentPanel
from ui.draft_panel import DraftPanel
from ui.export_dialog import ExportOptions
from ui.field_copies import FieldCopies
from ui.i18n import number
from ui.interview_panel import InterviewPanel
from ui.kinds import BY_KEY, VIEWS, tr
from ui.list_menus import ListMenus
from ui.navigator import KindRole, NavigatorModel
from ui.new_request import open_new_request
from ui.photo_panel import PhotoPanel
from ui.prompts import Prompts
from ui.request_panel import RequestPanel
from ui.reveal import INSIDE_KINDS, open_inside, reveal
from ui.save_indicator import SaveIndicator
from ui.saved_searches import SavedSearches
from ui.search_view import SearchResultsModel, SnippetDelegate
from ui.source_form import SourceForm
from ui.table_model import PagedTableModel, UuidRole
from ui.tag_editor import TagRow
from ui.tag_pane import TagPane
from ui.tasks import Job
from ui.team_panel import TeamPanel
from ui.trash_questions import step_name
from ui.window_files import Done, FileActions, WindowCalls
from ui.window_lists import ListArea
from ui.window_menus import about_text, build_menus
from ui.window_safety import SafetyActions
from ui.window_search import WindowSearch
from ui.window_trash import TrashActions

if TYPE_CHECKING:
    from ui.backups_dialog import BackupsDialog
    from ui.case_settings import CaseSettingsDialog
    from ui.controller import AppController
    from ui.preferences import PreferencesDialog

__all__ = ["MainWindow", "RecordDetails", "UuidRole", "about_text"]


class RecordPanel(Protocol):
    """What the window asks of the editor of a kind: the record it shows (None before the
    first), and to show another. Each panel takes its own kind's read model."""

    @property
    def record(self) -> ReadModel | None: ...

    def show_record(self, record: ReadModel) -> None: ...


class RecordDetails(QWidget):
    """A read-only view of the selected record's columns (editors come kind by kind)."""

    def __init__(self, parent: QWidget | None = None) -> None:
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


STATUS_HOLD_S = 5.0  # a status message stays this long before the counts may replace it

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class MainWindow(QMainWindow):
    """Shows one open case. Receives the case and the prompt service; no database handle."""

    # Made by the menu bar (ui/window_menus.py).
    recent_menu: QMenu
    crypt_action: QAction
    export_action: QAction
    undo_action: QAction
    redo_action: QAction
    delete_action: QAction
    restore_action: QAction
    empty_action: QAction
    new_action: QAction
    board_action: QAction
    import_action: QAction
    add_document_action: QAction
    preferences_action: QAction
    save_search_action: QAction
    # Made by the search (ui/window_search.py).
    search_field: QLineEdit
    toolbar: QToolBar
    saved_searches: SavedSearches
    snippets: SnippetDelegate

    def __init__(self, case: CaseFile, prompts: Prompts | None = None,
                 pool: QThreadPool | None = None, controller: AppController | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.case = case
        self.controller = controller
        self.settings = settings or (controller.settings if controller is not None
                                     else QSettings("Casefile", "Casefile"))
        self.prompts = prompts or Prompts()
        self.pool = pool or QThreadPool.globalInstance()
        self.last_search = ""
        self._status_at = float("-inf")  # time.monotonic() of the last message shown
        self._sizes_before_draft: list[int] | None = None
        self.setAcceptDrops(True)

        self.navigator_model = NavigatorModel(self)
        self.navigator = QListView()
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setMinimumWidth(200)
        self.navigator.setIconSize(QSize(16, 16))  # item-type icons (ui/kind_icons.py)
        self.navigator.setAccessibleName(tr("Navigator"))
        self.navigator.selectionModel().currentChanged.connect(self._kind_chosen)

        # The parts: each gets what it acts on, nothing shared behind its back.
        self.changes = CaseChanges(case, self)
        self.lists = ListArea(case, self.pool, self.settings, self._row_chosen, self)
        self.table: QTableView = self.lists.table
        self.grid: QListView = self.lists.grid
        self.center: QStackedWidget = self.lists.center
        self.undo_stack = QUndoStack(self)
        self.safety = SafetyActions(
            self, case, self.prompts, self.pool, controller, self.run_job, self.show_status,
            restore_over=(lambda entry: controller.restore_over(self, entry))
            if controller is not None else None)
        self.history = TrashActions(self, case, self.prompts, self.undo_stack, self.lists,
                                    self.changes.flush, self.run_job,
                                    lambda: self.safety.auto_backup,
                                    self.show_status)
        self.batch = BatchActions(self, case, self.prompts, self.undo_stack,
                                  self.changes.flush, self.run_job, self.show_status)
        self.batch.warn_claim = self.history.claim_warning  # many claims warn as one does
        self.files = FileActions(
            self, case, self.prompts, self.pool, controller, self.lists, self.history,
            WindowCalls(show_kind=self.show_kind, open_record=self.open_record,
                        status=self.show_status, deliver=self.changes.flush,
                        save_panels=lambda: self.save_panels(),
                        reveal=lambda kind, record, field, position, length: reveal(
                            self, kind, record, field, position, length)))

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
        on_edit = self.history.record_edit
        self.photo_panel = PhotoPanel(case, self.prompts, on_edit=on_edit)
        self.interview_panel = InterviewPanel(case, self.prompts, on_edit=on_edit)
        self.interview_panel.quote_made.connect(
            lambda q: self.history.linked_record("quote", q.uuid, tr("make quote")))
        self.interview_panel.on_link = self.link_dropped  # "Link quote to claim…"
        self.draft_panel = DraftPanel(case, self.prompts, pool=self.pool, on_edit=on_edit)
        self.document_panel = DocumentPanel(case, self.prompts, on_edit=on_edit,
                                            on_created=self.history.linked_record)
        self.request_panel = RequestPanel(case, on_edit=on_edit)
        self.claim_panel = ClaimPanel(case, self.prompts, on_edit=on_edit)
        self.claim_panel.on_linked = self.history.linked
        self.claim_panel.on_unlinked = self.history.unlinked
        self.claim_panel.on_dropped = self.link_dropped
        self.source_form = SourceForm(case.sources, on_edit=on_edit, style=case.house_style)
        self.source_form.open_requested.connect(self.open_record)
        self.team_panel = TeamPanel(case.team, on_edit=on_edit, style=case.house_style)
        for picker in (self.photo_panel.depicted, self.request_panel.recipient,
                       self.interview_panel.people):  # a source made on the spot: undoable
            picker.created.connect(lambda s: self.history.linked_record(
                "source", s.uuid, tr("new source")))
        # A panel's own save is shown at once: the change it made is delivered now — but
        # never while Qt is still handling a row choice (leaving a record saves it), where
        # a list read again would pull the selection from under the handler.
        self._choosing = False
        for saving in (self.photo_panel, self.interview_panel, self.document_panel,
                       self.request_panel, self.claim_panel, self.source_form,
                       self.team_panel):
            saving.saved.connect(lambda _record: self._own_save())
        # The editor of each kind: shown (show_record) when a row of that kind is selected.
        self.panels: dict[str, QWidget] = {
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

        # The tag pane under the navigator; the tag row over every record's form.
        self.tag_pane = TagPane(case, self.prompts, self.filter_by_tag)
        self.tag_row = TagRow(case, self.prompts, self.undo_stack)
        self.left_pane = QSplitter(Qt.Orientation.Vertical)
        self.left_pane.setObjectName("leftPane")
        self.left_pane.addWidget(self.navigator)
        self.left_pane.addWidget(self.tag_pane)
        # Every section of the navigator stays in sight (the tag pane gives way, down to its
        # filter box), at 1024x700 too.
        sections = self.navigator_model.rowCount()
        rows = max(self.navigator.sizeHintForRow(0), self.navigator.fontMetrics().height())
        self.navigator.setMinimumHeight(rows * sections + 2 * self.navigator.frameWidth() + 4)
        self.left_pane.setCollapsible(0, False)
        self.left_pane.setStretchFactor(0, 1)
        self.left_pane.setStretchFactor(1, 0)
        detail_area = QWidget()
        detail_box = QVBoxLayout(detail_area)
        detail_box.setContentsMargins(0, 0, 0, 0)
        detail_box.addWidget(self.tag_row)
        detail_box.addWidget(self.detail_stack, 1)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.left_pane)
        splitter.addWidget(self.center)
        splitter.addWidget(detail_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 620, 370])
        self.setCentralWidget(splitter)
        self.board = ClaimsBoard(case, self.link_dropped, self)
        self.board.open_claim.connect(lambda uid: self.open_record("claim", uid))
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.board)
        self.board.hide()
        self.field_copies = FieldCopies(self)  # make, merge, review field copies
        self._build_menus()
        self.list_menus = ListMenus(self)
        self.save_indicator = SaveIndicator(self, self.undo_stack,  # "Saved 10:42:03"
                                            self.changes.changed)
        self.history.go_to = self.open_record  # undo and redo show what they changed
        self._build_search()
        self.resize(1200, 720)
        self._show_case_info()
        self.refresh_counts()
        self.show_kind(VIEWS[0].key)
        self.changes.changed.connect(self._react)
        self._tag_pane_last_in_tab_order()

    def _tag_pane_last_in_tab_order(self) -> None:
        """Tab runs navigator → list → the record's tags and form, as in Zotero; the tag
        pane (under the navigator on screen) comes after them, not between."""
        QWidget.setTabOrder(self.navigator, self.table)
        QWidget.setTabOrder(self.table, self.grid)
        detail = self.splitter.widget(2)
        chain: list[QWidget] = []
        widget = self.grid.nextInFocusChain()
        while widget is not None and widget is not self.grid and len(chain) < 20_000:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        inside = [w for w in chain if detail is not None and detail.isAncestorOf(w)]
        last: QWidget = inside[-1] if inside else self.grid
        for widget_ in [w for w in chain if self.tag_pane.isAncestorOf(w)]:
            QWidget.setTabOrder(last, widget_)
            last = widget_

    # -- the parts, as the window's own API (menus, the controller and tests use these) --

    @property
    def list_model(self) -> PagedTableModel | None:
        """The model of the list shown (None for search results)."""
        return self.lists.list_model

    @property
    def current_kind(self) -> str:
        """The navigator section shown ("search" for search results)."""
        return self.lists.current_kind

    @property
    def auto_backup(self) -> AutoBackup | None:
        """The automatic backups of this window, once started."""
        return self.safety.auto_backup

    @property
    def jobs(self) -> list[Job]:
        """The jobs running on workers for this window."""
        return self.files.jobs

    @property
    def job_finished(self) -> SignalInstance:
        """(job title, its result or None if it failed), after each job."""
        return self.files.job_finished

    @property
    def import_finished(self) -> SignalInstance:
        """The photo import events, after a photo import."""
        return self.files.import_finished

    def current_view(self) -> QAbstractItemView:
        """The table, or the photo grid when Photos is shown."""
        return self.lists.current_view()

    def run_job(self, title: str, work: Callable[[Any], Any], done: Done | None = None, *,
                defer_full_gc: bool = False, at_once: bool = False) -> Job:
        """Run a core job on a worker with a progress dialog (see FileActions.run_job)."""
        return self.files.run_job(title, work, done, defer_full_gc=defer_full_gc,
                                  at_once=at_once)

    def start_auto_backup(self, shelf: BackupShelf | None = None) -> AutoBackup:
        """Back the case up automatically from now on."""
        return self.safety.start_auto_backup(shelf)

    def show_backups(self) -> BackupsDialog:
        """File → Backups…"""
        return self.safety.show_backups()

    def restore_backup(self, entry: BackupEntry) -> None:
        """Restore a backup as a new case file (or over this one, after two yeses)."""
        self.safety.restore_backup(entry)

    def check_case_file(self) -> None:
        """File → Check case file."""
        self.safety.check_case_file()

    def backup(self) -> None:
        """File → Save a copy."""
        self.files.backup()

    def import_bundle(self) -> None:
        """File → Import bundle…"""
        self.files.import_bundle()

    def export_bundle(self) -> None:
        """File → Export bundle…"""
        self.files.export_bundle()

    def export_draft(self, options: ExportOptions | None = None) -> None:
        """File → Export draft to Word…"""
        self.files.export_draft(options)

    def choose_photos(self) -> None:
        """File → Import photos…"""
        self.files.choose_photos()

    def import_photos(self, paths: list[Path]) -> Job:
        """Import photo files and folders on a worker."""
        return self.files.import_photos(paths)

    def add_document_file(self) -> None:
        """File → Add document file…"""
        self.files.add_document_file()

    def import_csl(self) -> None:
        """File → Import CSL-JSON…"""
        self.files.import_csl()

    def delete_selected(self) -> None:
        """Edit → Delete: the selected record to the trash (many: one batch, one question)."""
        many = self.lists.selected_records()
        if len(many) > 1 and self.current_kind not in ("trash", "search"):
            self.batch.trash(self.current_kind, many)
            return
        self.history.delete_selected()

    def restore_selected(self) -> None:
        """Edit → Restore: the selected deletion back from the trash."""
        if self.current_kind == "trash" and len(self.lists.selected_records()) > 1:
            self.batch.restore(self.lists.selected_records())
            return
        self.history.restore_selected()

    def empty_trash(self) -> None:
        """Edit → Empty the trash…"""
        self.history.empty_trash()

    def record_edit(self, service: Any, record: uuid.UUID, before: dict[str, Any],
                    after: dict[str, Any], label: str) -> None:
        """Put an edit the core has made on the undo stack."""
        self.history.record_edit(service, record, before, after, label)

    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide a column of the current list, and remember it."""
        self.lists.columns.set_shown(column, shown)

    def _selected(self) -> Any:
        return self.lists.selected_record()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        self.files.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.files.drop(event)

    # -- menus and search ------------------------------------------------------------------

    def _build_menus(self) -> None:
        build_menus(self)

    def edit_house_style(self) -> CaseSettingsDialog:
        """Edit → House style…: the case settings at their house style page."""
        from ui.case_settings import STYLE_PAGE

        return self.edit_case_settings(STYLE_PAGE)

    def edit_case_settings(self, page: int = 0) -> CaseSettingsDialog:
        """File → Case settings…: title, summary, language, desk, house style; the window
        title, overview, tagline and previews follow each change (the case reports it)."""
        from ui.case_settings import CaseSettingsDialog

        dialog = CaseSettingsDialog(self.case, self, changed=self.changes.flush, page=page)
        dialog.setModal(True)
        dialog.open()
        return dialog

    def edit_preferences(self) -> PreferencesDialog:
        """Edit → Preferences…: theme, export profile, backup folder, language (the user's,
        in QSettings)."""
        from ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.open()
        return dialog

    def _build_search(self) -> None:
        """The toolbar (the menus' own actions, then the search box), the search's keys and
        results, and the saved searches in the navigator: ui/window_search.py."""
        self.finder = WindowSearch(self)

    def filter_by_tag(self, tag: str | None) -> None:
        """The tag pane chose a tag (None: every record): list only the records carrying
        it, filtered in SQL so the list still pages."""
        self.lists.tagged = tag
        if self.current_kind in BY_KEY and self.current_kind != "trash":
            self.show_kind(self.current_kind, keep_tag=True)

    def search(self, text: str) -> None:
        """Show the best matches for `text` across the case, grouped by kind."""
        self.finder.search(text)

    # -- navigation ----------------------------------------------------------------------

    def open_record(self, kind: str, record_uuid: str) -> bool:
        """Show a record in its own list and select it; False if its kind has no list."""
        parents = {"quote": "interview", "excerpt": "document", "attachment": "interview"}
        if kind in INSIDE_KINDS:  # its parent opened and the quote or excerpt chosen in it
            return open_inside(self, kind, record_uuid)
        key = kind if kind in BY_KEY else parents.get(kind, "")
        if not key:
            return False
        # Its page is found by key (no walk from the top), before anything reads the first.
        row = self.show_kind(key, focus=record_uuid if key == kind else None)
        if self.list_model is None:
            return False
        if key != kind:
            return True  # the parent's list; quotes and excerpts open with their parents
        if row is None:
            return False
        self.lists.select(row)
        return True

    def show_kind(self, key: str, focus: str | None = None, *,
                  keep_tag: bool = False) -> int | None:
        """List the records of one navigator section; with `focus` (a record's UUID), show
        the list around that record and return its row (None if it is not listed).
        `keep_tag`: keep the tag pane's filter (a filter belongs to the list it was chosen
        in, and a record opened from elsewhere must be listed)."""
        self.save_panels()  # leaving a record by changing section saves what was typed
        was_search = self.current_kind == "search"
        if not keep_tag and (key != self.current_kind or focus is not None):
            self.lists.tagged = None
        if key != "draft":
            self._give_list_room_back()
        focus_row = self.lists.show(key, focus)
        if was_search:
            self.refresh_counts()  # the status bar stops talking about the search
        self.save_search_action.setEnabled(False)
        self.tag_row.show_record(None)
        self.tag_pane.set_kind(key, self.lists.tagged)
        self.detail_stack.setCurrentIndex(0)
        self.navigator.setCurrentIndex(self.navigator_model.index(
            [v.key for v in VIEWS].index(key)))
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
        self.history.linked_record(kind, record.uuid,
                                   step_name(tr("new record “{name}”"), record))
        self.changes.flush()  # the window's own command: its result shown at once
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
        if self._sizes_before_draft:
            self.splitter.setSizes(self._sizes_before_draft)
            self._sizes_before_draft = None

    def _new_request(self, subject: str | None) -> Any:
        """A request for comment: one small dialog (whom it is to, chosen or created on the
        spot, and what about), then its form with the cursor in it (ui/new_request.py).
        Opened, not exec()'d: the request is made when the dialog is answered."""
        self.new_request_dialog = open_new_request(self, subject or "")
        return None

    def link_dropped(self, claim: uuid.UUID, pairs: list[tuple[str, str]]) -> list[uuid.UUID]:
        """Link records dropped on a claim as its evidence (one undo step for the drop)."""
        links, problems = link_evidence(self.case, claim, pairs)
        if links:
            self.undo_stack.beginMacro(tr("link evidence"))
            for link in links:
                self.history.linked(link, tr("link evidence"))
            self.undo_stack.endMacro()
            self.changes.flush()  # the claim, its list and the board show the new support
            self.show_status(tr("Linked {n} piece(s) of evidence.")
                                         .replace("{n}", str(len(links))), 5000)
        if problems:
            self.prompts.error(self, tr("Link evidence"), "\n".join(problems))
        return links

    def focus_detail(self) -> None:
        """F2: put the cursor in the first field of the record shown on the right."""
        panel = self.detail_stack.currentWidget()
        for widget in panel.findChildren(QWidget) if panel is not None else []:
            if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & \
                    Qt.FocusPolicy.TabFocus and not isinstance(widget, QAbstractItemView):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def _kind_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KindRole)
        if key and key != self.current_kind:
            self.show_kind(key)

    def _own_save(self) -> None:
        """A panel saved: deliver its change now, or after the row choice being handled."""
        if self._choosing:
            QTimer.singleShot(0, self.changes.flush)
        else:
            self.changes.flush()

    def _row_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        model = self.list_model
        if model is None or not selected.indexes():
            return
        # The chosen row's record is read before the record being left is saved: nothing
        # the save reports is delivered until this handler is done.
        row = selected.indexes()[0].row()
        record = model.record(row)
        self._choosing = True
        try:
            self.save_panels()
        finally:
            self._choosing = False
        panel = self.panels.get(self.current_kind)
        shown = record[0] if isinstance(record, tuple) else record  # claim rows
        self.tag_row.show_record(shown if self.current_kind != "trash" else None)
        if panel is None:
            self.details.show_record(model, row)
            self.detail_stack.setCurrentWidget(self.details)
            return
        if record is None:  # the list changed under it (rows read again find fewer)
            return
        cast(RecordPanel, panel).show_record(shown)
        self.detail_stack.setCurrentWidget(panel)
        if self.current_kind == "draft":
            self._give_detail_room(0.62)

    def save_panels(self) -> None:
        """Save text still being typed in any panel (text boxes save when they are left)."""
        flush_typing(self)  # every debounced field with typing waiting, first
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
        self.changes.close()
        if self.controller is not None:
            self.case.close()
            self.controller.window_closed(self)
        super().closeEvent(event)

    # -- following the core's changes ----------------------------------------------------

    def _react(self, changes: Changes) -> None:
        """Each view reads again what the change touched (the one subscriber of the window:
        whoever made the change — this window, a worker job, a script)."""
        gone = self.lists.react(changes)
        self.refresh_counts(quiet=True)
        if changes.touches("case"):
            self._show_case_info()
            self.draft_panel.refresh_tagline()
            self.source_form.update_preview()
            self.team_panel.refresh_outlet_hint()
        self.finder.react(changes)  # the search results, if shown
        self.board.react(changes)
        self.tag_row.react(changes)
        self.tag_pane.react(changes)
        self.saved_searches.react(changes)
        self._react_panel(changes, gone)

    def _react_panel(self, changes: Changes, gone: bool) -> None:
        """The record on the right: read again if someone else changed it; the overview
        when it left its list (trashed)."""
        page = self.detail_stack.currentWidget()
        kind = next((k for k, p in self.panels.items() if p is page), None)
        if gone and page is not None and self.detail_stack.currentIndex() != 0:
            self.detail_stack.setCurrentIndex(0)
            return
        if kind is None:
            return
        reload_if = getattr(page, "reload_if", None)
        if callable(reload_if):  # a panel that knows what it derives from
            reload_if(changes)
            return
        panel = cast(RecordPanel, page)
        record = panel.record
        if record is None or not changes.touched(kind, record.uuid):
            return
        try:
            fresh = self.case.service(kind).get(record.uuid)
        except CaseFileError:  # trashed or purged elsewhere
            self.detail_stack.setCurrentIndex(0)
            return
        if not same_version(fresh, record):  # not the panel's own save: show what is now
            panel.show_record(fresh)

    def _show_case_info(self) -> None:
        """The window title and the overview page: the case's own fields."""
        info = self.case.info()
        lock = tr(" (encrypted)") if self.case.encrypted else ""
        self.setWindowTitle(f"{info.title} — {self.case.path.name}{lock} — Casefile")
        self.heading.setText(info.title)
        self.overview.setText(info.summary or tr("No summary yet."))

    def show_status(self, message: str, timeout_ms: int = 0) -> None:
        """Say something in the status bar; the counts a change brings do not cover it for
        `STATUS_HOLD_S` seconds."""
        self._status_at = time.monotonic()
        self.statusBar().showMessage(message, timeout_ms)

    def refresh_counts(self, *, quiet: bool = False) -> CaseSummary:
        """Update the navigator's counts and the status bar (`quiet`: after a change, the
        status bar only if no message was shown in the last `STATUS_HOLD_S` seconds)."""
        summary = self.case.summary()
        self.navigator_model.set_counts(dict(summary.counts, trash=summary.in_trash))
        if not quiet or time.monotonic() - self._status_at > STATUS_HOLD_S:
            results = self.table.model() if self.current_kind == "search" else None
            self.statusBar().showMessage(
                self.finder.status()
                if isinstance(results, SearchResultsModel) else
                tr("{p}  ·  format {v}  ·  {k} KB").replace("{p}", str(summary.path))
                .replace("{v}", str(summary.schema_version))
                .replace("{k}", number(round(summary.size_bytes / 1024))))
        return summary
