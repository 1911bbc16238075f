"""What the draft editor does beyond typing: bind words to a claim, choose the byline,
generate the contributor line from the team, place a photo of the case. Each saves through
the panel, as typing does, so refusals show in the panel and the checker re-runs."""

from __future__ import annotations

import contextlib
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage, QTextCharFormat
from PySide6.QtWidgets import QDialog

from casefile.case import CaseFile
from casefile.claims.contributors import line_for_draft
from casefile.claims.draft_text import Anchor, DraftText
from casefile.errors import CaseFileError
from ui.draft_byline import BylineDialog
from ui.draft_document import insert_photo as place_photo
from ui.draft_facts import byline_text
from ui.draft_photos import PhotoChooser
from ui.kinds import tr
from ui.palette import qcolor
from ui.tasks import Job

if TYPE_CHECKING:
    from ui.draft_panel import DraftPanel

_RUNNING: set[Job] = set()  # a job outlives an editor closed before it reports

def claim_tooltips(case: CaseFile, text: DraftText) -> dict[uuid.UUID, str]:
    """Each bound claim's statement, status, support and attribution, in one read."""
    bound = [a.claim for a in text.anchors]
    briefs = case.claims.briefs(bound)  # one read for every anchor
    tips = {}
    for claim_id in set(bound):
        brief = briefs.get(claim_id)
        if brief is None:
            tips[claim_id] = tr("This claim no longer exists.")
            continue
        tips[claim_id] = (f"{brief.statement}\n{brief.status.replace('_', ' ')}: "
                          f"{brief.summary.describe()}\n{tr('Attribution')}: "
                          f"{brief.attribution or tr('none')}")
    return tips


def choose_byline(panel: DraftPanel) -> None:
    """Choose who is on this draft's byline, and in which order (saved at once)."""
    if panel.record is None:
        return
    panel.save()
    dialog = BylineDialog(panel.case, panel.record, panel)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    chosen = dialog.chosen()
    if chosen != [b.member.uuid for b in sorted(panel.record.byline,
                                                key=lambda b: b.position)]:
        panel._save_fields({"byline": chosen})
        panel.facts.byline.setText(byline_text(panel.record))


def generate_contributors(panel: DraftPanel) -> Job | None:
    """Write the contributor line from the team (contributors not on the byline, with
    their bases); the reporter can edit it afterwards, and it is saved like typing. Made on
    a worker: matching every protected identity of a large case takes most of a second."""
    if panel.record is None:
        return None
    panel.save()
    case, draft = panel.case, panel.record.uuid
    panel.facts.generate.setEnabled(False)
    job = Job(lambda _c: [line_for_draft(case, draft)], defer_full_gc=True)
    _RUNNING.add(job)

    def finished(items: list[Any]) -> None:
        _RUNNING.discard(job)
        panel.facts.generate.setEnabled(True)
        if items and panel.record is not None and panel.record.uuid == draft:
            _use_contributors(panel, str(items[0]))

    def failed(message: str) -> None:
        _RUNNING.discard(job)
        panel.facts.generate.setEnabled(True)
        panel.problem.setText(message)

    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    panel.pool.start(job)
    return job


def _use_contributors(panel: DraftPanel, line: str) -> None:
    """Put a generated line in the field (asking before the reporter's own wording goes)."""
    if not line:
        panel.problem.setText(tr("No one to credit: give team members the role "
                                "Contributor (and a base city) in Team; people on "
                                "the byline are credited there."))
        return
    typed = panel.facts.contributor.text().strip()
    if typed and typed != line and not panel.prompts.confirm(
            panel, tr("Contributor line"),
            tr("Replace the contributor line “{old}” with “{new}”?").replace(
                "{old}", typed).replace("{new}", line)):
        return  # the reporter's own wording stays
    panel.problem.clear()
    panel.facts.contributor.setText(line)
    panel.facts.contributor.setCursorPosition(0)
    panel.save()


def insert_photo(panel: DraftPanel, photo: uuid.UUID | None = None) -> None:
    """Place a photo of the case at the cursor, in a paragraph of its own (chosen from
    the case's photos); the export prints it with its caption and credit."""
    if panel.record is None:
        return
    if photo is None:
        chooser = PhotoChooser(panel.case, panel)
        if chooser.exec() != QDialog.DialogCode.Accepted:
            return
        photo = chooser.chosen()
        if photo is None:
            return
    image = QImage()
    with contextlib.suppress(CaseFileError):
        image.loadFromData(panel.case.photos.thumbnail(photo, 256))
    cursor = panel.body.textCursor()
    place_photo(cursor, photo, image)
    panel.body.setTextCursor(cursor)
    panel.body.setFocus()
    panel.save()


def bind_claim(panel: DraftPanel, claim_id: uuid.UUID | None = None) -> None:
    """Bind the selected words to a claim (chosen from the case's claims)."""
    cursor = panel.body.textCursor()
    if panel.record is None or not cursor.hasSelection():
        panel.problem.setText(tr("Select the words the claim stands for first."))
        return
    if claim_id is None:
        claim_id = pick_claim(panel)
        if claim_id is None:
            return
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(f"claim:{claim_id}")
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(qcolor("anchor"))
    fmt.setToolTip(claim_tooltips(panel.case, DraftText("", (Anchor(0, 1, claim_id),))).get(
        claim_id, ""))
    cursor.mergeCharFormat(fmt)
    panel.save()


def pick_claim(panel: DraftPanel) -> uuid.UUID | None:
    """Choose a claim from the list — or, in a big case, from a search of the claims."""
    from ui import draft_panel  # the limit lives with the panel (a test lowers it)

    limit = draft_panel.PICK_ALL_UP_TO
    if panel.case.claims.count() <= limit:
        claims = panel.case.claims.page(limit=limit)
        labels = [f"{c.statement}  [{c.status.value.replace('_', ' ')}]" for c in claims]
        keys = [c.uuid for c in claims]
    else:
        words = panel.prompts.text(panel, tr("Bind a claim"), tr("Search the claims:"))
        if not words:
            return None
        hits = panel.case.search.search(words, kinds=["claim"], limit=100)
        labels, keys = [h.title for h in hits], [h.uuid for h in hits]
        if not hits:
            panel.problem.setText(tr("No claim matches that search."))
            return None
    choice = panel.prompts.choose(panel, tr("Bind a claim"), tr("Claim:"), labels)
    return keys[choice] if choice is not None else None
