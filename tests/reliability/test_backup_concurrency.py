"""Backups while the case is in use: the copy shares the file's one connection with every
list and edit, so it must take turns with them (the store's lock, step by step) and never
commit or roll back under them. Lists page and edits commit on other threads while backups
run in many small steps: nothing fails, nothing is lost, every copy holds what was committed
before it began."""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import event, select

import casefile.db.schema as schema
from casefile import CaseFile
from casefile.backups import BackupShelf, Retention
from casefile.db import driver
from casefile.models.sources import Source

ROUNDS = 12  # backups taken one after another while the others work
NOTE = "Met at the border post; " * 60  # ~1.4 KB: the file spans a few hundred pages


@pytest.fixture
def busy_case(tmp_path: Path, monkeypatch) -> CaseFile:
    """A case of a few hundred pages, copied 16 pages per step: each backup takes dozens."""
    monkeypatch.setattr(schema, "BACKUP_STEP_PAGES", 16)
    case = CaseFile.create(tmp_path / "busy.casefile", title="Border trade", actor="tester")
    with case._store.write(bulk_audit=True) as s:
        s.add_all(Source(name=f"Source {i:04}", notes=NOTE) for i in range(400))
    for i in range(60):
        case.claims.create(statement=f"Claim {i}: the broker paid in cash")
    yield case
    case.close()


def run_threads(workers: dict[str, Callable[[threading.Event], None]],
                until: Callable[[], None]) -> dict[str, str]:
    """Run every worker until `until` returns; the traceback of each one that raised."""
    stop = threading.Event()
    errors: dict[str, str] = {}

    def guarded(name: str, work: Callable[[threading.Event], None]) -> None:
        try:
            work(stop)
        except BaseException:  # noqa: BLE001 - the test reports every thread's failure
            errors[name] = traceback.format_exc()
            stop.set()

    threads = [threading.Thread(target=guarded, args=(n, w), daemon=True)
               for n, w in workers.items()]
    for t in threads:
        t.start()
    try:
        until()
    except BaseException:  # noqa: BLE001
        errors["main"] = traceback.format_exc()
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    return errors


def names_in(path: Path) -> set[str]:
    conn = driver.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sources")}
    finally:
        conn.close()


def test_lists_and_edits_never_fail_while_backups_run(busy_case: CaseFile,
                                                      tmp_path: Path) -> None:
    case = busy_case
    shelf = BackupShelf.for_case(case, tmp_path / "backups", Retention(recent=ROUNDS + 2))
    committed: list[str] = []  # source names, in commit order
    pages = [0]
    claims = [c.uuid for c in case.claims.page(limit=60)]

    def lists(stop: threading.Event) -> None:
        offset = 0
        while not stop.is_set():
            got = case.sources.page(offset=offset, limit=50, light=True)
            assert len(got) == 50
            case.claims.page(offset=offset % 40, limit=20)
            offset = (offset + 37) % 300
            pages[0] += 1

    def edits(stop: threading.Event) -> None:
        i = 0
        while not stop.is_set():
            name = f"Added {i:05}"
            case.sources.create(name=name, notes="added while a backup runs")
            committed.append(name)
            case.claims.update(claims[i % len(claims)], notes=f"edit {i}")
            i += 1
            time.sleep(0.001)

    taken: list[tuple[Path, list[str]]] = []

    def backups() -> None:
        for _ in range(ROUNDS):
            before = list(committed)
            entry = shelf.take(case)  # copied, then opened and integrity-checked
            taken.append((entry.path, before))

    errors = run_threads({"lists": lists, "edits": edits}, backups)
    assert not errors, "\n".join(f"{name}:\n{tb}" for name, tb in errors.items())
    assert len(taken) == ROUNDS and pages[0] > 0 and committed
    for path, before in taken:  # each verified copy holds everything committed before it
        assert set(before) <= names_in(path) - {f"Source {i:04}" for i in range(400)}
    live = {s.name for s in case.sources.page(limit=10_000, light=True)}
    assert set(committed) <= live  # every edit the writer saw commit is in the case


