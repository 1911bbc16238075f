"""Search that finds what a reporter means: Down into the results, Enter opens one (a quote
in its interview, at the quote), snippets without draft markup, a status line that is
right — and saved searches as smart collections in the navigator."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings, Qt

from casefile import CaseFile
from ui.main_window import MainWindow
from ui.navigator import SavedRole
from ui.prompts import ScriptedPrompts
from ui.search_view import HitRole


def settings_in(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def window_for(qtbot, case: CaseFile, settings: QSettings, answers: list | None = None
               ) -> tuple[MainWindow, ScriptedPrompts]:
    prompts = ScriptedPrompts(answers)
    window = MainWindow(case, prompts, settings=settings)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    return window, prompts


def type_search(qtbot, window: MainWindow, words: str) -> None:
    window.search_field.clear()
    qtbot.mouseClick(window.search_field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.search_field, words)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_down_moves_into_the_results_and_enter_opens(sample: CaseFile, qtbot,
                                                     tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, sample, settings_in(tmp_path))
    type_search(qtbot, window, "Petrov")
    assert window.current_kind == "search"
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert window.focusWidget() is window.table
    rows = window.table.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [0]
    first = rows[0].data(HitRole)
    assert first.kind == "source"
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # and on through the results
    assert window.table.selectionModel().selectedRows()[0].row() == 1
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.current_kind == "source"
    assert window.source_form.name.text() == first.title


def test_enter_on_a_quote_opens_its_interview_at_the_quote(sample: CaseFile, qtbot,
                                                            tmp_path: Path) -> None:
    window, _prompts = window_for(qtbot, sample, settings_in(tmp_path))
    type_search(qtbot, window, "inspection")
    model = window.table.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(HitRole).kind == "quote")
    quote = sample.quotes.get(model.index(row, 0).data(HitRole).uuid)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    for _ in range(row):
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.current_kind == "interview"
    panel = window.interview_panel
    assert window.detail_stack.currentWidget() is panel
    assert panel.record.uuid == quote.interview.uuid
    selected = panel.transcript.textCursor().selectedText()
    assert selected == quote.text
    assert "inspection" in selected


def test_snippets_never_show_draft_markup(case: CaseFile, qtbot, tmp_path: Path) -> None:
    claim = case.claims.create(statement="Exports fell by 38 percent")
    body = (f"Trade across the Amur slowed. Exports fell by 38 percent, "
            f"⟦claim:{claim.uuid}⟧the statistics service said⟦/claim⟧ on Monday. "
            f"Brokers blame the inspections.")
    case.drafts.create(headline="Bridge", body=body)
    for words in ("statistics", "Monday", "service said"):
        hits = [h for h in case.search.search(words, snippet_words=10) if h.kind == "draft"]
        assert hits, words
        for hit in hits:
            assert "⟦" not in hit.snippet and "⟧" not in hit.snippet, (words, hit.snippet)
            assert str(claim.uuid)[:8] not in hit.snippet
    hit = next(h for h in case.search.search("statistics") if h.kind == "draft")
    assert "the [statistics] service said on Monday" in hit.snippet_marked()
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path))
    type_search(qtbot, window, "statistics")
    cells = [window.table.model().index(r, 2).data()
             for r in range(window.table.model().rowCount())]
    assert cells and not any("⟦" in c or "⟧" in c for c in cells)


def test_snippets_of_the_sample_draft_are_clean(sample: CaseFile) -> None:
    for words in ("cross", "trucks", "Shvets", "bridge"):
        for hit in sample.search.search(words, limit=200):
            assert "⟦" not in hit.snippet and "⟧" not in hit.snippet, (words, hit.snippet)


def test_status_line_is_right_and_stays_right(case: CaseFile, qtbot, tmp_path: Path) -> None:
    for name in ("Yuri Petrov", "Olga Petrova", "Ivan Petrov"):
        case.sources.create(name=name)
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path))
    type_search(qtbot, window, "Petrov")
    assert status(window) == "2 matches for “Petrov” — Enter opens one"
    type_search(qtbot, window, "Ivanova")
    assert status(window) == "No matches for “Ivanova”"
    type_search(qtbot, window, "Ivan")
    assert status(window) == "1 match for “Ivan” — Enter opens it"
    # A change elsewhere re-runs the search: the line follows the new results, even once
    # the last message is old enough for the counts to take the status bar back.
    window._status_at -= 60
    case.sources.create(name="Ivan Sidorov")
    window.changes.flush()
    assert window.table.model().rowCount() == 2
    assert status(window) == "2 matches for “Ivan” — Enter opens one"
    window._status_at -= 60
    case.team.create(name="Somebody else")  # a change the results do not show
    window.changes.flush()
    assert status(window) == "2 matches for “Ivan” — Enter opens one"
    window.show_kind("source")  # leaving the search: the line stops talking about it
    assert "matches" not in status(window) and "format" in status(window)


def saved_rows(window: MainWindow) -> list[str]:
    model = window.navigator_model
    return [model.index(r).data() for r in range(model.rowCount())
            if model.index(r).data(SavedRole) or model.index(r).data() == "Saved searches"]


def test_saved_search_lists_counts_reruns_and_survives_a_restart(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    case.sources.create(name="Yuri Petrov")
    case.claims.create(statement="Petrov signed the loan")
    settings = settings_in(tmp_path)
    window, prompts = window_for(qtbot, case, settings, ["Petrov file"])
    assert not window.save_search_action.isEnabled()  # no search shown
    type_search(qtbot, window, "Petrov")
    assert window.save_search_action.isEnabled()
    qtbot.mouseClick(window.toolbar.widgetForAction(window.save_search_action),
                     Qt.MouseButton.LeftButton)
    assert saved_rows(window) == ["Saved searches", "Petrov file  (2)"]
    # The count is live: a new match shows in the navigator.
    case.interviews.create(title="Petrov at the bank")
    window.changes.flush()
    qtbot.waitUntil(lambda: saved_rows(window) == ["Saved searches", "Petrov file  (3)"])
    # Clicking it (after leaving the search) runs it again.
    window.show_kind("claim")
    row = window.navigator_model.saved_row("Petrov file")
    rect = window.navigator.visualRect(window.navigator_model.index(row))
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_kind == "search" and window.table.model().rowCount() == 3
    assert window.search_field.text() == "Petrov"
    assert status(window) == "3 matches for “Petrov” — Enter opens one"
    # The heading is not a row one can choose.
    heading = window.navigator_model.index(row - 1)
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
    window.close()
    # A restart with the same settings lists it again; the case file has no trace of it.
    again, _p = window_for(qtbot, case, settings)
    assert saved_rows(again) == ["Saved searches", "Petrov file  (3)"]


def test_saved_search_rename_and_delete(case: CaseFile, qtbot, tmp_path: Path) -> None:
    case.sources.create(name="Yuri Petrov")
    window, prompts = window_for(qtbot, case, settings_in(tmp_path),
                                 ["Petrov", "Bank people", True])
    type_search(qtbot, window, "Petrov")
    window.save_search_action.trigger()
    row = window.navigator_model.saved_row("Petrov")
    rect = window.navigator.visualRect(window.navigator_model.index(row))
    window.navigator.customContextMenuRequested.emit(rect.center())
    names = [a.text() for a in window.saved_searches.menu.actions()]
    assert names == ["&Run again", "Re&name…", "&Delete…"]
    window.saved_searches.menu.actions()[1].trigger()
    assert saved_rows(window) == ["Saved searches", "Bank people  (1)"]
    row = window.navigator_model.saved_row("Bank people")
    rect = window.navigator.visualRect(window.navigator_model.index(row))
    window.navigator.customContextMenuRequested.emit(rect.center())
    window.saved_searches.menu.actions()[2].trigger()
    assert "records it finds stay" in prompts.shown[-1][2]
    assert saved_rows(window) == []
    assert case.sources.count() == 1


def test_saving_with_no_search_says_what_to_do(case: CaseFile, qtbot, tmp_path: Path) -> None:
    window, prompts = window_for(qtbot, case, settings_in(tmp_path))
    assert window.saved_searches.save_current() is None
    assert prompts.shown[-1][0] == "info" and "Search for something first" in \
        prompts.shown[-1][2]


def test_a_search_naming_a_protected_source_is_not_saved(case: CaseFile, qtbot,
                                                         tmp_path: Path) -> None:
    """Saved searches live in the settings file, outside the case: words that name a
    confidential source (however they are spelled) are refused, and nothing is written."""
    case.sources.create(name="Dmitry Orlov", ground_rules="confidential",
                        attribution_phrase="a customs officer")
    case.claims.create(statement="Orlov said inspections doubled")
    settings = settings_in(tmp_path)
    window, prompts = window_for(qtbot, case, settings, ["inspections"])
    type_search(qtbot, window, "Or\u00adlov")  # a soft hyphen does not get it through
    assert window.save_search_action.isEnabled()
    window.save_search_action.trigger()
    assert prompts.shown[-1][0] == "error" and "protected source" in prompts.shown[-1][2]
    assert saved_rows(window) == []
    settings.sync()
    assert "orlov" not in Path(settings.fileName()).read_text(encoding="utf-8").lower()


def draft_with_markup(case: CaseFile) -> tuple[str, str]:
    claim = case.claims.create(statement="Exports fell")
    photo = "9a2e0c4e-5438-4c1e-9bdb-c0c16be97135"
    body = (f"Trade across the Amur slowed in Kýiv.\n\n⟦photo:{photo}⟧\n\n"
            f"⟦claim:{claim.uuid}⟧the statistics service said⟦/claim⟧ on Monday.")
    case.drafts.create(headline="Bridge", body=body)
    return str(claim.uuid), photo


def test_a_diacritic_match_has_a_clean_snippet(case: CaseFile) -> None:
    """Finding 1: "Kyiv" finds "Kýiv"; the snippet is cut from the visible text, never
    from the stored body (which FTS5's own snippet cut through a UUID)."""
    claim, photo = draft_with_markup(case)
    hits = [h for h in case.search.search("Kyiv", snippet_words=6) if h.kind == "draft"]
    assert [h.snippet_marked() for h in hits] == ["…in [Kýiv]. the statistics service said…"]
    for hit in case.search.search("Kyiv statistics", snippet_words=3):
        assert "⟦" not in hit.snippet and "⟧" not in hit.snippet, hit.snippet
        assert claim[-12:] not in hit.snippet and photo[-12:] not in hit.snippet


def test_markup_words_find_no_draft_in_search_or_count(case: CaseFile, qtbot,
                                                       tmp_path: Path) -> None:
    """Finding 2: "photo", "claim", a UUID's digits are markup, not words of the draft."""
    claim, photo = draft_with_markup(case)
    for words in ("photo", "claim", photo.split("-")[1], claim.split("-")[0], "9bdb"):
        assert [h for h in case.search.search(words) if h.kind == "draft"] == [], words
        assert case.search.count(words) == 0, words
    assert case.search.count("statistics") == 1
    assert case.search.count("Monday OR photo") == 1
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path))
    type_search(qtbot, window, "photo")
    assert status(window) == "No matches for “photo”"


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.tuples(st.integers(0, 3), st.lists(
    st.sampled_from(["grain", "Kýiv", "said", "the", "⟦", "exports", "ministry"]),
    min_size=1, max_size=4), st.uuids()), min_size=1, max_size=8),
    word=st.sampled_from(["Kyiv", "Kýiv", "grain", "photo", "claim", "ministry", "0000"]))
