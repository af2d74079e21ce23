"""`concierge bench pms`: latency of the services behind the busiest tools.

Each sample is one unit of work around one service call, as a tool call would run it, on a
synthetic hotel seeded with the contract's workload (50 stays per room over two years, 0.8
housekeeping tasks per room per day).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from rich.console import Console
from rich.table import Table

from pms.availability.schemas import AvailabilityQuery
from pms.availability.service import check_availability
from pms.db import Database, UnitOfWork
from pms.errors import Conflict, PmsError
from pms.folios.schemas import FolioRef
from pms.folios.service import get_folio
from pms.housekeeping.schemas import TaskQuery
from pms.housekeeping.service import list_housekeeping_tasks
from pms.principal import Principal, Role
from pms.reservations.schemas import ReservationCreate, ReservationSearch
from pms.reservations.service import create, search
from pms.rooms.schemas import RoomQuery
from pms.rooms.service import list_rooms
from pms.seed.run import seed
from pms.seed.samples import rooms_of, workload

SLUG = "synthetic"
Operation = Callable[[UnitOfWork, random.Random], object]


def _prepare(db: Database, rooms: int, console: Console) -> None:
    """Seed the synthetic hotel unless this database already holds one of this size."""
    existing = rooms_of(db, SLUG)
    if existing == rooms:
        console.print(f"Using the synthetic hotel of {rooms} rooms already in this database.")
        return
    if existing is not None:
        raise Conflict(
            f"This database holds a synthetic hotel of {existing} rooms; "
            f"use an empty database for {rooms}."
        )
    console.print(f"Seeding a synthetic hotel of {rooms} rooms…")
    started = time.perf_counter()
    seed(db, date(2027, 3, 1), rooms=rooms)
    console.print(f"Seeded in {time.perf_counter() - started:.1f} s.")


def _operations(db: Database) -> dict[str, Operation]:
    actor = Principal(hotel=SLUG, role=Role.FRONT_DESK, user="bench", channel="bench")
    sample = workload(db, SLUG)
    today, last_names, codes = sample.today, sample.last_names, sample.codes
    floors, housekeepers = sample.floors, sample.housekeepers
    type_codes = ["STQ", "STD", "DLK", "STE"]

    def availability(session: UnitOfWork, rng: random.Random) -> object:
        start = today + timedelta(days=rng.randint(0, 300))
        return check_availability(
            session,
            actor,
            AvailabilityQuery(
                check_in=start,
                check_out=start + timedelta(days=rng.randint(1, 7)),
                adults=rng.randint(1, 2),
            ),
        )

    def booking(session: UnitOfWork, rng: random.Random) -> object:
        start = today + timedelta(days=rng.randint(30, 360))
        name = f"Bench Guest{rng.randint(1, 10**6)}"
        try:
            return create(
                session,
                actor,
                ReservationCreate(
                    room_type=rng.choice(type_codes),
                    check_in=start,
                    check_out=start + timedelta(days=rng.randint(1, 4)),
                    adults=1,
                    guest_name=name,
                    guest_email=f"{name.split()[1].lower()}@example.com",
                ),
            )
        except PmsError as refusal:  # sold out: still a full availability check
            return refusal

    def reservation_search(session: UnitOfWork, rng: random.Random) -> object:
        if rng.random() < 0.5:
            query = ReservationSearch(name=rng.choice(last_names))
        else:
            query = ReservationSearch(arrival_date=today + timedelta(days=rng.randint(-30, 60)))
        return search(session, actor, query)

    def folio(session: UnitOfWork, rng: random.Random) -> object:
        return get_folio(session, actor, FolioRef(confirmation_code=rng.choice(codes)))

    def rooms(session: UnitOfWork, rng: random.Random) -> object:
        pick = rng.random()
        if pick < 0.5:
            query = RoomQuery(floor=rng.choice(floors))
        elif pick < 0.8:
            query = RoomQuery(condition="dirty", occupied=False)
        else:
            query = RoomQuery(room_type=rng.choice(type_codes), occupied=False)
        return list_rooms(session, actor, query)

    def tasks(session: UnitOfWork, rng: random.Random) -> object:
        pick = rng.random()
        if pick < 0.4:
            query = TaskQuery()
        elif pick < 0.8:
            query = TaskQuery(assignee=rng.choice(housekeepers))
        else:
            query = TaskQuery(floor=rng.choice(floors))
        return list_housekeeping_tasks(session, actor, query)

    return {
        "check_availability": availability,
        "create_reservation": booking,
        "search_reservations": reservation_search,
        "get_folio": folio,
        "list_rooms": rooms,
        "list_housekeeping_tasks": tasks,
    }


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_benchmark(
    db: Database, *, rooms: int, iterations: int, console: Console | None = None
) -> dict[str, Any]:
    console = console or Console(stderr=True)
    _prepare(db, rooms, console)
    operations = _operations(db)
    rng = random.Random(2027)
    results: dict[str, dict[str, float | int]] = {}
    for name, operation in operations.items():
        for _ in range(max(5, iterations // 10)):  # warm caches and the connection pool
            with db.unit_of_work() as session:
                operation(session, rng)
        samples = []
        for _ in range(iterations):
            started = time.perf_counter()
            with db.unit_of_work() as session:
                operation(session, rng)
            samples.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "p50_ms": round(statistics.median(samples), 3),
            "p95_ms": round(_percentile(samples, 0.95), 3),
            "n": len(samples),
        }
    table = Table(title=f"bench pms: {rooms} rooms on {db.dialect}")
    for column in ("operation", "p50 ms", "p95 ms", "n"):
        table.add_column(column, justify="right" if column != "operation" else "left")
    for name, row in results.items():
        table.add_row(name, f"{row['p50_ms']:.2f}", f"{row['p95_ms']:.2f}", str(row["n"]))
    Console().print(table)
    return {"rooms": rooms, "dialect": db.dialect, "operations": results}
