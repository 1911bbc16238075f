"""Garbage is collected on the UI thread only (ui/gc_main.py): a worker allocating heavily
never runs a collection, and the UI thread's timer collects what is due."""

from __future__ import annotations

import gc
import threading

from ui.gc_main import MainThreadCollector, collect_due


def test_a_busy_worker_never_collects_and_the_ui_thread_does(qtbot) -> None:
    collections: list[str] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            collections.append(threading.current_thread().name)

    gc.enable()  # as a fresh app starts: the collector takes automatic collection over
    collector = MainThreadCollector(interval_ms=20)
    gc.callbacks.append(note)
    try:
        assert not gc.isenabled()

        def allocate() -> None:  # cycles, as a Word export's element trees make them
            for _ in range(200_000):
                a: list[object] = []
                a.append(a)

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in collections
        qtbot.waitUntil(lambda: "MainThread" in collections, timeout=5000)
        assert set(collections) == {"MainThread"}
    finally:
        gc.callbacks.remove(note)
        collector.stop()
    assert gc.isenabled()  # handed back
    gc.disable()  # the suite's own rule (tests/conftest.py)


def test_only_due_generations_are_collected() -> None:
    gc.collect()
    assert collect_due() == -1  # nothing allocated since
    for _ in range(gc.get_threshold()[0] + 10):
        b: list[object] = []
        b.append(b)
    assert collect_due() == 0
