"""The File menu's work: backups, bundles, Word export through the dialog, opening cases."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from PySide6.QtCore import QSettings

from casefile import CaseFile
from ui.controller import AppController
from ui.export_dialog import ExportDialog, ExportOptions
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.recent import recent_files


def make_window(qtbot, case: CaseFile, answers: list) -> tuple[MainWindow, ScriptedPrompts]:
    prompts = ScriptedPrompts(answers)
    window = MainWindow(case, prompts)
    qtbot.addWidget(window)
    window.show()
    return window, prompts


def test_backup_and_bundle_export_run_as_jobs(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    copy, bundle = tmp_path / "copy.casefile", tmp_path / "case.zip"
    shared = tmp_path / "shared.zip"
    window, prompts = make_window(qtbot, sample, [copy, 1, bundle, 0, shared])
    with qtbot.waitSignal(window.job_finished, timeout=30_000) as blocker:
        window.backup()
    assert blocker.args[1] is not None
    with CaseFile.open(copy) as restored:
        assert restored.summary().counts == sample.summary().counts
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.export_bundle()
    with zipfile.ZipFile(bundle) as zf:
        assert "bundle.json" in zf.namelist()
        full = zf.read("bundle.json")
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.export_bundle()  # the kind for an editor: protected identities withheld
    with zipfile.ZipFile(shared) as zf:
        withheld = zf.read("bundle.json")
    broker = next(s.name for s in sample.sources.page() if s.ground_rules.value != "on_record"
                  and s.kind.value == "person")
    assert broker.encode() in full and broker.encode() not in withheld
    assert [k for k, _t, _m in prompts.shown] == ["save", "choose", "save", "choose", "save"]


def test_a_bad_bundle_is_a_message_and_changes_nothing(case: CaseFile, qtbot,
                                                      tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casefile-bundle", "format_version": 1, "case": {}}')
    window, prompts = make_window(qtbot, case, [bad])
    with qtbot.waitSignal(window.job_finished, timeout=30_000) as blocker:
        window.import_bundle()
    assert blocker.args[1] is None
    [(kind, title, message)] = prompts.shown[1:]
    assert (kind, title) == ("error", "Import bundle") and "case: 'title' is required" in message
    assert case.summary().counts["source"] == 0


def test_export_dialog_defaults_protect_photo_locations(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(tmp_path / "story draft")
    qtbot.addWidget(dialog)
    options = dialog.options()
    assert options == ExportOptions(tmp_path / "story draft.docx", "editor", True, False)
    dialog.profile.setCurrentIndex(1)
    dialog.keep_metadata.setChecked(True)
    assert dialog.options().profile == "clean" and dialog.options().keep_photo_metadata


def test_export_draft_from_the_window(sample: CaseFile, qtbot, tmp_path: Path) -> None:
    out = tmp_path / "for the editor.docx"
    # "Export anyway?" (the sample draft's blocking findings) — yes; "Show in folder?" — no
    window, prompts = make_window(qtbot, sample, [True, False])
    window.show_kind("draft")
    window.table.selectRow(0)
    with qtbot.waitSignal(window.job_finished, timeout=60_000) as blocker:
        window.export_draft(ExportOptions(out))
    result = blocker.args[1][0]
    assert result.path == out and out.exists()
    assert len(list(docx.Document(str(out)).comments)) == 14
    assert prompts.shown[-1][0] == "confirm" and str(out) in prompts.shown[-1][2]


def test_export_through_the_dialog_and_read_the_draft_back(sample: CaseFile, qtbot,
                                                           tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPushButton

    out = tmp_path / "clean copy.docx"
    # Browse… → out; folder: no ("Export anyway" is the dialog's button: no second question)
    window, prompts = make_window(qtbot, sample, [out, False])
    window.show_kind("draft")
    window.table.selectRow(0)
    seen = []

    def answer() -> None:  # the modal dialog is up: choose as a reporter would
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, ExportDialog)
            assert not dialog.keep_metadata.isChecked()  # photo locations protected by default
            dialog.profile.setCurrentIndex(dialog.profile.findData("clean"))
            next(b for b in dialog.findChildren(QPushButton) if "Browse" in b.text()).click()
            seen.append(dialog.path.text())
            qtbot.waitUntil(dialog.export_button.isEnabled, timeout=30_000)  # summary shown
            dialog.export_button.click()
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(100, answer)
    with qtbot.waitSignal(window.job_finished, timeout=60_000):
        window.export_draft()
    assert seen == [str(out)] and out.exists()
    exported = docx.Document(str(out))
    assert list(exported.comments) == []  # the clean profile: no reviewer comments
    [draft] = sample.drafts.page()
    assert exported.paragraphs[0].text == draft.headline
    assert sample.drafts.versions(draft.uuid)[-1].snapshot["export"]["profile"] == "clean"


def test_controller_opens_creates_and_remembers(qtbot, tmp_path: Path, sample_file: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    new_path = tmp_path / "Fresh story"
    prompts = ScriptedPrompts([new_path, "Fresh story"])
    controller = AppController(prompts, settings)
    window = controller.new_case()
    assert window is not None and window.case.info().title == "Fresh story"
    assert window.case.path == new_path.with_suffix(".casefile")
    qtbot.addWidget(window)
    junk = tmp_path / "junk.casefile"
    junk.write_text("not a case")
    assert controller.open_path(junk) is None
    assert prompts.shown[-1][0] == "error" and "not a Casefile case file" in prompts.shown[-1][2]
    copy = tmp_path / "sample.casefile"
    copy.write_bytes(sample_file.read_bytes())
    second = controller.open_path(copy)
    assert second is not None and controller.open_path(copy) is second
    qtbot.addWidget(second)
    assert [p.name for p in recent_files(settings)] == ["sample.casefile", "Fresh story.casefile"]
    second.close()
    window.close()
    assert controller.windows == []
    with CaseFile.open(copy) as reopened:  # closing the window released the file
        assert reopened.info().title == "Border trade on the Amur"


def test_screenshots_render_every_view(qtbot, tmp_path: Path) -> None:
    from ui import screenshots
    from ui.kinds import VIEWS

    assert screenshots.main(tmp_path) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    extra = ["search.png", "claims-board.png", "dark-claim.png", "dark-interview.png",
             "dark-source.png", "case-settings.png", "start.png"]
    assert names == sorted([f"{v.key}.png" for v in VIEWS] + extra)
    assert all(p.stat().st_size > 10_000 for p in tmp_path.glob("*.png"))


def test_photos_documents_and_csl_come_in_from_the_file_menu(sample: CaseFile, qtbot,
                                                             tmp_path: Path) -> None:
    from tests.test_photos import photo_bytes

    shots = [tmp_path / f"IMG_{i}.jpg" for i in range(2)]
    for i, shot in enumerate(shots):
        shot.write_bytes(photo_bytes(color=(30, i * 100, 60)))
    table = tmp_path / "crossings-2026.csv"
    table.write_text("week,trucks\n2026-W40,412\n")
    zotero = Path(__file__).parent / "data" / "zotero-export.json"
    prompts = ScriptedPrompts([shots, table, zotero])
    window = MainWindow(sample, prompts)
    qtbot.addWidget(window)
    window.show()
    photos, documents = sample.photos.count(), sample.documents.count()
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.choose_photos()
    assert sample.photos.count() == photos + 2
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.add_document_file()
    assert sample.documents.count() == documents + 1
    assert window.current_kind == "document"
    assert window.document_panel.record.file_name == "crossings-2026.csv"
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.import_csl()
    imported = sample.documents.count() - documents - 1
    assert imported > 0
    # the sample case has three of the five already (same URLs): two updated, not
    # duplicated; the third, by other authors, is a different work kept beside it and named
    message = prompts.shown[-1][2]
    assert message.splitlines()[0] == (f"New: {imported}, updated: 2, unchanged: 0, "
                                       "skipped: 0.")
    assert "Possible duplicates, imported as new documents:" in message
    assert "Updated (Undo does not restore these):" in message
    window.undo_action.trigger()  # the CSL import goes back as one deletion
    assert sample.documents.count() == documents + 1
    window.undo_action.trigger()
    assert sample.documents.count() == documents


def test_a_bad_csl_item_is_listed_and_the_rest_imports(case: CaseFile, qtbot,
                                                        tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": "x", "type": "report"}, {"title": "No type"}]')
    prompts = ScriptedPrompts([bad])
    window = MainWindow(case, prompts)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.job_finished, timeout=30_000):
        window.import_csl()
    kind, title, message = prompts.shown[-1]
    assert (kind, title) == ("info", "Import references")
    assert message.splitlines()[:2] == [
        "New: 1, updated: 0, unchanged: 0, skipped: 1.",
        "[1] “No type”: type: required (a CSL type such as 'report')"]
    assert "placeholder title" in message
    assert [d.title for d in case.documents.page()] == ["[untitled report]"]