def test_any_draft_snippet_is_free_of_markup(case: CaseFile, parts, word: str) -> None:
    """Finding 1 (Hypothesis): whatever the markup and the word, no snippet shows a ⟦, a ⟧
    or a piece of a UUID, and no draft is found by its markup alone."""
    body = []
    for shape, words, uid in parts:
        text = " ".join(words).replace("⟦", "⟦⟦")
        body.append([text, f"⟦claim:{uid}⟧{text}⟦/claim⟧", f"\n\n⟦photo:{uid}⟧\n\n",
                     f"⟦claim:{uid}⟧{text}"][shape])
    draft = case.drafts.create(headline="H", body=" ".join(body))
    try:
        for hit in case.search.search(word, snippet_words=4):
            assert "⟦" not in hit.snippet.replace("⟦⟦", "") and "⟧" not in hit.snippet
            for _shape, _words, uid in parts:
                assert str(uid)[-12:] not in hit.snippet, hit.snippet
        if word in ("photo", "claim", "0000"):
            assert case.search.count(word) == 0
    finally:
        case.trash.delete(case.drafts.get(draft.uuid))


def test_status_counts_every_match_beyond_the_listed_200(case: CaseFile, qtbot,
                                                         tmp_path: Path) -> None:
    """Finding 4: the status line counts every match (the core's count), not the 200
    listed, and says only the best are listed."""
    for i in range(230):
        case.sources.create(name=f"Ministry official {i}")
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path))
    type_search(qtbot, window, "ministry")
    assert window.table.model().rowCount() == 200
    assert status(window) == ("230 matches for “ministry” — the best 200 are listed; "
                              "Enter opens one")
    window._status_at -= 60
    case.sources.create(name="Ministry press office")
    window.changes.flush()
    assert status(window).startswith("231 matches for “ministry”")


