"""The canonical state of the domain tables, its hash, and a readable difference of two of them.

The evaluation harness compares the state a conversation leaves behind with the state the
reference actions leave behind (docs/evaluation.md). Only what a correct agent determines goes
in: natural keys and business values. Surrogate keys, wall-clock timestamps, free text
(descriptions, notes, reasons, special requests), audit, idempotency and handoff records stay out,
so two runs that reach the same state by different paths, or at different moments, compare equal.

A snapshot is plain JSON data (dates as ISO strings), keyed by hotel slug, every list in a fixed
order, so it can be written to a report as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from pms.models import (
    FolioLine,
    Guest,
    Hotel,
    HousekeepingTask,
    OutOfOrderPeriod,
    RatePlan,
    Reservation,
    Room,
    RoomType,
    StaffUser,
)

Snapshot = dict[str, Any]

TABLES = ("reservations", "guests", "folio_lines", "rooms", "housekeeping_tasks")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _norm(text: str | None) -> str:
    return (text or "").strip().lower()


def state_snapshot(session: Session) -> Snapshot:
    """The canonical state of every hotel in the database, keyed by hotel slug."""
    slugs: dict[int, str] = dict(session.execute(select(Hotel.id, Hotel.slug)).all())
    hotels: dict[str, dict[str, list[Any]]] = {
        slug: {table: [] for table in TABLES} for slug in slugs.values()
    }

    assigned = aliased(Room)
    reservations = session.execute(
        select(
            Reservation.hotel_id,
            Reservation.code,
            Reservation.status,
            RoomType.code,
            assigned.number,
            Reservation.check_in,
            Reservation.check_out,
            Reservation.adults,
            Reservation.children,
            RatePlan.code,
            Reservation.total_cents,
        )
        .join(RoomType, RoomType.id == Reservation.room_type_id)
        .join(RatePlan, RatePlan.id == Reservation.rate_plan_id)
        .outerjoin(assigned, assigned.id == Reservation.room_id)
    )
    for (
        hotel_id,
        code,
        status,
        type_code,
        room,
        check_in,
        check_out,
        adults,
        children,
        plan,
        total,
    ) in reservations:
        hotels[slugs[hotel_id]]["reservations"].append(
            {
                "code": code,
                "status": status,
                "room_type": type_code,
                "room": room,
                "check_in": _iso(check_in),
                "check_out": _iso(check_out),
                "adults": adults,
                "children": children,
                "rate_plan": plan,
                "total_cents": total,
            }
        )

    for hotel_id, name, email in session.execute(select(Guest.hotel_id, Guest.name, Guest.email)):
        hotels[slugs[hotel_id]]["guests"].append({"name": _norm(name), "email": _norm(email)})

    folio = session.execute(
        select(
            FolioLine.hotel_id,
            Reservation.code,
            FolioLine.line,
            FolioLine.kind,
            FolioLine.category,
            FolioLine.amount_cents,
        ).join(Reservation, Reservation.id == FolioLine.reservation_id)
    )
    for hotel_id, code, line, kind, category, amount in folio:
        hotels[slugs[hotel_id]]["folio_lines"].append(
            {
                "reservation": code,
                "line": line,
                "kind": kind,
                "category": category,
                "amount_cents": amount,
            }
        )

    periods: dict[int, list[list[str | None]]] = {}
    for room_id, start, end in session.execute(
        select(OutOfOrderPeriod.room_id, OutOfOrderPeriod.start_date, OutOfOrderPeriod.end_date)
    ):
        periods.setdefault(room_id, []).append([_iso(start), _iso(end)])
    for room_id, hotel_id, number, condition in session.execute(
        select(Room.id, Room.hotel_id, Room.number, Room.condition)
    ):
        hotels[slugs[hotel_id]]["rooms"].append(
            {
                "number": number,
                "condition": condition,
                "out_of_order": sorted(periods.get(room_id, []), key=lambda p: (p[0], p[1])),
            }
        )

    tasks = session.execute(
        select(
            HousekeepingTask.hotel_id,
            HousekeepingTask.id,
            Room.number,
            HousekeepingTask.kind,
            HousekeepingTask.status,
            StaffUser.username,
            HousekeepingTask.priority,
        )
        .join(Room, Room.id == HousekeepingTask.room_id)
        .outerjoin(StaffUser, StaffUser.id == HousekeepingTask.assignee_id)
    )
    for hotel_id, task_id, number, kind, status, assignee, priority in tasks:
        # Task ids are shown to staff and named in conversations ("task 3"), so they are a
        # natural key here, unlike the other tables' ids.
        hotels[slugs[hotel_id]]["housekeeping_tasks"].append(
            {
                "id": task_id,
                "room": number,
                "kind": kind,
                "status": status,
                "assignee": assignee,
                "priority": priority,
            }
        )

    for tables in hotels.values():
        tables["reservations"].sort(key=lambda r: r["code"])
        tables["guests"].sort(key=lambda g: (g["name"], g["email"]))
        tables["folio_lines"].sort(key=lambda f: (f["reservation"], f["line"]))
        tables["rooms"].sort(key=lambda r: r["number"])
        tables["housekeeping_tasks"].sort(key=lambda t: t["id"])
    return {slug: hotels[slug] for slug in sorted(hotels)}


def canonical_json(snapshot: Snapshot) -> str:
    """The one serialisation the hash is taken of: sorted keys, compact, dates as ISO."""
    return json.dumps(
        snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_json_default
    )


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not part of a state snapshot")


def state_hash(snapshot: Snapshot) -> str:
    """The SHA-256 (hex) of the snapshot's canonical JSON."""
    return hashlib.sha256(canonical_json(snapshot).encode("utf-8")).hexdigest()


