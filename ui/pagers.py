"""How a list reads its rows from the core: by key (the rows after or before a row, and a
record's position, each one small query at any depth), or by offset for lists without keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from casefile.errors import RecordNotFoundError, ValidationError


class Pager(Protocol):
    """The reads a paged list makes. `keyed` pagers implement `after`, `before`, `key` and
    `locate`; the others only `at` and `count`."""

    keyed: bool

    def count(self) -> int: ...

    def at(self, offset: int, limit: int) -> list[Any]: ...

    def after(self, key: Any, limit: int, inclusive: bool = False) -> list[Any]: ...

    def before(self, key: Any, limit: int) -> list[Any]: ...

    def key(self, row: Any) -> Any: ...

    def locate(self, record_uuid: str) -> tuple[int, Any] | None: ...

    def sorted_by(self, field: str, descending: bool) -> Pager | None: ...

    def with_tag(self, tag: str | None) -> Pager | None: ...


class OffsetPager:
    """A list read by offset (`fetch(offset, limit)`): the trash, and callers of old."""

    keyed = False

    def __init__(self, fetch: Callable[[int, int], list[Any]], count: Callable[[], int]) -> None:
        self._fetch = fetch
        self.count = count

    def at(self, offset: int, limit: int) -> list[Any]:
        return self._fetch(offset, limit)

    def after(self, key: Any, limit: int, inclusive: bool = False) -> list[Any]:
        raise NotImplementedError("an offset list has no keys")

    def before(self, key: Any, limit: int) -> list[Any]:
        raise NotImplementedError("an offset list has no keys")

    def key(self, row: Any) -> Any:
        raise NotImplementedError("an offset list has no keys")

    def locate(self, record_uuid: str) -> tuple[int, Any] | None:
        return None

    def sorted_by(self, field: str, descending: bool) -> Pager | None:
        return None

    def with_tag(self, tag: str | None) -> Pager | None:
        return None


class ServicePager:
    """A kind's records from its RecordService, light (no transcripts), in one order."""

    keyed = True

    def __init__(self, service: Any, order: str | None = None,
                 descending: bool = False, tagged: str | None = None) -> None:
        self.service = service
        self.order = order
        self.descending = descending
        self.tagged = tagged  # only the records carrying this tag (the tag pane's filter)

    def count(self) -> int:
        if self.tagged is not None:
            return int(self.service.count(tagged=self.tagged))
        return int(self.service.count())

    def _page(self, **where: Any) -> list[Any]:
        if self.tagged is not None:
            where["tagged"] = self.tagged
        return list(self.service.page(order_by=self.order, descending=self.descending,
                                      light=True, **where))

    def at(self, offset: int, limit: int) -> list[Any]:
        return self._page(offset=offset, limit=limit)

    def after(self, key: Any, limit: int, inclusive: bool = False) -> list[Any]:
        """The rows after `key` (`inclusive`: from the row with `key` on)."""
        if inclusive:
            return self._page(after=key, limit=limit, inclusive=True)
        return self._page(after=key, limit=limit)

    def before(self, key: Any, limit: int) -> list[Any]:
        return self._page(before=key, limit=limit)

    def key(self, row: Any) -> Any:
        return self.service.page_key(row, self.order)

    def locate(self, record_uuid: str) -> tuple[int, Any] | None:
        try:
            tag = {"tagged": self.tagged} if self.tagged is not None else {}
            found: tuple[int, Any] = self.service.locate(
                record_uuid, order_by=self.order, descending=self.descending, **tag)
        except (RecordNotFoundError, ValidationError):
            return None
        return found

    def sorted_by(self, field: str, descending: bool) -> Pager | None:
        if not self.service.sortable(field):
            return None
        return type(self)(self.service, field, descending, self.tagged)

    def with_tag(self, tag: str | None) -> Pager | None:
        """The same list narrowed to the records carrying `tag` (None: every record)."""
        return type(self)(self.service, self.order, self.descending, tag)


class ClaimPager(ServicePager):
    """Claims with their support summaries, in the claims' order (by id) or sorted by a
    column of the claim (statement, status) in SQL, by key like any list."""

    def _page(self, **where: Any) -> list[Any]:
        if self.tagged is not None:
            where["tagged"] = self.tagged
        return list(self.service.summaries(order_by=self.order, descending=self.descending,
                                           **where))

    def key(self, row: Any) -> Any:
        return self.service.page_key(row[0], self.order)
