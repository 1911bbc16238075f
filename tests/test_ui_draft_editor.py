"""The draft editor a writer expects: byline, dateline, status and a live word count; the
contributor line generated from the team and edited; a photo of the case inserted and
printed; the checker saying "No problems found" and marking a finding's words; the summary
shown before an export."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace

import docx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from casefile import CaseFile
from casefile.claims.contributors import Contributor, contributor_line, contributors, line_for_draft
from casefile.claims.draft_text import Anchor, DraftText
from casefile.claims.style import HouseStyle
from casefile.export.docx_draft import export_draft
from casefile.models import ClaimStatus, DraftStatus, GroundRules, TeamRole
from tests.conftest import jpeg_bytes
from ui.draft_byline import BylineDialog
from ui.draft_panel import DraftPanel
from ui.draft_photos import PhotoChooser
from ui.export_dialog import ExportDialog
from ui.prompts import ScriptedPrompts

CLEAN = "The river was calm that morning.\n\nThe ferry left on time."


def member(name: str, city: str = "", role: TeamRole = TeamRole.CONTRIBUTOR,
           outlet: str = "") -> SimpleNamespace:
    return SimpleNamespace(name=name, base_city=city, role=role, outlet=outlet,
                           uuid=uuid.uuid4(), trash_id=None)


# --- the contributor line, headless -------------------------------------------------------


def test_contributor_line_in_three_cities_one_and_without_a_base() -> None:
    people = [Contributor("Olena Kovalenko", city="Kyiv"), Contributor("Taras Melnyk",
              city="Odesa"), Contributor("Anne Dupont", city="Brussels")]
    assert contributor_line(people) == ("Olena Kovalenko in Kyiv, Taras Melnyk in Odesa and "
                                        "Anne Dupont in Brussels contributed to this article.")
    assert contributor_line(people[:1]) == \
        "Olena Kovalenko in Kyiv contributed to this article."
    assert contributor_line([Contributor("Anne Dupont")]) == \
        "Anne Dupont contributed to this article."
    assert contributor_line([]) == ""


def test_contributors_in_one_city_are_grouped_and_the_placeless_come_last() -> None:
    people = [Contributor("A", city="Kyiv"), Contributor("C", city="Brussels"),
              Contributor("B", city="kyiv"), Contributor("D")]
    assert contributor_line(people) == \
        "A and B in Kyiv and C in Brussels contributed to this article, as did D."


def test_contributors_are_the_teams_contributors_off_the_byline_in_cyrillic_too() -> None:
    on_byline = member("Мария Петрова", "Москва")
    team = [on_byline, member("Иван Сидоров", "Владивосток"),
            member("Maria Lindqvist", "Helsinki", TeamRole.REPORTER),
            member("Олег Ким", "Владивосток"), member("  ", "Kyiv"),
            member("Jan Nowak", "Warsaw", outlet="Gazeta Wyborcza"),
            member("Sam Lee", "Paris", outlet="The Northern Ledger")]
    style = HouseStyle(outlet="The Northern Ledger")
    people = contributors(team, style, byline={on_byline.uuid})
    assert contributor_line(people) == (
        "Иван Сидоров and Олег Ким in Владивосток, Jan Nowak of "
        "Gazeta Wyborcza in Warsaw and Sam Lee in Paris contributed to this article.")


def test_a_name_the_matcher_protects_is_never_printed(case: CaseFile) -> None:
    case.sources.create(name="Pavel Orlov", ground_rules=GroundRules.CONFIDENTIAL,
                        attribution_phrase="a customs officer")
    case.team.create(name="Pavel Orlov", role=TeamRole.CONTRIBUTOR, base_city="Kyiv")
    case.team.create(name="Anne Dupont", role=TeamRole.CONTRIBUTOR, base_city="Brussels")
    draft = case.drafts.create(headline="Border", body=CLEAN)
    line = line_for_draft(case, draft.uuid)
    assert line == "Anne Dupont in Brussels contributed to this article."
    assert "Orlov" not in line


def test_no_spelling_of_a_protected_name_reaches_the_contributor_line(case: CaseFile) -> None:
    """A look-alike letter (Cyrillic О for Latin O), a soft hyphen, a source in the trash,
    a protected name as a member's city or outlet: none is printed."""
    olena = case.sources.create(name="Olena Kovalenko", ground_rules=GroundRules.CONFIDENTIAL,
                                attribution_phrase="a volunteer in Kherson")
    case.trash.delete(case.sources.get(olena.uuid))  # trashed: still protected
    case.sources.create(name="Dmytro Savchuk", ground_rules=GroundRules.CONFIDENTIAL,
                        attribution_phrase="a port worker")
    for name, city, outlet in (("Olena Kovalenko", "Kyiv", ""),
                               ("\u041elena Kovalenko", "Kyiv", ""),  # Cyrillic О
                               ("Olena Koval\u00adenko", "Odesa", ""),  # soft hyphen
                               ("Taras Melnyk", "Dmytro Savchuk", ""),
                               ("Iryna Bondar", "Lviv", "Dmytro Savchuk Media"),
                               ("Anne Dupont", "Brussels", "")):
        case.team.create(name=name, role=TeamRole.CONTRIBUTOR, base_city=city, outlet=outlet)
    draft = case.drafts.create(headline="Border", body=CLEAN)
    line = line_for_draft(case, draft.uuid)
    assert line == "Anne Dupont in Brussels contributed to this article."


