"""The forms for what a published story carries and how sources read in print: the draft's
publication date and tagline, a team member's outlet, a source's article and role form with
its first-reference preview, and the house style's outlet — real widgets, offscreen, saved
through the services and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from casefile import CaseFile
from casefile.claims.style import HouseStyle
from casefile.models import Article, GroundRules, RoleForm
from ui.house_style import HouseStyleDialog
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts

SHOTS = Path("/tmp/b17")


def window_on(qtbot, case: CaseFile, kind: str, pick) -> MainWindow:
    """A window listing `kind` with the first row for which `pick(record)` holds selected."""
    window = MainWindow(case, ScriptedPrompts())
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_kind(kind)
    model = window.list_model
    row = next(r for r in range(model.rowCount()) if pick(model.record(r)))
    window.current_view().setCurrentIndex(model.index(row, 0))
    return window


def finish(edit, text: str) -> None:
    """Type into a line edit and leave it, as a user would."""
    edit.setText(text)
    edit.editingFinished.emit()


def shoot(widget, name: str) -> None:
    """Keep a picture of the form for a person to look at (/tmp/b17/e-NAME.png)."""
    QApplication.processEvents()
    if SHOTS.is_dir():
        widget.grab().save(str(SHOTS / f"e-{name}.png"))


def wait_for_checker(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.draft_panel.checking(), timeout=20_000)


def test_draft_publication_date_is_checked_saved_and_undone(sample: CaseFile, qtbot) -> None:
    window = window_on(qtbot, sample, "draft", lambda d: True)
    panel = window.draft_panel
    draft = panel.record
    before = draft.published_on  # the sample may carry one
    assert panel.published.text() == (before.isoformat() if before else "")
    for bad in ("1 Dec 2026", "2026-02-30", "2026-W48-2", "20261201", "tomorrow"):
        finish(panel.published, bad)
        assert "Published" in panel.problem.text(), bad
        assert "is not a date; write it as 2026-12-01" in panel.problem.text(), bad
        assert sample.drafts.get(draft.uuid).published_on == before
    finish(panel.published, " 2026-12-01 ")
    assert sample.drafts.get(draft.uuid).published_on == date(2026, 12, 1)
    assert panel.problem.text() == ""
    assert panel.published_as.text() == "prints as Dec. 1, 2026"  # the house style's date
    shoot(window, "draft-panel")
    window.undo_action.trigger()
    assert sample.drafts.get(draft.uuid).published_on == before
    assert window.draft_panel.published.text() == (  # the form shows the undone value
        before.isoformat() if before else "")
    window.redo_action.trigger()
    assert sample.drafts.get(draft.uuid).published_on == date(2026, 12, 1)
    finish(window.draft_panel.published, "")
    assert sample.drafts.get(draft.uuid).published_on is None
    wait_for_checker(qtbot, window)


def only_maria_on_the_byline(case: CaseFile, **facts: str) -> None:
    """Pin what the tagline is written from (the sample itself may change): Maria alone on
    the draft's byline, with these facts, and a house style without an outlet."""
    case.set_house_style(HouseStyle())
    maria = next(m for m in case.team.page(limit=50) if m.name == "Maria Lindqvist")
    case.team.update(maria.uuid, **{"outlet": "", "base_city": "Moscow", **facts})
    for draft in case.drafts.page(limit=50):
        case.drafts.update(draft.uuid, byline=[maria.uuid], author_tagline="")


def test_tagline_placeholder_shows_what_prints_when_left_empty(sample: CaseFile, qtbot) -> None:
    only_maria_on_the_byline(sample)
    window = window_on(qtbot, sample, "draft", lambda d: True)
    panel = window.draft_panel
    draft = panel.record
    generated = "Maria Lindqvist is a reporter based in Moscow."
    assert panel.tagline.text() == "" and panel.tagline.placeholderText() == generated
    assert sample.drafts.tagline(draft.uuid) == generated
    finish(panel.tagline, "  Maria Lindqvist   is our Moscow correspondent. ")
    assert sample.drafts.get(draft.uuid).author_tagline == \
        "Maria Lindqvist is our Moscow correspondent."
    assert sample.drafts.tagline(draft.uuid) == "Maria Lindqvist is our Moscow correspondent."
    assert panel.tagline.text() == "Maria Lindqvist is our Moscow correspondent."
    finish(panel.tagline, "")
    assert sample.drafts.get(draft.uuid).author_tagline == ""
    # The house outlet changes what prints, and the empty field's placeholder follows.
    dialog = window.edit_house_style()
    qtbot.addWidget(dialog)
    finish(dialog.outlet, "The Northern Ledger")
    assert sample.house_style().outlet == "The Northern Ledger"
    assert panel.tagline.placeholderText() == \
        "Maria Lindqvist is a reporter for The Northern Ledger, based in Moscow."
    dialog.close()
    panel.tagline.setText("Typed, never left")  # closing the window keeps it
    window.close()
    assert sample.drafts.get(draft.uuid).author_tagline == "Typed, never left"


