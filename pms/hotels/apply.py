"""Applying a hotel file: create the hotel or bring it up to date, all or nothing, idempotently.

The rules are docs/hotel-file.md's. Everything is checked before anything is written, so a file
with errors writes nothing and lists every error with its place; the writes then run inside a
savepoint, which a dry run rolls back (so a dry run reports exactly what a real run would do).
Nothing that something refers to is ever deleted: a room type, plan or room left out of the
file while stays, rooms or tasks still use it refuses the whole file and says what refers to it.
Staff left out are deactivated. Imported reservations keep their codes, are priced by
`pms.pricing` like any booking, and bring no folio lines.

This module runs an apply; the refusals are `pms.hotels.refusals`' and each part of the hotel
is written by a module of its own (`room_types`, `rooms`, `seasons`, `staff`, `stay_import`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pms.db import Database, clock_of
from pms.hotels.checks import check
from pms.hotels.file import HotelFile, HotelFileInvalid, load_hotel_file
from pms.hotels.refusals import refusals
from pms.hotels.room_types import remove_leftovers, write_rate_plans, write_room_types
from pms.hotels.rooms import write_rooms
from pms.hotels.seasons import write_seasons
from pms.hotels.staff import write_staff
from pms.hotels.stay_import import import_reservations
from pms.hotels.writing import Writing, copy_value, show, zone
from pms.models import Hotel
from pms.schema import upgrade

__all__ = ["ApplyReport", "HotelFileInvalid", "apply_files", "apply_hotel_file"]

FIRST_CODE = 5001
# The hotel's own settings a file sets, by their key in the file (the same as the column).
HOTEL_FIELDS = (
    "name",
    "code_prefix",
    "timezone",
    "currency",
    "address",
    "phone",
    "check_in_time",
    "check_out_time",
    "night_audit_time",
    "web_origins",
)


@dataclass
class ApplyReport:
    """What applying one file did (or, for a dry run, would do)."""

    slug: str
    created: bool = False
    dry_run: bool = False
    changes: list[str] = field(default_factory=list)
    # Reservations of the file whose code the hotel already holds: left alone, as the spec says.
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "hotel": self.slug,
            "created": self.created,
            "changed": self.changed,
            "dry_run": self.dry_run,
            "changes": list(self.changes),
            "skipped": list(self.skipped),
        }


def apply_hotel_file(
    session: Session, document: HotelFile, *, dry_run: bool = False
) -> ApplyReport:
    """Create or update the hotel `document` describes; HotelFileInvalid writes nothing."""
    problems = check(document)
    hotel = session.scalars(select(Hotel).where(Hotel.slug == document.slug)).one_or_none()
    if hotel is not None:
        problems += refusals(session, hotel, document)
    if problems:
        raise HotelFileInvalid(problems)
    report = ApplyReport(document.slug, created=hotel is None, dry_run=dry_run)
    savepoint = session.begin_nested()
    try:
        _write(Writing(session, document, report), hotel)
        session.flush()
    except IntegrityError as error:
        savepoint.rollback()
        first = str(error.orig).splitlines()[0] if error.orig else type(error).__name__
        raise HotelFileInvalid([f"the database refused the file ({first})"]) from None
    except BaseException:
        savepoint.rollback()
        raise
    if dry_run:
        savepoint.rollback()
    else:
        savepoint.commit()
    return report


def apply_files(
    db: Database, paths: Iterable[str | Path], *, dry_run: bool = False
) -> list[ApplyReport]:
    """Read every file first (any invalid one stops all), then apply each in its own transaction.

    The database is first brought to the current schema, so the first hotel of a deployment can
    be applied to an empty one.

    A file refused by the database check (something it removes is still in use) stops there:
    the files before it are applied, it and those after it are not.
    """
    documents = [(Path(path), load_hotel_file(path)) for path in paths]
    with db.unit_of_work() as session:
        # A new deployment applies its first hotel to an empty database.
        upgrade(session.connection())
    reports = []
    for path, document in documents:
        try:
            with db.unit_of_work() as session:
                reports.append(apply_hotel_file(session, document, dry_run=dry_run))
        except HotelFileInvalid as invalid:
            raise HotelFileInvalid(invalid.errors, str(path)) from None
    return reports


def _write(w: Writing, hotel: Hotel | None) -> None:
    """Every part of the hotel, in the order their rows refer to one another."""
    hotel = _hotel(w, hotel)
    types, leftover_types = write_room_types(w, hotel)
    plans, leftover_plans = write_rate_plans(w, hotel)
    write_rooms(w, hotel, types)
    write_seasons(w, hotel, types)
    write_staff(w, hotel)
    w.session.flush()
    import_reservations(w, hotel, types, plans)
    remove_leftovers(w, leftover_types, leftover_plans)


def _hotel(w: Writing, hotel: Hotel | None) -> Hotel:
    doc = w.document
    if hotel is None:
        zone_now = clock_of(w.session).now_in(zone(doc.timezone))
        hotel = Hotel(
            slug=doc.slug,
            business_date=zone_now.date(),
            next_confirmation_number=FIRST_CODE,
            **{name: copy_value(getattr(doc, name)) for name in HOTEL_FIELDS},
        )
        w.session.add(hotel)
        w.session.flush()
        w.note(f"hotel {doc.slug} created")
        return hotel
    for name in HOTEL_FIELDS:
        old, new = getattr(hotel, name), getattr(doc, name)
        if old != new:
            setattr(hotel, name, copy_value(new))
            w.note(f"{name}: {show(old)} -> {show(new)}")
    return hotel
