"""File → Make a field copy… and File → Merge a field copy…: the dialog that says what a
contributor's copy holds, and the two jobs (`casefile.sync.copy_steps`, `merge_steps`) on a
worker with progress and cancel. The conflicts a merge leaves are reviewed in
ui/merge_review.py."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casefile.case import CaseFile
from casefile.errors import CaseFileError, PassphraseRequiredError, WrongPassphraseError
from casefile.redaction import RedactionPolicy
from casefile.sync import CopyCancelledError, MergeCancelledError, copy_steps, merge_steps
from ui.i18n import translate
from ui.kinds import tr
from ui.prompts import Prompts
from ui.share_choices import share_kinds, share_policy

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.merge_review import MergeReview

CASE_FILTER = "Case files (*.casefile)"
PAGE = 100  # records a checkable list reads at a time
MAX_TRIES = 3  # passphrase tries for the copy being merged, as for opening a case
WITHHELD_SHOWN = 40


def copy_name(case: CaseFile, member: str) -> str:
    """The file name suggested: '<case> — field copy for <member>.casefile'."""
    stem = case.path.stem
    if member:
        return tr("{c} — field copy for {m}").replace("{c}", stem).replace(
            "{m}", member.replace("/", "-")) + ".casefile"
    return tr("{c} — field copy").replace("{c}", stem) + ".casefile"


@dataclass(frozen=True)
class CopyChoices:
    """What the lead chose in the dialog (`copy_steps`' arguments)."""

    out: Path
    member: uuid.UUID | None
    policy: RedactionPolicy | None
    interviews: tuple[uuid.UUID, ...] | None  # None: all
    claims: tuple[uuid.UUID, ...] | None


class CheckList(QWidget):
    """Records of one kind with a box each, read a page at a time from the service
    (`page()`), a "Show more" for the rest — the case may hold thousands."""

    def __init__(self, service: Any, label: Callable[[Any], str], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.label = label
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 8)
        self.more = QPushButton(tr("Show more"))
        self.more.clicked.connect(self.load_more)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        self.load_more()

    def load_more(self) -> None:
        """The next page, unchecked."""
        rows = self.service.page(offset=self.list.count(), limit=PAGE, light=True)
        for record in rows:
            text = " ".join(self.label(record).split())
            item = QListWidgetItem(text if len(text) <= 100 else text[:99] + "…")
            item.setToolTip(self.label(record))
            item.setData(Qt.ItemDataRole.UserRole, str(record.uuid))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.more.setVisible(len(rows) == PAGE)

    def checked(self) -> tuple[uuid.UUID, ...]:
        """The UUIDs ticked, in list order."""
        items = (self.list.item(i) for i in range(self.list.count()))
        return tuple(uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole))) for item in items
                     if item.checkState() == Qt.CheckState.Checked)


