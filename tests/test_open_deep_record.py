"""Opening a record from a search hit jumps to its row by key, at any depth: exactly that row
is selected, with a number of queries that does not grow with its depth and no OFFSET walk;
the rows above and below it read back in list order; sorting by a column still works; and a
list holds a bounded number of records however far it is scrolled."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import event

from casefile import CaseFile
from casefile.models import Claim, Photo, Source
from tests.conftest import jpeg_bytes
from ui import table_model
from ui.main_window import MainWindow
from ui.photo_grid import CACHE_SIZE
from ui.prompts import ScriptedPrompts
from ui.search_view import HitRole
from ui.table_model import UuidRole

N = 700


@pytest.fixture(scope="module")
def deep_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case with 700 claims and photos and 2,000 sources (names with ties), written once;
    the last claim, photo and source each carry a word found nowhere else."""
    path = tmp_path_factory.mktemp("deep") / "deep.casefile"
    with CaseFile.create(path, title="Deep lists", actor="tester") as case, \
            case._store.write(bulk_audit=True):
        for i in range(2000):
            word = " lastsourceword" if i == 1999 else ""
            # Names tie in groups; the last one written is the last of its group.
            case.sources.create(name=f"Source {149 if i == 1999 else i % 150:03d}",
                                role_title="driver",
                                notes=f"Notes {i}{word}")
        for i in range(N):
            case.claims.create(statement=f"Claim {i}"
                               + (" lastclaimword" if i == N - 1 else ""))
            case.photos.add(jpeg_bytes(size=(16 + i % 50, 16 + i // 50)), f"IMG_{i:04d}.jpg",
                            caption=f"Photo {i}" + (" lastphotoword" if i == N - 1
                                                    else ""))
    return path


@pytest.fixture
def deep(deep_file: Path, tmp_path: Path) -> Iterator[CaseFile]:
    copy = tmp_path / "deep.casefile"
    copy.write_bytes(deep_file.read_bytes())
    with CaseFile.open(copy, actor="tester") as case:
        yield case


@pytest.fixture
def window(deep: CaseFile, qtbot: Any) -> MainWindow:
    w = MainWindow(deep, ScriptedPrompts())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


class Queries:
    """Every SELECT the case's engine runs inside the block."""

    def __init__(self, case: CaseFile) -> None:
        self.engine = case._store.engine
        self.seen: list[tuple[str, Any]] = []

    def _spy(self, _conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any,
             _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            self.seen.append((statement, params))

    def __enter__(self) -> Queries:
        event.listen(self.engine, "before_cursor_execute", self._spy)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._spy)

    def largest_offset(self) -> int:
        """The largest OFFSET any query asked for (LIMIT ? OFFSET ? binds it last)."""
        offsets = [int(p[-1]) for s, p in self.seen if re.search(r"\bOFFSET \?", s)]
        return max(offsets, default=0)


def uuids_in_order(case: CaseFile, kind: str) -> list[str]:
    if kind == "claim":
        return [str(c.uuid) for c, _s in case.claims.summaries(limit=100_000)]
    service = {"photo": case.photos, "source": case.sources}[kind]
    return [str(r.uuid) for r in service.page(limit=100_000)]


def open_from_search(window: MainWindow, word: str) -> None:
    """Search, then activate the hit as Enter does."""
    window.search(word)
    model = window.table.model()
    [row] = [r for r in range(model.rowCount()) if model.index(r, 0).data(HitRole)]
    window.table.activated.emit(model.index(row, 0))


@pytest.mark.parametrize(("kind", "word"), [("claim", "lastclaimword"),
                                            ("photo", "lastphotoword"),
                                            ("source", "lastsourceword")])
def test_the_last_record_opens_from_a_search_hit(window: MainWindow, deep: CaseFile,
                                                 kind: str, word: str, qtbot: Any) -> None:
    order = uuids_in_order(deep, kind)
    with Queries(deep) as queries:
        open_from_search(window, word)
    view = window.current_view()
    assert window.current_kind == kind
    assert view.currentIndex().row() == len(order) - 1
    assert view.currentIndex().data(UuidRole) == order[-1]
    assert [i.row() for i in view.selectionModel().selectedRows()] == [len(order) - 1]
    assert queries.largest_offset() == 0  # no page was found by counting past rows
    assert len(queries.seen) < 40, [s for s, _p in queries.seen]
    # And it is scrolled into view (the grid once its batched layout reaches it).
    qtbot.waitUntil(lambda: view.viewport().rect().intersects(
        view.visualRect(view.currentIndex())), timeout=5000)


@pytest.mark.parametrize("kind", ["claim", "photo", "source"])
def test_queries_do_not_grow_with_depth(window: MainWindow, deep: CaseFile, kind: str) -> None:
    order = uuids_in_order(deep, kind)
    window.show_kind(kind)
    size = window.list_model.page_size  # type: ignore[union-attr]
    counts = []
    # The middle of the third page and of the last full one: the rows around each, drawn
    # when it is scrolled to the centre, come from its own page.
    for page in (2, (len(order) - 1) // size - 1):
        position = page * size + size // 2
        window.show_kind("draft")
        with Queries(deep) as queries:
            assert window.open_record(kind, order[position])
        assert window.current_view().currentIndex().data(UuidRole) == order[position]
        counts.append(len(queries.seen))
        assert queries.largest_offset() == 0
    assert counts[0] == counts[1]


@pytest.mark.parametrize("kind", ["claim", "photo", "source"])
def test_rows_above_and_below_a_jump_read_back_in_order(window: MainWindow, deep: CaseFile,
                                                        kind: str) -> None:
    order = uuids_in_order(deep, kind)
    target = len(order) * 2 // 3 + 5
    assert window.open_record(kind, order[target])
    model = window.list_model
    assert model is not None
    with Queries(deep) as queries:
        upward = [model.index(r, 0).data(UuidRole) for r in range(target, -1, -1)]
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
        downward = [model.index(r, 0).data(UuidRole) for r in range(target, model.rowCount())]
    assert upward[::-1] == order[:target + 1]
    assert downward == order[target:]
    assert model.rowCount() == len(order)
    assert queries.largest_offset() == 0  # scrolled back up by key
    assert model.held_rows() <= model.keep_pages * model.page_size


def test_sorting_by_another_column_pages_by_key(window: MainWindow, deep: CaseFile) -> None:
    window.show_kind("source")
    header = window.table.horizontalHeader()
    assert header.sortIndicatorSection() == -1  # the list's own order until a click
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # Name, Z to A
    model = window.list_model
    assert model is not None
    expected = [str(s.uuid) for s in deep.sources.page(limit=10_000, order_by="name",
                                                       descending=True)]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert [model.index(r, 0).data(UuidRole) for r in range(model.rowCount())] == expected
    assert window.open_record("source", expected[1500])
    assert window.table.currentIndex().row() == 1500
    assert window.table.currentIndex().data(UuidRole) == expected[1500]
    window.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # Ground rules
    model = window.list_model  # the list was shown again (sorted as it was) for the record
    assert model is not None and model.sorted_as == (2, Qt.SortOrder.AscendingOrder)
    model.fetchMore(QModelIndex())
    by_rules = [str(s.uuid) for s in deep.sources.page(limit=300, order_by="ground_rules")]
    assert [model.index(r, 0).data(UuidRole) for r in range(300)] == by_rules


def live(cls: type) -> int:
    return sum(1 for o in gc.get_objects() if isinstance(o, cls))


def test_scrolling_2000_rows_keeps_a_bounded_number_of_records(window: MainWindow, qtbot: Any,
                                                               monkeypatch: Any) -> None:
    """Scrolling the whole 2,000-source list, and every photo and claim, through the real
    views: the models hold a few pages, not every row scrolled past (a bound below each
    list's length here, so that holding every row would fail)."""
    monkeypatch.setattr(table_model, "KEEP_ROWS", 200)
    for kind, cls in (("source", Source), ("claim", Claim), ("photo", Photo)):
        gc.collect()
        already = live(cls)  # what earlier tests' windows may still hold
        window.show_kind(kind)
        view = window.current_view()
        model = window.list_model
        assert model is not None
        while model.canFetchMore(QModelIndex()):
            view.scrollToBottom()
            qtbot.wait(1)
            model.fetchMore(QModelIndex())
        for row in range(0, model.rowCount(), 37):  # as if dragged back through the list
            view.scrollTo(model.index(row, 0))
            qtbot.wait(1)
        bound = model.keep_pages * model.page_size
        assert bound < model.total
        assert model.rowCount() == model.total
        assert model.held_rows() <= bound
        gc.collect()
        assert live(cls) - already <= bound + 5, kind  # +5: what panels show
    assert len(window.list_model._icons) <= CACHE_SIZE  # type: ignore[union-attr]


def test_a_column_that_does_not_sort_leaves_the_order_and_the_arrow(sample: CaseFile,
                                                                    qtbot: Any) -> None:
    window = MainWindow(sample, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show_kind("interview")
    model = window.list_model
    assert model is not None
    before = [model.index(r, 0).data(UuidRole) for r in range(model.rowCount())]
    window.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # "With"
    header = window.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sortIndicatorSection() == -1)
    assert window.list_model is model and model.sorted_as[0] == -1
    assert [model.index(r, 0).data(UuidRole) for r in range(model.rowCount())] == before
