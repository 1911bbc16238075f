"""Tags in the UI: the tag row over a record's form, the tag pane that narrows a list (in
SQL, paging), and renaming and deleting a tag from the pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from casefile import CaseFile
from tests.ui_windows import case_window
from ui.main_window import MainWindow
from ui.tag_pane import NameRole

window_for = case_window


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_tag(qtbot, window: MainWindow, name: str) -> None:
    pane = window.tag_pane.list
    for row in range(pane.count()):
        item = pane.item(row)
        if item.data(NameRole) == name:
            pane.scrollToItem(item)
            qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton,
                             pos=pane.visualItemRect(item).center())
            return
    raise AssertionError(f"no tag {name!r} in the pane: {window.tag_pane.counts}")


def pane_texts(window: MainWindow) -> list[str]:
    pane = window.tag_pane.list
    return [pane.item(r).text() for r in range(pane.count())]


def test_filter_pages_in_sql(case: CaseFile) -> None:
    """300 sources, 150 tagged: the tagged list pages by key and counts in SQL."""
    sources = [case.sources.create(name=f"Source {i:03d}") for i in range(300)]
    for source in sources[::2]:
        case.tags.tag(source, "follow up")
    assert case.sources.count() == 300
    assert case.sources.count(tagged="follow up") == 150
    first = case.sources.page(limit=100, tagged="follow up", light=True)
    rest = case.sources.page(limit=100, tagged="follow up",
                             after=case.sources.page_key(first[-1]))
    names = [s.name for s in first + rest]
    assert names == [f"Source {i:03d}" for i in range(0, 300, 2)]
    row, _key = case.sources.locate(sources[20].uuid, tagged="follow up")
    assert row == 10
    assert case.sources.count(tagged="nothing") == 0
    assert case.tags.counts("source") == [("follow up", 150)]
    claim = case.claims.create(statement="Exports fell")
    case.claims.create(statement="Imports rose")
    case.tags.tag(claim, "follow up")
    assert [c.statement for c, _s in case.claims.summaries(tagged="follow up")] == \
        ["Exports fell"]
    assert case.tags.counts() == [("follow up", 151)]


def test_tag_pane_click_narrows_the_list_and_pages(case: CaseFile, qtbot,
                                                   tmp_path: Path) -> None:
    sources = [case.sources.create(name=f"Source {i:03d}") for i in range(300)]
    for source in sources[1::2]:
        case.tags.tag(source, "legal check")
    window, _prompts = window_for(qtbot, case, tmp_path)
    assert window.list_model.total == 300
    assert pane_texts(window) == ["legal check  (150)"]
    click_tag(qtbot, window, "legal check")
    model = window.list_model
    assert model.total == 150
    assert model.record(0).name == "Source 001"
    window.table.scrollToBottom()
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 150
    assert model.record(149).name == "Source 299"
    assert window.tag_pane.clear_button.isVisible()
    assert "legal check" in window.tag_pane.hint.text()
    # Sorting the narrowed list keeps the filter.
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert window.list_model.total == 150
    assert window.list_model.record(0).name == "Source 299"
    click_tag(qtbot, window, "legal check")  # a second click shows every record again
    assert window.list_model.total == 300
    assert not window.tag_pane.clear_button.isVisible()


def test_tag_row_adds_completes_and_removes(case: CaseFile, qtbot, tmp_path: Path) -> None:
    petrov = case.sources.create(name="Yuri Petrov")
    case.sources.create(name="Anna Ivanova")
    window, _prompts = window_for(qtbot, case, tmp_path)
    assert not window.tag_row.isVisible()  # nothing selected: no tag row
    click_row(qtbot, window.table, 1)  # sorted by name: Petrov second
    assert window.tag_row.isVisible()
    field = window.tag_row.field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "  follow   up ")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert case.tags.names_for(petrov) == ["follow up"]
    assert [c.text() for c in window.tag_row.chips] == ["follow up"]
    window.changes.flush()
    qtbot.waitUntil(lambda: pane_texts(window) == ["follow up  (1)"])  # counted a moment on
    # On the other source, typing part of it offers the existing tag.
    click_row(qtbot, window.table, 0)
    field = window.tag_row.field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "llo")
    completer = field.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "follow up"
    field.clear()
    qtbot.keyClicks(field, "legal")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClicks(field, "urgent")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    ivanova = window.tag_row.record
    assert case.tags.names_for(ivanova) == ["legal", "urgent"]
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # empty field: the last tag comes off
    assert case.tags.names_for(ivanova) == ["legal"]
    qtbot.mouseClick(window.tag_row.chips[0].remove_button, Qt.MouseButton.LeftButton)
    assert case.tags.names_for(ivanova) == []
    assert window.tag_row.chips == []


def test_held_backspace_and_stray_clicks_keep_tags_and_undo_brings_them_back(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    """Finding 3: a held Backspace takes one tag off, not all; a click on a chip's name
    takes nothing off; every tag on and off is one step Ctrl+Z undoes."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    petrov = case.sources.create(name="Yuri Petrov")
    window, _prompts = window_for(qtbot, case, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach an active window only
    click_row(qtbot, window.table, 0)
    field = window.tag_row.field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    for name in ("alpha", "beta", "gamma"):
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert case.tags.names_for(petrov) == ["alpha", "beta", "gamma"]
    # Holding Backspace: one press, then the key's repeats.
    for repeat in (False, True, True, True):
        QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace,
                                                Qt.KeyboardModifier.NoModifier, "", repeat))
    assert case.tags.names_for(petrov) == ["alpha", "beta"]
    qtbot.mouseClick(window.tag_row.chips[0].label, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.tag_row.chips[0], Qt.MouseButton.LeftButton)
    assert case.tags.names_for(petrov) == ["alpha", "beta"]
    qtbot.mouseClick(window.tag_row.chips[0].remove_button, Qt.MouseButton.LeftButton)
    assert case.tags.names_for(petrov) == ["beta"]
    assert window.undo_action.text() == "&Undo untag “alpha”"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert case.tags.names_for(petrov) == ["alpha", "beta"]
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert case.tags.names_for(petrov) == ["alpha", "beta", "gamma"]
    window.changes.flush()
    assert [c.text() for c in window.tag_row.chips] == ["alpha", "beta", "gamma"]
    window.undo_stack.redo()
    assert case.tags.names_for(petrov) == ["alpha", "beta"]


