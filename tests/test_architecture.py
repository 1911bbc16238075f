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


# -- import cycles and how services are built -----------------------------------------------

def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return getattr(test, "id", None) == "TYPE_CHECKING" or getattr(test, "attr", None) == \
        "TYPE_CHECKING"


def casefile_import_graph() -> dict[str, set[str]]:
    """Which casefile modules each casefile module imports: at module level or inside a
    function alike (a function-local import that dodges a cycle is still one), but not under
    `if TYPE_CHECKING:`. `from pkg import sub` counts as importing `pkg.sub` only."""
    paths = {_module_name(p): p for p in (ROOT / "casefile").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()

        def visit(node: ast.AST, package: list[str] = package, found: set[str] = found) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.If) and _type_checking(child):
                    for stmt in child.orelse:
                        visit(ast.Module(body=[stmt], type_ignores=[]))
                    continue
                if isinstance(child, ast.Import):
                    found.update(a.name for a in child.names)
                elif isinstance(child, ast.ImportFrom):
                    base = package[:len(package) - child.level + 1] if child.level else []
                    module = ".".join([*base, *([child.module] if child.module else [])])
                    for alias in child.names:
                        sub = f"{module}.{alias.name}"
                        found.add(sub if sub in paths else module)
                visit(child)

        visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = {m for m in found if m in paths and m != name}
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return sorted(cycles)


def test_the_cycle_finder_sees_function_local_imports_and_skips_type_checking() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]
    built = casefile_import_graph()
    assert "casefile.bundle" in built["casefile.commands"]  # imported inside apply()
    assert "casefile.case" not in built["casefile.commands"]  # only under TYPE_CHECKING


def test_casefile_modules_import_each_other_without_cycles() -> None:
    assert import_cycles(casefile_import_graph()) == []


