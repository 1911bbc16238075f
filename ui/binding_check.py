"""Refuse to start on a Qt binding that frees Python's `None`.

PySide6/shiboken6 6.12.0 returns `None` from every wrapped `void` C++ method without taking a
reference to it. From CPython 3.12 on `None` is immortal and nothing happens; on 3.11 each
call releases a reference that was never taken, and after some 50,000 calls — minutes of use —
the interpreter aborts ("Fatal Python error: none_dealloc"), for example during a second Word
export. The pinned version (requirements/constraints.txt) is fine; this catches an install
that is not, with a sentence instead of an abort.
"""

from __future__ import annotations

import sys

PROBE_CALLS = 200


def drops_none() -> bool:
    """Whether a wrapped void Qt call loses a reference to `None` (needs a QApplication)."""
    if sys.version_info >= (3, 12):  # immortal None: the bug cannot bite
        return False
    from PySide6.QtCore import QCoreApplication

    before = sys.getrefcount(None)
    for _ in range(PROBE_CALLS):
        QCoreApplication.processEvents()
    lost = before - sys.getrefcount(None)
    if lost > 0:  # give them back: the process stays sound long enough to say why it stops
        import ctypes

        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return lost >= PROBE_CALLS // 2


def problem() -> str | None:
    """A plain sentence if this Qt binding cannot run the app, else None."""
    if not drops_none():
        return None
    import PySide6

    return (f"Casefile cannot run with PySide6 {PySide6.__version__} on Python "
            f"{sys.version_info.major}.{sys.version_info.minor}: that version of the Qt "
            "binding loses a reference to Python's None on every call, and the app would "
            "abort after a few minutes. Install the tested version: "
            "pip install -c requirements/constraints.txt PySide6-Essentials shiboken6.")
