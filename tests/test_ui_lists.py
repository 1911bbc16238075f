"""The main window's lists and the source form, driven through real widgets (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from casefile import CaseFile
from casefile.models import GroundRules
from ui.kinds import BY_KEY
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.table_model import PagedTableModel, UuidRole


def open_claim(case: CaseFile, qtbot, prefix: str, prompts: ScriptedPrompts):
    """A window showing the claim whose statement starts with `prefix`, selected."""
    claim = next(c for c, _s in case.claims.summaries() if c.statement.startswith(prefix))
    window = MainWindow(case, prompts)
    qtbot.addWidget(window)
    window.show()
    window.show_kind("claim")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r)[0].uuid == claim.uuid)
    window.table.selectRow(row)
    return window, claim, row


def window_for(qtbot, case: CaseFile) -> MainWindow:
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_lists_page_from_the_core(sample: CaseFile, qtbot) -> None:
    view = BY_KEY["source"]
    calls = []

    def fetch(offset: int, limit: int):
        calls.append((offset, limit))
        return view.fetch(sample, offset, limit)

    model = PagedTableModel(view.columns, fetch, lambda: view.count(sample), page_size=3)
    assert (model.rowCount(), model.total, model.canFetchMore()) == (3, 10, True)
    model.fetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 10 and not model.canFetchMore()
    assert calls == [(0, 3), (3, 3), (6, 3), (9, 3)]
    assert model.data(model.index(0, 0), UuidRole) == str(model.record(0).uuid)


def test_navigator_switches_the_list(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    assert window.list_model is not None and window.list_model.rowCount() == 10
    window.navigator.setCurrentIndex(window.navigator_model.index(4))  # Claims
    assert window.current_kind == "claim"
    model = window.table.model()
    assert model.rowCount() == 15
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)]
    assert titles == ["Statement", "Status", "Support"]
    weak = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert sum("WEAK" in w for w in weak) == len(sample.claims.summaries(weak_only=True)) == 7
    window.table.selectRow(0)
    assert window.detail_stack.currentWidget() is window.claim_panel


def test_editing_a_source_saves_as_you_go(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).name == "Yuri Petrov")
    window.table.selectRow(row)
    form = window.source_form
    assert window.detail_stack.currentWidget() is form and not form.badge.isVisible()
    form.role.setText("owner of the Petrov Les timber yard")
    form.role.editingFinished.emit()
    petrov = sample.sources.get(model.record(row).uuid)
    assert petrov.role_title == "owner of the Petrov Les timber yard"
    assert model.data(model.index(row, 3)) == "owner of the Petrov Les timber yard"
    assert sample.audit.entries(record=petrov.uuid)[0].changes == ["role_title"]


def test_ground_rules_need_their_phrase_and_the_form_says_so(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).name == "Dmitri Kovalenko")
    window.table.selectRow(row)
    form = window.source_form
    form.rules.setCurrentIndex(form.rules.findData(GroundRules.CONFIDENTIAL))
    assert "pseudonym or attribution phrase" in form.problem.text()
    assert "Required" in form.phrase_hint.text()
    assert sample.sources.get(model.record(row).uuid).ground_rules is GroundRules.ON_RECORD
    form.phrase.setText("an importer in Khabarovsk")
    form.phrase.editingFinished.emit()
    saved = sample.sources.get(model.record(row).uuid)
    assert saved.ground_rules is GroundRules.CONFIDENTIAL
    assert saved.attribution_phrase == "an importer in Khabarovsk"
    assert form.problem.text() == "" and form.badge.isVisible()
    assert "[protected]" in model.data(model.index(row, 0))


def test_trash_lists_deletions(sample: CaseFile, qtbot) -> None:
    doomed = sample.sources.create(name="Someone to delete")
    sample.trash.delete(doomed)
    window = window_for(qtbot, sample)
    window.show_kind("trash")
    model = window.table.model()
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == 'source "Someone to delete"'
    labels = [window.navigator_model.data(window.navigator_model.index(r))
              for r in range(window.navigator_model.rowCount())]
    assert labels[-1] == "Trash  (1)"


def test_unexpected_errors_become_a_message_and_a_log_line(tmp_path, monkeypatch) -> None:
    import logging
    import sys

    from casefile.errors import CaseFileError
    from ui import errors

    monkeypatch.setattr(errors, "log_file", lambda: tmp_path / "casefile.log")
    prompts = ScriptedPrompts()
    previous = sys.excepthook
    try:
        path = errors.setup_logging(tmp_path / "casefile.log")
        hook = errors.install_excepthook(prompts)
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError as exc:
            hook(type(exc), exc, exc.__traceback__)
        hook(CaseFileError, CaseFileError("x.casefile: the disk is full"), None)
    finally:
        sys.excepthook = previous
        for h in list(logging.getLogger("casefile").handlers):
            logging.getLogger("casefile").removeHandler(h)
            h.close()
    kinds = [(k, t) for k, t, _m in prompts.shown]
    assert kinds == [("error", "Something went wrong"), ("error", "Casefile")]
    assert "Your case file is safe" in prompts.shown[0][2]
    assert prompts.shown[1][2] == "x.casefile: the disk is full"
    text = path.read_text()
    assert "builtins.ZeroDivisionError" in text and "test_ui_lists.py" in text
    assert "boom" not in text  # messages may quote record contents: never logged


def test_dropping_photos_imports_them_off_the_ui_thread(sample: CaseFile, qtbot,
                                                        tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.test_photos import photo_bytes

    folder = tmp_path / "card"
    folder.mkdir()
    for i in range(3):
        (folder / f"IMG_{i}.jpg").write_bytes(photo_bytes(color=(i * 60, 20, 20)))
    (folder / "broken.jpg").write_bytes(b"not a photo")
    prompts = ScriptedPrompts()
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.import_finished, timeout=30_000) as blocker:
        window.dropEvent(drop)
    events = blocker.args[0]
    assert sorted(e.outcome for e in events) == ["imported"] * 3 + ["rejected"]
    assert sample.photos.count() == 5 + 3
    assert window.current_kind == "photo" and window.list_model.rowCount() == 8
    [(kind, title, message)] = prompts.shown
    assert (kind, title) == ("info", "Import photos")
    assert message.startswith("3 imported, 1 rejected")
    assert "broken.jpg: not an image Casefile can read" in message


def test_delete_restore_and_empty_through_the_window(sample: CaseFile, qtbot) -> None:
    prompts = ScriptedPrompts([False, True, True, True])  # no, yes, yes (bank), empty: yes
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    window.show_kind("interview")
    window.table.selectRow(0)
    window.delete_action.trigger()  # its quotes are evidence: asks, we say no
    assert sample.interviews.count() == 5
    assert prompts.shown[0][0] == "confirm" and "evidence for claim" in prompts.shown[0][2]
    window.table.selectRow(0)
    window.delete_action.trigger()  # now yes: trashed with its evidence links
    assert sample.interviews.count() == 4 and sample.trash.count() == 1
    window.show_kind("trash")
    window.table.selectRow(0)
    window.restore_action.trigger()
    assert sample.interviews.count() == 5 and sample.trash.count() == 0
    window.show_kind("source")
    row = next(r for r in range(window.list_model.rowCount())
               if window.list_model.record(r).name == "Amur Commerce Bank")
    window.table.selectRow(row)
    window.delete_action.trigger()  # a request for comment refers to it: refused, cascade asked
    assert sample.sources.count() == 9
    window.empty_action.trigger()
    assert sample.trash.count() == 0 and sample.requests.count() == 3


def test_search_groups_highlights_and_opens(sample: CaseFile, qtbot) -> None:
    from ui.search_view import HitRole, snippet_html

    window = window_for(qtbot, sample)
    qtbot.keyClicks(window.search_field, "Petrov")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    model = window.table.model()
    kinds = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert kinds[0] == "Source" and "Interview" in kinds and "Claim" in kinds
    assert kinds == sorted(kinds, key=kinds.index)  # grouped: each kind in one run
    first = model.index(0, 0).data(HitRole)
    assert "<b>Petrov</b>" in snippet_html(first)
    window.table.activated.emit(model.index(0, 1))
    assert window.current_kind == "source"
    assert window.detail_stack.currentWidget() is window.source_form
    assert window.source_form.name.text() == "Yuri Petrov"
    window.search('AND( NEAR/ "')  # hostile input: no error, no matches
    assert window.table.model().rowCount() == 0
    window.show_kind("claim")  # back to a list: the highlight delegate is gone
    assert window.table.itemDelegateForColumn(2) is None


def test_overdue_requests_stand_out(case: CaseFile, qtbot) -> None:
    from datetime import UTC, datetime, timedelta

    bank = case.sources.create(name="Amur Commerce Bank", kind="organisation")
    now = datetime.now(UTC)
    case.requests.create(source=bank.uuid, subject="Late", status="pending",
                         deadline=now - timedelta(days=2))
    case.requests.create(source=bank.uuid, subject="Not yet", status="pending",
                         deadline=now + timedelta(days=2))
    case.requests.create(source=bank.uuid, subject="Answered late", status="answered",
                         deadline=now - timedelta(days=2))
    window = window_for(qtbot, case)
    window.show_kind("comment_request")
    model = window.table.model()
    rows = {model.data(model.index(r, 0)): r for r in range(model.rowCount())}
    late = model.index(rows["Late"], 2)
    assert model.data(late).endswith("(overdue)")
    assert model.data(late, Qt.ItemDataRole.ForegroundRole).name() == "#b00020"
    for subject in ("Not yet", "Answered late"):
        index = model.index(rows[subject], 2)
        assert "(overdue)" not in model.data(index)
        assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None


def test_photo_grid_loads_previews_off_the_ui_thread(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    window.show_kind("photo")
    model = window.list_model
    assert window.center.currentWidget() is window.grid and model.rowCount() == 5
    first = model.index(0, 0)
    assert model.data(first, Qt.ItemDataRole.DecorationRole) is model.placeholder
    qtbot.waitUntil(lambda: all(
        model.data(model.index(r, 0), Qt.ItemDataRole.DecorationRole) is not model.placeholder
        for r in range(5)), timeout=20_000)
    row = next(r for r in range(5) if model.record(r).caption.startswith("Trucks wait"))
    window.grid.setCurrentIndex(model.index(row, 0))
    panel = window.photo_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.fields["gps"].text().startswith("50.2588° N, 127.5301° E")
    assert panel.taken.edit.text() == "2026-10-17 09:40" and panel.taken.zone_text() == "UTC+9"
    assert panel.fields["camera"].text() == "Fujifilm X-T30"
    assert not panel.preview.pixmap().isNull()


def test_transcript_selection_becomes_a_quote_and_drift_is_flagged(case: CaseFile,
                                                                   qtbot) -> None:
    from PySide6.QtGui import QTextCursor

    from ui.interview_panel import py_index, qt_position

    petrov = case.sources.create(name="Yuri Petrov")
    text = "Вопрос: 🙂 как дела? Petrov: We used to ship forty trucks a week."
    iv = case.interviews.create(title="Petrov", transcript=text, interviewees=[petrov.uuid])
    window = window_for(qtbot, case)
    window.show_kind("interview")
    window.table.selectRow(0)
    panel = window.interview_panel
    assert window.detail_stack.currentWidget() is panel
    words = "We used to ship forty trucks a week."
    start = text.index(words)
    cursor = panel.transcript.textCursor()
    cursor.setPosition(qt_position(text, start))  # the emoji is two UTF-16 units
    cursor.setPosition(qt_position(text, start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    panel.transcript.setTextCursor(cursor)
    panel.make_quote_action.trigger()
    [quote] = case.quotes.page()
    assert quote.text == words and (quote.span_start, quote.span_end) == (start,
                                                                           start + len(words))
    assert len(panel.transcript.extraSelections()) == 1
    assert py_index(text, qt_position(text, start)) == start
    panel.transcript.setPlainText("A new first line. " + text)  # typing shifts the quote
    panel.save()
    assert case.interviews.get(iv.uuid).transcript.startswith("A new first line.")
    assert "1 quote(s) no longer match" in panel.warning.text()
    assert case.quotes.get(quote.uuid).text == words  # flagged, not changed


def test_draft_editor_keeps_anchors_and_runs_the_checker(sample: CaseFile, qtbot) -> None:
    from PySide6.QtGui import QTextCursor

    from casefile.claims.draft_text import DraftText
    from ui.draft_panel import from_document, to_document

    [draft] = sample.drafts.page()
    stored = DraftText.parse(draft.body)
    assert from_document(to_document(stored, {})) == stored  # lossless both ways

    prices = next(c for c, _s in sample.claims.summaries()
                  if c.statement.startswith("Vegetable prices"))
    claims = [c.uuid for c, _s in sample.claims.summaries(limit=10_000)]
    prompts = ScriptedPrompts([claims.index(prices.uuid)])
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    panel = window.draft_panel
    assert window.detail_stack.currentWidget() is panel
    kinds = [f.kind for f in sample.drafts.check(draft.uuid)]
    assert "unattributed" in kinds  # the checker runs on a worker: its findings follow
    qtbot.waitUntil(lambda: panel.findings.count() == len(kinds), timeout=30_000)

    body = panel.body
    plain = body.toPlainText()
    lede = "Galina Shvets has been bringing vegetables across the Amur River from the " \
           "Chinese city of Heihe for 12 years"  # the one sentence the sample leaves unanchored
    start = plain.index(lede)
    end = start + len(lede)
    cursor = body.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    panel.bind_action.trigger()
    saved = DraftText.parse(sample.drafts.get(draft.uuid).body)
    bound = [saved.anchor_text(a) for a in saved.anchors if a.claim == prices.uuid]
    assert bound == [lede]
    after = [f.kind for f in sample.drafts.check(draft.uuid)]
    assert after.count("unattributed") == kinds.count("unattributed") - 1
    assert "claim_unsupported" in after  # the new anchor's claim has no evidence
    qtbot.waitUntil(lambda: panel.findings.count() == len(after), timeout=30_000)

    cursor = body.textCursor()  # typing inside the anchor keeps it bound
    cursor.setPosition(plain.index("bringing vegetables") + len("bringing vegetables"))
    cursor.insertText(" and fruit")
    panel.save()
    saved = DraftText.parse(sample.drafts.get(draft.uuid).body)
    bound = [saved.anchor_text(a) for a in saved.anchors if a.claim == prices.uuid]
    assert bound == [lede.replace("vegetables", "vegetables and fruit")]
    assert saved.photos == stored.photos


def test_claim_panel_links_relates_and_unlinks_evidence(sample: CaseFile, qtbot) -> None:
    window, prices, row = open_claim(sample, qtbot, "Vegetable prices",
                                     ScriptedPrompts(["Tomatoes", 0]))
    panel = window.claim_panel
    assert window.detail_stack.currentWidget() is panel
    assert "no supporting evidence" in panel.summary.text()
    assert panel.evidence_model.rowCount() == 1  # the market photo, as context
    panel.link_button.click()  # search "Tomatoes", take the first hit: Shvets's quote
    assert panel.evidence_model.rowCount() == 2
    line = next(x for x in panel.evidence_model.lines if x.kind == "quote")
    assert "Galina Shvets" in line.text and line.relation == "supports"
    assert "WEAK" not in panel.summary.text()
    assert panel.attribution.text().startswith("according to Galina Shvets")
    panel.evidence.selectRow(panel.evidence_model.lines.index(line))
    panel.relation.setCurrentIndex(panel.relation.findData("contradicts"))
    assert "contradicted by 1" in panel.summary.text()
    panel.evidence.selectRow(next(i for i, x in enumerate(panel.evidence_model.lines)
                                  if x.kind == "quote"))
    panel.unlink_button.click()
    assert panel.evidence_model.rowCount() == 1 and sample.trash.count() == 1
    panel.status.setCurrentIndex(panel.status.findData("refuted"))
    assert sample.claims.get(prices.uuid).status.value == "refuted"
    shown = window.list_model.record(row)
    assert shown[0].status.value == "refuted"  # the list re-read the derived summary


def test_undo_and_redo_edits_deletions_and_restores(sample: CaseFile, qtbot) -> None:
    window = MainWindow(sample, ScriptedPrompts([True]))
    qtbot.addWidget(window)
    window.show()
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).name == "Yuri Petrov")
    window.table.selectRow(row)
    form = window.source_form
    petrov = model.record(row).uuid
    form.location.setText("Khabarovsk krai")
    form.location.editingFinished.emit()
    assert sample.sources.get(petrov).location == "Khabarovsk krai"
    window.undo_action.trigger()
    assert sample.sources.get(petrov).location == "Khabarovsk"
    assert form.location.text() == "Khabarovsk"  # the form shows the undone value
    window.redo_action.trigger()
    assert sample.sources.get(petrov).location == "Khabarovsk krai"

    window.show_kind("document")
    window.table.selectRow(0)
    window.delete_action.trigger()  # evidence depends on it: confirm cascade (scripted yes)
    assert sample.documents.count() == 4 and sample.trash.count() == 1
    window.undo_action.trigger()
    assert sample.documents.count() == 5 and sample.trash.count() == 0
    window.redo_action.trigger()
    assert sample.documents.count() == 4 and sample.trash.count() == 1

    window.show_kind("trash")
    window.table.selectRow(0)
    window.restore_action.trigger()
    assert sample.documents.count() == 5
    window.undo_action.trigger()
    assert sample.documents.count() == 4
    assert window.undo_stack.count() == 3  # edit, delete, restore
    assert window.undo_action.text().startswith("&Undo")


def test_document_panel_shows_custody_facts_and_opens_a_copy(sample: CaseFile, qtbot) -> None:
    from pathlib import Path

    window = window_for(qtbot, sample)
    opened = []
    window.document_panel.open_url = lambda url: opened.append(Path(url.toLocalFile()))
    window.show_kind("document")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).kind.value == "statistics")
    window.table.selectRow(row)
    panel = window.document_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.citation.text().startswith("National Statistics Service, “Foreign Trade")
    assert panel.fields["file"].text().startswith("amur-foreign-trade-2026-q3.csv — text/csv")
    assert len(panel.fields["sha256"].text()) == 64
    assert panel.excerpts.count() == 1 and "table 4" in panel.excerpts.item(0).text()
    panel.open_button.click()
    [copy] = opened
    assert copy.read_text().startswith("region,exports_to_china")


def test_column_widths_and_hidden_columns_are_remembered(sample: CaseFile, qtbot,
                                                         tmp_path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    first = MainWindow(sample, ScriptedPrompts(), settings=settings)
    qtbot.addWidget(first)
    first.show()
    header = first.table.horizontalHeader()
    header.resizeSection(2, 173)
    first.set_column_shown(3, False)
    first.show_kind("claim")
    first.show_kind("source")
    assert header.sectionSize(2) == 173 and header.isSectionHidden(3)
    second = MainWindow(sample, ScriptedPrompts(), settings=settings)
    qtbot.addWidget(second)
    second.show()
    other = second.table.horizontalHeader()
    assert other.sectionSize(2) == 173 and other.isSectionHidden(3)
    assert not other.isSectionHidden(0)


def test_source_form_lists_what_the_source_is_involved_in(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).name == "Yuri Petrov")
    window.table.selectRow(row)
    related = window.source_form.related
    labels = [related.item(i).text() for i in range(related.count())]
    assert labels[0] == 'Interview "Yuri Petrov at his timber yard"'
    assert sum(label.startswith("Quote") for label in labels) == 4
    assert any(label.startswith("Photo") for label in labels)  # depicted in the yard photo
    assert any(label.startswith("Claim") for label in labels)
    related.itemActivated.emit(related.item(0))
    assert window.current_kind == "interview"
    assert window.detail_stack.currentWidget() is window.interview_panel


def test_request_panel_writes_the_right_of_reply_sentence(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    window.show_kind("comment_request")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).status.value == "pending")
    window.table.selectRow(row)
    panel = window.request_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.sentence.text() == ("The Embassy of China in Moscow did not immediately "
                                     "respond to a request for comment.")
    panel.answer.setPlainText("We do not comment on commercial matters.")
    panel.status.setCurrentIndex(panel.status.findData("answered"))
    assert panel.sentence.text() == ("“We do not comment on commercial matters,” the Embassy "
                                     "of China in Moscow said in a statement.")
    stored = sample.requests.get(model.record(row).uuid)
    assert stored.status.value == "answered"
    assert stored.answer_text == "We do not comment on commercial matters."


def test_linking_and_unlinking_evidence_can_be_undone(sample: CaseFile, qtbot) -> None:
    window, prices, _row = open_claim(sample, qtbot, "Vegetable prices",
                                      ScriptedPrompts(["Tomatoes", 0]))
    panel = window.claim_panel
    panel.link_button.click()
    assert len(sample.evidence.for_claim(prices.uuid)) == 2
    window.undo_action.trigger()
    assert len(sample.evidence.for_claim(prices.uuid)) == 1
    window.redo_action.trigger()
    assert len(sample.evidence.for_claim(prices.uuid)) == 2
    panel.evidence.selectRow(0)
    panel.unlink_button.click()
    assert len(sample.evidence.for_claim(prices.uuid)) == 1
    window.undo_action.trigger()
    assert len(sample.evidence.for_claim(prices.uuid)) == 2


def test_new_records_from_the_window_and_undo(sample: CaseFile, qtbot) -> None:
    window = MainWindow(sample, ScriptedPrompts(["Olga Ivanova"]))
    qtbot.addWidget(window)
    window.show()
    window.new_action.trigger()
    created = next(s for s in sample.sources.page(limit=100) if s.name == "Olga Ivanova")
    assert window.detail_stack.currentWidget() is window.source_form
    assert window.source_form.name.text() == "Olga Ivanova"
    window.show_kind("claim")
    claim = window.new_record("Peppers cost 44 percent more than last year.")
    assert window.claim_panel.statement.text().startswith("Peppers cost")
    window.undo_action.trigger()
    assert claim.uuid not in {c.uuid for c in sample.claims.page(limit=100)}
    window.show_kind("interview")
    window.table.selectRow(0)
    panel = window.interview_panel
    cursor = panel.transcript.textCursor()
    cursor.setPosition(1)
    cursor.setPosition(20, cursor.MoveMode.KeepAnchor)
    panel.transcript.setTextCursor(cursor)
    before = sample.quotes.count()
    panel.make_quote_action.trigger()
    assert sample.quotes.count() == before + 1
    window.undo_action.trigger()
    assert sample.quotes.count() == before
    assert created.uuid in {s.uuid for s in sample.sources.page(limit=100)}


def test_new_request_for_comment_is_addressed_to_a_source(sample: CaseFile, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer() -> None:  # the one small dialog (ui/new_request.py), with real keys
        dialog = QApplication.activeModalWidget()
        qtbot.keyClicks(dialog.recipient.search, "Amur Commerce")
        qtbot.keyClick(dialog.recipient.search, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.subject, "Branch closures in Khabarovsk")
        qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)

    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_kind("comment_request")
    QTimer.singleShot(0, answer)
    window.new_action.trigger()  # the dialog is opened, not exec()'d: answered later
    qtbot.waitUntil(lambda: sample.requests.count() == 5)
    panel = window.request_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.recipient.labels() == ["Amur Commerce Bank"]
    assert panel.sentence.text() == ("Amur Commerce Bank did not immediately respond to a "
                                     "request for comment.")


def test_team_section_lists_and_adds_members(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    window.show_kind("team_member")
    model = window.list_model
    names = {model.record(r).name for r in range(model.rowCount())}
    assert {"Maria Lindqvist", "Kim Soo-jin", "Ilya Sorokin", "Pavel Grishin"} <= names
    member = window.new_record("Nadia Kuznetsova")
    assert member is not None and sample.team.count() == 5
    labels = [window.navigator_model.data(window.navigator_model.index(r))
              for r in range(window.navigator_model.rowCount())]
    assert "Team  (5)" in labels


def test_request_edits_can_be_undone(sample: CaseFile, qtbot) -> None:
    window = window_for(qtbot, sample)
    window.show_kind("comment_request")
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if model.record(r).status.value == "pending")
    uid = model.record(row).uuid
    window.table.selectRow(row)
    window.request_panel.status.setCurrentIndex(
        window.request_panel.status.findData("declined"))
    assert sample.requests.get(uid).status.value == "declined"
    window.undo_action.trigger()
    assert sample.requests.get(uid).status.value == "pending"