@pytest.mark.parametrize("kind", ["interview", "document", "claim", "draft", "team_member",
                                  "comment_request"])
def test_tag_row_and_filter_on_every_kind(case: CaseFile, qtbot, tmp_path: Path,
                                          kind: str) -> None:
    bank = case.sources.create(name="Amur Commerce Bank", kind="organisation")
    make = {
        "interview": lambda t: case.interviews.create(title=t),
        "document": lambda t: case.documents.create(title=t),
        "claim": lambda t: case.claims.create(statement=t),
        "draft": lambda t: case.drafts.create(headline=t),
        "team_member": lambda t: case.team.create(name=t),
        "comment_request": lambda t: case.requests.create(source=bank.uuid, subject=t),
    }[kind]
    made = make("A first one")
    make("B second one")
    window, _prompts = window_for(qtbot, case, tmp_path)
    window.show_kind(kind)
    assert window.list_model.total == 2
    row = next(r for r in range(2) if (
        lambda rec: rec[0] if isinstance(rec, tuple) else rec)(
        window.list_model.record(r)).uuid == made.uuid)
    click_row(qtbot, window.table, row)
    assert window.tag_row.isVisible()
    qtbot.keyClicks(window.tag_row.field, "check")
    qtbot.keyClick(window.tag_row.field, Qt.Key.Key_Return)
    assert case.tags.names_for(made) == ["check"]
    window.changes.flush()
    qtbot.waitUntil(lambda: pane_texts(window) == ["check  (1)"])
    click_tag(qtbot, window, "check")  # every kind's list narrows (claims: with summaries)
    model = window.list_model
    assert model.total == 1 and model.rowCount() == 1
    shown = model.record(0)
    assert (shown[0] if isinstance(shown, tuple) else shown).uuid == made.uuid
    click_tag(qtbot, window, "check")
    assert window.list_model.total == 2


