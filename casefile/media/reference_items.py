"""What the BibTeX and RIS readers hand the import pipeline for an entry they could not
convert (a leaf module: bibtex.py, ris.py and reference_files.py all use it, and
reference_files.py imports the other two)."""

from __future__ import annotations

from typing import Any

PROBLEM_KEY = "_problem"  # on an item that could not be converted; the importer skips it


def problem_item(where: str, what: str, **known: Any) -> dict[str, Any]:
    """An item standing for an entry that could not be converted: skipped by the importer,
    which lists its message."""
    return {**{k: v for k, v in known.items() if v}, PROBLEM_KEY: f"{where}: {what}"}