# --- the editor ---------------------------------------------------------------------------


def panel_for(qtbot, case: CaseFile, draft_id: uuid.UUID,
              answers: list | None = None) -> DraftPanel:
    panel = DraftPanel(case, ScriptedPrompts(answers or []))
    qtbot.addWidget(panel)
    panel.resize(1024, 700)
    panel.show()
    panel.show_record(case.drafts.get(draft_id))
    return panel


def stored(case: CaseFile, draft_id: uuid.UUID, field: str) -> object:
    return getattr(case.drafts.get(draft_id), field)


def test_word_count_follows_typing_and_counts_only_what_the_reader_sees(
        case: CaseFile, qtbot) -> None:
    claim = case.claims.create(statement="Trucks wait six days")
    photo = case.photos.add(jpeg_bytes(), "ferry.jpg", caption="The ferry")
    body = DraftText("Trucks wait six days.\n\n\ufffc", (Anchor(0, 20, claim.uuid),),
                     (photo.uuid,)).serialize()
    draft = case.drafts.create(headline="Border", body=body)
    panel = panel_for(qtbot, case, draft.uuid)
    words = panel.facts.words
    assert words.text() == "4 words"  # the anchor's markup and the photo are not words
    panel.body.moveCursor(panel.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.body, "  More trucks queued - still")
    assert words.text() == "8 words"
    qtbot.keyClick(panel.body, Qt.Key.Key_Backspace)
    assert words.text() == "8 words"  # "stil" is still a word
    for _ in range(5):
        qtbot.keyClick(panel.body, Qt.Key.Key_Backspace)
    assert words.text() == "7 words"  # the lone dash is no word