def _key(table: str, row: dict[str, Any]) -> str:
    if table == "reservations":
        return str(row["code"])
    if table == "folio_lines":
        return f"{row['reservation']} line {row['line']}"
    if table == "rooms":
        return f"room {row['number']}"
    if table == "housekeeping_tasks":
        return f"task {row['id']}"
    return f"{row.get('name')} <{row.get('email')}>"


def _show(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=_json_default)


def snapshot_diff(
    a: Snapshot,
    b: Snapshot,
    *,
    limit: int = 50,
    added: str = "added",
    removed: str = "removed",
) -> list[str]:
    """How `b` differs from `a`, one line per added, removed or changed row (at most `limit`).

    Rows are matched by natural key: reservation code, (reservation, line), room number, task
    id, and for guests the (name, email) pair, counted, since two guests may share both.
    `added` and `removed` name rows only in `b` and only in `a` ("unexpected", "missing").
    """
    lines: list[str] = []
    for hotel in sorted(set(a) | set(b)):
        if hotel not in a:
            lines.append(f"{hotel}: hotel {added}")
            continue
        if hotel not in b:
            lines.append(f"{hotel}: hotel {removed}")
            continue
        for table in TABLES:
            before: list[dict[str, Any]] = a[hotel].get(table, [])
            after: list[dict[str, Any]] = b[hotel].get(table, [])
            lines.extend(
                f"{hotel} {table} {line}"
                for line in _table_diff(table, before, after, added, removed)
            )
    if len(lines) > limit:
        hidden = len(lines) - limit
        lines = [*lines[:limit], f"... and {hidden} more difference(s)"]
    return lines


def _table_diff(
    table: str,
    before: list[dict[str, Any]],
    after: list[dict[str, Any]],
    added: str,
    removed: str,
) -> list[str]:
    if table == "guests":
        old = Counter(_key(table, row) for row in before)
        new = Counter(_key(table, row) for row in after)
        out = [f"{key}: {added} x{count}" for key, count in sorted((new - old).items())]
        out += [f"{key}: {removed} x{count}" for key, count in sorted((old - new).items())]
        return out
    old_rows = {_key(table, row): row for row in before}
    new_rows = {_key(table, row): row for row in after}
    out = []
    for key in sorted(set(old_rows) | set(new_rows)):
        if key not in old_rows:
            out.append(f"{key}: {added} {_show(new_rows[key])}")
        elif key not in new_rows:
            out.append(f"{key}: {removed} {_show(old_rows[key])}")
        elif old_rows[key] != new_rows[key]:
            changes = [
                f"{field} {_show(old_rows[key].get(field))} -> {_show(new_rows[key].get(field))}"
                for field in sorted(set(old_rows[key]) | set(new_rows[key]))
                if old_rows[key].get(field) != new_rows[key].get(field)
            ]
            out.append(f"{key}: changed " + ", ".join(changes))
    return out
