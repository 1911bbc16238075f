"""The Russian translation is complete, compiled and loaded: every string the app marks with
tr() is translated (a string added later fails here until it is), the .qm matches the .ts,
placeholders and mnemonics survive, and a real window started in Russian is Russian —
menus, list columns, status texts and dates."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator

from ui import i18n
from ui.i18n_catalog import (
    FOLDER,
    Message,
    all_strings,
    marked_strings,
    read_ts,
    updated,
    write_ts,
)

ROOT = Path(__file__).resolve().parent.parent
TS = FOLDER / "casefile_ru.ts"
QM = FOLDER / "casefile_ru.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def mnemonics(text: str) -> int:
    return len(re.findall(r"&[^&\s]", text.replace("&&", "")))


def test_every_marked_string_has_a_finished_russian_translation() -> None:
    catalogue = read_ts(TS)
    missing = [s for s in all_strings() if s not in catalogue or not catalogue[s].finished]
    assert missing == [], "run `make translations` and translate these in " \
        f"{TS.relative_to(ROOT)}: {missing}"


def test_the_walk_finds_tr_calls_everywhere_in_ui() -> None:
    found = marked_strings()
    assert "&File" in found and "Sources" in found and "Pending" in found
    assert all(path.startswith("ui/") for where in found.values() for path, _line in where)


def test_translations_keep_placeholders_mnemonics_and_edges() -> None:
    problems = []
    for message in read_ts(TS).values():
        if not message.finished:
            continue
        source, text = message.source, message.translation
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            problems.append(f"placeholders: {source!r} → {text!r}")
        if mnemonics(source) != mnemonics(text):
            problems.append(f"mnemonic: {source!r} → {text!r}")
        if source != source.strip() and (source[:1].isspace(), source[-1:].isspace()) != (
                text[:1].isspace(), text[-1:].isspace()):
            problems.append(f"spaces at the ends: {source!r} → {text!r}")
        if source.count("\n") != text.count("\n"):
            problems.append(f"line breaks: {source!r} → {text!r}")
    assert problems == []


def test_the_russian_is_russian() -> None:
    latin_only = {"URL", "SHA-256", "GPS", "the", "a", "an", "Casefile"}  # names, articles

    def words(text: str) -> bool:
        return bool(re.search(r"[A-Za-z]", PLACEHOLDER.sub("", text)))

    untranslated = [m.source for m in read_ts(TS).values() if m.finished
                    and m.source not in latin_only and words(m.source)
                    and not CYRILLIC.search(m.translation)]
    assert untranslated == []


def test_the_qm_is_compiled_from_the_ts_as_it_is() -> None:
    catalogue = QTranslator()
    assert catalogue.load(str(QM))
    stale = [m.source for m in read_ts(TS).values() if m.finished
             and catalogue.translate(i18n.CONTEXT, m.source) != m.translation]
    assert stale == [], "run `make translations` to compile the .qm again"


def test_the_catalogue_update_keeps_translations_and_marks_new_strings(tmp_path: Path) -> None:
    path = tmp_path / "casefile_xx.ts"
    write_ts(path, "xx", [Message("Old", [("ui/a.py", 1)], "Alt", True),
                          Message("Gone", [], "Weg", True)])
    merged = updated({"Old": [("ui/a.py", 3)], "New": [("ui/b.py", 7)]}, read_ts(path))
    write_ts(path, "xx", merged)
    again = read_ts(path)
    assert again["Old"].translation == "Alt" and again["Old"].finished
    assert not again["New"].finished and again["New"].translation == ""
    assert again["Gone"].vanished and again["Gone"].translation == "Weg"
    assert re.search(r'<location filename="[^"]*ui/b.py" line="7"', path.read_text())
    assert "<!DOCTYPE TS>" in path.read_text()


def test_the_language_is_chosen_from_the_environment_the_preference_or_the_system(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv(i18n.ENVIRONMENT, raising=False)
    assert ("ru", "Русский") in i18n.available_languages()
    assert i18n.available_languages()[0] == ("en", "English")
    settings.setValue(i18n.SETTING, "ru")
    assert i18n.chosen_language(settings) == "ru"
    settings.setValue(i18n.SETTING, "en")
    assert i18n.chosen_language(settings) == "en"
    settings.setValue(i18n.SETTING, "")  # automatic: the system's (C here: English)
    system = QLocale.system().name().split("_")[0]
    assert i18n.chosen_language(settings) == (system if system == "ru" else "en")
    settings.setValue(i18n.SETTING, "de")  # no catalogue: English
    assert i18n.chosen_language(settings) == "en"
    monkeypatch.setenv(i18n.ENVIRONMENT, "ru")
    assert i18n.chosen_language(settings) == "ru"
    assert i18n.chosen_language(settings, wanted="en") == "en"


def test_dates_and_numbers_follow_the_language(qapp) -> None:
    moment = datetime(2026, 3, 14, 10, 30)
    try:
        i18n.install_translator(qapp, "ru")
        assert i18n.short_datetime(moment) == "14.03.2026 10:30"
        assert i18n.number(12345).replace("\u00a0", " ") == "12 345"
        assert i18n.long_datetime(datetime(2026, 12, 1, 19, 23, 57)) == \
            "вт 1 дек. 2026, 19:23:57"  # the backups list
        from ui.backups_dialog import age

        assert age(datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
                   now=datetime(2026, 12, 1, 13, 5, tzinfo=UTC)) == "3 ч назад"
        from ui.kinds import tr

        assert tr("&File") == "&Файл" and tr("pending") == "ожидает ответа"
    finally:
        i18n.install_translator(qapp, "en")
    assert tr("&File") == "&File"


@pytest.mark.parametrize("system", ["de_DE", "uk_UA"])
def test_a_system_without_a_catalogue_keeps_its_own_dates(
        qapp, monkeypatch: pytest.MonkeyPatch, system: str) -> None:
    """English is shown (no catalogue for German or Ukrainian) but dates stay the user's own:
    14.03.26, not the US 3/14/26."""

    class Locale(QLocale):
        @staticmethod
        def system() -> QLocale:  # type: ignore[override]
            return QLocale(system)

    monkeypatch.setattr(i18n, "QLocale", Locale)
    try:
        i18n.use_language("en")
        assert QLocale().name() == system
        assert i18n.short_datetime(datetime(2026, 3, 14, 10, 30)).startswith("14.03.")
        i18n.use_language("ru")  # a shipped language the system does not speak: its dates
        assert QLocale().name() == "ru_RU"
    finally:
        monkeypatch.undo()
        i18n.install_translator(qapp, "en")


RUSSIAN_WINDOW = r"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
# As ui/app.py does: the modules (and the labels they make on import) come first, then the
# application and its translator, then the window.
from casefile.sample import create_sample_case
import ui.app  # everything the app imports before its main() runs
from ui.controller import AppController
from ui.i18n import install_translator
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
app = QApplication([])
language = install_translator(app)
folder = Path(tempfile.mkdtemp())
case = create_sample_case(folder / "sample.casefile")
settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
prompts = ScriptedPrompts([])
window = MainWindow(case, prompts, controller=AppController(prompts, settings), settings=settings)
window.resize(1024, 700)
window.show()
app.processEvents()
def headers():
    m = window.list_model
    return [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())]
def column(n):
    m = window.list_model
    return [m.index(r, n).data() for r in range(m.rowCount())]
out = {"language": language, "menus": [a.text() for a in window.menuBar().actions()]}
model = window.navigator_model
out["navigator"] = [model.index(r, 0).data() for r in range(model.rowCount())]
window.show_kind("source"); app.processEvents()
out["source_columns"] = headers()
window.show_kind("interview"); app.processEvents()
out["held"] = column(1)
window.show_kind("comment_request"); app.processEvents()
out["request_columns"] = headers()
out["request_status"] = column(3)
window.table.selectRow(0); app.processEvents()
out["status_choices"] = sorted({window.request_panel.status.itemText(i)
                                for i in range(window.request_panel.status.count())})
out["request_channels"] = [window.request_panel.channel.itemText(i)
                           for i in range(window.request_panel.channel.count())]
window.request_panel.channel.setCurrentIndex(0)
window.request_panel.save()
out["stored_channel"] = case.requests.get(window.request_panel.record.uuid).channel
window.show_kind("claim"); app.processEvents()
window.table.selectRow(0); app.processEvents()
panel = window.claim_panel
out["claim_status_choices"] = [panel.status.itemText(i) for i in range(panel.status.count())]
out["relation_choices"] = [panel.relation.itemText(i) for i in range(panel.relation.count())]
out["evidence"] = [[panel.evidence_model.index(r, c).data() for c in (0, 1)]
                   for r in range(panel.evidence_model.rowCount())]
window.show_kind("document"); app.processEvents()
window.table.selectRow(0); app.processEvents()
from PySide6.QtWidgets import QComboBox
out["document_types"] = [box.itemText(i) for box in window.document_panel.findChildren(QComboBox)
                         for i in range(box.count())]
from ui.window_files import OUTCOME_TEXT, PHOTO_FILTER
from ui.window_menus import about_text
out["about"] = about_text().split("\n")[0]
out["photo_filter"] = PHOTO_FILTER
out["outcomes"] = list(OUTCOME_TEXT.values())
if len(sys.argv) > 1:
    window.grab().save(sys.argv[1])
print(json.dumps(out, ensure_ascii=False))
window.close()
case.close()
"""