def test_search_box_keys_down_escape_and_an_empty_enter(case: CaseFile, qtbot,
                                                        tmp_path: Path) -> None:
    """Finding 9: Down after typing (no Enter) searches first; Escape clears the box and
    goes back to the list; Enter in an empty box goes back too, never "No matches for “”"."""
    case.sources.create(name="Yuri Petrov")
    case.claims.create(statement="Petrov signed the loan")
    case.claims.create(statement="Exports fell")
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path))
    window.show_kind("claim")
    field = window.search_field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "Petrov")
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert window.current_kind == "search" and window.table.model().rowCount() == 2
    assert window.focusWidget() is window.table
    assert window.table.currentIndex().row() == 0
    assert status(window) == "2 matches for “Petrov” — Enter opens one"
    # Typing other words, then Down again: the new words are searched.
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    field.selectAll()
    qtbot.keyClicks(field, "Exports")
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert window.last_search == "Exports" and window.table.model().rowCount() == 1
    # Escape: the box cleared, the claims list back.
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "" and window.current_kind == "claim"
    assert window.list_model.total == 2
    # An empty Enter after a search: back to the list, no "No matches for “”".
    type_search(qtbot, window, "Petrov")
    assert window.current_kind == "search"
    field.clear()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.current_kind == "claim"
    assert "No matches" not in status(window)


