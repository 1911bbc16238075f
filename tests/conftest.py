"""Shared fixtures: offscreen Qt, fresh case files in tmp dirs, real images made with Pillow."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app's strings as written (a developer's Russian locale would translate them); the
# Russian tests set the language themselves.
os.environ.setdefault("CASEFILE_LANGUAGE", "en")
# Settings, data and logs written by the app under test go to a scratch folder, not $HOME.
_SCRATCH = __import__("tempfile").mkdtemp(prefix="casefile-tests-")
for _var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = os.path.join(_SCRATCH, _var.lower())
# Private temporary folders (exports being scanned, "open the file" copies) likewise.
os.environ["CASEFILE_TEMP_DIR"] = os.path.join(_SCRATCH, "private-temp")

import gc  # noqa: E402
import hashlib  # noqa: E402
import io  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402
from PIL import Image  # noqa: E402

from casefile import CaseFile  # noqa: E402
from casefile.sample import create_sample_case  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"

# CI replays the same examples every run (a submission lands or not on its own code, not on
# the draw); a developer's runs search afresh each time and keep what they find.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture
def case(tmp_path: Path) -> Iterator[CaseFile]:
    """A new, empty case file, closed after the test."""
    c = CaseFile.create(tmp_path / "test.casefile", title="Test case", actor="tester")
    yield c
    c.close()


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample case written once per session; copy it before changing it."""
    path = tmp_path_factory.mktemp("sample") / "sample.casefile"
    create_sample_case(path, actor="tester").close()
    return path


@pytest.fixture
def sample(sample_file: Path, tmp_path: Path) -> Iterator[CaseFile]:
    """A private copy of the sample case, open."""
    copy = tmp_path / "sample.casefile"
    copy.write_bytes(sample_file.read_bytes())
    c = CaseFile.open(copy, actor="tester")
    yield c
    c.close()


def jpeg_bytes(size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (200, 80, 40)
               ) -> bytes:
    """A small real JPEG."""
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def file_state(path: Path) -> tuple[str | None, list[str]]:
    """A file's hash and the names beside it, to prove an operation changed nothing."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    return digest, sorted(p.name for p in path.parent.iterdir())


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[Path]:
    """The app's log set up in a scratch folder, and taken down again (handlers and the
    exception hook) whatever the test does."""
    import logging
    import sys

    from ui.errors import setup_logging

    path = setup_logging(tmp_path / "logs" / "casefile.log")
    try:
        yield path
    finally:
        sys.excepthook = sys.__excepthook__
        root = logging.getLogger("casefile")
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    """As the app does (ui/gc_main.py): no automatic collection, which could run on a worker
    and destroy Qt objects of the UI thread from there; the due generations are collected
    here, on the main thread, after each test."""
    from ui.gc_main import collect_due

    was = gc.isenabled()
    gc.disable()
    yield
    collect_due()
    if was:
        gc.enable()


@pytest.fixture(autouse=True)
def _no_key_left_held() -> Iterator[None]:
    """QTest's modifier presses (Shift+click, Ctrl+Shift+Z) can leave offscreen Qt believing
    the modifier is still down, so a later test's row click toggles instead of selecting:
    after each test that ran Qt, one plain key press clears the state."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QWidget

        QTest.keyClick(QWidget(), Qt.Key.Key_F24)
