"""The lists' columns read only what a page loads: no row costs a query of its own.

A read model reads a field its unit of work did not load on first access, in a unit of work
of its own — right for a form, ruinous for a list of 20,000 rows scrolled by. Each column of
ui/kinds.py is run over a real page of every list of the sample case, its rows wrapped so
that every field it reads is checked against what the row's read model holds (`loaded()`).
"""

from __future__ import annotations

from typing import Any

from casefile import CaseFile
from casefile.read_models import ReadModel
from ui.kinds import VIEWS


class Watched:
    """A read model as a column sees it: each field read is noted, with whether the page had
    loaded it; what it holds (a linked source, a list of them) is watched too."""

    def __init__(self, data: ReadModel, misses: list[str]) -> None:
        self._data = data
        self._misses = misses

    def __getattr__(self, name: str) -> Any:
        if name in type(self._data).FIELDS and name not in self._data.loaded():
            self._misses.append(f"{type(self._data).__name__}.{name}")
        return watch(getattr(self._data, name), self._misses)


def watch(value: Any, misses: list[str]) -> Any:
    if isinstance(value, ReadModel):
        return Watched(value, misses)
    if isinstance(value, tuple):
        return tuple(watch(v, misses) for v in value)
    return value


def test_every_list_column_reads_only_what_its_page_loaded(sample: CaseFile) -> None:
    source = sample.sources.create(name="Gone Soon")
    sample.trash.delete(source)  # the trash list has a row too
    misses: list[str] = []
    read = set()
    for view in VIEWS:
        rows = view.fetch(sample, 0, 50)
        assert rows, view.key  # the sample has something in every list
        for row in rows:
            for column in view.columns:
                shown = watch(row, misses)
                assert isinstance(column.text(shown), str)
                if column.color is not None:
                    column.color(shown)
                read.add((view.key, column.title))
    assert len(read) == sum(len(v.columns) for v in VIEWS)
    assert sorted(set(misses)) == []


def test_the_watch_sees_a_field_a_page_left_out(sample: CaseFile) -> None:
    """A test of the test: a light page leaves the transcript out, and reading it is seen."""
    misses: list[str] = []
    row = sample.interviews.page(limit=1, light=True)[0]
    assert isinstance(watch(row, misses).transcript, str)  # read on first access: it works
    assert misses == ["InterviewData.transcript"]
