"""The format documentation names every table and column a case file has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casefile import CaseFile
from casefile.db.driver import dbapi

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_file_format_doc_covers_every_table_and_column(tmp_path: Path) -> None:
    path = tmp_path / "c.casefile"
    CaseFile.create(path, title="x").close()
    doc = (DOCS / "file-format.md").read_text(encoding="utf-8")
    words = set(re.findall(r"[a-z_0-9]+", doc))
    conn = dbapi.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'search_index_%'")]
    missing = []
    for table in tables:
        if table not in words:
            missing.append(table)
        for row in conn.execute(f"PRAGMA table_info('{table}')"):
            if row[1] not in words:
                missing.append(f"{table}.{row[1]}")
    conn.close()
    assert missing == []


def test_documented_version_is_current() -> None:
    from casefile.db.migrations import CURRENT_VERSION

    doc = (DOCS / "file-format.md").read_text(encoding="utf-8")
    assert f"describes **version {CURRENT_VERSION}**" in doc
    assert f"| {CURRENT_VERSION} |" in doc


def test_the_api_example_runs_as_written(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The first example of docs/api.md is the one a newcomer copies: it must run."""
    doc = (DOCS / "api.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", doc, re.S)
    assert code is not None
    monkeypatch.chdir(tmp_path)
    exec(compile(code.group(1), "docs/api.md", "exec"), {})  # noqa: S102 - our own doc
    assert (tmp_path / "story.casefile").exists()
