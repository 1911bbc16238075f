"""The photo grid: pages of photos from the core, thumbnails loaded lazily off the UI thread.

The model keeps a bounded cache of decoded previews; a row without one shows a placeholder
and asks the loader, which reads the cached JPEG from the case on a worker, decodes and
scales it there (a QImage may be made off the UI thread) and hands it back through a signal;
the UI thread only turns it into a pixmap. Nothing here decodes an original.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap

from ui.pagers import Pager
from ui.palette import qcolor
from ui.table_model import Column, PagedTableModel
from ui.tasks import Job

# Decoded previews kept (~75 KB each): a dozen screens of the grid. 600 held 45 MB after
# scrolling 2,000 photos — most of what made peak memory follow the rows scrolled.
CACHE_SIZE = 240
ICON = 160


class PhotoGridModel(PagedTableModel):
    """One column (the caption); DecorationRole is the preview, loaded on demand."""

    thumbnail_ready = Signal(str)  # photo uuid

    def __init__(self, fetch: Callable[[int, int], list[Any]] | None,
                 count: Callable[[], int] | None, load: Callable[[str], bytes],
                 pool: QThreadPool | None = None, parent: Any = None,
                 pager: Pager | None = None, lazy: bool = False, ratio: float = 1.0) -> None:
        super().__init__([Column("Caption", lambda r: r.caption or r.file_name)], fetch, count,
                         page_size=120, parent=parent, kind="photo", pager=pager, lazy=lazy)
        self._load = load
        # On a high-DPI screen (ratio 2) a 160-point icon is 320 pixels: previews are scaled
        # to that and marked with the ratio, so they are drawn sharp, not blown up. Fewer
        # are kept, so the cache's memory stays what it is at ratio 1.
        self.ratio = max(1.0, ratio)
        self.pixels = round(ICON * self.ratio)
        self.cache_size = max(60, int(CACHE_SIZE / (self.ratio * self.ratio)))
        self._pool = pool or QThreadPool.globalInstance()
        self._icons: OrderedDict[str, QIcon] = OrderedDict()
        self._wanted: list[str] = []
        self._busy = False
        self._lock = threading.Lock()
        placeholder = QPixmap(self.pixels, self.pixels)
        placeholder.fill(qcolor("placeholder"))
        placeholder.setDevicePixelRatio(self.ratio)
        self.placeholder = QIcon(placeholder)
        self.jobs: list[Job] = []

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid():
            record = self.record(index.row())
            if record is None:
                return self.placeholder
            key = str(record.uuid)
            icon = self._icons.get(key)
            if icon is None:
                self._request(key)
                return self.placeholder
            self._icons.move_to_end(key)
            return icon
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(ICON + 24, ICON + 44)
        return super().data(index, role)

    def _request(self, key: str) -> None:
        if key not in self._wanted:
            self._wanted.append(key)
        if not self._busy:
            self._start()

    def _start(self) -> None:
        batch, self._wanted = self._wanted[:24], self._wanted[24:]
        if not batch:
            self._busy = False
            return
        self._busy = True
        side = self.pixels

        def work(cancel: threading.Event) -> Iterator[tuple[str, QImage]]:
            for key in batch:
                if cancel.is_set():
                    return
                image = QImage()
                try:
                    if image.loadFromData(self._load(key)):
                        image = image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation)
                except Exception:  # noqa: BLE001 - a missing preview keeps its placeholder
                    image = QImage()
                yield key, image

        job = Job(work)
        job.signals.progress.connect(self._loaded)
        job.signals.finished.connect(lambda _items, j=job: self._done(j))
        job.signals.failed.connect(lambda _msg, j=job: self._done(j))
        self.jobs.append(job)
        self._pool.start(job)

    def _done(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        self._start()

    def _loaded(self, item: tuple[str, QImage]) -> None:
        key, image = item
        if image.isNull():
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.ratio)
        self._icons[key] = QIcon(pixmap)
        while len(self._icons) > self.cache_size:
            self._icons.popitem(last=False)
        row = self.loaded_row(key)  # a row let go since is drawn again from the cache
        if row is not None:
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        self.thumbnail_ready.emit(key)

    def cancel(self) -> None:
        """Stop loading (the view is going away)."""
        self._wanted.clear()
        for job in self.jobs:
            job.cancel()

    def release(self) -> None:
        """Let go of the rows and the decoded previews (the grid is no longer shown)."""
        self.cancel()
        self._icons.clear()
        super().release()
