"""Applying hotel files: all or nothing, idempotent, nothing in use deleted, history kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from pms.db import Database
from pms.hotels.apply import ApplyReport, apply_hotel_file
from pms.hotels.export import export_hotel
from pms.hotels.file import HotelFileInvalid, parse_hotel_file
from pms.models import FolioLine, Hotel, RatePlan, Reservation, Room, RoomType, Season, StaffUser
from pms.seed.passwords import verify
from tests.pms.hotels.documents import riverside, stay
from tests.support import T


def apply(db: Database, document: dict[str, Any], *, dry_run: bool = False) -> ApplyReport:
    with db.unit_of_work() as session:
        return apply_hotel_file(session, parse_hotel_file(document), dry_run=dry_run)


def refusal(db: Database, document: dict[str, Any]) -> list[str]:
    with pytest.raises(HotelFileInvalid) as caught:
        apply(db, document)
    return caught.value.errors


def harbor(db: Database) -> dict[str, Any]:
    with db.unit_of_work() as session:
        return export_hotel(session, "harbor-view")


def test_a_new_hotel_has_clean_rooms_and_staff_who_cannot_sign_in_yet(db: Database) -> None:
    report = apply(db, riverside())
    assert report.created and report.changed
    assert "rooms: added 16 (101 ... 204)" in report.changes
    with db.unit_of_work() as s:
        hotel = s.scalars(select(Hotel).where(Hotel.slug == "riverside-lisbon")).one()
        assert (hotel.currency, hotel.code_prefix, hotel.check_in_time) == ("EUR", "RL", "14:00")
        assert hotel.business_date == T and hotel.next_confirmation_number == 5001
        rooms = s.scalars(select(Room).where(Room.hotel_id == hotel.id)).all()
        assert len(rooms) == 16 and {r.condition for r in rooms} == {"clean"}
        assert [r.number for r in rooms if r.accessible] == ["101"]
        staff = s.scalars(select(StaffUser).where(StaffUser.hotel_id == hotel.id)).all()
        assert {p.username for p in staff} == {"ana.costa", "rui.lopes"}
        assert not any(
            verify(p.password_hash, "") or verify(p.password_hash, "!unset") for p in staff
        )
        plan = s.scalars(select(RatePlan).where(RatePlan.code == "SAVE")).one()
        assert (plan.discount_bp, plan.breakfast_cents_per_adult) == (1000, 1250)
        assert plan.late_cancellation_fee == "none" and not plan.refundable


def test_applying_again_or_applying_the_export_changes_nothing(db: Database) -> None:
    apply(db, riverside())
    again = apply(db, riverside())
    assert not again.changed and again.changes == []
    with db.unit_of_work() as s:
        exported = export_hotel(s, "riverside-lisbon")
    assert exported["rooms"] == riverside()["rooms"]
    assert exported["seasons"] == riverside()["seasons"]
    assert not apply(db, exported).changed


def test_the_demo_hotel_exports_as_its_file_and_re_applies_without_change(db: Database) -> None:
    exported = harbor(db)
    assert exported["rooms"][:3] == [
        {"number": "201", "floor": 2, "type": "STQ", "accessible": True},
        {"numbers": "202-208", "floor": 2, "type": "STQ"},
        {"number": "209", "floor": 2, "type": "STD", "accessible": True},
    ]
    assert not apply(db, exported).changed


def test_a_dry_run_says_what_would_change_and_writes_nothing(db: Database) -> None:
    document = harbor(db)
    document["room_types"][0]["rate"] = "170.00"
    document["name"] = "Harbor View"
    report = apply(db, document, dry_run=True)
    assert report.dry_run and report.changes == [
        "name: 'Harbor View Hotel' -> 'Harbor View'",
        "room_types.STQ.rate: 160.00 -> 170.00",
    ]
    with db.unit_of_work() as s:
        assert s.scalar(select(RoomType.flex_rate_cents).where(RoomType.code == "STQ")) == 16_000
    assert apply(db, document).changes == report.changes


def test_a_new_rate_prices_new_bookings_and_booked_stays_keep_theirs(db: Database) -> None:
    with db.unit_of_work() as s:
        before = s.scalar(select(Reservation.total_cents).where(Reservation.code == "HV1002"))
    document = harbor(db)
    document["room_types"][0]["rate"] = "999.00"
    apply(db, document)
    with db.unit_of_work() as s:
        assert (
            s.scalar(select(Reservation.total_cents).where(Reservation.code == "HV1002")) == before
        )
        assert s.scalar(select(RoomType.flex_rate_cents).where(RoomType.code == "STQ")) == 99_900


def test_what_is_in_use_is_never_deleted_and_every_reason_is_given(db: Database) -> None:
    document = harbor(db)
    document["room_types"] = [t for t in document["room_types"] if t["code"] != "STE"]
    document["rate_plans"] = [p for p in document["rate_plans"] if p["code"] != "BB"]
    document["rooms"] = [r for r in document["rooms"] if r.get("type") != "STE"]
    errors = refusal(db, document)
    assert any(e.startswith("room_types: STE is not in the file, but") for e in errors)
    assert any(e.startswith("rate_plans: BB is not in the file, but") for e in errors)
    assert any(
        e.startswith("rooms: 623 is not in the file, but") and "housekeeping task" in e
        for e in errors
    )
    with db.unit_of_work() as s:  # nothing was written
        suites = select(func.count()).select_from(Room).join(RoomType).where(RoomType.code == "STE")
        assert s.scalar(suites) == 10


def test_what_nothing_refers_to_is_removed(db: Database) -> None:
    apply(db, riverside())
    document = riverside()
    document["room_types"] = document["room_types"][:1]
    document["rooms"] = document["rooms"][:2]
    document["rate_plans"] = document["rate_plans"][:1]
    report = apply(db, document)
    assert "rooms: removed 201, 202, 203, 204" in report.changes
    assert "room_types: removed DBL" in report.changes
    assert "rate_plans: removed SAVE" in report.changes
    with db.unit_of_work() as s:
        assert s.scalar(select(RoomType.id).where(RoomType.name == "River Double")) is None


def test_staff_left_out_are_deactivated_and_listed_again_reactivated(db: Database) -> None:
    document = harbor(db)
    document["staff"] = [p for p in document["staff"] if p["username"] != "tom.reed"]
    document["staff"][0]["role"] = "manager"
    report = apply(db, document)
    assert "staff.tom.reed: deactivated (not in the file)" in report.changes
    assert "staff.morgan.lee.role: admin -> manager" in report.changes
    with db.unit_of_work() as s:
        tom = s.scalars(select(StaffUser).where(StaffUser.username == "tom.reed")).one()
        assert not tom.active and verify(tom.password_hash, "harbor-tom")  # kept, not deleted
    report = apply(db, harbor(db) | {"staff": document["staff"] + [
        {"username": "tom.reed", "name": "Tom Reed", "role": "housekeeping"}]})  # fmt: skip
    assert "staff.tom.reed: reactivated" in report.changes


def test_seasons_are_replaced_only_when_they_change(db: Database) -> None:
    apply(db, riverside())
    document = riverside()
    document["seasons"].append(
        {"name": "Easter", "from": "2027-03-26", "until": "2027-04-05", "rates": {"DBL": "190"}}
    )
    assert apply(db, document).changes == ["seasons: added Easter"]
    assert not apply(db, document).changed
    with db.unit_of_work() as s:
        assert [x.name for x in s.scalars(select(Season).order_by(Season.position))] == [
            "Summer weekends",
            "Easter",
        ]


def test_imported_reservations_keep_their_codes_and_are_priced_night_by_night(
    db: Database,
) -> None:
    document = riverside(
        reservations=[
            stay("RL1001"),
            stay("RL7002", rate_plan="SAVE", room="103", status="in_house", check_in="2027-02-28",
                 check_out="2027-03-06", special_requests="Quiet room"),
        ]
    )  # fmt: skip
    report = apply(db, document)
    assert "reservations: imported 2 (RL1001, RL7002)" in report.changes
    with db.unit_of_work() as s:
        stays = {
            r.code: r for r in s.scalars(select(Reservation).where(Reservation.code.like("RL%")))
        }
        first, second = stays["RL1001"], stays["RL7002"]
        # Thursday 120, Friday and Saturday the season's 150.
        assert first.night_rates_cents == [12_000, 15_000, 15_000]
        assert (first.nightly_rate_cents, first.total_cents) == (12_000, 42_000)
        assert first.status == "confirmed" and first.room_id is None
        assert first.guest.name == "Inês Moreira" and first.guest.last_name_key == "moreira"
        # Saver: 10% off, plus 12.50 breakfast for each of two adults each night.
        assert second.night_rates_cents == [10_800, 10_800, 10_800, 10_800, 10_800, 13_500]
        assert second.total_cents == 5 * 10_800 + 13_500 + 6 * 2_500
        assert second.status == "in_house" and second.room is not None
        assert second.room.number == "103" and second.special_requests == "Quiet room"
        assert s.scalar(select(func.count()).select_from(FolioLine).where(
            FolioLine.reservation_id.in_([first.id, second.id]))) == 0  # fmt: skip
        hotel = s.scalars(select(Hotel).where(Hotel.slug == "riverside-lisbon")).one()
        assert hotel.next_confirmation_number == 7003


def test_an_imported_code_already_in_the_hotel_is_left_alone_and_reported(db: Database) -> None:
    document = harbor(db)
    document["reservations"] = [
        stay("HV1001", room_type="STQ", rate_plan="FLEX", check_in="2027-04-01",
             check_out="2027-04-03"),
        stay("HV4900", room_type="STQ", rate_plan="FLEX"),
    ]  # fmt: skip
    report = apply(db, document)
    assert report.skipped == ["HV1001: already in the hotel; left alone"]
    assert report.changes == ["reservations: imported 1 (HV4900)"]
    with db.unit_of_work() as s:
        hv1001 = s.scalars(select(Reservation).where(Reservation.code == "HV1001")).one()
        assert hv1001.guest.name == "John Carter" and hv1001.check_in == date(2027, 2, 27)
        hotel = s.scalars(select(Hotel).where(Hotel.slug == "harbor-view")).one()
        assert hotel.next_confirmation_number == 5001  # 4900 is below it
    again = apply(db, document)
    assert not again.changed and len(again.skipped) == 2


def test_an_import_into_an_occupied_room_is_refused(db: Database) -> None:
    document = harbor(db)
    document["reservations"] = [
        stay("HV4900", room_type="DLK", room="517", status="in_house", check_in="2027-02-28",
             check_out="2027-03-02"),
    ]  # fmt: skip
    assert refusal(db, document) == [
        "reservations[0].room: room 517 is taken by HV1001 on those nights"
    ]


def test_prefix_and_currency_stay_while_the_hotel_has_reservations(db: Database) -> None:
    document = harbor(db) | {"code_prefix": "HB", "currency": "EUR"}
    errors = refusal(db, document)
    assert errors == [
        "code_prefix: stays HV while the hotel has reservations (their codes start with it)",
        "currency: stays USD while the hotel has reservations (their amounts are in it)",
    ]
