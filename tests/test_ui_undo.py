"""Undo and redo a reporter can trust: Ctrl+Shift+Z and Ctrl+Y redo on Linux, an undo in
another section says what it undid and goes there, undoing the creation of a record that
has content since asks first, and deleting a claim that drafts or evidence depend on warns.
Real widgets, real key events."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from casefile import CaseFile
from casefile.errors import RecordNotFoundError
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.undo import redo_keys

TYPE_BACK = " Six."

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_window(qtbot, case: CaseFile, tmp_path: Path,
                prompts: ScriptedPrompts | None = None) -> MainWindow:
    window = MainWindow(case, prompts or ScriptedPrompts(),
                        settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus moves as it does for a user
    return window


def select(window: MainWindow, kind: str, pick) -> None:
    window.show_kind(kind)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if pick(model.record(r)))
    window.current_view().setCurrentIndex(model.index(row, 0))


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    """Select all of a line, type over it and leave it with Tab."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


def keys_on_list(qtbot, window: MainWindow, key: Qt.Key, modifiers) -> None:
    """A shortcut pressed with the list focused (not a text box with its own undo)."""
    view = window.current_view()
    view.setFocus()
    qtbot.keyClick(view, key, modifiers)


def test_redo_keys_are_bound_once_each(qapp) -> None:
    keys = [k.toString() for k in redo_keys()]
    assert len(keys) == len(set(keys))
    assert "Ctrl+Shift+Z" in keys and "Ctrl+Y" in keys


def test_ctrl_z_then_ctrl_shift_z_and_ctrl_y_redo(sample: CaseFile, qtbot,
                                                 tmp_path: Path) -> None:
    window = open_window(qtbot, sample, tmp_path)
    select(window, "team_member", lambda m: m.role.value == "fixer")
    panel = window.team_panel
    key, was = panel.record.uuid, panel.record.base_city
    retype(qtbot, panel.base_city, "Heihe")
    assert sample.team.get(key).base_city == "Heihe"
    shortcuts = [k.toString() for k in window.redo_action.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts))  # no "Ambiguous shortcut overload"
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert sample.team.get(key).base_city == was
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert sample.team.get(key).base_city == "Heihe"
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert sample.team.get(key).base_city == was
    keys_on_list(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert sample.team.get(key).base_city == "Heihe"
    assert panel.base_city.text() == "Heihe"


def test_undo_in_another_section_says_what_and_goes_there(sample: CaseFile, qtbot,
                                                          tmp_path: Path) -> None:
    window = open_window(qtbot, sample, tmp_path)
    select(window, "source", lambda s: s.name == "Yuri Petrov")
    key = window.source_form.record.uuid
    notes = window.source_form.notes
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(notes, "Owns the yard since 2009")
    select(window, "claim", lambda _c: True)  # leaving saves the notes
    assert sample.sources.get(key).notes == "Owns the yard since 2009"
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert sample.sources.get(key).notes == ""
    assert window.statusBar().currentMessage() == "Undid: edit notes of Yuri Petrov"
    assert window.current_kind == "source"
    assert window.detail_stack.currentWidget() is window.source_form
    assert window.source_form.record.uuid == key and notes.toPlainText() == ""
    select(window, "claim", lambda _c: True)
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert sample.sources.get(key).notes == "Owns the yard since 2009"
    assert window.statusBar().currentMessage() == "Redid: edit notes of Yuri Petrov"
    assert window.current_kind == "source"
    assert notes.toPlainText() == "Owns the yard since 2009"


def test_undoing_a_creation_with_content_asks_and_no_keeps_it(sample: CaseFile, qtbot,
                                                              tmp_path: Path) -> None:
    prompts = ScriptedPrompts([False, True])
    window = open_window(qtbot, sample, tmp_path, prompts)
    window.show_kind("draft")
    draft = window.new_record("Second story")
    assert draft is not None
    sample.drafts.update(draft.uuid, body="Three paragraphs written elsewhere.")  # a script
    window.changes.flush()
    before = (window.undo_stack.index(), window.undo_stack.count())
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert prompts.shown[-1][0] == "confirm"
    assert "Second story" in prompts.shown[-1][2]
    assert sample.drafts.get(draft.uuid).body == "Three paragraphs written elsewhere."
    assert (window.undo_stack.index(), window.undo_stack.count()) == before  # sane stack
    assert window.undo_action.isEnabled()
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)  # asked again; this time yes
    assert len([s for s in prompts.shown if s[0] == "confirm"]) == 2
    try:
        sample.drafts.get(draft.uuid)
        raise AssertionError("the draft is still live")
    except RecordNotFoundError:
        pass
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)  # and redo brings it back
    assert sample.drafts.get(draft.uuid).body == "Three paragraphs written elsewhere."


