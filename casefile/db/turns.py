"""The store's lock: re-entrant, and taken in turn (first come, first served).

A case file has one connection, so every unit of work holds one lock. Long work done in
steps on that connection (a backup copying pages) holds the lock for each step and lets
waiting threads in between steps. Python's own locks are not fair: released and re-taken at
once, an RLock goes straight back to the stepping thread before a waiter has even woken, and
the window freezes for the whole copy. Here each thread waits for its ticket, so
`hand_over()` (release, then queue again) gives every thread already waiting exactly one
turn before the next step.
"""

from __future__ import annotations

import threading
from types import TracebackType


class TurnLock:
    """A re-entrant lock granted in the order it was asked for."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0
        self._next_ticket = 0  # the ticket the next thread to ask gets
        self._serving = 0  # the ticket whose turn it is
        self._abandoned: set[int] = set()  # tickets whose thread gave up waiting

    def acquire(self) -> None:
        """Take the lock (again, if this thread holds it), after every thread that asked
        before."""
        me = threading.get_ident()
        with self._cond:
            if self._owner == me:
                self._depth += 1
                return
            ticket = self._next_ticket
            self._next_ticket += 1
            try:
                while self._serving != ticket:
                    self._cond.wait()
            except BaseException:  # interrupted while waiting: never block those behind
                if self._serving == ticket:
                    self._advance()
                else:
                    self._abandoned.add(ticket)
                raise
            self._owner, self._depth = me, 1

    def release(self) -> None:
        """Release one level of this thread's hold; the next in line gets the lock."""
        with self._cond:
            if self._owner != threading.get_ident():
                raise RuntimeError("cannot release a lock this thread does not hold")
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._advance()

    def _advance(self) -> None:
        self._serving += 1
        while self._serving in self._abandoned:
            self._abandoned.discard(self._serving)
            self._serving += 1
        self._cond.notify_all()

    def __enter__(self) -> TurnLock:
        self.acquire()
        return self

    def __exit__(self, _et: type[BaseException] | None, _e: BaseException | None,
                 _tb: TracebackType | None) -> None:
        self.release()

    def held(self) -> bool:
        """Whether the calling thread holds the lock."""
        return self._owner == threading.get_ident()

    def waiting(self) -> int:
        """How many other threads are waiting for the lock."""
        with self._cond:
            return self._next_ticket - self._serving - (1 if self._owner is not None else 0)

    def hand_over(self) -> None:
        """Between two steps of work that holds the lock once: give every thread already
        waiting its turn, then take the lock back. Nothing happens when nobody waits, or
        when this thread holds the lock more than once (a step inside a unit of work
        cannot let others in)."""
        if not self.held() or self._depth != 1 or not self.waiting():
            return
        self.release()
        self.acquire()
