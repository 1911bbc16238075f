"""The benchmarks of `scale.py` for issue 19's lists: sorting a large list by a column that is
not its own order (the first page, and a page deep down, each read by key in SQL), and batch
edits (one caption on 1,000 photos, one tag on 1,000 records) as one unit of work each. Each
asserts that what it timed succeeded."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import app, expect, median_ms, scratch_copy, timed  # noqa: E402
from benchmarks.make_large_case import path_for  # noqa: E402
from casefile import CaseFile  # noqa: E402

# (list, column title): a column a reporter sorts by that is not the list's own order.
SORTS = (("source", "Location"), ("photo", "Caption"), ("claim", "Status"), ("claim", "Support"),
         ("comment_request", "To"))
TARGET_PAGE_MS = 50.0  # a page of rows, as every list's page (bench 3)
TARGET_BATCH_S = 10.0  # 1,000 records in one unit of work, off the UI thread


def _sorted_model(case: CaseFile, key: str, title: str) -> Any:
    from PySide6.QtCore import Qt

    from ui.kinds import BY_KEY
    from ui.table_model import PagedTableModel

    view = BY_KEY[key]
    model = PagedTableModel(view.columns, page_size=view.page_size, pager=view.pager_for(case),
                            lazy=True)
    column = [c.title for c in view.columns].index(title)
    model.sort(column, Qt.SortOrder.DescendingOrder)
    expect(model.sorted_as[0] == column, f"sorting: {key} by {title} did not sort")
    return model


def bench_sorting(scale: str, runs: int) -> dict[str, float]:
    """Sort by a non-default column, then read the first page and a page 90% of the way
    down (the row the scroll bar lands on), as the list does: by key, never by OFFSET."""
    app()
    figures: dict[str, float] = {}
    with CaseFile.open(path_for(scale)) as case:
        for key, title in SORTS:
            model = _sorted_model(case, key, title)
            total = model.total
            first_ms = median_ms(lambda m=model: (m.reload(), m.record(0)), runs)
            expect(model.record(0) is not None, f"sorting: {key} has no first row")
            deep_row = int(total * 0.9)
            service = model.pager
            deep_uuid = _uuid_at(service, deep_row)

            def deep(m: Any = model, u: str = deep_uuid) -> int | None:
                m.reload(read_first=False)
                return m.seek(u)

            deep_ms = median_ms(deep, runs)
            expect(deep() == deep_row, f"sorting: {key} row {deep_row} not found by key")
            figures[f"sort {key} by {title} first page ms"] = first_ms
            figures[f"sort {key} by {title} deep page ms"] = deep_ms
            print(f"17. sort {key} by {title} ({total:,} rows): first page {first_ms:.1f} ms, "
                  f"row {deep_row:,} {deep_ms:.1f} ms (target < {TARGET_PAGE_MS:.0f} ms)")
    return figures


def _uuid_at(pager: Any, row: int) -> str:
    """The UUID of the record at `row` in the pager's order (read once, by offset: setup)."""
    found = pager.at(row, 1)
    expect(bool(found), f"sorting: no row {row}")
    main = found[0][0] if isinstance(found[0], tuple) else found[0]
    return str(main.uuid)


def bench_batch(scale: str, _runs: int) -> dict[str, float]:
    """One caption on 1,000 photos and one tag on 1,000 records, each ONE unit of work
    (`casefile.commands.Batch`), as the app's batch edit applies them on a worker."""
    from casefile.commands import Batch, SetTag, UpdateMany, apply_steps

    figures: dict[str, float] = {}
    with scratch_copy(path_for(scale)) as copy, CaseFile.open(copy) as case:
        photos = [p.uuid for p in case.photos.page(limit=1000)]
        records: list[tuple[str, Any]] = []  # up to 1,000 records of every kind listed
        for kind, service in (("source", case.sources), ("claim", case.claims),
                              ("photo", case.photos), ("document", case.documents)):
            records += [(kind, r) for r in service.page(limit=1000 - len(records))]
        caption = "Trucks queue at the Blagoveshchensk crossing (batch)"

        def captions() -> int:
            return sum(1 for _ in apply_steps(case, UpdateMany("photo", photos,
                                                               {"caption": caption})))

        ms, _ = timed(captions)
        done = sum(1 for p in case.photos.page(limit=1000) if p.caption == caption)
        expect(done == len(photos), f"batch: {done} of {len(photos)} photos captioned")
        figures["batch caption ms"] = ms
        print(f"18. batch caption on {len(photos):,} photos: {ms / 1000:.2f} s "
              f"(target < {TARGET_BATCH_S:.0f} s)")
        start = time.perf_counter()
        for _ in apply_steps(case, Batch(tuple(SetTag(k, r.uuid, "batch")
                                               for k, r in records))):
            pass
        ms = (time.perf_counter() - start) * 1000
        tagged = sum(1 for _k, r in records if "batch" in case.tags.names_for(r))
        expect(tagged == len(records), f"batch: {tagged} of {len(records)} records tagged")
        figures["batch tag ms"] = ms
        print(f"18. batch tag on {len(records):,} records: {ms / 1000:.2f} s "
              f"(target < {TARGET_BATCH_S:.0f} s)")
    return figures

