"""Sortable columns (issue 19): a header click sorts in SQL and the list still pages to its
end without holding every row; columns that cannot sort take no click and say so; the sort
is remembered per list, across windows (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from casefile import CaseFile
from ui.main_window import MainWindow
from ui.prompts import ScriptedPrompts
from ui.table_model import KEEP_ROWS


def window(qtbot, case: CaseFile, settings: QSettings, width: int = 1024) -> MainWindow:
    w = MainWindow(case, ScriptedPrompts(), settings=settings)
    qtbot.addWidget(w)
    w.resize(width, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def click_header(w: MainWindow, column: int) -> None:
    header = w.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_header_click_sorts_in_sql_and_pages_to_the_end(case: CaseFile, qtbot,
                                                        tmp_path: Path) -> None:
    with case._store.write(bulk_audit=True):
        for i in range(1500):
            case.sources.create(name=f"Source {i:04d}", location=f"Town {(i * 7) % 1500:04d}")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = window(qtbot, case, settings, 1280)  # wide enough to show Location
    w.show_kind("source")
    click_header(w, 4)  # Location
    model = w.list_model
    assert model.sorted_as == (4, Qt.SortOrder.AscendingOrder)
    assert w.table.horizontalHeader().sortIndicatorSection() == 4
    assert model.index(0, 4).data() == "Town 0000"
    while model.canFetchMore():  # scroll to the end: page after page, by key
        w.table.scrollToBottom()
        model.fetchMore()
    assert model.rowCount() == 1500
    assert model.index(1499, 4).data() == "Town 1499"
    assert model.held_rows() <= KEEP_ROWS + model.page_size  # never the whole list
    click_header(w, 4)
    assert model.sorted_as == (4, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 4).data() == "Town 1499"
    w.show_kind("interview")
    w.show_kind("source")
    assert w.list_model.sorted_as == (4, Qt.SortOrder.DescendingOrder)
    w.close()
    again = window(qtbot, case, settings, 1280)  # the next session keeps it too
    again.show_kind("source")
    assert again.list_model.sorted_as == (4, Qt.SortOrder.DescendingOrder)
    assert again.table.horizontalHeader().sortIndicatorSection() == 4


def test_a_column_that_cannot_sort_takes_no_click_and_says_so(sample: CaseFile, qtbot,
                                                             tmp_path: Path) -> None:
    w = window(qtbot, sample, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show_kind("interview")
    model = w.list_model
    with_column = [c.title for c in model.columns].index("With")
    assert not model.sortable[with_column] and model.sortable[0]
    click_header(w, with_column)
    assert model.sorted_as == (-1, Qt.SortOrder.AscendingOrder)
    assert w.table.horizontalHeader().sortIndicatorSection() != with_column
    assert model.headerData(with_column, Qt.Orientation.Horizontal,
                            Qt.ItemDataRole.ToolTipRole) == "This column cannot be sorted"
    click_header(w, 1)  # Held: sorts
    assert model.sorted_as == (1, Qt.SortOrder.AscendingOrder)


def test_the_main_column_stays_readable_at_1024x700(sample: CaseFile, qtbot,
                                                    tmp_path: Path) -> None:
    w = window(qtbot, sample, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    for kind in ("source", "interview", "photo", "document", "claim", "comment_request",
                 "draft", "team_member"):
        w.show_kind(kind)
        if kind == "photo":
            continue
        qtbot.wait(10)
        header = w.table.horizontalHeader()
        width = sum(header.sectionSize(i) for i in range(header.count()))
        assert header.sectionSize(0) >= 0.4 * width, kind


def test_claims_sort_by_status_and_page_by_key(case: CaseFile, qtbot, tmp_path: Path) -> None:
    statuses = ["unverified", "supported", "disputed", "refuted"]
    with case._store.write(bulk_audit=True):
        for i in range(130):
            case.claims.create(statement=f"Claim {i:03d}", status=statuses[i % 4])
    w = window(qtbot, case, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show_kind("claim")
    model = w.list_model
    assert model.sortable == [True, True, True]
    click_header(w, 1)
    while model.canFetchMore():
        model.fetchMore()
    seen = [model.record(r)[0].status.value for r in range(model.rowCount())]
    assert len(seen) == 130 and seen == sorted(seen)  # 30 a page, each read by key
    assert len(set(map(str, (model.record(r)[0].uuid for r in range(130))))) == 130


def test_claims_sort_by_support_and_requests_by_whom_in_sql(case: CaseFile, qtbot,
                                                            tmp_path: Path) -> None:
    doc = case.documents.create(title="Customs data", kind="statistics")
    with case._store.write(bulk_audit=True):
        for i in range(70):  # claim i has i % 5 pieces of supporting evidence
            claim = case.claims.create(statement=f"Claim {i:03d}")
            for _ in range(i % 5):
                case.evidence.create(claim=claim.uuid, document=doc.uuid)
        names = [f"Official {n:02d}" for n in range(40)]
        for i, name in enumerate(names[::-1]):
            source = case.sources.create(name=name)
            case.requests.create(subject=f"Request {i:02d}", source=source.uuid)
        hidden = case.sources.create(name="Aaron Hidden", ground_rules="confidential",
                                     attribution_phrase="Zz a port worker")
        case.requests.create(subject="Request hidden", source=hidden.uuid)
    w = window(qtbot, case, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.show_kind("claim")
    model = w.list_model
    click_header(w, 2)  # Support
    assert model.sorted_as == (2, Qt.SortOrder.AscendingOrder)
    while model.canFetchMore():  # 30 a page, each read by key after the last
        model.fetchMore()
    counts = [model.record(r)[1].supporting for r in range(model.rowCount())]
    assert len(counts) == 70 and counts == sorted(counts) and counts[-1] == 4
    w.show_kind("comment_request")
    model = w.list_model
    to = [c.title for c in model.columns].index("To")
    assert model.sortable[to]
    click_header(w, to)
    shown = [model.index(r, to).data() for r in range(model.rowCount())]
    assert shown[:40] == names  # by the name shown, not by when they were asked
    assert shown[-1].endswith("Zz a port worker")  # a protected one by its pseudonym


def test_at_1024_every_column_fits_its_header_and_optional_ones_start_hidden(
        sample: CaseFile, qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = window(qtbot, sample, settings)
    w.show_kind("source")
    qtbot.wait(10)
    header = w.table.horizontalHeader()
    titles = [c.title for c in w.list_model.columns]
    hidden = {titles[i] for i in range(header.count()) if header.isSectionHidden(i)}
    assert hidden == {"Role", "Location"}
    metrics = header.fontMetrics()
    for i in range(1, header.count()):
        if not header.isSectionHidden(i):  # "Ground rules", not "round rule"
            assert header.sectionSize(i) >= metrics.horizontalAdvance(titles[i]) + 8, titles[i]
    rules = titles.index("Ground rules")
    cell = w.list_model.index(0, rules)
    assert metrics.horizontalAdvance(cell.data()) <= header.sectionSize(rules)  # not "on rec…"
    wide = window(qtbot, sample, QSettings(str(tmp_path / "t.ini"),
                                           QSettings.Format.IniFormat), 1280)
    wide.show_kind("source")
    assert not any(wide.table.horizontalHeader().isSectionHidden(i) for i in range(5))
