"""Documents in the window: files dropped become documents (a picture on Documents is
asked about), excerpts entered in a multi-line form with a locator, "Issued" typed the way
people write dates, and "Open the file" saying when no program can open it — real widgets,
real drop events and key presses, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from casefile import CaseFile
from casefile.errors import ValidationError
from casefile.typed_dates import typed_date
from tests.conftest import jpeg_bytes
from tests.test_documents import make_pdf
from ui.document_panel import DocumentPanel
from ui.excerpt_form import ExcerptForm, join_locator, split_locator
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts

PNG = Path("/tmp/b19/png")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def new_window(qtbot, case: CaseFile, prompts: ScriptedPrompts | None = None) -> MainWindow:
    settings = QSettings(str(Path(case.path).with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(case, prompts or ScriptedPrompts(), settings=settings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window


def drop(window: MainWindow, paths: list[Path]) -> None:
    """A real drop of files from a file manager onto the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(300, 200), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert event.isAccepted()


def document_window(qtbot, case: CaseFile, prompts: ScriptedPrompts | None = None
                    ) -> tuple[MainWindow, DocumentPanel]:
    case.documents.create(title="Customs letter", kind="letter", issued="2026-03")
    window = new_window(qtbot, case, prompts)
    window.show_kind("document")
    window.table.selectRow(0)
    assert window.detail_stack.currentWidget() is window.document_panel
    return window, window.document_panel


