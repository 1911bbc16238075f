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
    if len(data) > max_bytes:
        raise JsonRefusedError(what, [f"{what}: {len(data):,} bytes, more than it may hold "
                                      f"({max_bytes:,})"])
    containers = data.count(b"[") + data.count(b"{")
    if containers > MAX_CONTAINERS:
        raise JsonRefusedError(what, [f"{what}: {containers:,} arrays and objects, more than "
                                      f"it may hold ({MAX_CONTAINERS:,})"])
    try:
        doc = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        raise JsonRefusedError(what, [f"{what}: not UTF-8 text (byte {exc.start})"]) from None
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
    document cannot exhaust the stack."""
    problems: list[str] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while stack and len(problems) < MAX_PROBLEMS:
        node, where = stack.pop()
        if isinstance(node, dict):
            items: Any = node.items()
        elif isinstance(node, list):
            items = enumerate(node)
        else:
            if isinstance(node, bool) or node is None or isinstance(node, str):
                continue
            if isinstance(node, int) and not INT64[0] <= node <= INT64[1]:
                problems.append(f"{_path(where)}: the integer {_short(node)} is out of range "
                                "(a case file holds 64-bit integers)")
            elif isinstance(node, float) and not math.isfinite(node):
                problems.append(f"{_path(where)}: a number too large to store")
            continue
        if len(where) >= MAX_DEPTH:
            problems.append(f"{_path(where[:8])}…: nested more than {MAX_DEPTH} levels deep")
            continue
        for key, value in items:
            stack.append((value, (*where, key)))
    return sorted(problems)


def _short(n: int) -> str:
    text = str(n)
    return text if len(text) <= 30 else f"{text[:12]}…({len(text)} digits)"


def _path(parts: tuple[Any, ...]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top)"