def test_a_window_started_in_russian_is_russian(tmp_path: Path) -> None:
    """In a fresh process, as the app starts: the labels made when modules are imported
    (column titles, status names) are Russian too, not only those made later."""
    env = {"QT_QPA_PLATFORM": "offscreen", i18n.ENVIRONMENT: "ru", "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "CASEFILE_TEMP_DIR": str(tmp_path / "t")}
    done = subprocess.run([sys.executable, "-c", RUSSIAN_WINDOW, str(tmp_path / "ru.png")],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["language"] == "ru"
    assert shown["menus"][:2] == ["&Файл", "&Правка"] and "&Справка" in shown["menus"]
    sections = {re.sub(r"\s*\(.*\)$", "", str(n)) for n in shown["navigator"]}  # "(12)"
    assert {"Источники", "Интервью", "Утверждения", "Корзина"} <= sections
    assert shown["source_columns"][:3] == ["Имя", "Тип", "Условия цитирования"]
    assert shown["request_columns"][:2] == ["Тема", "Кому"]
    assert shown["request_status"] and all(CYRILLIC.search(s) for s in shown["request_status"])
    assert "Ожидает ответа" in shown["status_choices"]
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", h) for h in shown["held"] if h)
    assert "эл. почта" in shown["request_channels"] or all(
        CYRILLIC.search(c) for c in shown["request_channels"])
    assert shown["stored_channel"] == "email"  # the key, not the Russian label
    for texts in ("claim_status_choices", "relation_choices", "document_types"):
        assert shown[texts] and all(CYRILLIC.search(t) for t in shown[texts]), shown[texts]
    assert CYRILLIC.search(shown["about"]) and "All files" not in shown["photo_filter"]
    assert all(CYRILLIC.search(t) for t in shown["outcomes"])
    assert shown["evidence"] and all(CYRILLIC.search(t) for line in shown["evidence"]
                                     for t in line), shown["evidence"]


def test_the_frozen_build_ships_the_translations() -> None:
    spec = (ROOT / "build.spec").read_text()
    assert not re.search(r'for sub in \([^)]*"i18n"', spec)  # not the whole folder (.ts)
    assert '(ROOT / "resources" / "i18n").glob("*.qm")' in spec
    assert 'name.startswith("qtbase_")' in spec