def test_a_pdf_dropped_on_documents_becomes_a_document_with_its_file(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    pdf = tmp_path / "amur-trade.pdf"
    pdf.write_bytes(make_pdf(4))
    prompts = ScriptedPrompts()
    window = new_window(qtbot, case, prompts)
    window.show_kind("document")
    with qtbot.waitSignal(window.files.job_finished, timeout=30_000):
        drop(window, [pdf])
    [doc] = case.documents.page()
    assert doc.title == "Крест-накрест: trade report" and doc.page_count == 4
    stored = case.documents.stored_file(doc.uuid)
    assert stored is not None and stored.file_name == "amur-trade.pdf"
    assert stored.media_type == "application/pdf"
    assert case.photos.count() == 0 and not prompts.shown  # no "not a photo" refusal
    assert window.current_kind == "document"
    assert window.document_panel.record is not None
    assert window.document_panel.record.uuid == doc.uuid  # the new document is shown
    window.undo_action.trigger()  # one step takes it back out
    assert case.documents.count() == 0


def test_documents_dropped_on_another_view_still_become_documents(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    csv = tmp_path / "crossings.csv"
    csv.write_text("week,trucks\n40,412\n")
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear editor,\n")
    photo = tmp_path / "IMG_1.jpg"
    photo.write_bytes(jpeg_bytes())
    prompts = ScriptedPrompts()
    window = new_window(qtbot, case, prompts)
    window.show_kind("photo")
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        drop(window, [csv, photo, letter])
    qtbot.waitUntil(lambda: case.documents.count() == 2, timeout=30_000)
    assert sorted(d.title for d in case.documents.page()) == ["crossings", "letter"]
    assert case.photos.count() == 1  # the picture went to the photos, unasked
    assert not any("rejected" in message for _k, _t, message in prompts.shown)


@pytest.mark.parametrize(("answer", "photos", "documents"), [(0, 0, 1), (1, 1, 0),
                                                              (None, 0, 0)])
def test_a_picture_dropped_on_documents_is_asked_about(case: CaseFile, qtbot, tmp_path: Path,
                                                       answer, photos, documents) -> None:
    scan = tmp_path / "scan of the letter.jpg"
    scan.write_bytes(jpeg_bytes())
    prompts = ScriptedPrompts([answer] if answer is not None else [])
    window = new_window(qtbot, case, prompts)
    window.show_kind("document")
    drop(window, [scan])
    assert prompts.shown[0][:2] == ("choose", "Dropped pictures")
    assert "1 picture(s) dropped on Documents" in prompts.shown[0][2]
    qtbot.waitUntil(lambda: not window.files.jobs, timeout=30_000)
    assert (case.photos.count(), case.documents.count()) == (photos, documents)


def test_a_file_that_cannot_be_read_is_named(case: CaseFile, qtbot, tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(make_pdf(1))
    gone = tmp_path / "gone.pdf"  # dropped, then deleted before it was read
    prompts = ScriptedPrompts()
    window = new_window(qtbot, case, prompts)
    window.show_kind("document")
    with qtbot.waitSignal(window.files.job_finished, timeout=30_000):
        drop(window, [good, gone])
    assert case.documents.count() == 1
    [(kind, title, message)] = prompts.shown
    assert (kind, title) == ("error", "Add documents")
    assert "Not added (1)" in message and "gone.pdf" in message and "no such file" in message


def press_save(form: ExcerptForm) -> None:
    button = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def test_excerpts_are_entered_and_edited_in_a_multi_line_form(case: CaseFile, qtbot) -> None:
    window, panel = document_window(qtbot, case)
    QTest.mouseClick(panel.add_excerpt_button, Qt.MouseButton.LeftButton)
    form = panel.excerpt_form
    assert form is not None and form.isVisible()
    press_save(form)  # nothing typed: refused in the form, which stays open
    assert "Type or paste the passage first" in form.problem.text() and form.isVisible()
    form.passage.setFocus()
    qtbot.keyClicks(form.passage, "Exports to China fell")
    QTest.keyClick(form.passage, Qt.Key.Key_Return)
    qtbot.keyClicks(form.passage, "by 31 per cent.  ")
    form.kind.setCurrentIndex(form.kind.findText("Table"))
    qtbot.keyClicks(form.where, "2, row Primorye")
    assert form.cited.text() == "table 2, row Primorye"
    qtbot.keyClicks(form.note, "checked against the annual table")
    if PNG.is_dir():
        form.grab().save(str(PNG / "p6-excerpt-form-typed.png"))
    press_save(form)
    assert panel.excerpt_form is None or not panel.excerpt_form.isVisible()
    [excerpt] = case.excerpts.of_document(panel.record.uuid)
    assert excerpt.text == "Exports to China fell\nby 31 per cent."
    assert (excerpt.locator, excerpt.note) == ("table 2, row Primorye",
                                               "checked against the annual table")
    assert panel.excerpts.item(0).text().startswith("table 2, row Primorye: “Exports")
    # editing opens the same form, filled in; the locator is read back into its parts
    panel.excerpts.setCurrentRow(0)
    QTest.mouseClick(panel.edit_excerpt_button, Qt.MouseButton.LeftButton)
    form = panel.excerpt_form
    assert form is not None and form.passage.toPlainText() == excerpt.text
    assert (form.kind.currentText(), form.where.text()) == ("Table", "2, row Primorye")
    form.kind.setCurrentIndex(form.kind.findText("Page"))
    form.where.selectAll()
    qtbot.keyClicks(form.where, "14")
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    form.passage.setFocus()
    QTest.keyClick(form.passage, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window.table, Qt.Key.Key_Shift)  # no Ctrl left held for the next test
    assert case.excerpts.get(excerpt.uuid).locator == "p. 14"
    window.undo_action.trigger()
    assert case.excerpts.get(excerpt.uuid).locator == "table 2, row Primorye"


def test_an_untouched_locator_keeps_its_spelling() -> None:
    for locator in ("page 3", "Table 4", "p. 14", "§2", "annex B", ""):
        index, value = split_locator(locator)
        if locator and locator[0].islower():
            assert join_locator(index, value).split()[-1] == locator.split()[-1]
    assert split_locator("pp. 3–4") == (1, "3–4")
    assert split_locator("annex B") == (7, "annex B")


def test_issued_is_understood_as_people_type_it(case: CaseFile, qtbot) -> None:
    window, panel = document_window(qtbot, case)
    issued = panel.details.widgets["issued"]
    for typed, stored in (("Feb 2026", "2026-02"), ("12 February 2026", "2026-02-12"),
                          ("2026", "2026"), ("2026-02", "2026-02")):
        issued.setFocus()
        issued.selectAll()
        qtbot.keyClicks(issued, typed)
        QTest.keyClick(issued, Qt.Key.Key_Return)
        assert case.documents.get(panel.record.uuid).issued == stored
        assert panel.problem.text() == ""
    assert "2026" in panel.citation.text()
    issued.selectAll()
    qtbot.keyClicks(issued, "Febuary 2026")
    QTest.keyClick(issued, Qt.Key.Key_Return)
    assert case.documents.get(panel.record.uuid).issued == "2026-02"  # unchanged
    message = panel.problem.text()
    assert "“Febuary 2026”" in message and "Feb 2026" in message and "2026-02-12" in message
    assert issued.text() == "Febuary 2026"  # what was typed stays, to be corrected
    # a stored value is shown as kept once the field is left
    issued.selectAll()
    qtbot.keyClicks(issued, "Mar 2026")
    window.table.setFocus()
    issued.editingFinished.emit()
    assert case.documents.get(panel.record.uuid).issued == "2026-03"
    assert issued.text() == "2026-03"
    if PNG.is_dir():
        window.grab().save(str(PNG / "p6-document-issued.png"))


@given(st.dates(), st.sampled_from(["{y}", "{y}-{m:02d}", "{y}-{m:02d}-{d:02d}",
                                   "{mon} {y}", "{mon3} {y}", "{d} {mon} {y}",
                                   "{d} {mon3} {y}", "{mon} {d}, {y}", "{d:02d}.{m:02d}.{y}"]))
def test_each_accepted_form_gives_the_partial_iso_date(day, form: str) -> None:
    y, m, d = day.year, day.month, day.day
    typed = form.format(y=f"{y:04d}", m=m, d=d, mon=MONTHS[m - 1], mon3=MONTHS[m - 1][:3])
    want = f"{y:04d}" + (f"-{m:02d}" if "m" in form or "mon" in form else "") + (
        f"-{d:02d}" if "{d" in form else "")
    assert typed_date(typed, "Issued") == want


def test_what_is_not_a_date_is_refused_saying_what_is_accepted(case: CaseFile) -> None:
    doc = case.documents.create(title="Report")
    for bad in ("Febuary 2026", "2026-02-30", "springtime 2026", "12/02/2026", "next week"):
        with pytest.raises(ValidationError) as refused:
            case.documents.update(doc.uuid, issued=bad)
        assert f"“{bad}”" in str(refused.value) and "Feb 2026" in str(refused.value)
    assert case.documents.update(doc.uuid, accessed="14 Mar 2026").accessed == "2026-03-14"
    assert case.documents.update(doc.uuid, issued="").issued == ""


def test_open_the_file_says_when_no_program_can_open_it(case: CaseFile, qtbot,
                                                         monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no desktop lookup tool: openUrl's word
    asked = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: asked.append(url.toLocalFile()) or False)
    pdf = tmp_path / "ruling.pdf"
    pdf.write_bytes(make_pdf(1))
    case.documents.add_file(pdf)
    prompts = ScriptedPrompts()
    window = new_window(qtbot, case, prompts)
    window.show_kind("document")
    window.table.selectRow(0)
    panel = window.document_panel
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and asked[0].endswith("ruling.pdf")
    [(kind, title, message)] = prompts.shown
    assert (kind, title) == ("info", "Open the file")
    assert "No program on this computer opens PDF (application/pdf) files" in message
    assert "“ruling.pdf”" in message and panel.problem.text() == message
    QApplication.processEvents()


def test_opening_an_excerpt_shows_its_document_with_it_chosen(case: CaseFile, qtbot) -> None:
    other = case.documents.create(title="Another report")
    doc = case.documents.create(title="Trade table", kind="statistics")
    case.excerpts.create(document=doc.uuid, text="Imports rose.", locator="table 1")
    wanted = case.excerpts.create(document=doc.uuid, text="Exports fell.", locator="table 4")
    window = new_window(qtbot, case)
    window.show_kind("source")
    assert window.open_record("excerpt", str(wanted.uuid))
    panel = window.document_panel
    assert window.detail_stack.currentWidget() is panel and panel.record.uuid == doc.uuid
    assert panel.excerpts.currentItem().text() == "table 4: “Exports fell.”"
    assert panel.record.uuid != other.uuid


def test_an_old_free_text_issued_date_cites_and_exports(case: CaseFile, tmp_path: Path) -> None:
    import sqlite3

    import docx

    from casefile.export.docx_draft import export_draft
    from tests.test_citations import footnote_texts

    feb = case.documents.create(title="Port statistics", kind="statistics", publisher="Port")
    spring = case.documents.create(title="Customs memo", kind="letter", publisher="Customs")
    claim = case.claims.create(statement="Exports fell", status="supported")
    for doc in (feb, spring):
        excerpt = case.excerpts.create(document=doc.uuid, text="Exports fell.")
        case.evidence.create(claim=claim.uuid, excerpt=excerpt.uuid)
    draft = case.drafts.create(headline="Trade",
                               body=f"⟦claim:{claim.uuid}⟧Exports fell.⟦/claim⟧")
    path = case.path
    case.close()
    with sqlite3.connect(path) as db:  # what a file from before typed dates holds
        db.execute("UPDATE documents SET issued = 'Feb 2026' WHERE title = 'Port statistics'")
        db.execute("UPDATE documents SET issued = 'spring 2025' WHERE title = 'Customs memo'")
    db.close()
    with CaseFile.open(path) as old:
        assert old.documents.get(feb.uuid).issued == "Feb 2026"
        assert "2026" in old.documents.citation(feb.uuid)
        assert "Spring 2025" in old.documents.citation(spring.uuid)  # a season now
        items = old.documents.export_csl()
        assert {i["title"]: i["issued"] for i in items} == {
            "Port statistics": {"date-parts": [[2026, 2]]},
            "Customs memo": {"date-parts": [[2025]], "season": 1}}
        out = export_draft(old, draft.uuid, tmp_path / "old.docx", profile="editor",
                           allow_blocking=True).path
        notes = "\n".join(footnote_texts(docx.Document(str(out))).values())
        assert "Spring 2025" in notes and "2026" in notes


def fake_tool(folder: Path, name: str, script: str) -> None:
    tool = folder / name
    tool.write_text("#!/bin/sh\n" + script + "\n")
    tool.chmod(0o755)


@pytest.mark.parametrize("tool", ["xdg-mime", "gio"])
def test_open_the_file_says_no_viewer_when_the_desktop_has_none(
        case: CaseFile, qtbot, monkeypatch, tmp_path: Path, tool: str) -> None:
    """On Linux openUrl says True once xdg-open starts: the desktop's table is asked first."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    asked_for = tmp_path / "asked"
    viewer = tmp_path / "has-viewer"
    if tool == "xdg-mime":  # `xdg-mime query default TYPE`: the .desktop file, or nothing
        fake_tool(bin_dir, "xdg-mime", f'echo "$3" >> "{asked_for}"\n'
                  f'[ -e "{viewer}" ] && echo evince.desktop\nexit 0')
    else:  # `gio mime TYPE`
        fake_tool(bin_dir, "gio", f'echo "$2" >> "{asked_for}"\n'
                  f'if [ -e "{viewer}" ]; then echo "Default application for “$2”: '
                  f'evince.desktop"; else echo "No default applications for “$2”"; fi')
    monkeypatch.setenv("PATH", str(bin_dir))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    pdf = tmp_path / "ruling.pdf"
    pdf.write_bytes(make_pdf(1))
    case.documents.add_file(pdf)
    prompts = ScriptedPrompts()
    window = new_window(qtbot, case, prompts)
    window.show_kind("document")
    window.table.selectRow(0)
    panel = window.document_panel
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened == []  # not handed to xdg-open, which would fail unseen
    assert "application/pdf" in asked_for.read_text().split()
    [(kind, title, message)] = prompts.shown
    assert (kind, title) == ("info", "Open the file")
    assert "No program on this computer opens PDF (application/pdf) files" in message
    viewer.write_text("")  # a viewer installed: the file opens, nothing is said
    QTest.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].endswith("ruling.pdf") and len(prompts.shown) == 1


def test_closing_the_excerpt_form_asks_before_a_typed_passage_goes(case: CaseFile,
                                                                   qtbot) -> None:
    window, panel = document_window(qtbot, case, ScriptedPrompts())
    QTest.mouseClick(panel.add_excerpt_button, Qt.MouseButton.LeftButton)
    form = panel.excerpt_form
    assert form is not None
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    form.passage.setFocus()
    qtbot.keyClicks(form.passage, "Exports to China fell by 31 per cent.")
    QTest.keyClick(form.passage, Qt.Key.Key_Escape)  # "discard?" — no (the default)
    assert window.prompts.shown[-1][0] == "confirm" and "Discard" in window.prompts.shown[-1][2]
    assert form.isVisible() and form.passage.toPlainText().startswith("Exports")
    form.close()  # the window's ✕ asks too
    assert form.isVisible() and len(window.prompts.shown) == 2
    window.prompts.answers.append(True)  # yes: discard
    QTest.keyClick(form.passage, Qt.Key.Key_Escape)
    assert not form.isVisible() and case.excerpts.count() == 0
    # an untouched form (and an edit left as it was) closes without a question
    QTest.mouseClick(panel.add_excerpt_button, Qt.MouseButton.LeftButton)
    form = panel.excerpt_form
    assert form is not None
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    QTest.keyClick(form.passage, Qt.Key.Key_Escape)
    assert not form.isVisible() and len(window.prompts.shown) == 3


@given(st.sampled_from(["мартышка", "августовский", "Mayor", "Marching", "Junebug", "январик",
                        "Febuary", "маятник"]), st.integers(1000, 9999))
def test_a_word_that_only_starts_like_a_month_is_refused(word: str, year: int) -> None:
    with pytest.raises(ValidationError) as refused:
        typed_date(f"{word} {year}", "Issued")
    message = str(refused.value)
    assert "12.02.2026" in message and "февраль 2026" in message  # the dotted and Russian forms


@given(st.dates(), st.sampled_from(["{d}th {mon} {y}", "{d} of {mon} {y}", "{y} г.",
                                   "{mon_ru} {y} г.", "{d} {gen_ru} {y} г.", "{mon3}. {y}",
                                   "{d:02d}.{m:02d}.{y} г.", "{mon} {d}th, {y}"]))
def test_ordinal_dotted_and_russian_forms_are_understood(day, form: str) -> None:
    nominative = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                  "сентябрь", "октябрь", "ноябрь", "декабрь")
    genitive = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря")
    y, m, d = day.year, day.month, day.day
    typed = form.format(y=f"{y:04d}", m=m, d=d, mon=MONTHS[m - 1], mon3=MONTHS[m - 1][:3],
                        mon_ru=nominative[m - 1], gen_ru=genitive[m - 1])
    month = any(k in form for k in ("{m", "_ru}"))
    want = f"{y:04d}" + (f"-{m:02d}" if month else "") + (f"-{d:02d}" if "{d" in form else "")
    assert typed_date(typed, "Issued") == want
