"""A whole story through the app alone, as a correspondent files it: a new case from the start
screen, the team, sources (one confidential), an interview with quotes, a document with an
excerpt, a photo, claims with their evidence, a request for comment, a draft — exported to
Word and read back. Only widgets are driven (clicks, keys, the app's own dialogs); the core is
read only to check what reached the file."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PIL import Image
from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.controller import AppController
from ui.export_dialog import ExportDialog
from ui.main_window import MainWindow
from ui.new_request import NewRequestDialog
from ui.prompts import ScriptedPrompts

PROTECTED = ("Dmitry Orlov", "Orlov")


def answer_modal(check: Callable[[QWidget], None], delay_ms: int = 50) -> list[QWidget]:
    """Handle the next modal dialog as a person would; the dialogs seen, for asserting."""
    seen: list[QWidget] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(delay_ms, act)
            return
        seen.append(dialog)
        try:
            check(dialog)
        finally:
            if dialog.isVisible() and isinstance(dialog, QDialog):
                dialog.reject()

    QTimer.singleShot(delay_ms, act)
    return seen


def new_record(qtbot, window: MainWindow, prompts: ScriptedPrompts, kind: str,
               text: str) -> None:
    """Edit → New record… in a section, answering its one question."""
    window.show_kind(kind)
    prompts.answers.append(text)
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.detail_stack.currentWidget() is window.panels[kind],
                    timeout=5000)


def type_into(qtbot, widget: QWidget, text: str) -> None:
    """Click into a field, replace what it has and type; a line ends with Return, a text box
    is left to save itself as typed (an offscreen window never loses focus to Tab)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    if isinstance(widget, QLineEdit):
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    else:
        qtbot.wait(1000)  # past the debounce: saved while the cursor is still in it


def pick_person(qtbot, picker, name: str) -> None:
    """Type a name into a people picker and take the first match with Enter."""
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, name)
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)


def choose(combo, value: object) -> None:
    """Pick an entry of a combo box by the value it stands for."""
    index = next(i for i in range(combo.count()) if combo.itemData(i) == value)
    combo.setCurrentIndex(index)


def select_words(edit, words: str) -> None:
    """Select `words` in a plain or rich text box, as dragging over them does."""
    text = edit.toPlainText()
    start = text.index(words)
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def photo_file(folder: Path) -> Path:
    """A real JPEG with a camera time, as a phone at the border crossing writes it."""
    path = folder / "border-crossing.jpg"
    image = Image.new("RGB", (320, 200), (90, 120, 160))
    exif = Image.Exif()
    exif[0x0132] = "2026:02:14 09:30:00"
    exif[0x010F] = "Fujifilm"
    image.save(path, "JPEG", exif=exif)
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    return documents