def test_no_service_builds_another_outside_the_case() -> None:
    """Services get their collaborators once, from CaseFile.__init__: never a
    `SomeService(self._store)` or `BlobStore(...)` built inside a method (a second copy of a
    service inside a transaction, with none of the state of the one the case holds)."""
    offenders = []
    for path in (ROOT / "casefile").rglob("*.py"):
        if path == ROOT / "casefile" / "case.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
                if name.endswith("Service") or name == "BlobStore":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(")
    assert offenders == []


# -- ui/ reads data and sends commands: never the ORM, a Session or the store ----------------

# The core's internals a view must not reach: the store and the calls that take a Session.
PRIVATE_CORE = {"store", "_store", "_load", "_apply", "_put", "_delete_in", "_validate",
                "_resolve_links", "_ordered", "_scope", "_sort_column", "_data", "_many",
                "_reader", "_fetch"}
# Modules of the core that are the unit of work itself (a Session, the Store).
SESSION_MODULES = {"casefile.db.session"}


def _orm_object(value: object) -> bool:
    """A mapped class, the declarative base, or a mapped table (an association table)."""
    from sqlalchemy import Table

    from casefile.db.base import Base

    if isinstance(value, Table):
        return True
    return isinstance(value, type) and (hasattr(value, "__mapper__") or issubclass(value, Base))


def _orm_module(name: str) -> bool:
    """The ORM package or one of its modules of mapped classes (not its enums)."""
    if name == "casefile.db.base":
        return True
    return name.split(".")[:2] == ["casefile", "models"] and name != "casefile.models.enums"


def ui_boundary_offences(folder: Path) -> list[str]:
    """Every place a module under `folder` imports sqlalchemy, the ORM package (its enums
    come from casefile.models.enums or casefile.read_models), an ORM class or table from
    anywhere (found by importing what it names and asking whether it is mapped), the
    session module, names `Session`, or touches the store or a Session-taking call."""
    import importlib
    from types import ModuleType

    offences: list[str] = []
    for path in sorted(folder.rglob("*.py")):
        where = path.name if folder != ROOT / "ui" else str(path.relative_to(ROOT))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            at = f"{where}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.split(".")[0] == "sqlalchemy" or _orm_module(alias.name) \
                            or alias.name in SESSION_MODULES:
                        offences.append(f"{at} import {alias.name}")
            elif isinstance(node, ast.ImportFrom) and node.module:
                module = node.module if node.level == 0 else "ui." + node.module
                if module.split(".")[0] == "sqlalchemy" or module in SESSION_MODULES \
                        or _orm_module(module):  # enums too: by casefile.models.enums
                    offences.append(f"{at} from {module}")
                    continue
                if not module.startswith("casefile"):
                    continue
                imported = importlib.import_module(module)
                for alias in node.names:
                    value = getattr(imported, alias.name, None)
                    if alias.name == "Session" or _orm_object(value) or (
                            isinstance(value, ModuleType) and _orm_module(value.__name__)):
                        offences.append(f"{at} {module}.{alias.name}")
            elif isinstance(node, ast.Attribute) and node.attr in PRIVATE_CORE | {"Session"} \
                    and not (isinstance(node.value, ast.Name) and node.value.id == "self"):
                offences.append(f"{at} .{node.attr}")  # a widget's own `self._load` is not
            elif isinstance(node, ast.Name) and node.id == "Session":
                offences.append(f"{at} Session")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "getattr" \
                    and len(node.args) > 1 and isinstance(node.args[1], ast.Constant) \
                    and node.args[1].value in PRIVATE_CORE:
                offences.append(f"{at} getattr {node.args[1].value}")
    return offences


def test_ui_never_touches_the_orm_a_session_or_the_store() -> None:
    """The app reads read models and sends commands (issue 18): no module of ui/ imports
    sqlalchemy or an ORM class, names a Session, or reaches `case._store` / `_load` /
    `_apply` / `_put` / `_delete_in`."""
    assert len(list((ROOT / "ui").rglob("*.py"))) > 20  # the scan really read the app
    assert ui_boundary_offences(ROOT / "ui") == []


def test_the_ui_boundary_check_finds_each_kind_of_offence(tmp_path: Path) -> None:
    """A test of the test: a planted module with one offence of each kind is caught on
    every line, and a clean one (read models, enums, the case) is not."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "import sqlalchemy\n"                                          # 1
        "from sqlalchemy.orm import Session\n"                         # 2
        "from casefile.models import GroundRules\n"                    # 3 (the ORM package)
        "from casefile.models.interviews import Interview\n"           # 4
        "from casefile import models\n"                                # 5
        "from casefile.services.records import Quote\n"                # 6 (a re-export)
        "from casefile.models import interview_interviewees\n"         # 7 (a table)
        "def f(case, s):\n"                                            # 8
        "    with case._store.read() as s:\n"                          # 9
        "        case.interviews._load(s, 'x')\n"                      # 10
        "    case.store\n"                                             # 11
        "    case.sources._apply(s, None, {}, creating=True)\n"        # 12
        "    case.blobs._put(s, b'')\n"                                # 13
        "    case.trash._delete_in(s, None)\n"                         # 14
        "    getattr(case, '_store')\n"                                # 15
        "    x: Session\n"                                             # 16
        "    self._load = None\n"                                      # (its own: allowed)
        "import casefile.db.session\n",                                # 18
        encoding="utf-8")
    clean = tmp_path / "clean.py"
    clean.write_text(
        "from casefile.read_models import GroundRules, SourceData\n"
        "from casefile.models.enums import Medium\n"
        "from casefile.case import CaseFile\n"
        "def f(case: CaseFile) -> SourceData:\n"
        "    return case.sources.get('x')\n", encoding="utf-8")
    found = ui_boundary_offences(tmp_path)
    lines = {int(o.split(":")[1].split()[0]) for o in found if o.startswith("planted.py")}
    assert lines == set(range(1, 19)) - {8, 17}, found
    assert not any(o.startswith("clean.py") for o in found), found