def test_dateline_status_and_byline_are_edited_and_saved(case: CaseFile, qtbot) -> None:
    maria = case.team.create(name="Maria Lindqvist", byline_position=1)
    ivan = case.team.create(name="Ivan Sidorov")
    draft = case.drafts.create(headline="Border", body=CLEAN)
    panel = panel_for(qtbot, case, draft.uuid)
    assert panel.facts.byline.text() == "By Maria Lindqvist"
    qtbot.keyClicks(panel.dateline_place, "Blagoveshchensk")
    qtbot.keyClicks(panel.dateline_country, "Russia")
    qtbot.waitUntil(lambda: stored(case, draft.uuid, "dateline_country") == "Russia",
                    timeout=5_000)
    assert stored(case, draft.uuid, "dateline_place") == "Blagoveshchensk"
    panel.facts.status.setFocus()
    qtbot.keyClick(panel.facts.status, Qt.Key.Key_Down)
    assert stored(case, draft.uuid, "status") is DraftStatus.WITH_EDITOR

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BylineDialog)
        lst = dialog.list
        lst.setFocus()
        qtbot.keyClick(lst, Qt.Key.Key_Down)  # Ivan
        qtbot.keyClick(lst, Qt.Key.Key_Space)  # ticked
        qtbot.keyClick(lst, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # first
        dialog.accept()

    QTimer.singleShot(50, choose)
    qtbot.mouseClick(panel.facts.byline_button, Qt.MouseButton.LeftButton)
    byline = case.drafts.get(draft.uuid).byline
    assert [b.member.uuid for b in sorted(byline, key=lambda b: b.position)] == \
        [ivan.uuid, maria.uuid]
    assert panel.facts.byline.text() == "By Ivan Sidorov and Maria Lindqvist"


def test_contributor_line_generated_from_the_team_edited_and_exported(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    case.team.create(name="Maria Lindqvist", role=TeamRole.REPORTER, byline_position=1,
                     base_city="Helsinki")
    case.team.create(name="Olena Kovalenko", role=TeamRole.CONTRIBUTOR, base_city="Kyiv")
    case.team.create(name="Taras Melnyk", role=TeamRole.CONTRIBUTOR, base_city="Odesa")
    case.team.create(name="Anne Dupont", role=TeamRole.CONTRIBUTOR, base_city="Brussels")
    case.team.create(name="Pekka Virtanen", role=TeamRole.FIXER, base_city="Oulu")
    draft = case.drafts.create(headline="Border", body=CLEAN)
    panel = panel_for(qtbot, case, draft.uuid)
    qtbot.mouseClick(panel.facts.generate, Qt.MouseButton.LeftButton)
    generated = ("Olena Kovalenko in Kyiv, Taras Melnyk in Odesa and Anne Dupont in "
                 "Brussels contributed to this article.")
    qtbot.waitUntil(lambda: panel.contributor_line.text() == generated, timeout=10_000)
    assert stored(case, draft.uuid, "contributor_line") == generated
    # The reporter edits it: "article" → "report"
    edit = panel.contributor_line
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_End)
    for _ in range(len("article.")):
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, "report.")
    edited = generated.replace("article.", "report.")
    qtbot.waitUntil(lambda: stored(case, draft.uuid, "contributor_line") == edited,
                    timeout=5_000)
    # Generating again asks before the reporter's wording goes; "no" keeps it
    panel.prompts.answers.append(False)
    qtbot.mouseClick(panel.facts.generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.prompts.shown), timeout=10_000)  # made on a worker
    assert panel.prompts.shown[-1][0] == "confirm"
    assert panel.contributor_line.text() == edited
    assert stored(case, draft.uuid, "contributor_line") == edited
    out = tmp_path / "story.docx"
    export_draft(case, draft.uuid, out, profile="clean")
    paragraphs = docx.Document(str(out)).paragraphs
    [line] = [p for p in paragraphs if p.text == edited]
    assert line.style.name == "Contributor" and line.style.font.italic
    assert paragraphs.index(line) > max(i for i, p in enumerate(paragraphs)
                                        if "ferry left on time" in p.text)


def test_a_photo_chosen_from_the_case_is_placed_and_exported_with_its_caption(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    reporter = case.team.create(name="Maria Lindqvist", role=TeamRole.PHOTOGRAPHER)
    case.photos.add(jpeg_bytes(color=(10, 90, 200)), "queue.jpg", caption="The queue",
                    credit_member=reporter.uuid)
    case.photos.add(jpeg_bytes(), "ferry.jpg", caption="The ferry at Blagoveshchensk",
                    credit_member=reporter.uuid)
    draft = case.drafts.create(headline="Border", body=CLEAN)
    panel = panel_for(qtbot, case, draft.uuid)
    cursor = panel.body.textCursor()
    cursor.setPosition(len("The river was calm that morning."))
    panel.body.setTextCursor(cursor)
    seen: list[str] = []

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PhotoChooser)
        seen.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        row = next(i for i in range(dialog.list.count())
                   if dialog.list.item(i).text().startswith("The ferry"))
        rect = dialog.list.visualItemRect(dialog.list.item(row))
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    QTimer.singleShot(50, choose)
    qtbot.mouseClick(panel.findChild(QWidget, "insertPhoto"), Qt.MouseButton.LeftButton)
    assert sorted(seen) == ["The ferry at Blagoveshchensk", "The queue"]
    text = DraftText.parse(str(stored(case, draft.uuid, "body")))
    [placed] = text.photos
    assert case.photos.get(placed).caption == "The ferry at Blagoveshchensk"
    assert [p for _o, p in text.paragraphs()] == [
        "The river was calm that morning.", "\ufffc", "The ferry left on time."]
    out = tmp_path / "story.docx"
    export_draft(case, draft.uuid, out, profile="clean")
    exported = docx.Document(str(out))
    texts = [(p.text, p.style.name) for p in exported.paragraphs]
    assert ("The ferry at Blagoveshchensk", "Caption") in texts
    assert ("Photo: Maria Lindqvist", "Credit") in texts
    assert len(exported.inline_shapes) == 1