def test_a_backup_never_ends_a_transaction_on_another_thread(busy_case: CaseFile,
                                                             tmp_path: Path) -> None:
    """While a read is open on this thread (a cursor half read), a backup on another thread
    waits its turn: it never rolls the shared connection back under the cursor."""
    case = busy_case
    unlocked: list[str] = []  # commits, rollbacks and resets made without the store's lock

    def seen(what: str) -> Callable[..., None]:
        def record(*_args: object) -> None:
            if not case._store._lock.held():  # noqa: SLF001
                unlocked.append(f"{what} on {threading.current_thread().name}")
        return record

    for what in ("commit", "rollback"):
        event.listen(case._store.engine, what, seen(what))
    event.listen(case._store.engine.pool, "reset", seen("reset"))
    done = threading.Event()
    failure: list[BaseException] = []

    def backup() -> None:
        try:
            case.backup(tmp_path / "copy.casefile")
        except BaseException as exc:  # noqa: BLE001
            failure.append(exc)
        finally:
            done.set()

    started = threading.Thread(target=backup, name="backup")
    with case._store.read() as s:
        result = s.execute(select(Source.name).order_by(Source.id))
        first = result.fetchmany(5)
        started.start()
        time.sleep(0.3)  # the backup would be copying now if it did not wait
        rest = result.fetchall()
        assert not done.is_set()  # it is waiting for this read to end
    started.join(timeout=60)
    assert not failure, failure
    assert len(first) + len(rest) == 400
    assert unlocked == []
    assert names_in(tmp_path / "copy.casefile") >= {n for (n,) in first + rest}


def test_the_apps_backup_job_never_breaks_the_window_using_the_file(qtbot, tmp_path: Path,
                                                                    monkeypatch) -> None:
    """The app's own automatic-backup job (a pool worker) while the UI thread pages the
    sources list and saves edits, as a reporter scrolling and typing does."""
    from PySide6.QtCore import QSettings

    from ui.controller import AppController
    from ui.prompts import ScriptedPrompts

    monkeypatch.setattr(schema, "BACKUP_STEP_PAGES", 16)
    monkeypatch.setenv("CASEFILE_BACKUP_DIR", str(tmp_path / "backups"))
    path = tmp_path / "story.casefile"
    with CaseFile.create(path, title="Border trade") as made, \
            made._store.write(bulk_audit=True) as s:
        s.add_all(Source(name=f"Source {i:04}", notes=NOTE) for i in range(400))
    controller = AppController(ScriptedPrompts(),
                               QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = controller.open_path(path)
    try:
        case, auto = window.case, window.auto_backup
        saved: list[str] = []
        for round_ in range(15):
            outcome: list[object] = []
            qtbot.waitUntil(lambda: auto.job is None, timeout=20_000)
            job = auto.take_now()
            job.signals.finished.connect(outcome.append)
            job.signals.failed.connect(outcome.append)
            before = list(saved)
            i = 0
            while not outcome:
                assert len(case.sources.page(offset=(i * 37) % 300, limit=50)) == 50
                case.sources.create(name=f"Typed {round_}.{i}")
                saved.append(f"Typed {round_}.{i}")
                i += 1
                qtbot.wait(1)
            assert isinstance(outcome[0], list), outcome[0]  # not a failure message
            assert set(before) <= names_in(outcome[0][0].path)
        assert set(saved) <= {s.name for s in case.sources.page(limit=10_000, light=True)}
    finally:
        for w in list(controller.windows):
            w.close()


def test_hand_over_gives_every_waiting_thread_its_turn_first() -> None:
    """Released and re-taken at once, Python's own lock would go straight back to the
    stepping thread; the store's lock serves those already waiting first, in order."""
    from casefile.db.turns import TurnLock

    lock = TurnLock()
    order: list[str] = []

    def turn(name: str) -> None:
        with lock, lock:  # re-entrant
            order.append(name)

    with lock:
        waiters = [threading.Thread(target=turn, args=(n,)) for n in ("first", "second")]
        for n, t in enumerate(waiters, start=1):
            t.start()
            deadline = time.monotonic() + 10
            while lock.waiting() < n and time.monotonic() < deadline:
                time.sleep(0.001)
        assert lock.waiting() == 2
        lock.hand_over()
        assert order == ["first", "second"] and lock.held()
        lock.hand_over()  # nobody waiting: keeps the lock, costs nothing
        assert lock.held()
    for t in waiters:
        t.join(timeout=10)
    with pytest.raises(RuntimeError):
        lock.release()  # not held by this thread


def test_steps_cannot_run_inside_a_unit_of_work(case: CaseFile) -> None:
    with case._store.read(), pytest.raises(RuntimeError), case._store.in_steps():
        pass
