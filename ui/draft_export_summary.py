"""What the reporter sees before a draft goes out: the findings that block the export and the
claims in the text not yet verified, each one a click away from its words.

The checker runs on a worker (a long draft takes most of a second); the export dialog shows
"Checking the draft…" until the summary comes. A protected name in the text cannot be exported
at all, so the summary says so and the dialog does not offer to export.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from casefile.case import CaseFile
from casefile.claims.checker import Finding
from casefile.export.blocking import blocking_only, never_overridden
from ui.draft_checker import words_at
from ui.kinds import tr
from ui.palette import qcolor, text_style
from ui.tasks import Job

PlaceRole = Qt.ItemDataRole.UserRole + 7  # (start, length) of the words in the visible text
_RUNNING: set[Job] = set()  # a summary's job outlives a dialog closed before it reports
STATUS_TEXT = {"unverified": tr("unverified"), "needs_second_source": tr("needs a second source"),
               "disputed": tr("disputed"), "refuted": tr("refuted")}


@dataclass(frozen=True)
class Unverified:
    """A claim bound in the draft and not marked supported, and where its words are."""

    statement: str
    status: str
    start: int
    words: str


@dataclass(frozen=True)
class Summary:
    """The pre-export summary of one draft."""

    findings: list[Finding]
    unverified: list[Unverified]
    text: str  # the visible text, to find a finding's words in

    @property
    def blocking(self) -> list[Finding]:
        return blocking_only(self.findings)

    @property
    def refused(self) -> list[Finding]:
        """Blocking findings no answer lets out (a protected name)."""
        return never_overridden(self.blocking)


def summarize(case: CaseFile, draft: uuid.UUID) -> Summary:
    """Read the summary (on a worker): the checker's findings and the unverified claims."""
    findings = case.drafts.check(draft)
    text = case.drafts.text(draft)
    briefs = case.claims.briefs([a.claim for a in text.anchors])
    unverified, seen = [], set()
    for anchor in text.anchors:
        brief = briefs.get(anchor.claim)
        if brief is None or brief.status == "supported" or anchor.claim in seen:
            continue  # a missing claim is a blocking finding already
        seen.add(anchor.claim)
        unverified.append(Unverified(brief.statement, brief.status, anchor.start,
                                     text.anchor_text(anchor)))
    return Summary(findings, unverified, text.text)


class ExportSummary(QWidget):
    """The summary as the export dialog shows it; `go_to` asks for a place in the body."""

    ready = Signal(object)  # the Summary
    failed = Signal(str)  # the check could not be made (the message is shown)
    go_to = Signal(int, int)  # start, length in the draft's visible text

    def __init__(self, case: CaseFile, draft: uuid.UUID, parent: QWidget | None = None,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.summary: Summary | None = None
        self.state = QLabel(tr("Checking the draft…"))
        self.state.setObjectName("exportSummaryState")
        self.state.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("exportSummary")
        self.list.setAccessibleName(tr("Before you export"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemDoubleClicked.connect(self._chosen)
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.list, 1)
        self.job = Job(lambda _c: [summarize(case, draft)], defer_full_gc=True)
        self.job.signals.finished.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        _RUNNING.add(self.job)
        self.job.signals.finished.connect(lambda _r, j=self.job: _RUNNING.discard(j))
        self.job.signals.failed.connect(lambda _m, j=self.job: _RUNNING.discard(j))
        (pool or QThreadPool.globalInstance()).start(self.job)

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
        self.list.addItem(item)

    def _entry(self, text: str, start: int, length: int, problem: bool = False) -> None:
        item = QListWidgetItem("  " + text)
        item.setData(PlaceRole, (start, length))
        item.setToolTip(tr("Double-click (or Enter) to go to the words in the draft."))
        if problem:
            item.setForeground(qcolor("problem"))
        self.list.addItem(item)

    def _done(self, items: list[Any]) -> None:
        if not items:
            return
        summary: Summary = items[0]
        self.summary = summary
        self.list.clear()
        blocking = summary.blocking
        if blocking:
            self._heading(tr("Blocking findings ({n})").replace("{n}", str(len(blocking))))
            for f in blocking:
                start, length = words_at(summary.text, f.position, f.excerpt) \
                    if f.position >= 0 else (-1, 0)
                self._entry(f.message + (f" — “{f.excerpt}”" if f.excerpt else ""),
                            start, length, problem=True)
        if summary.unverified:
            self._heading(tr("Claims not yet verified ({n})").replace(
                "{n}", str(len(summary.unverified))))
            for u in summary.unverified:
                self._entry(tr("“{w}” — {s}: {c}").replace("{w}", u.words).replace(
                    "{s}", STATUS_TEXT.get(u.status, u.status)).replace("{c}", u.statement),
                    u.start, len(u.words))
        self.list.setVisible(self.list.count() > 0)
        others = len(summary.findings) - len(blocking)
        if summary.refused:
            self.state.setText(tr("This draft cannot be exported: it names a protected "
                                  "source. Go to the words and take them out."))
            self.state.setStyleSheet(text_style("problem"))
        elif blocking:
            self.state.setText(tr("Resolve the blocking findings first, or choose “Export "
                                  "anyway”: the override is recorded on the draft version."))
            self.state.setStyleSheet(text_style("problem"))
        elif summary.unverified:
            self.state.setText(tr("No blocking findings. Check the claims below before the "
                                  "desk does."))
            self.state.setStyleSheet("")
        elif others:
            self.state.setText(tr("No blocking findings; {n} other finding(s) are listed "
                                  "under the draft.").replace("{n}", str(others)))
            self.state.setStyleSheet("")
        else:
            self.state.setText(tr("✓ No problems found: every claim in the text is verified."))
            self.state.setStyleSheet("")
        if others and (blocking or summary.unverified):
            self.state.setText(tr("{s} ({n} other finding(s) are listed under the draft.)")
                               .replace("{s}", self.state.text()).replace("{n}", str(others)))
        self.ready.emit(summary)

    def _failed(self, message: str) -> None:
        self.state.setText(message)
        self.state.setStyleSheet(text_style("problem"))
        self.failed.emit(message)

    def _chosen(self, item: QListWidgetItem) -> None:
        place = item.data(PlaceRole)
        if place is not None and place[0] >= 0:
            self.go_to.emit(int(place[0]), int(place[1]))
