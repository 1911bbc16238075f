"""Column types that keep a case file readable without our code (ISO text, dashed UUIDs)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator


class _TextStored(TypeDecorator[Any]):
    """A value kept as readable text; `py` is the Python type the column holds."""

    impl: Any = String
    cache_ok = True
    py: type = str

    @property
    def python_type(self) -> type:
        return self.py


class UUIDText(_TextStored):
    """A UUID stored as its canonical 36-character text form."""

    impl = String(36)
    cache_ok = True
    py = uuid.UUID

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        return None if value is None else uuid.UUID(value)


class UTCDateTime(_TextStored):
    """A moment stored as ISO-8601 UTC text ('2026-11-27T22:45:14.123456+00:00').

    Naive datetimes are refused: a case file is read in many time zones.
    """

    impl = String(32)
    cache_ok = True
    py = datetime

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError(f"a timezone-aware datetime is required, got {value!r}")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value).astimezone(UTC)


class LocalDateTime(_TextStored):
    """A moment kept with the offset it happened in ('2026-11-12T14:30:00+10:00').

    Interviews and photos keep local time: "2.30pm in Khabarovsk" matters more than UTC.
    A naive value (a camera clock of unknown zone) is kept naive and read back naive.
    """

    impl = String(32)
    cache_ok = True
    py = datetime

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise ValueError(f"a datetime is required, got {value!r}")
        return value.isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class ISODate(_TextStored):
    """A calendar date stored as 'YYYY-MM-DD'."""

    impl = String(10)
    cache_ok = True
    py = date

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise ValueError(f"a date is required, got {value!r}")
        return value.isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        return None if value is None else date.fromisoformat(value)


def utcnow() -> datetime:
    """Now, timezone-aware in UTC: the only clock records use."""
    return datetime.now(UTC)