def test_saved_searches_never_keep_a_protected_name(case: CaseFile, qtbot,
                                                    tmp_path: Path) -> None:
    """Finding 5: a rename naming a protected source is refused; prefix searches that start
    such a name are refused; a search saved before its source became confidential is
    removed from the settings, and the window says so (without the name)."""
    belov = case.sources.create(name="Artyom Belov")
    case.sources.create(name="Olena Kovalenko", ground_rules="confidential",
                        attribution_phrase="a lawyer")
    case.claims.create(statement="Belov tipped us off")
    settings = settings_in(tmp_path)
    window, prompts = window_for(qtbot, case, settings, ["Tip-off", "Belov tip-off"])
    for words in ("Olen* Kovalenk*", "Kov*"):
        type_search(qtbot, window, words)
        window.save_search_action.trigger()
        assert prompts.shown[-1][0] == "error" and "protected source" in prompts.shown[-1][2]
    type_search(qtbot, window, "tipped")
    window.save_search_action.trigger()
    window.saved_searches.store.save("Belov file", "Belov")  # saved while he was on record
    window.saved_searches.refresh()
    assert saved_rows(window) == ["Saved searches", "Tip-off  (1)", "Belov file  (2)"]
    case.sources.update(belov.uuid, ground_rules="confidential",
                        attribution_phrase="a driver")
    window.changes.flush()
    qtbot.waitUntil(lambda: saved_rows(window) == ["Saved searches", "Tip-off  (1)"])
    assert "removed from your settings" in status(window) and "Belov" not in status(window)
    assert not window.saved_searches.rename("Tip-off")  # asked: "Belov tip-off"
    assert prompts.shown[-1][0] == "error" and "protected source" in prompts.shown[-1][2]
    assert saved_rows(window) == ["Saved searches", "Tip-off  (1)"]
    settings.sync()
    assert "belov" not in Path(settings.fileName()).read_text(encoding="utf-8").lower()