def test_a_byline_with_nothing_to_say_explains_the_empty_tagline(sample: CaseFile,
                                                                 qtbot) -> None:
    only_maria_on_the_byline(sample, base_city="")
    window = window_on(qtbot, sample, "draft", lambda d: True)
    assert window.draft_panel.tagline.placeholderText().startswith("Nothing to print")
    wait_for_checker(qtbot, window)


def test_team_member_outlet_is_edited_and_undone(sample: CaseFile, qtbot) -> None:
    sample.set_house_style(HouseStyle(outlet="The Northern Ledger"))
    window = window_on(qtbot, sample, "team_member", lambda m: m.name == "Ilya Sorokin")
    panel = window.team_panel
    member = panel.record
    assert panel.outlet.text() == ""
    assert "The Northern Ledger" in panel.outlet.placeholderText()
    finish(panel.outlet, "Vladivostok Times")
    assert sample.team.get(member.uuid).outlet == "Vladivostok Times"
    shoot(panel, "team-panel")
    window.undo_action.trigger()
    assert sample.team.get(member.uuid).outlet == ""
    assert window.team_panel.outlet.text() == ""


def test_source_article_and_role_form_save_and_preview(sample: CaseFile, qtbot) -> None:
    window = window_on(qtbot, sample, "source", lambda s: s.name == "Galina Shvets")
    form = window.source_form
    source = form.record
    assert form.article.currentData() == Article.AUTO
    assert form.role_form.currentData() == RoleForm.AUTO
    assert form.preview.text().startswith("“Galina Shvets, ")  # name, then role
    finish(form.role, "runs a vegetable wholesaler")
    form.role_form.setCurrentIndex(form.role_form.findData(RoleForm.RELATIVE))
    stored = sample.sources.get(source.uuid)
    assert stored.role_title == "runs a vegetable wholesaler"
    assert stored.role_form is RoleForm.RELATIVE
    assert form.preview.text().startswith("“Galina Shvets, ")
    assert "runs a vegetable wholesaler" in form.preview.text()
    form.role.setText("grows cabbages")  # typed, not yet saved: the preview follows at once
    form.role.textEdited.emit("grows cabbages")
    assert "grows cabbages" in form.preview.text()
    finish(form.role, "grows cabbages")
    shoot(form, "source-form")
    window.undo_action.trigger()  # the role text
    window.undo_action.trigger()  # the role form
    assert sample.sources.get(source.uuid).role_form is RoleForm.AUTO


def test_organisation_article_is_chosen_and_shown(sample: CaseFile, qtbot) -> None:
    window = window_on(qtbot, sample, "source", lambda s: s.name == "Amur Commerce Bank")
    form = window.source_form
    source = form.record
    form.article.setCurrentIndex(form.article.findData(Article.THE))
    assert sample.sources.get(source.uuid).article is Article.THE
    assert form.article.currentText() == "the"
    assert "Amur Commerce Bank" in form.preview.text()
    form.article.setCurrentIndex(form.article.findData(Article.NONE))
    assert sample.sources.get(source.uuid).article is Article.NONE
    window.undo_action.trigger()
    assert sample.sources.get(source.uuid).article is Article.THE


def test_protected_source_previews_its_phrase_only(sample: CaseFile, qtbot) -> None:
    window = window_on(qtbot, sample, "source", lambda s: s.name == "Artyom Belov")
    form = window.source_form
    source = form.record
    assert source.ground_rules is GroundRules.CONFIDENTIAL
    text = form.preview.text()
    assert text == f"“{source.attribution_phrase}”"
    assert "Belov" not in text and "Artyom" not in text
    form.role_form.setCurrentIndex(form.role_form.findData(RoleForm.RELATIVE))
    assert "Belov" not in form.preview.text()
    form.phrase.setText("")
    form.phrase.textEdited.emit("")
    assert "Belov" not in form.preview.text()
    assert "attribution phrase" in form.preview.text()
    shoot(form, "source-form-protected")
    off = next(s for s in sample.sources.page(limit=50) if s.name == "Dmitri Kovalenko")
    sample.sources.update(off.uuid, ground_rules=GroundRules.OFF_RECORD)
    form.show_record(sample.sources.get(off.uuid))
    assert form.preview.text() == "— never attributed in print"


def test_house_style_dialog_stores_each_change(sample: CaseFile, qtbot) -> None:
    dialog = HouseStyleDialog(sample)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.outlet.text() == "" and dialog.courtesy.isChecked()
    finish(dialog.outlet, "  The   Northern Ledger ")
    dialog.verb.setCurrentIndex(dialog.verb.findData("says"))
    dialog.dates.setCurrentIndex(dialog.dates.findData("uk"))
    dialog.courtesy.setChecked(False)
    assert sample.house_style() == HouseStyle(courtesy_titles=False, verb="says",
                                              date_style="uk", outlet="The Northern Ledger")
    assert dialog.dates.currentText() == "12 Nov 2026"
    assert dialog.outlet.text() == "The Northern Ledger"
    shoot(dialog, "house-style")
    dialog.outlet.setText("The Amur Courier")  # closing keeps what was typed
    dialog.close()
    assert sample.house_style().outlet == "The Amur Courier"
    assert dialog.problem.text() == ""
