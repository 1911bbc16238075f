"""File → Make a field copy…, Merge a field copy… and the conflict review, driven with real
clicks on a real window over real case files; only the file dialogs answer from a script."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from casefile import CaseFile
from casefile.sync import make_field_copy
from ui.field_copies import FieldCopyDialog
from ui.main_window import MainWindow
from ui.merge_review import MergeReview
from ui.prompts import ScriptedPrompts

SECRET = "Zinaida Koroleva-Tumanova"
BASE = {"keep": "Trucks cross the bridge.", "take": "The customs post closes early.",
        "edit": "Trucks crossed on Monday."}
LEAD = {"keep": "Trucks cross the bridge at night.",
        "take": "The customs post closes at six.",
        "edit": "Forty trucks crossed on Monday."}
COPY = {"keep": "Trucks cross the bridge after dark.",
        "take": "The customs post closes at six in the evening.",
        "edit": "Forty-two trucks crossed on Monday."}


@pytest.fixture
def lead(tmp_path: Path):
    case = CaseFile.create(tmp_path / "Bridge story.casefile", title="Bridge story",
                           actor="lead")
    yield case
    case.close()


def claims_of(case: CaseFile) -> dict[str, uuid.UUID]:
    """The three claims, by which way the test settles their conflict."""
    return {key: case.claims.create(statement=text).uuid for key, text in BASE.items()}


def make_window(qtbot, case: CaseFile, answers: list) -> tuple[MainWindow, ScriptedPrompts]:
    prompts = ScriptedPrompts(answers)
    window = MainWindow(case, prompts)
    qtbot.addWidget(window)
    window.show()
    return window, prompts


def menu_action(window: MainWindow, starts: str) -> QAction:
    """A File menu entry, found by its text as the user reads it."""
    file_menu = window.menuBar().actions()[0].menu()
    found = [a for a in file_menu.actions() if a.text().replace("&", "").startswith(starts)]
    assert len(found) == 1, [a.text() for a in file_menu.actions()]
    return found[0]


def browse_button(dialog: FieldCopyDialog) -> QPushButton:
    """The dialog's Browse… (it opens the file dialog, which the script answers)."""
    return next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Browse…")


def conflicting_copy(lead: CaseFile, tmp_path: Path) -> tuple[Path, dict[str, uuid.UUID]]:
    """A field copy, then both sides changing the same three claims differently."""
    claims = claims_of(lead)
    out = tmp_path / "copy for Olga.casefile"
    make_field_copy(lead, out)
    with CaseFile.open(out, actor="olga") as copy:
        for key, ref in claims.items():
            copy.claims.update(ref, statement=COPY[key])
    for key, ref in claims.items():
        lead.claims.update(ref, statement=LEAD[key])  # changed here too, differently
    return out, claims


def click_conflict(qtbot, review: MergeReview, claim: uuid.UUID) -> None:
    """Click the row of the conflict on `claim`."""
    table = review.table
    for row in range(table.topLevelItemCount()):
        item = table.topLevelItem(row)
        key = item.data(0, Qt.ItemDataRole.UserRole)
        conflict = next(c for c in review.conflicts if str(c.uuid) == key)
        if conflict.record_uuid == claim:
            rect = table.visualItemRect(item)
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert review.current().record_uuid == claim
            return
    raise AssertionError(f"no conflict listed for {claim}")


def merged_window(qtbot, lead: CaseFile, tmp_path: Path):
    out, claims = conflicting_copy(lead, tmp_path)
    window, prompts = make_window(qtbot, lead, [out])
    with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
        menu_action(window, "Merge a field copy").trigger()
    assert blocker.args[1] is not None, prompts.shown
    review = window.field_copies.review_view
    assert review is not None and review.isVisible()
    return window, prompts, review, claims


