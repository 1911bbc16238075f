"""The photo form (ui/photo_panel.py): credit to a team member or a source (a protected one
by its pseudonym with a lock), the people in it picked by typing, when it was taken with its
zone — all reaching the file, and a source's credit reaching the exported .docx."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import docx
from PySide6.QtCore import Qt

from casefile import CaseFile
from casefile.export.docx_draft import export_draft
from tests.conftest import jpeg_bytes
from tests.test_ui_pickers import shown_texts
from ui.kinds import BY_KEY
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts

HEIHE = timezone(timedelta(hours=8))


def photo_window(qtbot, case: CaseFile) -> tuple[MainWindow, object]:
    photo = case.photos.add(jpeg_bytes(), "post.jpg", caption="Trucks at the customs post.",
                            place_name="Heihe")
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.open_record("photo", str(photo.uuid))
    window.changes.flush()
    assert window.photo_panel.record is not None
    return window, photo


def pick(qtbot, picker, typed: str, wanted: str) -> None:
    """Type into a picker, go down to the match shown as `wanted` and press Enter."""
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, typed)
    shown = [picker.results.item(r).text() for r in range(picker.results.count())]
    assert wanted in shown, shown
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    for _ in range(shown.index(wanted)):
        qtbot.keyClick(picker.results, Qt.Key.Key_Down)
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)


def test_credit_can_be_a_source_and_reaches_the_export(case: CaseFile, qtbot,
                                                       tmp_path: Path) -> None:
    case.team.create(name="Maria Lindqvist")
    case.sources.create(name="Fyodor Guskov", ground_rules="on_record")
    window, photo = photo_window(qtbot, case)
    panel = window.photo_panel
    assert panel.credit.labels() == [] and panel.credit.empty.text() == "No credit."
    pick(qtbot, panel.credit, "Guskov", "Fyodor Guskov (source)")
    assert panel.credit.labels() == ["Fyodor Guskov (source)"]
    stored = case.photos.get(photo.uuid)
    assert stored.credit_source is not None and stored.credit_source.name == "Fyodor Guskov"
    assert stored.credit_member is None
    draft = case.drafts.create(headline="H", body=f"Trucks.\n\n⟦photo:{photo.uuid}⟧")
    out = export_draft(case, draft.uuid, tmp_path / "e.docx", allow_blocking=True).path
    credits = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Credit"]
    assert credits == ["Photo: Fyodor Guskov"]
    pick(qtbot, panel.credit, "Lindq", "Maria Lindqvist (team)")  # one credit: replaces
    stored = case.photos.get(photo.uuid)
    assert stored.credit_member.name == "Maria Lindqvist" and stored.credit_source is None
    assert panel.credit.labels() == ["Maria Lindqvist (team)"]
    qtbot.mouseClick(panel.credit.remove_buttons()[0], Qt.MouseButton.LeftButton)
    stored = case.photos.get(photo.uuid)
    assert stored.credit_member is None and stored.credit_source is None


def test_any_source_can_be_credited_however_many_there_are(case: CaseFile, qtbot) -> None:
    """The old box offered the first 300 sources by name: "Zinaida …", the 601st, could
    not be credited. The picker finds every one by typing (finding 13)."""
    with case._store.write(bulk_audit=True):
        for i in range(600):
            case.sources.create(name=f"Driver {i:03d}")
    case.sources.create(name="Zinaida Last")
    window, photo = photo_window(qtbot, case)
    panel = window.photo_panel
    pick(qtbot, panel.credit, "Zinaida", "Zinaida Last (source)")
    assert case.photos.get(photo.uuid).credit_source.name == "Zinaida Last"
    window.changes.flush()
    assert panel.credit.labels() == ["Zinaida Last (source)"]


def test_a_protected_source_as_credit_or_in_the_photo_shows_its_pseudonym(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    broker = case.sources.create(name="Artyom Belov", ground_rules="confidential",
                                 attribution_phrase="a customs broker")
    window, photo = photo_window(qtbot, case)
    panel = window.photo_panel
    pick(qtbot, panel.credit, "Belov", "🔒 a customs broker (source)")
    assert case.photos.get(photo.uuid).credit_source.uuid == broker.uuid
    assert panel.credit.labels() == ["🔒 a customs broker (source)"]
    qtbot.keyClicks(panel.depicted.search, "Belov")  # the reporter types the name they know
    assert panel.depicted.results.item(0).text() == "🔒 a customs broker"
    qtbot.keyClick(panel.depicted.search, Qt.Key.Key_Return)
    assert [s.uuid for s in case.photos.get(photo.uuid).depicted] == [broker.uuid]
    assert panel.depicted.labels() == ["🔒 a customs broker"]
    assert not any("Belov" in t for t in shown_texts(panel))
    draft = case.drafts.create(headline="H", body=f"Trucks.\n\n⟦photo:{photo.uuid}⟧")
    out = export_draft(case, draft.uuid, tmp_path / "e.docx", allow_blocking=True).path
    document = docx.Document(str(out))
    credits = [p.text for p in document.paragraphs if p.style.name == "Credit"]
    assert credits == ["Photo: a customs broker"]
    assert "Belov" not in "\n".join(p.text for p in document.paragraphs)
    listed = case.photos.page(light=True)[0]  # the photo list's Credit column
    column = next(c for c in BY_KEY["photo"].columns if c.title == "Credit")
    assert column.text(listed) == "🔒 a customs broker"


def test_people_in_the_photo_added_and_removed(sample: CaseFile, qtbot) -> None:
    window, photo = photo_window(qtbot, sample)
    panel = window.photo_panel
    qtbot.keyClicks(panel.depicted.search, "amur")
    qtbot.keyClick(panel.depicted.search, Qt.Key.Key_Down)
    qtbot.keyClick(panel.depicted.results, Qt.Key.Key_Return)
    first = [s.name for s in sample.photos.get(photo.uuid).depicted]
    assert len(first) == 1 and "Amur" in first[0]
    qtbot.keyClicks(panel.depicted.search, "embassy")
    qtbot.keyClick(panel.depicted.search, Qt.Key.Key_Return)
    assert len(sample.photos.get(photo.uuid).depicted) == 2
    amur = next(b for b in panel.depicted.remove_buttons() if "Amur" in b.accessibleName())
    qtbot.mouseClick(amur, Qt.MouseButton.LeftButton)
    names = [s.name for s in sample.photos.get(photo.uuid).depicted]
    assert len(names) == 1 and "Embassy" in names[0]


def test_taken_at_picked_with_its_zone_and_cleared(case: CaseFile, qtbot) -> None:
    window, photo = photo_window(qtbot, case)
    panel = window.photo_panel
    taken = panel.taken
    assert taken.value() is None and taken.edit.text() == "not set"
    taken.set_value(datetime(2026, 10, 17, 9, 40, tzinfo=HEIHE))  # as if picked, then typed
    taken.edit.setFocus()
    taken.edit.setSelectedSection(taken.edit.Section.MinuteSection)
    qtbot.keyClicks(taken.edit, "55")
    qtbot.keyClick(taken.edit, Qt.Key.Key_Return)
    assert case.photos.get(photo.uuid).taken_at.isoformat() == "2026-10-17T09:55:00+08:00"
    assert "UTC+8" in taken.zone_text()
    qtbot.mouseClick(taken.clear_button, Qt.MouseButton.LeftButton)
    assert case.photos.get(photo.uuid).taken_at is None
    panel.grab().save("/tmp/b19/png/p5_photo_form.png")


def test_someone_in_the_photo_made_on_the_spot_is_undone_with_its_creation(
        case: CaseFile, qtbot) -> None:
    """A source created from "In the photo" is an undo step of its own (finding 9)."""
    window, photo = photo_window(qtbot, case)
    panel = window.photo_panel
    qtbot.keyClicks(panel.depicted.search, "Vera Nikolaeva")
    qtbot.keyClick(panel.depicted.search, Qt.Key.Key_Return)
    assert [s.name for s in case.photos.get(photo.uuid).depicted] == ["Vera Nikolaeva"]
    window.undo_action.trigger()  # out of the photo…
    window.undo_action.trigger()  # …and the source made here gone
    window.changes.flush()
    assert case.photos.get(photo.uuid).depicted == () and case.sources.count() == 0
