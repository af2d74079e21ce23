"""`concierge bench hotels`: how long a large hotel file takes to apply, and to re-apply unchanged.

The issue's bound: a hotel file of 1,000 rooms applies in under 10 s on SQLite and PostgreSQL,
and applying it again reports no change. The file is generated (one entry per room, the worst
case for parsing, with four room types, three plans, two seasons, a housekeeper per 15 rooms
and optionally imported reservations) and written as YAML, then timed through the same path as
`concierge hotels apply`: read and check the file, apply it in one transaction, apply it again,
export it. A benchmark, not a test: it prints the figures and never fails on them.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

from concierge.wiring import open_database
from pms.db import Database
from pms.hotels.apply import apply_hotel_file
from pms.hotels.export import export_hotel
from pms.hotels.file import load_hotel_file
from pms.hotels.summary import list_hotels
from pms.schema import upgrade

ROOMS_PER_FLOOR = 50
TYPES = (("STQ", "Standard Queen", 2, "160.00"), ("STD", "Standard Double", 4, "200.00"),
         ("DLK", "Deluxe King", 2, "240.00"), ("STE", "Suite", 4, "400.00"))  # fmt: skip
BOUND_SECONDS = 10.0


def hotel_document(rooms: int, reservations: int = 0, slug: str | None = None) -> dict[str, Any]:
    """A hotel file of `rooms` rooms, each its own entry, and `reservations` future stays."""
    slug = slug or f"bench-{rooms}"
    room_entries = []
    for index in range(rooms):
        floor, position = divmod(index, ROOMS_PER_FLOOR)
        room_entries.append(
            {
                "number": f"{floor + 1}{position + 1:02d}",
                "floor": floor + 1,
                "type": TYPES[position * len(TYPES) // ROOMS_PER_FLOOR][0],
                "accessible": position == 0,
            }
        )
    first = date(2027, 3, 1)
    stays = [
        {
            "code": f"BH{1001 + n}",
            "guest": {"name": f"Guest Number{n}", "email": f"guest{n}@example.com"},
            "room_type": TYPES[n % len(TYPES)][0],
            "rate_plan": ("FLEX", "NRF", "BB")[n % 3],
            "check_in": (first + timedelta(days=n % 300)).isoformat(),
            "check_out": (first + timedelta(days=n % 300 + 1 + n % 4)).isoformat(),
            "adults": 2,
        }
        for n in range(reservations)
    ]
    document: dict[str, Any] = {
        "slug": slug,
        "name": f"Benchmark Hotel of {rooms} Rooms",
        "code_prefix": "BH",
        "timezone": "Europe/Lisbon",
        "currency": "EUR",
        "room_types": [
            {
                "code": code,
                "name": name,
                "aliases": [name.lower()],
                "max_occupancy": guests,
                "rate": rate,
            }
            for code, name, guests, rate in TYPES
        ],
        "rate_plans": [
            {"code": "FLEX", "name": "Flexible"},
            {
                "code": "NRF",
                "name": "Non-refundable",
                "discount_percent": 15,
                "prepaid": True,
                "refundable": False,
                "guest_modifiable": False,
                "free_cancellation_hours": 0,
            },
            {"code": "BB", "name": "Bed & Breakfast", "breakfast_per_adult": "25.00"},
        ],
        "seasons": [
            {
                "name": "Summer",
                "from": "2027-06-01",
                "until": "2027-09-01",
                "rates": {code: f"{float(rate) * 1.25:.2f}" for code, _, _, rate in TYPES},
            },
            {
                "name": "Weekends",
                "from": "2027-01-01",
                "until": "2028-01-01",
                "days": ["fri", "sat"],
                "rates": {"STQ": "180.00"},
            },
        ],
        "rooms": room_entries,
        "staff": [
            {
                "username": f"staff{n}",
                "name": f"Staff Member{n}",
                "role": "housekeeping" if n > 3 else ("admin", "manager", "front_desk")[min(n, 2)],
            }
            for n in range(4 + -(-rooms // 15))
        ],
    }
    if stays:
        document["reservations"] = stays
    return document


def run_benchmark(
    db_url: str | None, rooms: int, reservations: int, console: Console
) -> dict[str, Any]:
    """Time read, first apply, re-apply and export of a generated file; return the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-hotels-") as scratch:
        url = db_url or f"sqlite:///{Path(scratch) / 'bench.db'}"
        path = Path(scratch) / "hotel.yaml"
        document = hotel_document(rooms, reservations)
        path.write_text(yaml.safe_dump(document, sort_keys=False))
        db = open_database(url)
        try:
            return _measure(db, path, document["slug"], console)
        finally:
            db.dispose()


def _measure(db: Database, path: Path, slug: str, console: Console) -> dict[str, Any]:
    db.run(lambda session: upgrade(session.connection()))
    if any(hotel.slug == slug for hotel in db.run(list_hotels)):
        raise ValueError(f"The database already holds {slug}; benchmark on a fresh database.")
    figures: dict[str, Any] = {"database": db.dialect, "file_bytes": path.stat().st_size}
    started = time.perf_counter()
    parsed = load_hotel_file(path)
    figures["read_s"] = time.perf_counter() - started

    started = time.perf_counter()
    first = db.run(lambda session: apply_hotel_file(session, parsed))
    figures["first_apply_s"] = time.perf_counter() - started
    figures["first_apply_changes"] = len(first.changes)

    started = time.perf_counter()
    again = db.run(lambda session: apply_hotel_file(session, load_hotel_file(path)))
    figures["reapply_s"] = time.perf_counter() - started
    figures["reapply_changed"] = again.changed

    started = time.perf_counter()
    exported = db.run(lambda session: export_hotel(session, slug))
    figures["export_s"] = time.perf_counter() - started
    figures["rooms"] = sum(1 for _ in parsed.room_list())
    figures["reservations"] = len(parsed.reservations)
    figures["export_room_entries"] = len(exported["rooms"])
    figures["within_bound"] = (
        figures["read_s"] + figures["first_apply_s"] < BOUND_SECONDS
        and figures["read_s"] + figures["reapply_s"] < BOUND_SECONDS
    )
    console.log(f"{db.dialect}: {figures['rooms']} rooms applied")
    return figures


def show(results: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="Applying a hotel file")
    for column in ("database", "rooms", "reservations", "read", "first apply", "re-apply",
                   "re-apply changed", "export", f"< {BOUND_SECONDS:g} s"):  # fmt: skip
        table.add_column(column, justify="right")
    for r in results:
        table.add_row(
            r["database"],
            str(r["rooms"]),
            str(r["reservations"]),
            f"{r['read_s']:.2f} s",
            f"{r['first_apply_s']:.2f} s",
            f"{r['reapply_s']:.2f} s",
            "yes" if r["reapply_changed"] else "no",
            f"{r['export_s']:.2f} s",
            "yes" if r["within_bound"] else "NO",
        )
    console.print(table)