class FieldCopyDialog(QDialog):
    """File → Make a field copy…: for whom, what it leaves out, which interviews and claims,
    where it is written; `choices()` reads the answer."""

    def __init__(self, case: CaseFile, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.prompts = prompts
        self.setWindowTitle(tr("Make a field copy"))
        self.member = QComboBox()
        self.member.setAccessibleName(tr("For"))
        self.member.addItem(tr("(no one in particular)"), "")
        for person in case.team.page(limit=500, order_by="name"):
            self.member.addItem(person.name, str(person.uuid))
        self.policy = QComboBox()
        self.policy.setAccessibleName(tr("Leaves out"))
        for text in share_kinds():
            self.policy.addItem(text)
            self.policy.setItemData(self.policy.count() - 1, text,
                                    Qt.ItemDataRole.ToolTipRole)
        self.policy.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.policy.setMinimumContentsLength(40)
        self.policy.setCurrentIndex(0)  # the safe choice first, as for a bundle
        self.policy_text = QLabel(self.policy.currentText())  # the whole choice, wrapped
        self.policy_text.setWordWrap(True)
        self.policy.currentTextChanged.connect(self.policy_text.setText)
        self.some_interviews = QCheckBox(tr("Only &some interviews"))
        self.interviews = CheckList(case.interviews, lambda r: str(r.title),
                                    tr("Interviews in the copy"))
        self.some_claims = QCheckBox(tr("Only some &claims"))
        self.claims = CheckList(case.claims, lambda r: str(r.statement),
                                tr("Claims in the copy"))
        for box, listed in ((self.some_interviews, self.interviews),
                            (self.some_claims, self.claims)):
            listed.setEnabled(False)
            box.toggled.connect(listed.setEnabled)
        self.path = QLineEdit(str(case.path.with_name(copy_name(case, ""))))
        self.path.setAccessibleName(tr("Output file"))
        self._suggested = self.path.text()
        self.member.currentIndexChanged.connect(self._member_chosen)
        browse = QPushButton(tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self.lock = QLabel(tr("Encrypted with this case's passphrase: give it to the "
                              "contributor another way than the file.")
                           if case.encrypted else
                           tr("Not encrypted (this case is not encrypted either)."))
        self.lock.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(tr("&For"), self.member)
        form.addRow(tr("&Leaves out"), self.policy)
        form.addRow("", self.policy_text)
        form.addRow(self.some_interviews)
        form.addRow(self.interviews)
        form.addRow(self.some_claims)
        form.addRow(self.claims)
        form.addRow(tr("Save &as"), row)
        form.addRow(self.lock)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.make_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.make_button.setText(tr("&Make the copy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(680, self.sizeHint().height())

    def _member_chosen(self, _index: int) -> None:
        """The suggested name follows the member, until the lead types a name of their own."""
        if self.path.text() == self._suggested:
            self._suggested = str(self.case.path.with_name(
                copy_name(self.case, self.member_name())))
            self.path.setText(self._suggested)

    def member_name(self) -> str:
        """The chosen member's name ('' for no one)."""
        return self.member.currentText() if self.member.currentData() else ""

    def _browse(self) -> None:
        chosen = self.prompts.save_path(self, tr("Make a field copy"), self.path.text(),
                                        CASE_FILTER)
        if chosen is not None:
            self.path.setText(str(chosen))

    def refusal(self) -> str:
        """Why the dialog cannot be answered as it stands ('' when it can): a copy is always
        a new file in a folder that exists, and an "Only some …" box needs a record ticked
        (an empty copy in the field, days from a network, is the worst this dialog can do)."""
        text = self.path.text().strip()
        if not text or not Path(text).name:
            return tr("Say where the copy is saved (Save as).")
        typed = Path(text)
        if typed.is_dir() or text.endswith(("/", "\\")):
            return tr("“{f}” is a folder: give the copy a file name in it.").replace("{f}", text)
        out = self.choices().out
        if not out.parent.is_dir():
            return tr("There is no folder “{f}”: choose one that exists.").replace(
                "{f}", str(out.parent))
        if os.path.lexists(out) or out.resolve() == self.case.path.resolve():
            return tr("“{f}” already exists: choose another name.").replace("{f}", str(out))
        if self.some_interviews.isChecked() and not self.interviews.checked():
            return tr("“Only some interviews” is ticked, but no interview is: tick the "
                      "interviews the copy takes, or untick the box.")
        if self.some_claims.isChecked() and not self.claims.checked():
            return tr("“Only some claims” is ticked, but no claim is: tick the claims the "
                      "copy takes, or untick the box.")
        return ""

    def accept(self) -> None:
        """Only what `refusal` allows; the dialog stays open, every choice kept, otherwise."""
        why = self.refusal()
        if why:
            self.prompts.error(self, tr("Make a field copy"), why)
            return
        super().accept()

    def choices(self) -> CopyChoices:
        """The choices as they stand."""
        out = Path(self.path.text().strip())
        if out.name and out.suffix != ".casefile":
            out = out.with_name(out.name + ".casefile")
        member = str(self.member.currentData() or "")
        return CopyChoices(
            out, uuid.UUID(member) if member else None, share_policy(self.policy.currentIndex()),
            self.interviews.checked() if self.some_interviews.isChecked() else None,
            self.claims.checked() if self.some_claims.isChecked() else None)


@dataclass(frozen=True)
class Step:
    """One progress item of a sync job (what run_job's dialog shows)."""

    label: str
    done: int
    total: int


@dataclass(frozen=True)
class Outcome:
    """The last item of a sync job: what the core's generator returned."""

    value: Any


def stepped(steps: Generator[tuple[str, int, int], None, Any]) -> Iterator[Step | Outcome]:
    """A core generator as job items: its steps, then its result. Each step is passed on
    only once the core has gone on to the next one, so the core's last step comes out as
    its result, not as a step a cancel could stop after (the work done, no result seen).
    Closing this (a cancel) closes the core's generator, which rolls its work back; a
    cancel the core noticed itself ends the items without a result, as one the job
    noticed does."""
    try:
        pending: Step | None = None
        while True:
            try:
                label, done, total = next(steps)
            except StopIteration as finished:
                yield Outcome(finished.value)
                return
            except (CopyCancelledError, MergeCancelledError):
                return
            if pending is not None:
                yield pending
            pending = Step(label, done, total)
    finally:
        steps.close()


def outcome(items: list[Any]) -> Any:
    """The job's result, or None when it was cancelled before its end."""
    return items[-1].value if items and isinstance(items[-1], Outcome) else None


class FieldCopies(QObject):
    """The window's field-copy work: the two File menu entries, the review view it keeps,
    and the count of open conflicts in the menu (it follows the case's changes)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.case = window.case
        self.prompts = window.prompts
        self.dialog: FieldCopyDialog | None = None
        self.review_view: MergeReview | None = None
        self.review_action: QAction | None = None
        window.changes.changed.connect(self._react)

    def add_menu_entries(self, menu: Any) -> None:
        """File → Make a field copy…, Merge a field copy…, Review merge conflicts…"""
        for text, slot in ((tr("Make a fi&eld copy…"), self.make_copy),
                           (tr("&Merge a field copy…"), self.merge_copy)):
            entry = QAction(text, self.window)
            entry.triggered.connect(lambda _c=False, slot=slot: slot())
            menu.addAction(entry)
        self.review_action = QAction(self.window)
        self.review_action.triggered.connect(lambda _c=False: self.review())
        menu.addAction(self.review_action)
        self._count()

    def merges_done(self) -> tuple[tuple[str, int], ...]:
        """Each peer's merge count: what tells a merge that was written from one that was
        not, when a cancel left the job without its report."""
        try:
            return tuple(sorted((str(p.uuid), int(p.merges)) for p in self.case.merges.peers()))
        except CaseFileError:
            return ()

    def open_count(self) -> int:
        """Conflicts still open (0 when the count cannot be read)."""
        try:
            return int(self.case.merges.open_count())
        except CaseFileError:
            return 0

    def _count(self) -> None:
        if self.review_action is not None:
            self.review_action.setText(tr("Review merge conf&licts ({n} open)…")
                                       .replace("{n}", str(self.open_count())))

    def _react(self, changes: Any) -> None:
        if changes.touches("merge_conflict"):
            self._count()

    # -- making a copy ---------------------------------------------------------------

    def make_copy(self) -> FieldCopyDialog:
        """File → Make a field copy…: the dialog (opened, not exec()'d); the copy is made
        on a worker when it is answered."""
        self.window.save_panels()  # what was just typed goes into the copy
        dialog = self.dialog = FieldCopyDialog(self.case, self.prompts, self.window)
        dialog.accepted.connect(lambda: self._copy(dialog))
        dialog.setModal(True)
        dialog.open()
        return dialog

    def _copy(self, dialog: FieldCopyDialog) -> None:
        chosen = dialog.choices()
        title = tr("Make a field copy")

        def work(cancel: threading.Event) -> Iterator[Step | Outcome]:
            return stepped(copy_steps(
                self.case, chosen.out, member=chosen.member, policy=chosen.policy,
                interviews=chosen.interviews, claims=chosen.claims, cancel=cancel))

        def done(items: list[Any]) -> None:
            result = outcome(items)
            if result is not None:
                self.prompts.info(self.window, title, copy_report(result))
            elif chosen.out.exists():  # the cancel came after the copy was written
                self.prompts.info(self.window, title, tr(
                    "The cancel came too late: the field copy {p} was written.")
                    .replace("{p}", str(chosen.out)))
            else:
                self.window.show_status(tr("Field copy cancelled: nothing was written."))

        # Reads every record of the case (a large live heap): full GC passes deferred.
        self._busy(self.window.run_job(title, work, done, defer_full_gc=True))

    def _busy(self, job: Any) -> None:
        """The review is out of reach while a copy or merge runs: a settlement would wait on
        the GUI thread for the job's hold on the case (the app frozen, Cancel included).
        The progress dialog is modal to the main window only, not to this sibling."""
        review = self.review_view
        if review is None:
            return
        review.setEnabled(False)
        review.setToolTip(tr("Waiting for the job to end…"))

        def back(*_args: Any) -> None:
            review.setEnabled(True)
            review.setToolTip("")

        job.signals.finished.connect(back)
        job.signals.failed.connect(back)

    # -- merging a copy --------------------------------------------------------------

    def merge_copy(self) -> None:
        """File → Merge a field copy…: open it (its passphrase asked if it has one), merge
        on a worker, close it, report; the review view opens on conflicts left open."""
        title = tr("Merge a field copy")
        path = self.prompts.open_path(self.window, title, tr("Case files") + " (*.casefile)")
        if path is None:
            return
        if path.resolve() == self.case.path.resolve():
            self.prompts.error(self.window, title, tr("That is this case file itself."))
            return
        other = self.open_other(path)
        if other is None:
            return
        self.window.save_panels()  # typing waiting is the lead's value in the merge
        before = self.merges_done()

        def done(items: list[Any]) -> None:
            report = outcome(items)
            if report is not None:
                self.prompts.info(self.window, title, merge_report(report))
            elif self.merges_done() != before:  # the cancel came after the merge was written
                self.prompts.info(self.window, title, tr(
                    "The cancel came too late: the merge was written."))
            else:
                self.window.show_status(tr("Merge cancelled: nothing was changed."))
                return
            if self.open_count():
                self.review()

        # The merge holds the case's write lock throughout and every record's version in
        # memory: the window waits behind a modal dialog from the start, full GC deferred.
        job = self.window.run_job(
            title, lambda cancel: stepped(merge_steps(self.case, other, cancel=cancel)),
            done, defer_full_gc=True, at_once=True)
        self._busy(job)
        # Closed after the job, whether it finished, was cancelled or failed (queued after
        # the window's own handlers, which run first).
        job.signals.finished.connect(lambda _items: other.close())
        job.signals.failed.connect(lambda _message: other.close())

    def open_other(self, path: Path) -> CaseFile | None:
        """Open the copy to merge, asking for its passphrase as opening a case does (three
        tries); None (the problem said) when it did not open."""
        from ui.upgrade_dialog import open_with_progress

        passphrase: str | None = None
        for attempt in range(MAX_TRIES + 1):
            try:
                return open_with_progress(path, passphrase, self.window)
            except (PassphraseRequiredError, WrongPassphraseError) as exc:
                if attempt == MAX_TRIES:
                    self.prompts.error(self.window, tr("Cannot open case file"), str(exc))
                    return None
                label = (tr("Wrong passphrase. Try again — passphrase for “{f}”:")
                         if isinstance(exc, WrongPassphraseError)
                         else tr("“{f}” is encrypted. Its passphrase:")).replace("{f}", path.name)
                passphrase = self.prompts.passphrase(self.window, tr("Open encrypted case file"),
                                                     label)
                if passphrase is None:
                    return None
            except CaseFileError as exc:
                self.prompts.error(self.window, tr("Cannot open case file"), str(exc))
                return None
        return None

    # -- reviewing -------------------------------------------------------------------

    def review(self) -> MergeReview:
        """File → Review merge conflicts…: the review view (one per window, kept)."""
        from ui.merge_review import MergeReview

        if self.review_view is None:
            self.review_view = MergeReview(self.case, self.window.changes,
                                           self.window.undo_stack, self.prompts,
                                           self.window, go_to=self.window.open_record)
        self.review_view.show()
        self.review_view.raise_()
        self.review_view.activateWindow()
        return self.review_view


def copy_report(result: Any) -> str:
    """What the lead is told once a copy is written: where, how much, what it withheld."""
    text = (tr("Wrote the field copy {p}: {n} records.").replace("{p}", str(result.path))
            .replace("{n}", str(result.records)))
    withheld = list(result.withheld)
    if withheld:
        text += "\n\n" + tr("Withheld from the copy ({n}):").replace("{n}", str(len(withheld)))
        text += "\n" + "\n".join(f"• {line}" for line in withheld[:WITHHELD_SHOWN])
        if len(withheld) > WITHHELD_SHOWN:
            text += "\n…"
    return text


def kind_name(kind: str) -> str:
    """A kind as the interface names it ("Claim"), the core's key when it has no name."""
    from ui.search_view import KIND_NAMES

    return KIND_NAMES.get(kind) or (tr("Case") if kind == "case" else kind.replace("_", " "))


def record_name(conflict: Any) -> str:
    """The core's record label ('claim "Trucks…"') with its kind in the interface's
    language."""
    label = str(conflict.record_label)
    core = "case" if conflict.record_kind == "case" else conflict.record_kind.replace("_", " ")
    if label.startswith(core):
        return kind_name(conflict.record_kind).lower() + label[len(core):]
    return label


def field_name(conflict: Any) -> str:
    """The core's field label in the interface's language when the catalogue has it (the
    form labels: Statement, Caption, Transcript…)."""
    return translate(str(conflict.field_label))


def merge_report(report: Any) -> str:
    """What a merge did, in the interface's language (the core's `lines()` are English, for
    the command line): counts by kind, whether anything applied cleanly, each conflict."""
    from ui.merge_review import reason_text

    direction = {"from a field copy": tr("from a field copy"),
                 "from the case it was copied from": tr("from the case it was copied from")
                 }.get(report.direction, report.direction)
    lines = [tr("Merged {p} ({d}):").replace("{p}", report.peer_label).replace("{d}", direction)]
    for title, counts in ((tr("came in"), report.created), (tr("changed"), report.updated),
                          (tr("moved to the trash"), report.trashed),
                          (tr("restored"), report.restored)):
        if counts:
            lines.append(f"  {title}: " + "; ".join(
                f"{kind_name(k)}: {n}" for k, n in sorted(counts.items())))
    if not report.changed:
        lines.append("  " + (tr("nothing applied cleanly: the conflicts below wait for a "
                                "decision") if report.conflicts else
                             tr("nothing to change: this file already has everything in it")))
    if report.conflicts:
        lines.append("  " + tr("Conflicts to review: {n}; this file's values stay until "
                               "decided:").replace("{n}", str(len(report.conflicts))))
        lines += [f"    - {record_name(c)}, {field_name(c)}: {reason_text(c.reason)}"
                  for c in report.conflicts]
    lines += ["  " + tr("note: {n}").replace("{n}", note) for note in report.notes]
    return "\n".join(lines)