def test_undoing_an_empty_creation_does_not_ask(sample: CaseFile, qtbot,
                                                tmp_path: Path) -> None:
    prompts = ScriptedPrompts()
    window = open_window(qtbot, sample, tmp_path, prompts)
    window.show_kind("source")
    source = window.new_record("Olga Test")
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert not [s for s in prompts.shown if s[0] == "confirm"]
    assert all(s.name != "Olga Test" for s in sample.sources.page(limit=100))
    assert window.statusBar().currentMessage().startswith("Undid: ")
    assert source is not None


def test_deleting_an_anchored_claim_with_evidence_warns(sample: CaseFile, qtbot,
                                                        tmp_path: Path) -> None:
    prompts = ScriptedPrompts([False, True])
    window = open_window(qtbot, sample, tmp_path, prompts)
    statement = "Banks in the region have stopped"
    select(window, "claim", lambda c: (c[0] if isinstance(c, tuple) else c)
           .statement.startswith(statement))
    claim = window.claim_panel.record
    keys_on_list(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    kind, title, message = prompts.shown[-1]
    assert kind == "confirm"
    assert message == ("This claim is anchored in one draft and has 3 pieces of "
                       "evidence. Move it to the trash?")
    assert sample.claims.get(claim.uuid).statement.startswith(statement)  # declined: kept
    keys_on_list(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert len(prompts.shown) == 2  # one question, not a second about the links
    try:
        sample.claims.get(claim.uuid)
        raise AssertionError("the claim is still live")
    except RecordNotFoundError:
        pass
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert len(sample.claims.get(claim.uuid).evidence) == 3


def test_delete_records_takes_several_as_one_undo_step(sample: CaseFile, qtbot,
                                                       tmp_path: Path) -> None:
    window = open_window(qtbot, sample, tmp_path, ScriptedPrompts([True, True]))
    sources = [s for s in sample.sources.page(limit=50)
               if s.name in ("Galina Shvets", "Nikolai Zhuravlev")]
    window.show_kind("source")
    assert window.history.delete_records("source", sources) == 2
    names = {s.name for s in sample.sources.page(limit=50)}
    assert not names & {"Galina Shvets", "Nikolai Zhuravlev"}
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    names = {s.name for s in sample.sources.page(limit=50)}
    assert {"Galina Shvets", "Nikolai Zhuravlev"} <= names


# -- review 167: findings 1, 5, 7, 8, 9, 18 ----------------------------------------------


def click_toolbar(qtbot, window: MainWindow, action) -> None:
    """A toolbar button: it takes no focus, so the field being typed in keeps it."""
    button = window.toolbar.widgetForAction(action)
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_toolbar_undo_while_typing_waits_saves_it_then_undoes_it(sample: CaseFile, qtbot,
                                                                 tmp_path: Path) -> None:
    window = open_window(qtbot, sample, tmp_path)
    select(window, "team_member", lambda m: m.role.value == "fixer")
    member, was = window.team_panel.record.uuid, window.team_panel.record.base_city
    retype(qtbot, window.team_panel.base_city, "Heihe")  # an older step, kept below
    select(window, "source", lambda s: s.name == "Yuri Petrov")
    key = window.source_form.record.uuid
    notes = window.source_form.notes
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(notes, "Half a thought")
    assert window.save_indicator.text() == "Saving…"  # typing waits for its save
    click_toolbar(qtbot, window, window.undo_action)
    assert window.statusBar().currentMessage() == "Undid: edit notes of Yuri Petrov"
    assert sample.sources.get(key).notes == "" and notes.toPlainText() == ""
    assert sample.team.get(member).base_city == "Heihe"  # one step back, not two
    assert window.undo_stack.canRedo()
    assert window.redo_action.text() == "&Redo edit notes of Yuri Petrov"
    click_toolbar(qtbot, window, window.redo_action)
    assert sample.sources.get(key).notes == "Half a thought"
    assert window.statusBar().currentMessage() == "Redid: edit notes of Yuri Petrov"
    assert sample.team.get(member).base_city == "Heihe" != was


def test_undo_steps_name_a_protected_source_by_its_pseudonym(sample: CaseFile, qtbot,
                                                             tmp_path: Path) -> None:
    window = open_window(qtbot, sample, tmp_path, ScriptedPrompts([True]))
    select(window, "source", lambda s: s.name == "Artyom Belov")  # confidential
    form = window.source_form
    qtbot.mouseClick(form.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.notes, "Meets only at the market")
    retype(qtbot, form.role, "broker")  # leaving the notes saves them; the role on Tab
    select(window, "source", lambda s: s.name == "Yuri Petrov")
    petrov = window.source_form
    qtbot.mouseClick(petrov.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(petrov.notes, "Trades timber")
    petrov.rules.setFocus()  # leaving the notes saves them
    qtbot.keyClick(petrov.rules, Qt.Key.Key_End)  # Confidential: Petrov is protected now
    assert sample.sources.get(petrov.record.uuid).ground_rules.value == "confidential"
    keys_on_list(qtbot, window, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    steps = [window.undo_stack.command(i).text() for i in range(window.undo_stack.count())]
    assert len(steps) == 5, steps
    shown = [*steps, window.undo_action.text(),
             window.toolbar.widgetForAction(window.undo_action).toolTip()]
    for _ in steps:
        keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
        shown.append(window.statusBar().currentMessage())
    assert shown[-1].startswith("Undid: ")
    for text in shown:
        assert "Artyom" not in text and "Belov" not in text, text
        assert "Yuri" not in text and "Petrov" not in text, text
    assert steps[0] == "edit notes of 🔒 a customs broker in Blagoveshchensk w…"
    assert steps[-1] == "delete “🔒 a timber trader in Khabarovsk”"


def test_undoing_an_import_whose_photo_is_in_a_draft_asks(sample: CaseFile, qtbot,
                                                           tmp_path: Path) -> None:
    from tests.test_photos import photo_bytes

    folder = tmp_path / "card"
    folder.mkdir()
    for i in range(2):
        (folder / f"IMG_{i}.jpg").write_bytes(photo_bytes(color=(i * 90, 40, 40)))
    prompts = ScriptedPrompts([False, True])
    window = open_window(qtbot, sample, tmp_path, prompts)
    photos = sample.photos.count()
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_photos([folder])
    imported = [p for p in sample.photos.page(limit=500) if p.file_name.startswith("IMG_")]
    assert len(imported) == 2
    draft = sample.drafts.page(limit=1)[0]
    assert window.open_record("draft", str(draft.uuid))
    window.draft_panel.insert_photo(imported[0].uuid)  # the Insert photo button's call
    assert any(p == imported[0].uuid for p in sample.drafts.text(draft.uuid).photos)
    assert window.undo_action.text() == "&Undo import of 2 photo(s)"
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    kind, _title, message = prompts.shown[-1]
    assert kind == "confirm" and "used elsewhere" in message
    assert sample.photos.count() == photos + 2  # declined: both stay
    assert window.undo_action.text() == "&Undo import of 2 photo(s)"
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)  # asked again: yes
    assert sample.photos.count() == photos


def test_undoing_an_untouched_import_does_not_ask(sample: CaseFile, qtbot,
                                                  tmp_path: Path) -> None:
    from tests.test_photos import photo_bytes

    folder = tmp_path / "card"
    folder.mkdir()
    (folder / "IMG_0.jpg").write_bytes(photo_bytes())
    prompts = ScriptedPrompts()
    window = open_window(qtbot, sample, tmp_path, prompts)
    photos = sample.photos.count()
    with qtbot.waitSignal(window.import_finished, timeout=30_000):
        window.import_photos([folder])
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert sample.photos.count() == photos
    assert not [s for s in prompts.shown if s[0] == "confirm"]


def test_declining_every_claim_of_a_multi_delete_leaves_no_undo_step(sample: CaseFile, qtbot,
                                                                    tmp_path: Path) -> None:
    window = open_window(qtbot, sample, tmp_path, ScriptedPrompts([False, False]))
    select(window, "team_member", lambda m: m.role.value == "fixer")
    key = window.team_panel.record.uuid
    retype(qtbot, window.team_panel.base_city, "Heihe")
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)  # a redo waits
    claims = [c for c in sample.claims.page(limit=50) if sample.claims.get(c.uuid).evidence]
    before = (window.undo_stack.index(), window.undo_stack.count())
    assert window.history.delete_records("claim", claims[:2]) == 0
    assert (window.undo_stack.index(), window.undo_stack.count()) == before
    assert window.undo_action.text() == "&Undo"  # no empty "delete 2 records" step
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL_SHIFT)  # the redo is still there
    assert sample.team.get(key).base_city == "Heihe"


def test_a_long_writing_session_is_several_undo_steps(sample: CaseFile, qtbot, tmp_path: Path,
                                                      monkeypatch) -> None:
    from ui import undo
    from ui.autosave import DELAY_MS

    clock = [1000.0]
    monkeypatch.setattr(undo, "clock", lambda: clock[0])
    window = open_window(qtbot, sample, tmp_path)
    select(window, "source", lambda s: s.name == "Yuri Petrov")
    key = window.source_form.record.uuid
    notes = window.source_form.notes
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton)
    typed = ""
    for word in ("One.", " Two.", " Three.", " Four.", " Five."):  # a word every 6 s
        qtbot.keyClicks(notes, word)
        typed += word
        qtbot.waitUntil(lambda t=typed: sample.sources.get(key).notes == t,
                        timeout=DELAY_MS * 4)
        clock[0] += 6.0
    assert window.undo_stack.count() == 2  # 24 s of typing: two steps, not one
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert sample.sources.get(key).notes == "One. Two. Three."
    # Leaving the field ends the step, however soon the typing goes on.
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(notes, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(notes, TYPE_BACK)
    qtbot.waitUntil(lambda: sample.sources.get(key).notes.endswith(TYPE_BACK),
                    timeout=DELAY_MS * 4)
    qtbot.mouseClick(window.source_form.role, Qt.MouseButton.LeftButton)  # left
    qtbot.mouseClick(notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(notes, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(notes, " Seven.")
    qtbot.waitUntil(lambda: sample.sources.get(key).notes.endswith(" Seven."),
                    timeout=DELAY_MS * 4)
    keys_on_list(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert sample.sources.get(key).notes == "One. Two. Three. Six."


def test_claim_questions_are_whole_sentences_for_one_and_many(qapp) -> None:
    from ui.i18n_catalog import marked_strings
    from ui.trash_questions import claim_question

    assert claim_question(1, 0) == "This claim is anchored in one draft. Move it to the trash?"
    assert claim_question(2, 1) == ("This claim is anchored in 2 drafts and has one piece of "
                                    "evidence. Move it to the trash?")
    assert claim_question(0, 3) == "This claim has 3 pieces of evidence. Move it to the trash?"
    assert claim_question(1, 1) == ("This claim is anchored in one draft and has one piece of "
                                    "evidence. Move it to the trash?")
    mine = ("ui/window_trash.py", "ui/trash_questions.py", "ui/undo.py", "ui/autosave.py",
            "ui/save_indicator.py")
    marked = {text for text, places in marked_strings().items()
              if any(path in mine for path, _line in places)}
    assert "This claim is anchored in {d} drafts and has {e} pieces of evidence. Move it to " \
           "the trash?" in marked
    pieces = [t for t in marked if t != t.strip() or "(s)" in t]
    assert not pieces  # no "delete " + name, no "draft(s)"
