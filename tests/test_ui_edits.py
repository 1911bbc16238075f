"""Editing records through the detail forms (team, photo, interview, document), linking
evidence by drag and drop, and undoing each of these — real widgets, offscreen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from casefile import CaseFile
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.record_drag import MIME, dropped_records, record_mime


def window_on(qtbot, case: CaseFile, kind: str, pick, prompts: ScriptedPrompts | None = None
              ) -> MainWindow:
    """A window listing `kind` with the first row for which `pick(record)` holds selected."""
    window = MainWindow(case, prompts or ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    window.show_kind(kind)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if pick(model.record(r)))
    view = window.current_view()
    view.setCurrentIndex(model.index(row, 0))
    return window


def finish(edit, text: str) -> None:
    """Type into a line edit and leave it, as a user would."""
    edit.setText(text)
    edit.editingFinished.emit()


def test_team_member_form_edits_and_undoes(sample: CaseFile, qtbot) -> None:
    window = window_on(qtbot, sample, "team_member", lambda m: m.role.value == "fixer")
    panel = window.team_panel
    assert window.detail_stack.currentWidget() is panel and panel.isEnabled()
    member = panel.record
    finish(panel.base_city, "Heihe")
    panel.role.setCurrentIndex(panel.role.findData(member.role.__class__("translator")))
    panel.byline.setValue(3)
    stored = sample.team.get(member.uuid)
    assert (stored.base_city, stored.role.value, stored.byline_position) == (
        "Heihe", "translator", 3)
    assert window.list_model.record(window.table.currentIndex().row()).base_city == "Heihe"
    finish(panel.name, "")  # a team member needs a name: refused, shown, nothing saved
    assert panel.problem.text() and sample.team.get(member.uuid).name == member.name
    window.undo_action.trigger()  # byline
    window.undo_action.trigger()  # role
    assert sample.team.get(member.uuid).role.value == "fixer"
    assert sample.team.get(member.uuid).byline_position is None
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert sample.team.get(member.uuid).role.value == "translator"
    assert panel.byline.value() == 3  # the form shows the redone value
    new_draft = sample.drafts.create(headline="Second story")
    with sample._store.read() as s:  # a new draft starts with the case's byline, in order
        byline = [b.member.name for b in sample.drafts._load(s, new_draft.uuid).byline]
    assert byline == ["Maria Lindqvist", member.name]


def test_photo_form_edits_caption_credit_and_people(sample: CaseFile, qtbot) -> None:
    sources = sample.sources.page(limit=100)
    galina = next(i for i, s in enumerate(sources) if s.name == "Galina Shvets")
    prompts = ScriptedPrompts([galina, galina])  # add her, then take her out again
    window = window_on(qtbot, sample, "photo", lambda p: p.credit_member is not None, prompts)
    panel = window.photo_panel
    assert window.detail_stack.currentWidget() is panel
    photo = panel.record
    assert panel.credit.labels() == [f"{photo.credit_member.name} (team)"]  # the sample's
    people = [s.name for s in photo.depicted]
    finish(panel.caption, "Trucks queue at the Blagoveshchensk crossing")
    qtbot.keyClicks(panel.credit.search, "Ilya Sorokin")  # the credit picker (pickers.py)
    qtbot.keyClick(panel.credit.search, Qt.Key.Key_Return)
    stored = sample.photos.get(photo.uuid)
    assert stored.caption == "Trucks queue at the Blagoveshchensk crossing"
    assert stored.credit_member.name == "Ilya Sorokin"
    assert window.list_model.record(window.grid.currentIndex().row()).caption.startswith(
        "Trucks queue")
    qtbot.keyClicks(panel.depicted.search, "Galina Shvets")  # the people picker (pickers.py)
    qtbot.keyClick(panel.depicted.search, Qt.Key.Key_Return)
    assert sorted(s.name for s in sample.photos.get(photo.uuid).depicted) == sorted(
        [*people, "Galina Shvets"])
    assert "Galina Shvets" in panel.depicted.text()
    panel.depicted.remove(str(sources[galina].uuid))
    assert [s.name for s in sample.photos.get(photo.uuid).depicted] == people
    for _ in range(3):
        window.undo_action.trigger()  # out again, in again → undo both, then the credit
    assert sample.photos.get(photo.uuid).credit_member.uuid == photo.credit_member.uuid
    window.undo_action.trigger()
    assert sample.photos.get(photo.uuid).caption == photo.caption


def test_interview_details_are_edited_with_clear_errors(sample: CaseFile, qtbot) -> None:
    sources = sample.sources.page(limit=100)
    bank = next(i for i, s in enumerate(sources) if "Bank" in s.name)
    window = window_on(qtbot, sample, "interview", lambda i: True, ScriptedPrompts([bank]))
    panel = window.interview_panel
    interview = panel.record
    held = panel.details.widgets["held_at"]  # a date-time picker (tests/test_ui_pickers.py)
    held.set_value(datetime(2026, 3, 14, 10, 30, tzinfo=timezone(timedelta(hours=10))))
    held.edited.emit()
    stored = sample.interviews.get(interview.uuid)
    assert stored.held_at.isoformat() == "2026-03-14T10:30:00+10:00"
    assert panel.problem.text() == ""
    finish(panel.details.widgets["place_name"], "Heihe, the river port")
    panel.people.search.setText(sources[bank].name)
    panel.people.take(panel.people.results.item(0))
    names = [s.name for s in sample.interviews.get(interview.uuid).interviewees]
    assert sources[bank].name in names and sources[bank].name in panel.people.text()
    notes = panel.details.widgets["notes"]
    notes.setPlainText("Spoke through the fixer.")
    window.show_kind("source")  # leaving the record saves the text box
    assert sample.interviews.get(interview.uuid).notes == "Spoke through the fixer."
    window.undo_action.trigger()  # notes
    window.undo_action.trigger()  # interviewees
    names = [s.name for s in sample.interviews.get(interview.uuid).interviewees]
    assert sources[bank].name not in names


def test_document_details_and_excerpts(sample: CaseFile, qtbot) -> None:
    prompts = ScriptedPrompts(["Exports to China fell 31 per cent", "table 2"])
    window = window_on(qtbot, sample, "document", lambda d: d.kind.value == "statistics",
                       prompts)
    panel = window.document_panel
    document = panel.record
    finish(panel.details.widgets["title"], "Foreign trade of the Amur region, 2026")
    assert sample.documents.get(document.uuid).title.endswith("region, 2026")
    assert "“Foreign Trade of the Amur Region, 2026”" in panel.citation.text()
    assert window.list_model.record(window.table.currentIndex().row()).title.endswith("2026")
    before = panel.excerpts.count()
    panel.add_excerpt_button.click()  # the excerpt form (tests/test_ui_documents.py)
    form = panel.excerpt_form
    form.passage.setPlainText("Exports to China fell 31 per cent")
    form.kind.setCurrentIndex(form.kind.findText("Table"))
    form.where.setText("2")
    form.accept()
    assert panel.excerpts.count() == before + 1
    assert panel.excerpts.item(before).text() == "table 2: “Exports to China fell 31 per cent”"
    window.undo_action.trigger()  # the new excerpt goes to the trash
    panel.refresh_excerpts()
    assert panel.excerpts.count() == before
    window.undo_action.trigger()
    assert sample.documents.get(document.uuid).title == document.title


def test_evidence_is_linked_by_dropping_records_on_a_claim(sample: CaseFile, qtbot) -> None:
    window = window_on(qtbot, sample, "claim",
                       lambda r: r[0].statement.startswith("Vegetable prices"))
    claim = window.claim_panel.record
    lines_before = window.claim_panel.evidence_model.rowCount()
    window.search("Tomatoes")  # the results list keeps the claim on the right
    results = window.table.model()
    quote_row = next(r for r in range(results.rowCount()) if results.hits[r].kind == "quote")
    mime = results.mimeData([results.index(quote_row, 0)])
    assert dropped_records(mime) == [("quote", str(results.hits[quote_row].uuid))]
    assert results.flags(results.index(quote_row, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.LinkAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.claim_panel.dropEvent(drop)
    assert window.claim_panel.evidence_model.rowCount() == lines_before + 1
    assert any(x.kind == "quote" and "Galina Shvets" in x.text
               for x in sample.claims.evidence_lines(claim.uuid))
    window.undo_action.trigger()
    assert window.claim_panel.evidence_model.rowCount() == lines_before

    # The claims board takes drops from any list, here a photo from the grid and a source.
    window.board_action.trigger()
    assert window.board.isVisible()
    window.show_kind("photo")
    grid = window.list_model
    photo_mime = grid.mimeData([grid.index(0, 0)])
    board = window.board.model
    row = next(r for r in range(board.rowCount()) if board.record(r)[0].uuid == claim.uuid)
    target = board.index(row, 0)
    assert board.canDropMimeData(photo_mime, Qt.DropAction.LinkAction, -1, -1, target)
    links = len(sample.claims.evidence_lines(claim.uuid))
    board.dropMimeData(photo_mime, Qt.DropAction.LinkAction, -1, -1, target)
    assert len(sample.claims.evidence_lines(claim.uuid)) == links + 1
    source = sample.sources.page(limit=1)[0]
    not_evidence = record_mime([("source", str(source.uuid))])
    assert not board.canDropMimeData(not_evidence, Qt.DropAction.LinkAction, -1, -1, target)
    window.link_dropped(claim.uuid, [("source", str(source.uuid))])
    assert window.prompts.shown[-1][0] == "error"
    assert "A source is not evidence" in window.prompts.shown[-1][2]
    junk = QMimeData()
    junk.setData(MIME, b"{not json")
    assert dropped_records(junk) == []


def test_photo_import_and_draft_binding_undo(sample: CaseFile, qtbot, tmp_path) -> None:
    from PySide6.QtGui import QTextCursor

    from tests.test_photos import photo_bytes

    for i in range(2):
        (tmp_path / f"IMG_{i}.jpg").write_bytes(photo_bytes(color=(i * 90, 40, 40)))
    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    photos = sample.photos.count()
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_photos([tmp_path])
    assert sample.photos.count() == photos + 2
    assert window.undo_action.text() == "&Undo import of 2 photo(s)"
    window.undo_action.trigger()
    assert sample.photos.count() == photos
    assert sample.trash.entries()[0].label == "import of 2 photo(s)"
    window.redo_action.trigger()
    assert sample.photos.count() == photos + 2 and sample.trash.count() == 0

    window.show_kind("draft")
    window.table.selectRow(0)
    draft = window.draft_panel
    body = draft.body
    assert not body.document().isUndoAvailable()  # loading is not an edit to take back
    anchors = len(draft.current_text().anchors)
    cursor = body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(8, QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    claim = sample.claims.page(limit=1)[0]
    draft.bind_claim(claim.uuid)
    stored = sample.drafts.text(draft.record.uuid)
    assert len(stored.anchors) == anchors + 1
    body.undo()  # Ctrl+Z in the editor takes the binding back
    draft.save()
    assert len(sample.drafts.text(draft.record.uuid).anchors) == anchors
    body.redo()
    draft.save()
    assert len(sample.drafts.text(draft.record.uuid).anchors) == anchors + 1


def test_keyboard_tab_order_runs_down_each_form(sample: CaseFile, qtbot) -> None:
    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    for kind in ("source", "photo", "document", "claim", "team_member", "comment_request"):
        window.show_kind(kind)
        window.current_view().setCurrentIndex(window.list_model.index(0, 0))
        panel = window.detail_stack.currentWidget()
        chain, widget = [], window.navigator
        for _ in range(3000):
            widget = widget.nextInFocusChain()
            if widget is window.navigator:
                break
            if widget.isVisible() and widget.isEnabled() and \
                    widget.focusPolicy() & Qt.FocusPolicy.TabFocus and \
                    widget.focusProxy() is None:
                chain.append(widget)
        assert chain[0] is window.current_view(), kind
        fields = [w for w in chain if panel.isAncestorOf(w)]
        assert len(fields) >= 2, kind
        tops = [w.mapTo(window, w.rect().topLeft()).y() for w in fields]
        assert tops == sorted(tops), kind  # Tab moves down the form, never back up
        assert all(w.accessibleName() or getattr(w, "text", lambda: "")()
                   for w in fields), kind


def test_meaning_colours_stay_readable_in_light_and_dark_themes(qtbot) -> None:
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    from ui import palette

    def luminance(c: QColor) -> float:
        def chan(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * chan(c.redF()) + 0.7152 * chan(c.greenF()) + 0.0722 * chan(c.blueF())

    def contrast(a: QColor, b: QColor) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    original = QGuiApplication.palette()
    try:
        for theme in (QPalette(QColor("#f0f0f0")), palette.dark_palette()):
            theme.setColor(QPalette.ColorRole.Base, theme.color(QPalette.ColorRole.Base))
            QGuiApplication.setPalette(theme)
            base = theme.color(QPalette.ColorRole.Base)
            for meaning in ("problem", "weak", "protected"):
                assert contrast(palette.qcolor(meaning), base) >= 4.5, meaning
            assert contrast(palette.qcolor("quote_text"), palette.qcolor("quote")) >= 4.5
        assert palette.is_dark(palette.dark_palette())
        assert not palette.is_dark(QPalette(QColor("#f0f0f0")))
    finally:
        QGuiApplication.setPalette(original)


def test_binding_a_claim_in_a_big_case_searches_the_claims(sample: CaseFile, qtbot,
                                                           monkeypatch) -> None:
    from PySide6.QtGui import QTextCursor

    from ui import draft_panel

    monkeypatch.setattr(draft_panel, "PICK_ALL_UP_TO", 3)  # the sample has 10 claims
    window = window_on(qtbot, sample, "draft", lambda d: True,
                       ScriptedPrompts(["yuan payments", 0]))
    panel = window.draft_panel
    cursor = panel.body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    panel.body.setTextCursor(cursor)
    panel.bind_action.trigger()
    asked = [entry[:2] for entry in window.prompts.shown]
    assert asked == [("text", "Bind a claim"), ("choose", "Bind a claim")]
    text = sample.drafts.text(panel.record.uuid)
    first = next(a for a in text.anchors if a.start == 0)
    assert sample.claims.get(first.claim).statement.startswith("Banks in the region")
