"""The layering rules of the design card, checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT = {"PySide6", "PyQt5", "PyQt6", "shiboken6", "qtpy"}


def imported_modules(folder: Path) -> dict[Path, set[str]]:
    found: dict[Path, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
                names |= {a.value.split(".")[0] for a in node.args
                          if isinstance(a, ast.Constant) and isinstance(a.value, str)}
        found[path] = names
    return found


def test_core_never_imports_qt() -> None:
    modules = imported_modules(ROOT / "casefile")
    assert len(modules) > 10  # the scan really read the package
    offenders = {str(p.relative_to(ROOT)): sorted(n & QT) for p, n in modules.items() if n & QT}
    assert offenders == {}


def test_ui_runs_no_sql() -> None:
    offenders = {str(p.relative_to(ROOT)): sorted(n & {"sqlalchemy", "sqlite3"})
                 for p, n in imported_modules(ROOT / "ui").items() if n & {"sqlalchemy", "sqlite3"}}
    assert offenders == {}


def test_core_imports_without_qt_loaded() -> None:
    import subprocess
    import sys

    code = ("import sys, casefile, casefile.cli, casefile.bundle, casefile.sample;"
            f"bad = [m for m in sys.modules if m.split('.')[0] in {sorted(QT)!r}];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_app_never_imports_pythons_own_sqlite3() -> None:
    """The packaged app leaves Python's sqlite3 out (build.spec): every connection goes
    through casefile.db.driver (whose fallback, without SQLCipher installed, is the only
    import of it), so a plain `import sqlite3` works here and fails frozen."""
    driver = ROOT / "casefile" / "db" / "driver.py"
    for folder in ("casefile", "ui"):
        offenders = [p for p, mods in imported_modules(ROOT / folder).items()
                     if {"sqlite3", "_sqlite3"} & mods and p != driver]
        assert not offenders, offenders