def test_a_merge_from_the_menu_reports_and_opens_the_review(qtbot, lead: CaseFile,
                                                           tmp_path: Path) -> None:
    window, prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    kinds = [k for k, _t, _m in prompts.shown]
    assert kinds[:2] == ["open", "info"]
    report = prompts.shown[1][2]
    assert "Conflicts to review: 3" in report
    # nothing came in cleanly, but the file does not "have everything": three wait
    assert "nothing applied cleanly" in report and "already has everything" not in report
    assert f'claim "{LEAD["keep"]}", Statement: changed on both sides' in report
    assert {c.record_uuid for c in review.conflicts} == set(claims.values())
    assert review.table.topLevelItemCount() == 3
    # until settled, the lead's value stays in place
    assert {lead.claims.get(ref).statement for ref in claims.values()} == set(LEAD.values())
    assert "(3 open)" in menu_action(window, "Review merge conflicts").text()
    review.resize(1100, 700)
    click_conflict(qtbot, review, claims["edit"])
    QApplication.processEvents()
    assert review.grab().save(str(tmp_path / "review.png"))  # for a look at the layout


def test_keep_take_and_edit_change_the_record_and_undo_restores(qtbot, lead: CaseFile,
                                                               tmp_path: Path) -> None:
    window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)

    click_conflict(qtbot, review, claims["keep"])
    assert review.base[1].toPlainText() == BASE["keep"]
    assert review.mine[1].toPlainText() == LEAD["keep"]
    assert review.theirs[1].toPlainText() == COPY["keep"]
    kept = lead.claims.get(claims["keep"])
    assert kept.statement == LEAD["keep"] != COPY["keep"]  # a click that took theirs shows
    qtbot.mouseClick(review.keep, Qt.MouseButton.LeftButton)
    after = lead.claims.get(claims["keep"])
    assert (after.statement, after.version) == (kept.statement, kept.version)  # untouched
    assert [c.status for c in lead.merges.conflicts(open_only=False)
            if c.record_uuid == claims["keep"]] == ["kept"]
    assert review.table.topLevelItemCount() == 2  # followed the change: it left the list

    click_conflict(qtbot, review, claims["take"])
    qtbot.mouseClick(review.take, Qt.MouseButton.LeftButton)
    assert lead.claims.get(claims["take"]).statement == COPY["take"]

    click_conflict(qtbot, review, claims["edit"])
    assert review.edit.isEnabled() and review.use_edit.isEnabled()
    review.edit.setFocus()
    qtbot.keySequence(review.edit, QKeySequence.StandardKey.SelectAll)
    qtbot.keyClicks(review.edit, "Forty-one trucks crossed on Monday.")
    qtbot.mouseClick(review.use_edit, Qt.MouseButton.LeftButton)
    assert lead.claims.get(claims["edit"]).statement == "Forty-one trucks crossed on Monday."
    assert review.table.topLevelItemCount() == 0
    assert lead.merges.open_count() == 0
    assert "(0 open)" in menu_action(window, "Review merge conflicts").text()

    # resolved ones shown on request, each with how it was settled
    resolved = review.show_resolved
    qtbot.mouseClick(resolved, Qt.MouseButton.LeftButton, pos=QPoint(30, resolved.height() // 2))
    assert sorted(c.status for c in review.conflicts) == ["edited", "kept", "taken"]
    qtbot.mouseClick(resolved, Qt.MouseButton.LeftButton, pos=QPoint(30, resolved.height() // 2))

    window.undo_action.trigger()  # Edit → Undo: the edit undone, its conflict open again
    assert lead.claims.get(claims["edit"]).statement == LEAD["edit"]
    assert [c.record_uuid for c in review.conflicts] == [claims["edit"]]
    window.undo_action.trigger()
    assert lead.claims.get(claims["take"]).statement == LEAD["take"]
    window.undo_action.trigger()  # the keep undone: open again, the value as it was
    assert lead.claims.get(claims["keep"]).statement == LEAD["keep"]
    assert review.table.topLevelItemCount() == 3 and lead.merges.open_count() == 3
    window.redo_action.trigger()  # redo settles it the same way again
    assert lead.merges.open_count() == 2


def test_the_keys_alone_settle_a_conflict(qtbot, lead: CaseFile, tmp_path: Path) -> None:
    _window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    assert QApplication.focusWidget() is review.table  # the list first, to move in
    qtbot.keyClick(review.table, Qt.Key.Key_Down)
    first = review.current()
    assert first is review.conflicts[1]
    qtbot.keyClick(review.table, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Take &theirs
    # (a mnemonic "animates" its button: the click lands after the event loop turns)
    qtbot.waitUntil(lambda: review.table.topLevelItemCount() == 2)
    assert lead.claims.get(first.record_uuid).statement == first.theirs_text
    assert first.record_uuid not in {c.record_uuid for c in review.conflicts}
    assert review.current() is not None and QApplication.focusWidget() is review.table


def test_the_copy_dialog_writes_a_copy_without_the_protected_name(qtbot, lead: CaseFile,
                                                                  tmp_path: Path) -> None:
    source = lead.sources.create(name=SECRET, ground_rules="confidential",
                                 attribution_phrase="a customs officer in Heihe")
    lead.interviews.create(title="At the customs post", interviewees=[source.uuid],
                           transcript=f"{SECRET} said the post closes at six.")
    member = lead.team.create(name="Olga Field")
    keep, drop = (lead.claims.create(statement=s).uuid
                  for s in ("The post closes at six.", "The bridge opened in 2022."))
    out = tmp_path / "for Olga.casefile"
    window, prompts = make_window(qtbot, lead, [out])
    menu_action(window, "Make a field copy").trigger()
    dialog = window.field_copies.dialog
    assert isinstance(dialog, FieldCopyDialog) and dialog.isVisible()
    assert "not encrypted" in dialog.lock.text().lower()
    dialog.member.setCurrentIndex(dialog.member.findData(str(member.uuid)))
    assert Path(dialog.path.text()).name == "Bridge story — field copy for Olga Field.casefile"
    assert dialog.policy.currentIndex() == 0  # shared like a bundle, the safe default
    box = dialog.some_claims  # its row spans the dialog: a click on its words ticks it
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(30, box.height() // 2))
    assert box.isChecked() and dialog.claims.list.isEnabled()
    claim_list = dialog.claims.list
    [item] = [claim_list.item(i) for i in range(claim_list.count())
              if claim_list.item(i).data(Qt.ItemDataRole.UserRole) == str(keep)]
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(browse_button(dialog), Qt.MouseButton.LeftButton)  # scripted dialog
    assert dialog.path.text() == str(out)
    with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert blocker.args[1] is not None, prompts.shown
    told = prompts.shown[-1]
    assert told[0] == "info" and str(out) in told[2]
    assert SECRET.encode() not in out.read_bytes()
    with CaseFile.open(out) as copy:
        assert copy.info().uuid == lead.info().uuid  # the same case, another replica
        assert [c.uuid for c in copy.claims.page()] == [keep]  # `drop` left out
        assert all(s.name != SECRET for s in copy.sources.page())


def test_the_copy_dialog_refuses_a_file_that_exists(qtbot, lead: CaseFile,
                                                    tmp_path: Path) -> None:
    taken = tmp_path / "taken.casefile"
    taken.write_bytes(b"something else")
    window, prompts = make_window(qtbot, lead, [])
    dialog = window.field_copies.make_copy()
    dialog.path.setText(str(taken))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and prompts.shown[-1][0] == "error"
    assert taken.read_bytes() == b"something else" and not window.jobs


def test_a_cancelled_merge_changes_nothing_and_says_so(qtbot, lead: CaseFile,
                                                        tmp_path: Path) -> None:
    out, claims = conflicting_copy(lead, tmp_path)
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    held = threading.Event()
    pool.start(held.wait)  # the one worker busy: the merge waits its turn
    prompts = ScriptedPrompts([out])
    window = MainWindow(lead, prompts, pool=pool)
    qtbot.addWidget(window)
    window.show()
    menu_action(window, "Merge a field copy").trigger()
    [job] = window.jobs
    job.cancel()  # Cancel in the progress dialog, before the merge got going
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        held.set()
    assert [k for k, _t, _m in prompts.shown] == ["open"]  # no error box for a cancel
    assert "cancelled" in window.statusBar().currentMessage()
    assert lead.merges.open_count() == 0
    assert {lead.claims.get(ref).statement for ref in claims.values()} == set(LEAD.values())
    assert window.field_copies.review_view is None
    pool.waitForDone()


def test_an_encrypted_case_makes_an_encrypted_copy_and_merges_it(qtbot, tmp_path: Path) -> None:
    from casefile.db.driver import encryption_available
    from casefile.errors import PassphraseRequiredError

    if not encryption_available():
        pytest.skip("sqlcipher3 is not installed")
    phrase = "amur river ferry timber"
    lead = CaseFile.create(tmp_path / "Secret story.casefile", title="Secret story",
                           actor="lead", passphrase=phrase)
    try:
        claim = lead.claims.create(statement=BASE["edit"]).uuid
        out = tmp_path / "copy.casefile"
        window, prompts = make_window(qtbot, lead, [out])
        dialog = window.field_copies.make_copy()
        assert "encrypted with this case's passphrase" in dialog.lock.text().lower()
        qtbot.mouseClick(browse_button(dialog), Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
            qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
        assert blocker.args[1] is not None, prompts.shown
        with pytest.raises(PassphraseRequiredError):
            CaseFile.open(out)
        with CaseFile.open(out, passphrase=phrase, actor="olga") as copy:
            copy.claims.update(claim, statement=COPY["edit"])
        prompts.answers.extend([out, phrase])  # the copy to merge, then its passphrase
        with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
            menu_action(window, "Merge a field copy").trigger()
        assert blocker.args[1] is not None, prompts.shown
        asked = [(k, m) for k, _t, m in prompts.shown if k == "passphrase"]
        assert len(asked) == 1 and "copy.casefile" in asked[0][1]
        assert lead.claims.get(claim).statement == COPY["edit"]  # changed there only
        assert window.field_copies.review_view is None  # nothing to review
    finally:
        lead.close()


def test_the_review_follows_conflicts_settled_elsewhere(qtbot, lead: CaseFile,
                                                        tmp_path: Path) -> None:
    window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    other = next(c for c in review.conflicts if c.record_uuid == claims["take"])
    lead.merges.resolve(other.uuid, "theirs")  # a script, another window: not this view
    qtbot.waitUntil(lambda: review.table.topLevelItemCount() == 2)
    assert claims["take"] not in {c.record_uuid for c in review.conflicts}
    assert "(2 open)" in menu_action(window, "Review merge conflicts").text()


def test_a_record_trashed_there_and_edited_here_is_kept_or_taken_not_edited(
        qtbot, lead: CaseFile, tmp_path: Path) -> None:
    claim = lead.claims.create(statement=BASE["keep"]).uuid
    out = tmp_path / "copy.casefile"
    make_field_copy(lead, out)
    with CaseFile.open(out, actor="olga") as copy:
        copy.trash.delete(copy.claims.get(claim))
    lead.claims.update(claim, statement=LEAD["keep"])
    window, prompts = make_window(qtbot, lead, [out])
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        menu_action(window, "Merge a field copy").trigger()
    review = window.field_copies.review_view
    assert review is not None, prompts.shown
    [conflict] = review.conflicts
    assert conflict.record_uuid == claim and not conflict.editable
    assert not review.edit.isEnabled() and not review.use_edit.isEnabled()
    assert review.keep.isEnabled() and review.take.isEnabled()
    qtbot.mouseClick(review.take, Qt.MouseButton.LeftButton)  # the trashing taken
    assert claim not in {c.uuid for c in lead.claims.page()}
    box = review.show_resolved
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(30, box.height() // 2))
    item = review.table.topLevelItem(0)
    qtbot.mouseClick(review.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=review.table.visualItemRect(item).center())
    qtbot.mouseDClick(review.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=review.table.visualItemRect(item).center())
    assert "cannot be shown: it is in the trash" in review.notice.text()  # not silence
    window.undo_action.trigger()
    assert lead.claims.get(claim).statement == LEAD["keep"]


CLEAN = "The bridge opened in 2019."  # a change made in the copy only: it comes in cleanly


def cancelling_at(real, step: int):
    """The core's job, with Cancel pressed (from the worker, so exactly there) just as its
    step `step` comes (0: the first); a job with fewer steps runs to its end."""
    def wrapped(*args, cancel: threading.Event, **kwargs):
        return (yield from _cancel_at(real(*args, cancel=cancel, **kwargs), step, cancel))

    return wrapped


def _cancel_at(gen, step: int, cancel: threading.Event):
    n = 0
    while True:
        try:
            item = next(gen)
        except StopIteration as end:
            return end.value
        if n == step:
            cancel.set()
        n += 1
        yield item


@pytest.mark.parametrize("step", range(6))
def test_a_merge_cancelled_at_any_step_is_told_as_it_ended(qtbot, lead: CaseFile,
                                                          tmp_path: Path, monkeypatch,
                                                          step: int) -> None:
    import ui.field_copies as field_copies

    out, claims = conflicting_copy(lead, tmp_path)
    with CaseFile.open(out, actor="olga") as copy:
        copy.claims.update(claims["keep"], notes=CLEAN)
    monkeypatch.setattr(field_copies, "merge_steps", cancelling_at(field_copies.merge_steps,
                                                                   step))
    window, prompts = make_window(qtbot, lead, [out])
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        menu_action(window, "Merge a field copy").trigger()
    written = lead.claims.get(claims["keep"]).notes == CLEAN
    told = [k for k, _t, _m in prompts.shown]
    if written:  # committed: said so, and its conflicts are there to review
        assert told == ["open", "info"], prompts.shown
        assert "Merge cancelled" not in window.statusBar().currentMessage()
        assert lead.merges.open_count() == 3
        assert window.field_copies.review_view is not None
    else:  # rolled back: nothing of it here, and said so
        assert told == ["open"], prompts.shown
        assert "nothing was changed" in window.statusBar().currentMessage()
        assert lead.merges.open_count() == 0 and lead.merges.peers()[0].merges == 0
        assert {lead.claims.get(r).statement for r in claims.values()} == set(LEAD.values())


@pytest.mark.parametrize("step", range(5))
def test_a_copy_cancelled_at_any_step_is_told_as_it_ended(qtbot, lead: CaseFile,
                                                         tmp_path: Path, monkeypatch,
                                                         step: int) -> None:
    import ui.field_copies as field_copies

    claims_of(lead)
    out = tmp_path / "copy.casefile"
    monkeypatch.setattr(field_copies, "copy_steps", cancelling_at(field_copies.copy_steps,
                                                                  step))
    window, prompts = make_window(qtbot, lead, [out])
    dialog = window.field_copies.make_copy()
    qtbot.mouseClick(browse_button(dialog), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    if out.exists():  # written: the lead is told where, never "nothing was written"
        assert prompts.shown[-1][0] == "info" and str(out) in prompts.shown[-1][2]
        assert "nothing was written" not in window.statusBar().currentMessage()
        with CaseFile.open(out) as copy:
            assert len(copy.claims.page()) == 3
    else:
        assert "nothing was written" in window.statusBar().currentMessage()
        assert not [k for k, _t, _m in prompts.shown if k == "info"]
        assert not list(tmp_path.glob("*.part"))  # no half-written file left either


def test_the_review_cannot_be_used_while_a_merge_runs(qtbot, lead: CaseFile,
                                                      tmp_path: Path) -> None:
    window, prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    out = tmp_path / "copy for Olga.casefile"
    prompts.answers.append(out)  # the same copy again: a second merge, with the review open
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        menu_action(window, "Merge a field copy").trigger()
        assert window.jobs and not review.isEnabled()  # the job has not ended yet
        click_target = review.keep
        qtbot.mouseClick(click_target, Qt.MouseButton.LeftButton)
        assert lead.merges.open_count() == 3  # the click reached nothing
    qtbot.waitUntil(review.isEnabled)  # back once the merge ended
    qtbot.mouseClick(review.keep, Qt.MouseButton.LeftButton)
    assert lead.merges.open_count() == 2


def test_the_edited_text_survives_a_reload_of_the_same_conflict(qtbot, lead: CaseFile,
                                                                tmp_path: Path) -> None:
    _window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    click_conflict(qtbot, review, claims["edit"])
    review.edit.setFocus()
    qtbot.keySequence(review.edit, QKeySequence.StandardKey.SelectAll)
    qtbot.keyClicks(review.edit, "Forty-one trucks.")
    other = next(c for c in review.conflicts if c.record_uuid == claims["take"])
    lead.merges.resolve(other.uuid, "theirs")  # settled elsewhere: the list reloads
    qtbot.waitUntil(lambda: review.table.topLevelItemCount() == 2)
    assert review.current().record_uuid == claims["edit"]
    assert review.edit.toPlainText() == "Forty-one trucks."  # what was typed is kept
    click_conflict(qtbot, review, claims["keep"])  # another conflict: its own value
    assert review.edit.toPlainText() == LEAD["keep"]
    click_conflict(qtbot, review, claims["edit"])
    assert review.edit.toPlainText() == LEAD["edit"]


def test_undo_and_redo_keys_work_in_the_review(qtbot, lead: CaseFile, tmp_path: Path) -> None:
    window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    click_conflict(qtbot, review, claims["take"])
    qtbot.mouseClick(review.take, Qt.MouseButton.LeftButton)
    assert lead.claims.get(claims["take"]).statement == COPY["take"]
    review.table.setFocus()
    qtbot.keySequence(review.table, QKeySequence.StandardKey.Undo)
    assert lead.claims.get(claims["take"]).statement == LEAD["take"]
    assert lead.merges.open_count() == 3
    qtbot.keySequence(review.table, QKeySequence.StandardKey.Redo)
    assert lead.claims.get(claims["take"]).statement == COPY["take"]
    assert lead.merges.open_count() == 2
    # the resolution line says Undo only for the step Undo would undo
    qtbot.mouseClick(review.show_resolved, Qt.MouseButton.LeftButton,
                     pos=QPoint(30, review.show_resolved.height() // 2))
    click_conflict(qtbot, review, claims["take"])
    assert "Undo or Reopen opens it again" in review.resolution.text()
    assert review.reopen.isVisible() and not review.keep.isEnabled()


def test_reopen_opens_a_conflict_settled_elsewhere(qtbot, lead: CaseFile,
                                                   tmp_path: Path) -> None:
    window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    other = next(c for c in review.conflicts if c.record_uuid == claims["take"])
    lead.merges.resolve(other.uuid, "theirs")  # a script: not on this window's undo stack
    qtbot.mouseClick(review.show_resolved, Qt.MouseButton.LeftButton,
                     pos=QPoint(30, review.show_resolved.height() // 2))
    click_conflict(qtbot, review, claims["take"])
    assert "Undo" not in review.resolution.text() and "Reopen" in review.resolution.text()
    assert review.reopen.isVisible() and review.reopen.isEnabled()
    qtbot.mouseClick(review.reopen, Qt.MouseButton.LeftButton)
    assert lead.claims.get(claims["take"]).statement == LEAD["take"]
    assert lead.merges.open_count() == 3
    assert review.current().status == "open" and not review.reopen.isVisible()
    window.undo_action.trigger()  # the reopen undone: taken again
    assert lead.claims.get(claims["take"]).statement == COPY["take"]
    assert lead.merges.open_count() == 2


def test_show_more_only_when_there_are_more(qtbot, lead: CaseFile, tmp_path: Path,
                                            monkeypatch) -> None:
    import ui.merge_review as merge_review

    monkeypatch.setattr(merge_review, "PAGE", 2)
    _window, _prompts, review, claims = merged_window(qtbot, lead, tmp_path)
    assert review.table.topLevelItemCount() == 2 and review.more.isVisible()
    qtbot.mouseClick(review.more, Qt.MouseButton.LeftButton)
    assert review.table.topLevelItemCount() == 3 and not review.more.isVisible()
    lead.merges.resolve(review.conflicts[0].uuid, "mine")
    qtbot.waitUntil(lambda: review.table.topLevelItemCount() == 2)
    assert not review.more.isVisible()
    box = review.show_resolved
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(30, box.height() // 2))
    assert review.table.topLevelItemCount() == 2 and review.more.isVisible()  # 3 in all
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(30, box.height() // 2))
    assert review.table.topLevelItemCount() == 2 and not review.more.isVisible()


@pytest.mark.parametrize("typed", ["", "   ", "FOLDER", "FOLDER/", "MISSING/x.casefile"])
def test_the_copy_dialog_refuses_a_path_it_cannot_write(qtbot, lead: CaseFile,
                                                        tmp_path: Path, typed: str) -> None:
    folder = tmp_path / "ep"
    folder.mkdir()
    typed = typed.replace("FOLDER", str(folder)).replace("MISSING", str(tmp_path / "none"))
    window, prompts = make_window(qtbot, lead, [])
    dialog = window.field_copies.make_copy()
    dialog.some_claims.setChecked(True)  # a choice that must survive the refusal
    dialog.path.setText(typed)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and prompts.shown[-1][0] == "error" and not window.jobs
    said = prompts.shown[-1][2]
    assert ".part" not in said and ("Save as" in said or "folder" in said), said
    assert dialog.some_claims.isChecked()
    made = {p.name for p in tmp_path.iterdir()} - {"Bridge story.casefile", "ep"}
    assert not {n for n in made if not n.startswith("Bridge story.casefile-")}, made
    assert list(folder.iterdir()) == []  # nor a file in the folder, nor one beside it


@pytest.mark.parametrize("which", ["interviews", "claims"])
def test_only_some_with_none_ticked_is_refused(qtbot, lead: CaseFile, tmp_path: Path,
                                               which: str) -> None:
    claims_of(lead)
    lead.interviews.create(title="At the post")
    window, prompts = make_window(qtbot, lead, [])
    dialog = window.field_copies.make_copy()
    dialog.path.setText(str(tmp_path / "c.casefile"))
    box = dialog.some_interviews if which == "interviews" else dialog.some_claims
    box.setChecked(True)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and prompts.shown[-1][0] == "error" and not window.jobs
    assert f"no {which[:-1]} is" in prompts.shown[-1][2]
    assert not (tmp_path / "c.casefile").exists()
    listed = (dialog.interviews if which == "interviews" else dialog.claims).list
    listed.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert blocker.args[1] is not None and (tmp_path / "c.casefile").exists()


def finishing_late(real):
    """A core that does all its work, then says two more steps, Cancel pressed as they come
    (as a core that yields after its commit would): the job ends without the result."""
    def wrapped(*args, cancel: threading.Event, **kwargs):
        inner = real(*args, cancel=cancel, **kwargs)
        try:
            while True:
                next(inner)
        except StopIteration as end:
            result = end.value
        cancel.set()
        yield ("Done", 1, 1)
        yield ("Done", 1, 1)
        return result

    return wrapped


def test_a_cancel_after_the_work_is_done_never_says_nothing_happened(
        qtbot, lead: CaseFile, tmp_path: Path, monkeypatch) -> None:
    import ui.field_copies as field_copies

    monkeypatch.setattr(field_copies, "copy_steps", finishing_late(field_copies.copy_steps))
    monkeypatch.setattr(field_copies, "merge_steps", finishing_late(field_copies.merge_steps))
    out, claims = conflicting_copy(lead, tmp_path)
    made = tmp_path / "late.casefile"
    window, prompts = make_window(qtbot, lead, [made])
    dialog = window.field_copies.make_copy()
    qtbot.mouseClick(browse_button(dialog), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert made.exists()
    assert prompts.shown[-1][0] == "info" and "was written" in prompts.shown[-1][2]
    assert "nothing was written" not in window.statusBar().currentMessage()
    prompts.answers.append(out)
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        menu_action(window, "Merge a field copy").trigger()
    assert lead.merges.open_count() == 3  # the merge was written
    assert prompts.shown[-1][0] == "info" and "merge was written" in prompts.shown[-1][2]
    assert "nothing was changed" not in window.statusBar().currentMessage()
    assert window.field_copies.review_view is not None  # its conflicts, to review
