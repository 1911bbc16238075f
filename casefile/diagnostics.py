"""What an unexpected error may say about itself: where it happened, never its message.

An exception's message can quote record contents — a source's name, or the SQL parameters an
SQLAlchemy error carries — so the app's log and the command line's internal-error text use
`safe_traceback` (types and code locations only) and leave the message out.
"""

from __future__ import annotations

import traceback


def safe_traceback(exc: BaseException) -> str:
    """Where a failure happened — exception types and frames, causes included — but never its
    message: messages can quote record contents (a source's name, SQL parameters), and the
    log must hold none of them."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}")
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
                  for f in traceback.extract_tb(current.__traceback__)]
        current = current.__cause__ or current.__context__
    return "\n".join(lines)


def where(exc: BaseException) -> str:
    """The innermost code location of `exc`, e.g. 'cli.py, line 120, in _cmd_info' (no
    message, no values)."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "an unknown place"
    last = frames[-1]
    name = last.filename.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name}, line {last.lineno}, in {last.name}"
