"""The main window's file work: opening, backups, bundles, Word export and photo import,
each long job on a worker with progress and cancel."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QProgressDialog

from casefile.case import CaseFile
from casefile.export.blocking import blocking_only, describe, never_overridden
from casefile.export.protect import ExportRefusedError
from ui.export_dialog import ExportDialog, ExportOptions
from ui.file_drop import drop_files
from ui.i18n import number
from ui.kinds import tr
from ui.prompts import Prompts
from ui.tasks import Job
from ui.window_lists import ListArea
from ui.window_trash import TrashActions

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from ui.controller import AppController


# One sentence per outcome of a photo import (the count goes in, never glued on).
OUTCOME_TEXT = {
    "imported": tr("{n} imported"), "duplicate": tr("{n} already in the case"),
    "rejected": tr("{n} rejected"), "skipped": tr("{n} skipped"),
}


def import_summary(events: list[Any], job: Job) -> str:
    """One message at the end of an import: counts, then each file that did not go in."""
    counts: dict[str, int] = {}
    for e in events:
        counts[e.outcome] = counts.get(e.outcome, 0) + 1
    head = ", ".join(OUTCOME_TEXT.get(outcome, outcome).replace("{n}", number(n))
                     for outcome, n in counts.items()) or tr("nothing to do")
    if job.cancel_event.is_set():
        head += tr(" (cancelled: the photos imported so far are kept)")
    problems = [e.message for e in events if e.outcome in ("rejected", "duplicate")]
    return head + ("\n\n" + "\n".join(problems[:30]) if problems else "")


PHOTO_FILTER = (tr("Images") + " (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.heic *.heif);;"
                + tr("All files") + " (*)")
DOCUMENT_FILTER = (tr("Documents") + " (*.pdf *.docx *.csv *.xlsx *.odt *.ods *.txt *.json);;"
                   + tr("All files") + " (*)")


Done = Callable[[list[Any]], None]


@dataclass(frozen=True)
class WindowCalls:
    """What the file jobs ask of the window they work for: to show a section or a record,
    to say something in its status bar, to open a record at some words (`reveal`), and to
    deliver the changes a job made before its end is reported (`deliver`)."""

    show_kind: Callable[[str], object]
    open_record: Callable[[str, str], bool]
    status: Callable[[str], None]
    reveal: Callable[[str, str, str, int, int], bool]
    deliver: Callable[[], None]
    save_panels: Callable[[], None] = lambda: None  # typing still waiting, saved first


class FileActions(QObject):
    """Long work on the case's files: each job runs on `pool` with a cancellable progress
    dialog over `parent`; what it changed reaches the views as the core reports it.
    `history` takes imports onto the undo stack; `lists` says which draft is selected;
    `calls` are what it asks of the window (no window: no calling back into all of it)."""

    import_finished = Signal(object)  # the list of PhotoImportEvents, for the summary
    job_finished = Signal(str, object)  # job title, its result (or None if it failed)

    def __init__(self, parent: QWidget, case: CaseFile, prompts: Prompts,
                 pool: QThreadPool, controller: AppController | None, lists: ListArea,
                 history: TrashActions, calls: WindowCalls) -> None:
        super().__init__(parent)
        self.window = parent  # the parent of its dialogs
        self.calls = calls
        self.case = case
        self.prompts = prompts
        self.pool = pool
        self.controller = controller
        self.lists = lists
        self.history = history
        self.jobs: list[Job] = []

    def status(self, message: str) -> None:
        """A line in the window's status bar."""
        self.calls.status(message)

    def open_dialog(self) -> None:
        """File → Open…: another case file, in its own window."""
        path = self.prompts.open_path(self.window, tr("Open case file"),
                                      tr("Case files") + " (*.casefile)")
        if path is not None and self.controller is not None:
            self.controller.open_path(path, self.window)

    def fill_recent(self, menu: QMenu) -> None:
        """File → Open Recent: the case files opened last."""
        from ui.recent import recent_files

        controller = self.controller
        menu.clear()
        if controller is None:
            return
        for path in recent_files(controller.settings):
            action = menu.addAction(path.name.replace("&", "&&"))  # "R&D" is no mnemonic
            action.setToolTip(str(path))
            action.triggered.connect(
                lambda _c=False, p=path: controller.open_path(p, self.window))
        if menu.isEmpty():
            menu.addAction(tr("(none)")).setEnabled(False)

    def run_job(self, title: str, work: Callable[[Any], Iterable[Any]],
                done: Done | None = None, *, defer_full_gc: bool = False,
                at_once: bool = False) -> Job:
        """Run a core job on the pool with a cancellable progress dialog; report the end.
        `defer_full_gc` for a job that builds a large live heap (see ui/tasks.py);
        `at_once` shows the (window-modal) dialog from the start: a job that holds the
        case's write lock throughout (a batch edit) must not let the window read meanwhile."""
        job = Job(work, defer_full_gc=defer_full_gc)
        dialog = QProgressDialog(title, tr("Cancel"), 0, 0, self.window)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0 if at_once else 400)
        if at_once:
            dialog.show()
        dialog.canceled.connect(job.cancel)

        def progress(item: Any) -> None:
            if hasattr(item, "total"):
                dialog.setMaximum(item.total)
                dialog.setValue(item.done)

        def finished(items: list[Any]) -> None:
            dialog.reset()
            self.jobs.remove(job)
            self.calls.deliver()  # what the job changed shows before its end is told
            if done is not None:
                done(items)
            self.job_finished.emit(title, items)

        def failed(message: str) -> None:
            dialog.reset()
            self.jobs.remove(job)
            self.calls.deliver()  # what it did before it failed is kept, and shown
            self.prompts.error(self.window, title, message)
            self.job_finished.emit(title, None)

        job.signals.progress.connect(progress)
        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        self.jobs.append(job)
        self.pool.start(job)
        return job

    def backup(self) -> None:
        """Save a consistent copy of the case file."""
        suggested = f"{self.case.path.stem} backup.casefile"
        out = self.prompts.save_path(self.window, tr("Save a copy"), suggested,
                                     "Case files (*.casefile)")
        if out is not None:
            self.run_job(tr("Save a copy"), lambda _c: [self.case.backup(out)],
                         lambda _r: self.status(tr("Saved a copy to ") + str(out)))

    def import_bundle(self) -> None:
        """Validate and import a bundle; a bad one lists its problems and changes nothing."""
        from casefile.bundle import import_bundle

        path = self.prompts.open_path(self.window, tr("Import bundle"), "Bundles (*.zip *.json)")
        if path is not None:
            self.run_job(tr("Import bundle"), lambda _c: [import_bundle(self.case, path)],
                         lambda r: self.prompts.info(self.window, tr("Import bundle"),
                                                     tr("Imported {n} records.")
                                                     .replace("{n}", str(r[0]))))

    def choose_photos(self) -> None:
        """File → Import photos…: the keyboard's way to what dropping files does."""
        paths = self.prompts.open_paths(self.window, tr("Import photos"), PHOTO_FILTER)
        if paths:
            self.import_photos(paths)

    def add_document_file(self) -> None:
        """File → Add document file…: a PDF, spreadsheet or letter, stored in the case."""
        path = self.prompts.open_path(self.window, tr("Add document file"), DOCUMENT_FILTER)
        if path is None:
            return

        def done(result: list[Any]) -> None:
            document = result[0]
            self.history.imported_records("document", [document.uuid],
                                   tr("add document “{t}”").replace("{t}", document.title))
            self.calls.show_kind("document")
            self.calls.open_record("document", str(document.uuid))

        self.run_job(tr("Add document file"),
                     lambda _c: [self.case.documents.add_file(path)], done)

    def import_csl(self) -> None:
        """File → Import references…: documents from a reference manager (e.g. Zotero) as
        CSL-JSON, BibTeX or RIS; the format is told by the content, not the extension."""
        path = self.prompts.open_path(
            self.window, tr("Import references"),
            tr("References") + " (*.json *.bib *.bibtex *.ris *.txt);;CSL-JSON (*.json);;"
            "BibTeX (*.bib *.bibtex);;RIS (*.ris);;" + tr("All files") + " (*)")
        if path is None:
            return

        def done(result: list[Any]) -> None:
            [report] = result  # casefile.services.documents.ReferenceImport
            documents = report.created  # undo removes these (not the updates)
            if documents:
                self.history.imported_records("document", [d.uuid for d in documents],
                                       tr("import of {n} document(s)")
                                       .replace("{n}", str(len(documents))))
            self.calls.show_kind("document")
            lines = [tr("New: {c}, updated: {u}, unchanged: {n}, skipped: {s}.")
                     .replace("{c}", str(len(documents)))
                     .replace("{u}", str(len(report.updated)))
                     .replace("{n}", str(len(report.unchanged)))
                     .replace("{s}", str(len(report.skipped)))]
            def listed(heading: str, texts: list[str]) -> None:
                if texts:
                    lines.append(heading)
                    lines.extend(f"  {t}" for t in texts[:10])
                if len(texts) > 10:
                    lines.append(tr("…and {n} more.").replace("{n}", str(len(texts) - 10)))

            # Updates are not undone with the import: the reporter sees each and what changed.
            listed(tr("Updated (Undo does not restore these):"),
                   [f"“{d.title}”: {'; '.join(report.changes.get(str(d.uuid), []))}"
                    for d, _how in report.updated])
            listed(tr("Possible duplicates, imported as new documents:"),
                   [f"“{new.title}” / “{old.title}” ({why})"
                    for new, old, why in report.duplicates])
            listed(tr("Imported with a warning:"), [w.text() for w in report.warnings])
            lines += [s.text() for s in report.skipped[:10]]
            if len(report.skipped) > 10:
                lines.append(tr("…and {n} more.").replace("{n}", str(len(report.skipped) - 10)))
            if report.skipped:
                lines.append(tr("Correct them in the reference manager and import the file "
                                "again: what was imported now is not duplicated."))
            if report.untitled:
                lines.append(tr("{n} without a title got a placeholder title.")
                             .replace("{n}", str(len(report.untitled))))
            self.prompts.info(self.window, tr("Import references"), "\n".join(lines))

        self.run_job(tr("Import references"),
                     lambda _c: [self.case.documents.import_csl(path)], done)

    def export_bundle(self) -> None:
        """Write the whole case as a portable .zip bundle."""
        from casefile.bundle.dump import write_bundle
        from ui.share_choices import share_kinds, share_policy

        kinds = share_kinds()
        choice = self.prompts.choose(self.window, tr("Export bundle"),
                                     tr("What kind of bundle?"), kinds)
        if choice is None:
            return
        policy = share_policy(choice)
        suffix = " (shared)" if policy is not None else ""
        out = self.prompts.save_path(self.window, tr("Export bundle"),
                                     f"{self.case.path.stem}{suffix}.zip", "Bundles (*.zip)")
        if out is None:
            return

        def done(result: list[Any]) -> None:
            withheld = result[0].withheld if result else []
            if withheld:  # what the editor will not get, so the reporter can send it otherwise
                self.prompts.info(self.window, tr("Export bundle"), tr(
                    "Exported to {p}.\n\nWithheld from the bundle ({n}):\n").replace(
                        "{p}", str(out)).replace("{n}", str(len(withheld)))
                    + "\n".join(f"• {line}" for line in withheld[:40])
                    + ("\n…" if len(withheld) > 40 else ""))

        self.run_job(tr("Export bundle"), lambda _c: [write_bundle(self.case, out, policy)],
                     done)

    def export_draft(self, options: ExportOptions | None = None) -> None:
        """Export the selected draft (or the only one) to Word on a worker."""
        from casefile.export.docx_draft import export_draft

        self.calls.save_panels()  # the summary and the export read what was just typed
        draft = self.lists.selected_record() if self.lists.current_kind == "draft" else None
        if draft is None:
            drafts = self.case.drafts.page(limit=2)
            draft = drafts[0] if len(drafts) == 1 else None
        if draft is None:
            self.prompts.info(self.window, tr("Export to Word"), tr("Select a draft to export."))
            return
        if options is None:
            suggested = self.case.path.with_name(f"{self.case.path.stem} draft.docx")
            dialog = ExportDialog(  # with the pre-export summary, a click from the words
                suggested, self.window, self.prompts, case=self.case, draft=draft.uuid,
                go_to=lambda p, n: self.calls.reveal("draft", str(draft.uuid), "body", p, n))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            options = dialog.options()
        opts = options
        title = tr("Export to Word")
        # the blocking findings the reporter saw and accepted (in the dialog's summary)
        allow: list[Any] = [list(opts.allow_blocking or ())]

        def done(result: list[Any]) -> None:
            if self.lists.current_kind == "draft":  # the draft stays chosen, so a second
                self.calls.open_record("draft", str(draft.uuid))  # export needs no pick
            written = result[0]
            if isinstance(written, ExportRefusedError):
                self.show_refusal(title, written)
                return
            if self.prompts.confirm(self.window, title,
                                    tr("Exported to {p}.\nShow it in its folder?")
                                    .replace("{p}", str(written.path))):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path.parent)))

        def export(_cancel: Any) -> list[Any]:
            try:
                return [export_draft(
                    self.case, draft.uuid, opts.out, profile=opts.profile,
                    footnotes=opts.footnotes, keep_photo_metadata=opts.keep_photo_metadata,
                    allow_blocking=allow[0])]
            except ExportRefusedError as refused:  # shown with the way to the words
                return [refused]

        def checked(items: list[Any]) -> None:
            self.jobs.remove(check)
            if check.cancel_event.is_set():  # the window is closing
                return
            blocking = blocking_only(items[0]) if items else []
            named = never_overridden(blocking)
            if named:  # no answer lets these out: say so, and show where, instead of asking
                if self.prompts.confirm_action(self.window, title, _named_message(named),
                                               tr("Show me")):
                    first = named[0]
                    self.calls.reveal("draft", str(draft.uuid), "body", first.position,
                           len(first.excerpt))
                self.job_finished.emit(title, None)
                return
            if blocking and not self.prompts.confirm_action(
                    self.window, title, _blocking_message(blocking), tr("Export anyway")):
                self.job_finished.emit(title, None)  # cancelled: nothing is written
                return
            allow[0] = blocking  # exactly what was shown: anything new still refuses
            self.run_job(title, export, done, defer_full_gc=True)

        def failed(message: str) -> None:
            self.jobs.remove(check)
            self.prompts.error(self.window, title, message)
            self.job_finished.emit(title, None)

        if opts.allow_blocking is not None:  # decided in the dialog's summary: no question
            self.run_job(title, export, done, defer_full_gc=True)
            return
        # No summary was shown: the checker first, on a worker (a long draft takes a
        # while); blocking findings are listed and the export waits for "Export anyway".
        check = Job(lambda _c: [self.case.drafts.check(draft.uuid)], defer_full_gc=True)
        check.signals.finished.connect(checked)
        check.signals.failed.connect(failed)
        self.jobs.append(check)
        self.pool.start(check)

    def show_refusal(self, title: str, refused: ExportRefusedError) -> None:
        """Say why an export was refused and offer to open the record at the words."""
        first = next((h for h in refused.hits if h.record is not None), None)
        if first is None:
            self.prompts.error(self.window, title, str(refused))
            return
        if self.prompts.confirm_action(self.window, title, str(refused), tr("Show me")):
            self.calls.reveal(first.kind, str(first.record), first.field, first.position,
                   first.length)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        """Files dragged over the window: accept them (documents or photos, by type)."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """Files dropped on the window: documents added, photos imported (ui/file_drop.py)."""
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            drop_files(self, paths, self.lists.current_kind or "")

    def import_photos(self, paths: list[Path]) -> Job:
        """Import files and folders on a worker, with a progress dialog that can cancel."""
        job: Job

        def done(events: list[Any]) -> None:
            imported = [e.photo for e in events if e.outcome == "imported" and e.photo]
            if imported:
                self.history.imported_records("photo", imported, tr("import of {n} photo(s)")
                                       .replace("{n}", str(len(imported))))
            self.calls.show_kind("photo")
            self.prompts.info(self.window, tr("Import photos"), import_summary(events, job))
            self.import_finished.emit(events)

        job = self.run_job(tr("Import photos"),
                           lambda cancel: self.case.photos.import_files(paths, cancel=cancel),
                           done)
        return job


def _named_message(named: list[Any]) -> str:
    """Why the export cannot go ahead at all: the draft names a protected source."""
    lines = "\n".join(f"• {line}" for line in describe(named))
    return (tr("The draft names a source who may not be named; it cannot be exported until "
               "the name is replaced by the source's pseudonym (the draft checker shows "
               "where):") + f"\n\n{lines}")


def _blocking_message(blocking: list[Any]) -> str:
    """The confirmation an override needs: every blocking finding (up to ten), and that the
    override is kept on the draft version."""
    lines = "\n".join(f"• {line}" for line in describe(blocking))
    n = len(blocking)
    return (tr("The draft checker has {n} blocking finding(s); an export to the editor should "
               "wait until they are resolved:").replace("{n}", str(n)) + f"\n\n{lines}\n\n"
            + tr("Export anyway? The override, and who made it, is recorded on the draft "
                 "version saved with the export."))
