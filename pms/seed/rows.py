"""Writing seed rows in bulk: ids handed out up front, one executemany per table and batch.

A seed writes thousands (the demo) to hundreds of thousands (a synthetic hotel of 1000 rooms) of
rows. Adding ORM objects and flushing would cost a round trip per row; here every row is a plain
dict with its primary key chosen in advance, so parents and children can be linked before
anything is written, and the rows go out as a few large executemany calls in foreign-key order.

Ids continue from the largest id already in each table, so a seed into an empty database always
numbers its rows the same way (the demo's housekeeping tasks are ids 1-4). PostgreSQL's id
sequences are then moved past the explicit ids, or the next INSERT would collide.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from pms.models import Base

Row = dict[str, Any]
Progress = Callable[[str, int, int], None]


def local_moment(zone: ZoneInfo, day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in the hotel, as the aware UTC datetime the database stores."""
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


class Rows:
    """Rows of many tables waiting to be inserted, numbered as they are added."""

    def __init__(
        self,
        session: Session,
        *,
        batch: int = 50_000,
        progress: Progress | None = None,
    ) -> None:
        self._session = session
        self._batch = batch
        self._progress = progress
        self._expected = 0
        self._next_id: dict[str, int] = {}
        self._pending: dict[str, list[Row]] = {}
        self._defaults: dict[str, Row] = {}
        self._pending_count = 0
        self.written: dict[str, int] = {}

    def add(self, model: type[Base], **values: Any) -> int:
        """Queue one row of `model`'s table and return the id it will have."""
        table: Table = model.__table__  # type: ignore[assignment]
        name = table.name
        if name not in self._next_id:
            self._start_table(table)
        defaults = self._defaults[name]
        if not values.keys() <= defaults.keys():
            unknown = sorted(set(values) - set(defaults))
            raise TypeError(f"{name} has no column(s) {', '.join(unknown)}")
        row_id = self._next_id[name]
        self._next_id[name] = row_id + 1
        self._pending[name].append({**defaults, **values, "id": row_id})
        self._pending_count += 1
        if self._pending_count >= self._batch:
            self.flush()
        return row_id

    def count(self, table: str, rows: int) -> None:
        """Count rows written some other way (a hotel file applied) in what `finish` reports."""
        self.written[table] = self.written.get(table, 0) + rows

    def expect(self, total: int) -> None:
        """How many rows the caller expects to add in all, for the progress report."""
        self._expected = total

    def flush(self) -> None:
        """Write everything queued, parents before children."""
        for table in Base.metadata.sorted_tables:
            rows = self._pending.get(table.name)
            if not rows:
                continue
            self._session.execute(insert(table), rows)
            self.written[table.name] = self.written.get(table.name, 0) + len(rows)
            self._pending[table.name] = []
        self._pending_count = 0
        if self._progress is not None:
            done = sum(self.written.values())
            self._progress("writing rows", done, max(self._expected, done))

    def finish(self) -> dict[str, int]:
        """Write the rest, move PostgreSQL's sequences on, and return rows written per table."""
        self.flush()
        if self._session.get_bind().dialect.name == "postgresql":
            for name in self.written:
                self._session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
        return dict(self.written)

    def _start_table(self, table: Table) -> None:
        name = table.name
        largest = self._session.scalar(select(func.max(table.c.id)))
        self._next_id[name] = int(largest or 0) + 1
        self._pending[name] = []
        defaults: Row = {}
        for column in table.columns:
            defaults[column.name] = _default_of(column.default)
        self._defaults[name] = defaults


def _default_of(default: Any) -> Any:
    """A column's Python-side default for one row: the value, or a fresh one from its callable.

    A JSON list column (`default=list`) must get `[]`, not None: None is stored as JSON null and
    read back as None where every reader expects a list.
    """
    if default is None:
        return None
    if getattr(default, "is_scalar", False):
        return default.arg
    if getattr(default, "is_callable", False):
        return default.arg(None)
    return None