def test_the_checker_says_no_problems_found_on_a_clean_draft(case: CaseFile, qtbot) -> None:
    draft = case.drafts.create(headline="Border", body=CLEAN)
    panel = panel_for(qtbot, case, draft.uuid)
    qtbot.waitUntil(lambda: not panel.checking(), timeout=10_000)
    assert "No problems found" in panel.checker.state.text()
    assert panel.findings.count() == 0 and panel.findings.isHidden()
    # a quotation nobody said: the finding replaces the all-clear
    panel.body.moveCursor(panel.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.body, ' "We wait forever," a driver said.')
    qtbot.waitUntil(lambda: panel.findings.count() == 1, timeout=10_000)
    assert "No problems found" not in panel.checker.state.text()


def test_clicking_a_finding_selects_and_highlights_its_words(case: CaseFile, qtbot) -> None:
    body = ("The river was calm.\n\nDrivers told us “we wait here for days on end” at the "
            "gate.")
    draft = case.drafts.create(headline="Border", body=body)
    panel = panel_for(qtbot, case, draft.uuid)
    qtbot.waitUntil(lambda: panel.findings.count() == 1, timeout=10_000)
    item = panel.findings.item(0)
    assert "matches no stored quote" in item.text()
    assert not panel.body.extraSelections()
    qtbot.mouseClick(panel.findings.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.findings.visualItemRect(item).center())
    assert panel.body.textCursor().selectedText() == "we wait here for days on end"
    [mark] = panel.body.extraSelections()
    assert mark.cursor.selectedText() == "we wait here for days on end"
    assert panel.body.hasFocus()