def test_a_whole_story_through_the_app(qtbot, tmp_path: Path, home: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    prompts = ScriptedPrompts()
    controller = AppController(prompts, settings,
                               sample_path=lambda: tmp_path / "data" / "Sample.casefile")
    screen = controller.show_start()
    target = home / "Casefile" / "Amur crossing.casefile"
    prompts.answers.extend([target, "Trade at the Amur crossing", False])
    qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    [window] = controller.windows
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    case = window.case
    assert case.path == target

    # The team: the reporter on the byline, two colleagues who contributed from elsewhere.
    for name, role, base in (("Anna Kovalenko", "reporter", "Blagoveshchensk"),
                             ("Oleh Marchenko", "contributor", "Kyiv"),
                             ("Maria Lind", "contributor", "Brussels")):
        new_record(qtbot, window, prompts, "team_member", name)
        team = window.team_panel
        choose(team.role, role)
        type_into(qtbot, team.base_city, base)
        if role == "reporter":
            team.byline.setValue(1)
    members = {m.name: m for m in case.team.page()}
    assert members["Oleh Marchenko"].base_city == "Kyiv"
    assert str(members["Maria Lind"].role.value) == "contributor"

    # Sources: two on the record, a bank, and a customs officer who spoke in confidence.
    for name in ("Yuri Petrov", "Amur Commerce Bank", "Dmitry Orlov"):
        new_record(qtbot, window, prompts, "source", name)
    form = window.source_form
    choose(form.rules, "confidential")
    type_into(qtbot, form.phrase, "a customs officer at the crossing")
    type_into(qtbot, form.notes, "Met at the cafe by the bridge; call only on Signal.")
    orlov = next(s for s in case.sources.page() if s.name == "Dmitry Orlov")
    assert orlov.is_protected and orlov.attribution_phrase.startswith("a customs officer")
    assert "Signal" in orlov.notes  # typed notes are in the file without leaving the record

    # Interviews with quotes marked in the transcripts.
    quotes = {}
    for title, speaker, transcript, words in (
            ("Petrov at the crossing", "Yuri Petrov",
             "Petrov: We used to ship forty trucks a week. Now it is ten, maybe twelve.",
             "We used to ship forty trucks a week. Now it is ten"),
            ("Customs officer, by the bridge", "Dmitry Orlov",
             "Officer: Inspections have doubled since March, every truck is opened.",
             "Inspections have doubled since March")):
        new_record(qtbot, window, prompts, "interview", title)
        panel = window.interview_panel
        pick_person(qtbot, panel.people, speaker)
        panel.transcript.setFocus()
        qtbot.keyClicks(panel.transcript, transcript)
        panel.save()
        select_words(panel.transcript, words)
        panel.make_quote_action.trigger()
        quotes[speaker] = words
        listed = panel.quote_list
        qtbot.waitUntil(lambda listed=listed: listed.rowCount() == 1, timeout=5000)
        assert words in listed.item(0, 0).text()
        shown = " ".join(listed.item(0, c).text() for c in range(listed.columnCount()))
        assert "Orlov" not in shown + panel.heading.text()  # the confidential speaker
    made = {q.text for q in case.quotes.page()}
    assert made == set(quotes.values())

    # A document with an excerpt, entered in the excerpt form.
    new_record(qtbot, window, prompts, "document", "Customs statistics, Amur oblast")
    doc_panel = window.document_panel
    type_into(qtbot, doc_panel.details.widgets["issued"], "Feb 2026")
    qtbot.mouseClick(doc_panel.add_excerpt_button, Qt.MouseButton.LeftButton)
    excerpt_form = doc_panel.excerpt_form
    assert excerpt_form is not None
    qtbot.keyClicks(excerpt_form.passage, "Freight vehicles crossing at Blagoveshchensk: "
                                          "-74% year on year")
    excerpt_form.where.setFocus()
    qtbot.keyClicks(excerpt_form.where, "3")
    qtbot.mouseClick(excerpt_form.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    [document] = case.documents.page()
    assert document.issued == "2026-02"
    [excerpt] = case.excerpts.page()
    assert "-74%" in excerpt.text and "3" in excerpt.locator

    # A photo from the border crossing, captioned and credited.
    prompts.answers.append([photo_file(tmp_path)])
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.choose_photos()
    window.show_kind("photo")
    window.grid.setCurrentIndex(window.list_model.index(0, 0))
    photo_panel = window.photo_panel
    type_into(qtbot, photo_panel.caption, "Trucks queue at the Blagoveshchensk crossing.")
    [photo] = case.photos.page()
    assert photo.caption.startswith("Trucks queue")

    # Claims, each linked to its evidence through the claim form's own search.
    for statement, search, in (("Truck traffic at the crossing has fallen by three quarters",
                                "forty trucks"),
                               ("Customs inspections at the crossing have doubled",
                                "Inspections")):
        new_record(qtbot, window, prompts, "claim", statement)
        prompts.answers.extend([search, 0])
        window.claim_panel.link_button.click()
    traffic = next(c for c in case.claims.page() if c.statement.startswith("Truck"))
    prompts.answers.extend(["74%", 0])
    window.open_record("claim", str(traffic.uuid))
    window.claim_panel.link_button.click()
    linked = {c.statement: len(c.evidence) for c in case.claims.page()}
    assert linked == {"Truck traffic at the crossing has fallen by three quarters": 2,
                      "Customs inspections at the crossing have doubled": 1}

    # A request for comment to the bank, which did not answer.
    window.show_kind("comment_request")

    def fill_request(dialog: QWidget) -> None:
        assert isinstance(dialog, NewRequestDialog)
        pick_person(qtbot, dialog.recipient, "Amur Commerce")
        dialog.subject.setFocus()
        qtbot.keyClicks(dialog.subject, "Why it stopped lending to importers")
        qtbot.keyClick(dialog.subject, Qt.Key.Key_Return)

    asked = answer_modal(fill_request)
    window.new_action.trigger()
    qtbot.waitUntil(lambda: case.requests.count() == 1, timeout=10_000)
    assert asked
    pick_person(qtbot, window.request_panel.claims, "Truck traffic")
    choose(window.request_panel.status, "no_response")
    [request] = case.requests.page()
    assert request.source.name == "Amur Commerce Bank"
    assert [c.statement for c in request.claims] == [
        "Truck traffic at the crossing has fallen by three quarters"]
    assert request.status.value == "no_response"

    # The draft: headline, dateline, body with both claims bound, contributors, a photo.
    new_record(qtbot, window, prompts, "draft", "Trade at the Amur crossing collapses")
    draft_panel = window.draft_panel
    type_into(qtbot, draft_panel.facts.place, "Blagoveshchensk")
    type_into(qtbot, draft_panel.facts.country, "Russia")
    body = ("Truck traffic at the crossing has fallen by three quarters. "
            "Customs inspections at the crossing have doubled. "
            "Amur Commerce Bank did not respond to a request for comment.")
    draft_panel.body.setFocus()
    qtbot.keyClicks(draft_panel.body, body)
    claims = [c.statement for c in case.claims.page(limit=100)]
    for statement in ("Truck traffic at the crossing has fallen by three quarters",
                      "Customs inspections at the crossing have doubled"):
        select_words(draft_panel.body, statement)
        prompts.answers.append(claims.index(statement))
        draft_panel.bind_action.trigger()
    qtbot.mouseClick(draft_panel.facts.generate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: draft_panel.facts.contributor.text() == (  # made on a worker
        "Oleh Marchenko in Kyiv and Maria Lind in Brussels contributed to this article."),
        timeout=30_000)
    cursor = draft_panel.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    draft_panel.body.setTextCursor(cursor)
    draft_panel.insert_photo(photo.uuid)
    draft_panel.save()
    [draft] = case.drafts.page()
    assert draft.dateline_place == "Blagoveshchensk" and len(draft.byline) == 1

    # Export through the dialog, as an editor's copy, and read the Word file back.
    out = tmp_path / "amur-draft.docx"
    prompts.answers.extend([out, False])  # Browse…; "Show it in its folder?" no

    def export(dialog: QWidget) -> None:
        assert isinstance(dialog, ExportDialog)
        next(b for b in dialog.findChildren(QPushButton) if "Browse" in b.text()).click()
        qtbot.waitUntil(dialog.export_button.isEnabled, timeout=60_000)  # the summary shown
        dialog.export_button.click()  # "Export anyway" there is the one decision

    answer_modal(export, 200)
    with qtbot.waitSignal(window.job_finished, timeout=120_000):
        window.export_draft()
    assert out.exists()
    exported = docx.Document(str(out))
    text = "\n".join(p.text for p in exported.paragraphs)
    assert exported.paragraphs[0].text == "Trade at the Amur crossing collapses"
    assert "Anna Kovalenko" in text and "BLAGOVESHCHENSK" in text.upper()
    assert "Trucks queue at the Blagoveshchensk crossing." in text  # the photo's caption
    assert "Oleh Marchenko in Kyiv and Maria Lind in Brussels contributed" in text
    assert "Amur Commerce Bank did not respond to a request for comment." in text
    replies = exported.tables[-1]  # the appendix: what the story prints for each request
    assert [c.text for c in replies.rows[1].cells][:1] == ["Amur Commerce Bank"]
    assert "did not respond" in replies.rows[1].cells[-1].text
    assert not replies.rows[1].cells[-1].text.startswith("Not in the draft")
    with zipfile.ZipFile(out) as package:
        everything = " ".join(package.read(n).decode("utf-8", "replace")
                              for n in package.namelist()
                              if n.endswith((".xml", ".rels")))
        assert "Freight vehicles crossing" in everything  # the excerpt, in a footnote
        assert "forty trucks" in everything
        assert "according to a customs officer at the crossing" in everything  # the phrase
        for name in PROTECTED:
            assert name not in everything, f"{name!r} leaked into {out.name}"
    window.close()
