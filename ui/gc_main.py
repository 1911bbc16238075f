"""Garbage collection on the UI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is passed.
A worker building a Word file allocates a great deal, so a collection would often run there —
and a cycle holding a Qt wrapper made on the UI thread (a closed dialog, a model, a lambda
connected to a widget) would then be destroyed from the worker, deleting C++ objects the UI
thread may still touch: a crash much later, in no particular place. So automatic collection
is switched off and the same generational schedule is run from a timer on the UI thread (the
recipe calibre and Anki use). A job that defers full passes (ui/tasks.py) raises the oldest
generation's threshold as before, and this schedule honours it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_due() -> int:
    """Collect the generations whose thresholds have been passed (as the automatic collector
    would); returns the generation collected, or -1 when none was due."""
    count0, count1, count2 = gc.get_count()
    limit0, limit1, limit2 = gc.get_threshold()
    if count0 <= limit0:
        return -1
    generation = 0
    if count1 > limit1:
        generation = 1
        if count2 > limit2:
            generation = 2
    gc.collect(generation)
    return generation


class MainThreadCollector(QObject):
    """While it lives, garbage is collected on the UI thread only (see the module)."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(collect_due)
        self.timer.start(interval_ms)

    def stop(self) -> None:
        """Hand collection back to Python (at exit, or in a test)."""
        self.timer.stop()
        if self.was_enabled:
            gc.enable()