def test_rename_and_delete_from_the_pane(case: CaseFile, qtbot, tmp_path: Path) -> None:
    petrov = case.sources.create(name="Yuri Petrov")
    ivanova = case.sources.create(name="Anna Ivanova")
    case.tags.tag(petrov, "folow up")
    case.tags.tag(ivanova, "folow up")
    case.tags.tag(ivanova, "legal")
    window, prompts = window_for(qtbot, case, tmp_path, ["follow up", True])
    click_tag(qtbot, window, "folow up")
    assert window.list_model.total == 2
    pane = window.tag_pane
    rect = pane.list.visualItemRect(pane.list.item(0))
    pane.list.customContextMenuRequested.emit(rect.center())
    assert [a.text() for a in pane.menu.actions()] == ["&Rename tag…", "&Delete tag…"]
    pane.menu.actions()[0].trigger()
    assert case.tags.names_for(petrov) == ["follow up"]
    window.changes.flush()
    assert pane_texts(window) == ["follow up  (2)", "legal  (1)"]
    assert window.tag_pane.active == "follow up" and window.list_model.total == 2
    pane.list.customContextMenuRequested.emit(
        pane.list.visualItemRect(pane.list.item(0)).center())
    pane.menu.actions()[1].trigger()
    asked = prompts.shown[-1][2]
    assert "the 2 records" in asked and "records themselves stay" in asked and "trash" in asked
    window.changes.flush()
    assert case.tags.names_for(petrov) == [] and case.sources.count() == 2
    assert pane_texts(window) == ["legal  (1)"]
    assert window.tag_pane.active is None and window.list_model.total == 2
    # The tag is in the trash: a new tag of that name asks what to do with the old one
    # (finding 6); cancelled, nothing changes …
    window.show_kind("source")
    click_row(qtbot, window.table, 1)
    qtbot.keyClicks(window.tag_row.field, "follow up")
    qtbot.keyClick(window.tag_row.field, Qt.Key.Key_Return)
    assert prompts.shown[-1][0] == "choose" and "in the trash" in prompts.shown[-1][2]
    assert case.tags.names_for(petrov) == []
    # … and restoring it puts it back on its records.
    entry = case.trash.entries()[0]
    case.trash.restore(entry.uuid)
    assert case.tags.names_for(petrov) == ["follow up"]


@pytest.mark.parametrize("answer", [0, 1])
def test_a_name_in_the_trash_offers_to_restore_or_purge_the_old_tag(
        case: CaseFile, qtbot, tmp_path: Path, answer: int) -> None:
    """Finding 6: reusing a deleted tag's name offers to put the old tag back (on its
    records too) or delete it for good — not "empty the trash"."""
    petrov = case.sources.create(name="Yuri Petrov")
    ivanova = case.sources.create(name="Anna Ivanova")
    case.tags.tag(petrov, "embargo")
    case.trash.delete(case.tags.find("embargo"))
    window, prompts = window_for(qtbot, case, tmp_path, [answer])
    click_row(qtbot, window.table, 0)  # Anna Ivanova
    qtbot.mouseClick(window.tag_row.field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.tag_row.field, "Embargo")
    qtbot.keyClick(window.tag_row.field, Qt.Key.Key_Return)
    assert prompts.shown[-1][0] == "choose"
    name = "embargo" if answer == 0 else "Embargo"  # the old tag back, or a new one
    assert case.tags.names_for(ivanova) == [name]
    assert case.tags.names_for(petrov) == (["embargo"] if answer == 0 else [])
    assert case.trash.count() == 0
    assert [c.text() for c in window.tag_row.chips] == [name]


def test_names_differing_in_capitals_are_one_tag_sorted_alike(case: CaseFile, qtbot,
                                                             tmp_path: Path) -> None:
    """Findings 11 and 14: "Legal" reuses "legal"; renaming to another tag's name in other
    capitals is refused; chips and pane sort alike (case-insensitively)."""
    petrov = case.sources.create(name="Yuri Petrov")
    case.tags.tag(petrov, "legal")
    case.tags.tag(petrov, "Zeta")
    window, prompts = window_for(qtbot, case, tmp_path, ["ZETA"])
    click_row(qtbot, window.table, 0)
    qtbot.mouseClick(window.tag_row.field, Qt.MouseButton.LeftButton)
    for name in ("Legal", "alpha"):
        qtbot.keyClicks(window.tag_row.field, name)
        qtbot.keyClick(window.tag_row.field, Qt.Key.Key_Return)
    assert case.tags.names() == ["alpha", "legal", "Zeta"]
    assert [c.text() for c in window.tag_row.chips] == ["alpha", "legal", "Zeta"]
    qtbot.waitUntil(lambda: pane_texts(window) == ["alpha  (1)", "legal  (1)", "Zeta  (1)"])
    assert not window.tag_pane.rename("legal")
    assert prompts.shown[-1][0] == "error" and "already exists" in prompts.shown[-1][2]
    assert window.tag_pane.rename("legal", "Legal")  # its own name in other capitals
    assert case.tags.names_for(petrov) == ["alpha", "Legal", "Zeta"]


