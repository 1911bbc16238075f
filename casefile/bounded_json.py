"""JSON from outside (a bundle, a CSL-JSON export) read within bounds, one set of rules for all.

The text is parsed whole, so its shape is bounded first: no input can make the parse (or the
checks after it) take more memory or stack than its size suggests. Refused whole, each
problem a plain sentence with where it is (a JSON path such as `documents[0].page_count`):

- more than `max_bytes` (checked before parsing), or more than MAX_CONTAINERS `[` and `{`;
- not UTF-8, or not JSON (with line and column);
- `NaN`, `Infinity` (JavaScript, not JSON), or a number too large to be finite (`1e400`);
- an integer of thousands of digits, or any integer outside SQLite's 64 bits;
- nested more than MAX_DEPTH levels.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from casefile.errors import CaseFileError

MAX_DEPTH = 64  # a bundle nests ~8 deep; free-form objects (EXIF, styles) a few more
MAX_CONTAINERS = 4_000_000  # `[` and `{` in the text: ~8 per bundle record
INT64 = (-(2**63), 2**63 - 1)  # what SQLite stores as an integer
MAX_PROBLEMS = 100


class JsonRefusedError(CaseFileError):
    """JSON refused by `load_bounded_json`; `problems` lists each as 'where: what'. Callers
    usually re-raise the problems as their own error (BundleError, CslError)."""

    def __init__(self, what: str, problems: list[str]) -> None:
        self.what = what
        self.problems = problems
        super().__init__("; ".join(problems[:5]))


class _NotJsonError(ValueError):
    """NaN or Infinity: JavaScript, not JSON."""


def _refuse_constant(name: str) -> Any:
    raise _NotJsonError(name)


def load_bounded_json(data: bytes, what: str, *, max_bytes: int) -> Any:
    """`data` parsed as plain, bounded JSON, or JsonRefusedError; `what` names the text in
    the problems (e.g. 'bundle.json')."""
    return _load_text(_decode(data, what, max_bytes), what)


def load_bounded_json_from(read: Callable[[], bytes], what: str, *, max_bytes: int) -> Any:
    """`load_bounded_json` of the bytes `read()` gives, let go of once decoded: a large
    text (a 150 MB bundle) is never bytes, text and parsed objects in memory at once."""
    return _load_text(_decode(read(), what, max_bytes), what)


def _decode(data: bytes, what: str, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise JsonRefusedError(what, [f"{what}: {len(data):,} bytes, more than it may hold "
                                      f"({max_bytes:,})"])
    containers = data.count(b"[") + data.count(b"{")
    if containers > MAX_CONTAINERS:
        raise JsonRefusedError(what, [f"{what}: {containers:,} arrays and objects, more than "
                                      f"it may hold ({MAX_CONTAINERS:,})"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefusedError(what, [f"{what}: not UTF-8 text (byte {exc.start})"]) from None


def _load_text(text: str, what: str) -> Any:
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise JsonRefusedError(what, [f"{what} line {exc.lineno} column {exc.colno}: "
                                      f"{exc.msg}"]) from None
    except _NotJsonError as exc:
        raise JsonRefusedError(what, [f"{what}: {exc} is not a JSON value (numbers must be "
                                      "finite)"]) from None
    except RecursionError:
        raise JsonRefusedError(what, [f"{what}: nested more than {MAX_DEPTH} levels deep"]
                               ) from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise JsonRefusedError(what, [f"{what}: holds a number too long to read"]) from None
    problems = bounded_problems(doc)
    if problems:
        raise JsonRefusedError(what, problems)
    return doc


def bounded_problems(doc: Any) -> list[str]:
    """Values no case file can hold, each with its JSON path: nesting deeper than MAX_DEPTH,
    integers outside SQLite's 64 bits, numbers too large to be finite. Iterative, so a deep
    document cannot exhaust the stack; a path is only spelled out for a problem (each
    container remembers its parent), so a 150 MB bundle is walked in about a second."""
    problems: list[str] = []
    frames: list[tuple[int, Any]] = []  # container -> (its parent's frame, its key there)

    def path(frame: int, key: Any = _NO_KEY) -> tuple[Any, ...]:
        parts = [] if key is _NO_KEY else [key]
        while frame > 0:
            frame, k = frames[frame]
            parts.append(k)
        return tuple(reversed(parts))

    frames.append((-1, None))  # the top: frame 0, no key
    stack: list[tuple[Any, int, int]] = [(doc, 0, 0)]  # container, its frame, its depth
    if not isinstance(doc, (dict, list)):
        stack = []
        _scalar(doc, (), problems)
    while stack and len(problems) < MAX_PROBLEMS:
        node, frame, depth = stack.pop()
        if depth >= MAX_DEPTH:
            problems.append(f"{_path(path(frame)[:8])}…: nested more than {MAX_DEPTH} "
                            "levels deep")
            continue
        items: Any = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            kind = type(value)
            if kind is str or kind is bool or value is None or (
                    kind is int and INT64[0] <= value <= INT64[1]) or (
                    kind is float and math.isfinite(value)):
                continue  # most values: nothing to check, nothing to keep
            if isinstance(value, (dict, list)):
                frames.append((frame, key))
                stack.append((value, len(frames) - 1, depth + 1))
            else:
                _scalar(value, path(frame, key), problems)
    return sorted(problems)


_NO_KEY = object()


def _scalar(node: Any, where: tuple[Any, ...], problems: list[str]) -> None:
    """A value that is not a container: an integer out of range or a number not finite."""
    if isinstance(node, bool) or node is None or isinstance(node, str):
        return
    if isinstance(node, int) and not INT64[0] <= node <= INT64[1]:
        problems.append(f"{_path(where)}: the integer {_short(node)} is out of range "
                        "(a case file holds 64-bit integers)")
    elif isinstance(node, float) and not math.isfinite(node):
        problems.append(f"{_path(where)}: a number too large to store")


def _short(n: int) -> str:
    text = str(n)
    return text if len(text) <= 30 else f"{text[:12]}…({len(text)} digits)"


def _path(parts: tuple[Any, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"