def summary_dialog(qtbot, case: CaseFile, draft_id: uuid.UUID, tmp_path: Path,
                   went: list) -> ExportDialog:
    dialog = ExportDialog(tmp_path / "story", case=case, draft=draft_id,
                          go_to=lambda p, n: went.append((p, n)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.summary is not None
    qtbot.waitUntil(lambda: dialog.summary is not None and dialog.summary.summary is not None,
                    timeout=10_000)
    return dialog


def test_pre_export_summary_lists_an_unverified_claim_and_goes_to_it(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    claim = case.claims.create(statement="Exports to China fell by a third in 2026",
                               status=ClaimStatus.UNVERIFIED)
    text = DraftText("The river was calm.\n\nExports fell by a third this year.",
                     (Anchor(21, 44, claim.uuid),))
    draft = case.drafts.create(headline="Border", body=text.serialize())
    went: list = []
    dialog = summary_dialog(qtbot, case, draft.uuid, tmp_path, went)
    assert dialog.summary is not None
    rows = [dialog.summary.list.item(i).text() for i in range(dialog.summary.list.count())]
    # no evidence yet: the checker blocks it, and the summary names it as unverified
    assert rows[0] == "Blocking findings (1)" and "Exports fell by a third" in rows[1]
    assert rows[2] == "Claims not yet verified (1)"
    assert rows[3].strip() == ("“Exports fell by a third” — unverified: Exports to China "
                               "fell by a third in 2026")
    assert "Export anyway" in dialog.summary.state.text()
    assert dialog.export_button.isEnabled()
    assert dialog.export_button.text().replace("&", "") == "Export anyway"
    assert [f.kind for f in dialog.options().allow_blocking] == [
        f.kind for f in dialog.summary.summary.blocking]
    lst = dialog.summary.list
    rect = lst.visualItemRect(lst.item(3))
    assert lst.viewport().rect().contains(rect.center())
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert lst.currentRow() == 3 and not went
    qtbot.keyClick(lst, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(went), timeout=5_000)
    assert went == [(21, 23)] and not dialog.isVisible()


def test_pre_export_summary_lists_blocking_findings_and_refuses_a_protected_name(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    case.sources.create(name="Pavel Orlov", ground_rules=GroundRules.CONFIDENTIAL,
                        attribution_phrase="a customs officer")
    gone = case.claims.create(statement="Gone")
    text = DraftText("Trucks wait.\n\nPavel Orlov said so.", (Anchor(0, 6, gone.uuid),))
    draft = case.drafts.create(headline="Border", body=text.serialize())
    case.trash.delete(case.claims.get(gone.uuid))
    went: list = []
    dialog = summary_dialog(qtbot, case, draft.uuid, tmp_path, went)
    assert dialog.summary is not None
    rows = [dialog.summary.list.item(i).text() for i in range(dialog.summary.list.count())]
    assert rows[0] == "Blocking findings (2)"
    assert any("no longer exists" in r for r in rows) and any("Pavel Orlov" in r for r in rows)
    assert "cannot be exported" in dialog.summary.state.text()
    assert not dialog.export_button.isEnabled()


def test_a_clean_draft_exports_without_questions(case: CaseFile, qtbot,
                                                 tmp_path: Path) -> None:
    draft = case.drafts.create(headline="Border", body=CLEAN)
    dialog = summary_dialog(qtbot, case, draft.uuid, tmp_path, [])
    assert dialog.summary is not None
    assert "No problems found" in dialog.summary.state.text()
    assert dialog.summary.list.isHidden() and dialog.export_button.isEnabled()


def test_from_the_window_the_summary_goes_to_the_words_and_nothing_is_written(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    from ui.main_window import MainWindow

    claim = case.claims.create(statement="Exports to China fell by a third in 2026")
    text = DraftText("The river was calm.\n\nExports fell by a third this year.",
                     (Anchor(21, 44, claim.uuid),))
    case.drafts.create(headline="Border", body=text.serialize())
    window = MainWindow(case, ScriptedPrompts([]))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    chose: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog) and dialog.summary is not None
        qtbot.waitUntil(lambda: dialog.summary.summary is not None, timeout=10_000)
        lst = dialog.summary.list
        row = next(i for i in range(lst.count()) if "unverified:" in lst.item(i).text())
        chose.append(lst.item(row).text())
        lst.setCurrentRow(row)
        lst.setFocus()
        qtbot.keyClick(lst, Qt.Key.Key_Return)

    QTimer.singleShot(100, answer)
    window.export_draft()
    qtbot.waitUntil(lambda: window.draft_panel.body.textCursor().hasSelection(),
                    timeout=10_000)
    assert chose
    panel = window.draft_panel
    assert panel.body.textCursor().selectedText() == "Exports fell by a third"
    assert [m.cursor.selectedText() for m in panel.body.extraSelections()] == [
        "Exports fell by a third"]
    assert not list(tmp_path.glob("*.docx")) and not list(case.path.parent.glob("*.docx"))


def test_the_publication_date_is_picked_from_a_calendar(case: CaseFile, qtbot) -> None:
    from datetime import date

    draft = case.drafts.create(headline="Border", body=CLEAN)
    panel = panel_for(qtbot, case, draft.uuid)
    qtbot.keyClicks(panel.published, "2026-12-01")

    def pick() -> None:
        calendar = panel.calendar.calendar
        try:
            qtbot.waitUntil(calendar.isVisible, timeout=5_000)
            assert calendar.selectedDate().toString("yyyy-MM-dd") == "2026-12-01"
            days = calendar.findChild(QTableView)
            qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day
            qtbot.keyClick(days, Qt.Key.Key_Return)
        finally:
            menu = panel.calendar.menu()
            if menu is not None and menu.isVisible():
                menu.close()  # a failed pick must not leave the popup's loop running

    QTimer.singleShot(50, pick)
    qtbot.mouseClick(panel.calendar, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored(case, draft.uuid, "published_on") == date(2026, 12, 2),
                    timeout=5_000)
    assert panel.published.text() == "2026-12-02"
    assert panel.published_as.text() == "prints as Dec. 2, 2026"


def test_export_waits_for_the_summary_of_what_was_just_typed_and_asks_once(
        case: CaseFile, qtbot, tmp_path: Path, monkeypatch) -> None:
    import threading

    from ui import draft_export_summary
    from ui.main_window import MainWindow

    claim = case.claims.create(statement="Exports to China fell by a third in 2026")
    text = DraftText("The river was calm.\n\nExports fell by a third this year.",
                     (Anchor(21, 44, claim.uuid),))
    case.drafts.create(headline="Border", body=text.serialize())
    out = tmp_path / "story.docx"
    prompts = ScriptedPrompts([False])  # "Show it in its folder?" — the only question
    window = MainWindow(case, prompts)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    panel = window.draft_panel
    panel.body.setFocus()
    panel.body.moveCursor(panel.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.body, ' Drivers said "we wait here for days on end" again.')
    gate = threading.Event()  # the summary's check held until the dialog has been tried
    summarize = draft_export_summary.summarize
    seen: dict[str, object] = {}

    def held(c: CaseFile, d: uuid.UUID):
        seen["body read"] = c.drafts.text(d).text
        return gate.wait(10) and summarize(c, d)

    monkeypatch.setattr(draft_export_summary, "summarize", held)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ExportDialog) and dialog.summary is not None
            dialog.path.setText(str(out))
            seen["enabled while checking"] = dialog.export_button.isEnabled()
            qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Enter while checking: nothing
            seen["open after Enter"] = dialog.isVisible()
            gate.set()
            qtbot.waitUntil(dialog.export_button.isEnabled, timeout=10_000)
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        finally:
            gate.set()
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(100, answer)
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.export_draft()
    assert seen["enabled while checking"] is False and seen["open after Enter"] is True
    # the words typed a moment before the export are in the summary (saved first)
    assert "we wait here for days on end" in str(seen["body read"])
    assert out.exists()
    assert [k for k, _t, _m in prompts.shown] == ["confirm"]  # the folder question only
    assert "Exported to" in prompts.shown[0][2]


def test_dateline_and_contributor_line_edits_are_undone_like_every_field(
        case: CaseFile, qtbot) -> None:
    from ui.main_window import MainWindow

    case.team.create(name="Anne Dupont", role=TeamRole.CONTRIBUTOR, base_city="Brussels")
    draft = case.drafts.create(headline="Border", body=CLEAN)
    window = MainWindow(case, ScriptedPrompts([]))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.show_kind("draft")
    window.table.selectRow(0)
    panel = window.draft_panel
    panel.dateline_place.setFocus()
    qtbot.keyClicks(panel.dateline_place, "Blagoveshchensk")
    qtbot.waitUntil(lambda: stored(case, draft.uuid, "dateline_place") == "Blagoveshchensk",
                    timeout=5_000)  # saved after the pause in typing
    qtbot.mouseClick(panel.facts.generate, Qt.MouseButton.LeftButton)
    line = "Anne Dupont in Brussels contributed to this article."
    qtbot.waitUntil(lambda: stored(case, draft.uuid, "contributor_line") == line,
                    timeout=10_000)
    assert "contributor" in window.undo_action.text().lower() or \
        "draft" in window.undo_action.text().lower()
    window.undo_action.trigger()  # the generated line goes back out
    assert stored(case, draft.uuid, "contributor_line") == ""
    window.changes.flush()
    assert panel.contributor_line.text() == ""
    window.undo_action.trigger()  # then the dateline typed
    assert stored(case, draft.uuid, "dateline_place") == ""
    window.redo_action.trigger()
    assert stored(case, draft.uuid, "dateline_place") == "Blagoveshchensk"