def test_pane_counts_wait_for_a_tagging_not_every_edit(case: CaseFile, qtbot,
                                                        tmp_path: Path) -> None:
    """Finding 8: an edit of a record's fields does not recount the tags; a tagging does,
    once, a moment after a burst."""
    petrov = case.sources.create(name="Yuri Petrov")
    case.tags.tag(petrov, "legal")
    window, _prompts = window_for(qtbot, case, tmp_path)
    calls: list[int] = []
    counts = case.tags.counts
    case.tags.counts = lambda *a, **k: (calls.append(1), counts(*a, **k))[1]  # type: ignore
    for i in range(5):
        case.sources.update(petrov.uuid, notes=f"typing {i}")
        window.changes.flush()
    qtbot.wait(700)
    assert calls == []
    for name in ("a", "b", "c"):
        case.tags.tag(petrov, name)
        window.changes.flush()
    assert calls == []  # not yet: a moment after the last
    qtbot.waitUntil(lambda: len(calls) == 1)
    qtbot.wait(600)
    assert len(calls) == 1 and pane_texts(window)[0] == "a  (1)"


def test_rename_to_a_taken_name_says_so(case: CaseFile, qtbot, tmp_path: Path) -> None:
    source = case.sources.create(name="Yuri Petrov")
    case.tags.tag(source, "a")
    case.tags.tag(source, "b")
    window, prompts = window_for(qtbot, case, tmp_path, ["b"])
    assert not window.tag_pane.rename("a")
    assert prompts.shown[-1][0] == "error" and "already exists" in prompts.shown[-1][2]
    assert case.tags.names_for(source) == ["a", "b"]


def test_pane_filter_box_and_screenshot(case: CaseFile, qtbot, tmp_path: Path) -> None:
    source = case.sources.create(name="Yuri Petrov")
    for name in ("follow up", "legal check", "photo needed", "urgent"):
        case.tags.tag(source, name)
    window, _prompts = window_for(qtbot, case, tmp_path)
    qtbot.keyClicks(window.tag_pane.filter, "LE")
    assert pane_texts(window) == ["legal check  (1)"]
    window.tag_pane.filter.clear()
    click_row(qtbot, window.table, 0)
    assert [c.text().split()[0] for c in window.tag_row.chips] == \
        ["follow", "legal", "photo", "urgent"]
    out = Path("/tmp/b19/png")
    if out.is_dir():
        window.grab().save(str(out / "p4_tags.png"))
    assert window.tag_row.mapTo(window, QPoint(0, 0)).y() < \
        window.detail_stack.mapTo(window, QPoint(0, 0)).y()  # the row is over the form


def test_the_tag_row_never_draws_a_stale_chip_over_the_field(case: CaseFile, qtbot,
                                                              tmp_path: Path) -> None:
    """Moving from a tagged record to an untagged one and back: the old chips are gone at
    once and the new ones are placed beside the field, not drawn on top of it."""
    from ui.tag_editor import TagChip

    tagged = case.sources.create(name="Amur Commerce Bank")
    case.sources.create(name="Yuri Petrov")
    case.tags.tag(tagged, "legal check")
    window, _prompts = window_for(qtbot, case, tmp_path)
    window.show_kind("source")
    row = window.tag_row
    for wanted in ("Amur Commerce Bank", "Yuri Petrov", "Amur Commerce Bank"):
        r = next(i for i in range(window.list_model.rowCount())
                 if window.list_model.record(i).name == wanted)
        click_row(qtbot, window.table, r)
        shown = [c for c in row.findChildren(TagChip) if c.isVisible()]
        assert [c.text() for c in shown] == (["legal check"] if wanted.startswith("Amur")
                                             else [])
        for chip in shown:
            assert not chip.geometry().intersects(row.field.geometry())
