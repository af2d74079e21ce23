"""Applying a hotel file: create the hotel or bring it up to date, all or nothing, idempotently.

The rules are docs/hotel-file.md's. Everything is checked before anything is written, so a file
with errors writes nothing and lists every error with its place; the writes then run inside a
savepoint, which a dry run rolls back (so a dry run reports exactly what a real run would do).
Nothing that something refers to is ever deleted: a room type, plan or room left out of the
file while stays, rooms or tasks still use it refuses the whole file and says what refers to it.
Staff left out are deactivated. Imported reservations keep their codes, are priced by
`pms.pricing` like any booking, and bring no folio lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pms.db import Database, clock_of
from pms.hotels.file import (
    HotelFile,
    HotelFileInvalid,
    RatePlanEntry,
    ReservationEntry,
    RoomTypeEntry,
    check,
    load_hotel_file,
)
from pms.models import (
    Guest,
    Hotel,
    HousekeepingTask,
    RatePlan,
    Reservation,
    Room,
    RoomType,
    Season,
    SeasonRate,
    StaffUser,
)
from pms.models.stay import HOLDING_STATUSES
from pms.money import fmt
from pms.pricing import SeasonalRate, StayPrice, night_rates, seasonal_rates
from pms.reservations.repository import last_name_key
from pms.schema import upgrade

__all__ = ["ApplyReport", "HotelFileInvalid", "apply_files", "apply_hotel_file"]

# Not an Argon2 hash, so no password ever verifies against it: an account from a hotel file
# signs in only once `concierge staff password` has set its password.
NO_PASSWORD = "!unset"
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
        problems += _refusals(session, hotel, document)
    if problems:
        raise HotelFileInvalid(problems)
    report = ApplyReport(document.slug, created=hotel is None, dry_run=dry_run)
    savepoint = session.begin_nested()
    try:
        _Writer(session, document, report).write(hotel)
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


def _refusals(session: Session, hotel: Hotel, document: HotelFile) -> list[str]:
    """What the database forbids this file to do to an existing hotel."""
    problems: list[str] = []
    has_stays = _count(session, Reservation.hotel_id == hotel.id) > 0
    if has_stays and document.code_prefix != hotel.code_prefix:
        problems.append(
            f"code_prefix: stays {hotel.code_prefix} while the hotel has reservations "
            "(their codes start with it)"
        )
    if has_stays and document.currency != hotel.currency:
        problems.append(
            f"currency: stays {hotel.currency} while the hotel has reservations "
            "(their amounts are in it)"
        )
    kept_types = {t.code for t in document.room_types}
    for room_type in session.scalars(
        select(RoomType).where(RoomType.hotel_id == hotel.id).order_by(RoomType.id)
    ):
        if room_type.code not in kept_types:
            used = _count(session, Reservation.room_type_id == room_type.id)
            if used:
                problems.append(
                    f"room_types: {room_type.code} is not in the file, but {used} "
                    f"reservation(s) refer to it; it cannot be removed"
                )
    kept_plans = {p.code for p in document.rate_plans}
    for plan in session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == hotel.id).order_by(RatePlan.id)
    ):
        if plan.code not in kept_plans:
            used = _count(session, Reservation.rate_plan_id == plan.id)
            if used:
                problems.append(
                    f"rate_plans: {plan.code} is not in the file, but {used} "
                    f"reservation(s) refer to it; it cannot be removed"
                )
    problems += _room_refusals(session, hotel, document)
    problems += _import_clashes(session, hotel, document)
    return problems


def _room_refusals(session: Session, hotel: Hotel, document: HotelFile) -> list[str]:
    problems: list[str] = []
    wanted = {number: entry.type for number, entry in document.room_list()}
    rooms = session.execute(
        select(Room.id, Room.number, RoomType.code)
        .join(RoomType, RoomType.id == Room.room_type_id)
        .where(Room.hotel_id == hotel.id)
    ).all()
    gone = {room_id: number for room_id, number, _ in rooms if number not in wanted}
    retyped = {
        room_id: number
        for room_id, number, code in rooms
        if number in wanted and wanted[number] != code
    }
    if gone:
        stays = _counts_by(session, Reservation.room_id, gone)
        tasks = _counts_by(session, HousekeepingTask.room_id, gone)
        for room_id, number in sorted(gone.items(), key=lambda item: item[1]):
            uses = []
            if stays.get(room_id):
                uses.append(f"{stays[room_id]} reservation(s)")
            if tasks.get(room_id):
                uses.append(f"{tasks[room_id]} housekeeping task(s)")
            if uses:
                problems.append(
                    f"rooms: {number} is not in the file, but {' and '.join(uses)} refer to "
                    "it; it cannot be removed"
                )
    if retyped:
        current = session.execute(
            select(Reservation.room_id, Reservation.code).where(
                Reservation.room_id.in_(retyped),
                Reservation.status.in_(("confirmed", "in_house")),
                Reservation.check_out > hotel.business_date,
            )
        ).all()
        for held_room, code in sorted(current, key=lambda row: row[1]):
            problems.append(
                f"rooms: {retyped[int(held_room or 0)]} cannot change type while {code} "
                "is booked into it"
            )
    return problems


def _import_clashes(session: Session, hotel: Hotel, document: HotelFile) -> list[str]:
    """Imported stays that would share a room with a stay the hotel already holds."""
    problems: list[str] = []
    known = set(
        session.scalars(
            select(Reservation.code).where(
                Reservation.hotel_id == hotel.id,
                Reservation.code.in_([r.code for r in document.reservations]),
            )
        )
    )
    for i, stay in enumerate(document.reservations):
        if stay.room is None or stay.code in known:
            continue
        clash = session.scalars(
            select(Reservation.code)
            .join(Room, Room.id == Reservation.room_id)
            .where(
                Reservation.hotel_id == hotel.id,
                Room.number == stay.room,
                Reservation.status.in_(HOLDING_STATUSES),
                Reservation.check_in < stay.check_out,
                Reservation.check_out > stay.check_in,
            )
            .limit(1)
        ).first()
        if clash is not None:
            problems.append(
                f"reservations[{i}].room: room {stay.room} is taken by {clash} on those nights"
            )
    return problems


def _count(session: Session, condition: Any) -> int:
    """Reservations matching `condition`."""
    query = select(func.count()).select_from(Reservation).where(condition)
    return int(session.scalar(query) or 0)


def _counts_by(session: Session, column: Any, ids: Iterable[int]) -> dict[int, int]:
    rows = session.execute(
        select(column, func.count()).where(column.in_(list(ids))).group_by(column)
    ).all()
    return {int(key): int(count) for key, count in rows}


class _Writer:
    """The writes of one apply, each recorded in the report as it is made."""

    def __init__(self, session: Session, document: HotelFile, report: ApplyReport) -> None:
        self.session = session
        self.document = document
        self.report = report
        # Each room type's seasons, read once for all the stays a file imports.
        self._seasons_of: dict[str, list[SeasonalRate]] = {}

    def note(self, change: str) -> None:
        self.report.changes.append(change)

    def write(self, hotel: Hotel | None) -> None:
        hotel = self._hotel(hotel)
        types = self._room_types(hotel)
        plans = self._rate_plans(hotel)
        self._rooms(hotel, types)
        self._seasons(hotel, types)
        self._staff(hotel)
        self.session.flush()
        self._reservations(hotel, types, plans)
        self._remove_leftovers(hotel)

    def _hotel(self, hotel: Hotel | None) -> Hotel:
        doc = self.document
        if hotel is None:
            zone_now = clock_of(self.session).now_in(_zone(doc.timezone))
            hotel = Hotel(
                slug=doc.slug,
                business_date=zone_now.date(),
                next_confirmation_number=FIRST_CODE,
                **{name: _copy(getattr(doc, name)) for name in HOTEL_FIELDS},
            )
            self.session.add(hotel)
            self.session.flush()
            self.note(f"hotel {doc.slug} created")
            return hotel
        for name in HOTEL_FIELDS:
            old, new = getattr(hotel, name), getattr(doc, name)
            if old != new:
                setattr(hotel, name, _copy(new))
                self.note(f"{name}: {_show(old)} -> {_show(new)}")
        return hotel

    def _room_types(self, hotel: Hotel) -> dict[str, RoomType]:
        existing = {t.code: t for t in self.session.scalars(_of_hotel(RoomType, hotel))}
        added = []
        for entry in self.document.room_types:
            values = _room_type_values(entry)
            room_type = existing.get(entry.code)
            if room_type is None:
                existing[entry.code] = RoomType(hotel_id=hotel.id, code=entry.code, **values)
                self.session.add(existing[entry.code])
                added.append(entry.code)
            else:
                self._update(room_type, values, f"room_types.{entry.code}")
        if added:
            self.note(f"room_types: added {', '.join(added)}")
        self._leftover_types = [
            t for code, t in existing.items() if code not in _codes(self.document.room_types)
        ]
        return existing

    def _rate_plans(self, hotel: Hotel) -> dict[str, RatePlan]:
        existing = {p.code: p for p in self.session.scalars(_of_hotel(RatePlan, hotel))}
        added = []
        for entry in self.document.rate_plans:
            values = _rate_plan_values(entry)
            plan = existing.get(entry.code)
            if plan is None:
                existing[entry.code] = RatePlan(hotel_id=hotel.id, code=entry.code, **values)
                self.session.add(existing[entry.code])
                added.append(entry.code)
            else:
                self._update(plan, values, f"rate_plans.{entry.code}")
        if added:
            self.note(f"rate_plans: added {', '.join(added)}")
        self._leftover_plans = [
            p for code, p in existing.items() if code not in _codes(self.document.rate_plans)
        ]
        return existing

    def _rooms(self, hotel: Hotel, types: dict[str, RoomType]) -> None:
        self.session.flush()  # room types need ids before rooms can point at them
        existing = {r.number: r for r in self.session.scalars(_of_hotel(Room, hotel))}
        added: list[str] = []
        wanted = set()
        for number, entry in self.document.room_list():
            wanted.add(number)
            values = {
                "floor": entry.floor,
                "room_type_id": types[entry.type].id,
                "accessible": entry.accessible,
            }
            room = existing.get(number)
            if room is None:
                self.session.add(
                    Room(hotel_id=hotel.id, number=number, condition="clean", **values)
                )
                added.append(number)
                continue
            if room.room_type_id != values["room_type_id"]:
                old = next(code for code, t in types.items() if t.id == room.room_type_id)
                self.note(f"rooms.{number}.type: {old} -> {entry.type}")
                room.room_type_id = types[entry.type].id
            for name in ("floor", "accessible"):
                if getattr(room, name) != values[name]:
                    self.note(f"rooms.{number}.{name}: {getattr(room, name)} -> {values[name]}")
                    setattr(room, name, values[name])
        if added:
            self.note(f"rooms: added {_numbers(added)}")
        removed = sorted(number for number in existing if number not in wanted)
        for number in removed:
            self.session.delete(existing[number])
        if removed:
            self.note(f"rooms: removed {_numbers(removed)}")

    def _seasons(self, hotel: Hotel, types: dict[str, RoomType]) -> None:
        code_of = {t.id: code for code, t in types.items()}
        current = list(
            self.session.scalars(
                select(Season).where(Season.hotel_id == hotel.id).order_by(Season.position)
            )
        )
        rates: dict[int, dict[str, int]] = {s.id: {} for s in current}
        if current:
            for season_id, type_id, cents in self.session.execute(
                select(SeasonRate.season_id, SeasonRate.room_type_id, SeasonRate.rate_cents).where(
                    SeasonRate.season_id.in_(rates)
                )
            ):
                rates[season_id][code_of.get(type_id, "?")] = cents
        have = [(s.name, s.from_date, s.until_date, list(s.days), rates[s.id]) for s in current]
        want = [
            (s.name, s.from_date, s.until_date, list(s.days), dict(s.rates))
            for s in self.document.seasons
        ]
        if have == want:
            return
        if current:
            self.session.execute(delete(SeasonRate).where(SeasonRate.season_id.in_(rates)))
            self.session.execute(delete(Season).where(Season.hotel_id == hotel.id))
        for position, (name, first, until, days, by_type) in enumerate(want):
            season = Season(
                hotel_id=hotel.id,
                position=position,
                name=name,
                from_date=first,
                until_date=until,
                days=days,
            )
            self.session.add(season)
            self.session.flush()
            for code, cents in by_type.items():
                self.session.add(
                    SeasonRate(season_id=season.id, room_type_id=types[code].id, rate_cents=cents)
                )
        self.note("seasons: " + _season_changes(have, want))

    def _staff(self, hotel: Hotel) -> None:
        existing = {s.username: s for s in self.session.scalars(_of_hotel(StaffUser, hotel))}
        added = []
        for entry in self.document.staff:
            person = existing.get(entry.username)
            if person is None:
                self.session.add(
                    StaffUser(
                        hotel_id=hotel.id,
                        username=entry.username,
                        full_name=entry.name,
                        role=entry.role,
                        password_hash=NO_PASSWORD,
                        active=True,
                    )
                )
                added.append(entry.username)
                continue
            place = f"staff.{entry.username}"
            if person.full_name != entry.name:
                self.note(f"{place}.name: {person.full_name} -> {entry.name}")
                person.full_name = entry.name
            if person.role != entry.role:
                self.note(f"{place}.role: {person.role} -> {entry.role}")
                person.role = entry.role
            if not person.active:
                self.note(f"{place}: reactivated")
                person.active = True
        if added:
            self.note(f"staff: added {', '.join(added)} (no password until one is set)")
        listed = {s.username for s in self.document.staff}
        for username, person in sorted(existing.items()):
            if username not in listed and person.active:
                person.active = False
                self.note(f"staff.{username}: deactivated (not in the file)")

    def _reservations(
        self, hotel: Hotel, types: dict[str, RoomType], plans: dict[str, RatePlan]
    ) -> None:
        entries = self.document.reservations
        if not entries:
            return
        known = set(
            self.session.scalars(
                select(Reservation.code).where(
                    Reservation.hotel_id == hotel.id,
                    Reservation.code.in_([r.code for r in entries]),
                )
            )
        )
        rooms = {
            r.number: r.id
            for r in self.session.scalars(select(Room).where(Room.hotel_id == hotel.id))
        }
        now = clock_of(self.session).now_in(_zone(hotel.timezone)).astimezone(UTC)
        imported = []
        for entry in entries:
            if entry.code in known:
                self.report.skipped.append(f"{entry.code}: already in the hotel; left alone")
                continue
            self._import(hotel, entry, types, plans, rooms, now)
            imported.append(entry.code)
        if imported:
            self.note(
                f"reservations: imported {len(imported)} ({', '.join(imported[:5])}"
                + (", ..." if len(imported) > 5 else "")
                + ")"
            )
            prefix = len(hotel.code_prefix)
            highest = max(int(code[prefix:]) for code in imported)
            if highest + 1 > hotel.next_confirmation_number:
                hotel.next_confirmation_number = highest + 1
                if not self.report.created:
                    self.note(f"new codes start at {hotel.code_prefix}{highest + 1}")

    def _import(
        self,
        hotel: Hotel,
        entry: ReservationEntry,
        types: dict[str, RoomType],
        plans: dict[str, RatePlan],
        rooms: dict[str, int],
        now: datetime,
    ) -> None:
        room_type, plan = types[entry.room_type], plans[entry.rate_plan]
        if room_type.code not in self._seasons_of:
            self._seasons_of[room_type.code] = seasonal_rates(self.session, hotel, room_type)
        price = StayPrice(
            night_rates(
                room_type, plan, self._seasons_of[room_type.code], entry.check_in, entry.check_out
            ),
            plan.breakfast_cents_per_adult * entry.adults,
        )
        guest = Guest(
            hotel_id=hotel.id,
            name=entry.guest.name,
            last_name_key=last_name_key(entry.guest.name),
            email=entry.guest.email,
            phone=entry.guest.phone,
        )
        self.session.add(
            Reservation(
                hotel_id=hotel.id,
                code=entry.code,
                guest=guest,
                room_type_id=room_type.id,
                rate_plan_id=plan.id,
                room_id=rooms[entry.room] if entry.room else None,
                check_in=entry.check_in,
                check_out=entry.check_out,
                adults=entry.adults,
                children=entry.children,
                status=entry.status,
                nightly_rate_cents=price.night_rates_cents[0],
                night_rates_cents=list(price.night_rates_cents),
                breakfast_cents_per_night=price.breakfast_cents_per_night,
                total_cents=price.total_cents,
                special_requests=entry.special_requests or None,
                created_at=now,
                updated_at=now,
            )
        )

    def _remove_leftovers(self, hotel: Hotel) -> None:
        """Room types and plans no longer in the file (nothing refers to them: checked)."""
        self.session.flush()
        for room_type in self._leftover_types:
            self.session.delete(room_type)
            self.note(f"room_types: removed {room_type.code}")
        for plan in self._leftover_plans:
            self.session.delete(plan)
            self.note(f"rate_plans: removed {plan.code}")

    def _update(self, row: Any, values: dict[str, Any], place: str) -> None:
        for name, new in values.items():
            old = getattr(row, name)
            if old != new:
                setattr(row, name, _copy(new))
                self.note(
                    f"{place}.{_FILE_KEY.get(name, name)}: {_show_value(name, old)} -> "
                    f"{_show_value(name, new)}"
                )


_FILE_KEY = {
    "flex_rate_cents": "rate",
    "discount_bp": "discount_percent",
    "breakfast_cents_per_adult": "breakfast_per_adult",
}


def _room_type_values(entry: RoomTypeEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "aliases": list(entry.aliases),
        "description": entry.description,
        "max_occupancy": entry.max_occupancy,
        "flex_rate_cents": entry.rate,
    }


def _rate_plan_values(entry: RatePlanEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "aliases": list(entry.aliases),
        "description": entry.description,
        "discount_bp": entry.discount_percent,
        "breakfast_cents_per_adult": entry.breakfast_per_adult,
        "prepaid": entry.prepaid,
        "refundable": entry.refundable,
        "guest_modifiable": entry.guest_modifiable,
        "free_cancellation_hours": entry.free_cancellation_hours,
        "late_cancellation_fee": entry.late_cancellation_fee,
    }


def _codes(entries: Sequence[RoomTypeEntry] | Sequence[RatePlanEntry]) -> set[str]:
    return {entry.code for entry in entries}


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _copy(value: Any) -> Any:
    """A fresh list for JSON columns, so the ORM sees a new value rather than a shared one."""
    return list(value) if isinstance(value, list) else value


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def _show_value(name: str, value: Any) -> str:
    if name in ("flex_rate_cents", "breakfast_cents_per_adult"):
        return fmt(int(value))
    if name == "discount_bp":
        return f"{int(value) / 100:g}%"
    return _show(value)


def _numbers(numbers: list[str]) -> str:
    """Room numbers for a report line: all of a few, or a count and the first and last."""
    if len(numbers) <= 6:
        return ", ".join(numbers)
    return f"{len(numbers)} ({numbers[0]} ... {numbers[-1]})"


def _season_changes(have: list[tuple[Any, ...]], want: list[tuple[Any, ...]]) -> str:
    """What differs between two lists of seasons, by name."""
    before = {season[0]: (i, season) for i, season in enumerate(have)}
    after = {season[0]: (i, season) for i, season in enumerate(want)}
    parts = []
    added = [name for name in after if name not in before]
    removed = [name for name in before if name not in after]
    changed = [name for name in after if name in before and before[name] != after[name]]
    for label, names in (("added", added), ("removed", removed), ("changed", changed)):
        if names:
            parts.append(f"{label} {', '.join(names)}")
    return "; ".join(parts) or "reordered"


def _of_hotel(model: Any, hotel: Hotel) -> Any:
    """The hotel's rows of `model` in the order they were made, so reports read the same."""
    return select(model).where(model.hotel_id == hotel.id).order_by(model.id)