def test_saved_search_counts_wait_for_a_burst_and_keep_the_navigator(
        case: CaseFile, qtbot, tmp_path: Path) -> None:
    """Findings 8 and 13: a burst of edits recounts the saved searches once, a moment
    after; adding, renaming or deleting one keeps the navigator's current row."""
    petrov = case.sources.create(name="Yuri Petrov")
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path), ["Petrov", True])
    type_search(qtbot, window, "Petrov")
    window.save_search_action.trigger()
    window.show_kind("claim")
    current = window.navigator.currentIndex()
    assert current.data() .startswith("Claims")
    calls: list[str] = []
    count = case.search.count
    case.search.count = lambda *a, **k: (calls.append(a[0]), count(*a, **k))[1]
    for i in range(5):
        case.sources.update(petrov.uuid, notes=f"note {i}")
        window.changes.flush()
    assert calls == []
    qtbot.waitUntil(lambda: calls == ["Petrov"])
    window.saved_searches.store.save("Loans", "loan")
    window.saved_searches.refresh()
    window.saved_searches.rename("Loans", "Bank loans")
    assert window.navigator.currentIndex() == current and current.isValid()
    assert window.navigator.selectionModel().isSelected(current)
    window.saved_searches.delete("Bank loans")
    assert saved_rows(window) == ["Saved searches", "Petrov  (1)"]
    assert window.navigator.currentIndex().data().startswith("Claims")


def test_save_this_search_is_in_the_edit_menu(case: CaseFile, qtbot, tmp_path: Path) -> None:
    """Finding 10: the toolbar's "Save this search" is also an Edit menu entry."""
    window, _prompts = window_for(qtbot, case, settings_in(tmp_path))
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert window.save_search_action in edit.actions()
    assert window.save_search_action.text() == "&Save this search…"


def test_visible_text_is_the_draft_editors_text() -> None:
    """Finding 12: a snippet's text is DraftText.parse's visible text, escapes included (a
    written "⟦⟦" is one ⟦ of the text, and what follows it is text, not an anchor)."""
    from casefile.claims.draft_text import OBJECT, DraftText
    from casefile.search import visible_text

    uid = "9a2e0c4e-5438-4c1e-9bdb-c0c16be97135"
    for body in (f"a ⟦⟦claim:{uid}⟧ b", f"x ⟦claim:{uid}⟧y⟦/claim⟧ ⟦⟦/claim⟧ z",
                 f"p\n\n⟦photo:{uid}⟧\n\nq"):
        assert visible_text(body) == DraftText.parse(body).text.replace(OBJECT, " "), body
    assert visible_text(f"⟦claim:{'-' * 36}⟧ odd") == " odd"  # parse() refuses: no markup
