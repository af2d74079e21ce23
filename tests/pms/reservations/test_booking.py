from datetime import timedelta

import pytest
from sqlalchemy import select

from pms.availability.repository import free_per_night
from pms.availability.service import resolve_room_type
from pms.errors import Conflict, Invalid, NotFound, NotPermitted
from pms.folios.schemas import FolioRef
from pms.folios.service import get_folio
from pms.hotels.repository import hotel_for
from pms.models import AuditEntry, Guest
from pms.reservations.schemas import ReservationLookup, ReservationRef, ReservationSearch
from pms.reservations.service import find, get, search
from tests.pms.reservations.helpers import FRONT_DESK, book
from tests.support import T, principal


def test_new_codes_start_at_5001_and_count_up(db):
    with db.unit_of_work() as s:
        first = book(s)
        second = book(s, guest_name="Ivo Petrov", guest_email="ivo@example.com")
    assert (first.confirmation_code, second.confirmation_code) == ("HV5001", "HV5002")
    assert first.status == "confirmed" and first.room is None
    assert first.total == "720.00" and first.nights == 3


def test_each_hotel_has_its_own_counter(db):
    with db.unit_of_work() as s:
        alpine = book(
            s,
            principal("front_desk", "lena.vogt", hotel="alpine-lodge"),
            room_type="DBL",
        )
        harbor = book(s)
    assert alpine.confirmation_code == "AL5001" and harbor.confirmation_code == "HV5001"


def test_breakfast_plan_prices_adults_only(db):
    with db.unit_of_work() as s:
        view = book(s, room_type="STD", adults=2, children=2, rate_plan="BB")
    assert view.nightly_rate == "200.00" and view.breakfast_per_night == "50.00"
    assert view.total == "750.00"


def test_non_refundable_is_paid_in_full_at_booking(db):
    with db.unit_of_work() as s:
        view = book(s, rate_plan="NRF")
        folio = get_folio(s, FRONT_DESK, FolioRef(confirmation_code=view.confirmation_code))
    assert view.total == "612.00"
    assert [(line.kind, line.method, line.amount) for line in folio.lines] == [
        ("payment", "card", "612.00")
    ]
    assert folio.balance == "-612.00"


def test_party_larger_than_the_room_is_refused(db):
    with db.unit_of_work() as s, pytest.raises(Invalid, match="holds at most 2 guests"):
        book(s, room_type="STQ", adults=2, children=1)


def test_bad_email_and_missing_adult_are_refused(db):
    with db.unit_of_work() as s:
        with pytest.raises(Invalid, match="not a valid email"):
            book(s, guest_email="hannah at example")
        with pytest.raises(Invalid, match="at least one adult"):
            book(s, adults=0)


def test_unknown_rate_plan_names_the_offered_ones(db):
    with db.unit_of_work() as s, pytest.raises(Invalid, match="FLEX .*NRF"):
        book(
            s,
            principal("front_desk", "lena.vogt", hotel="alpine-lodge"),
            room_type="DBL",
            rate_plan="BB",
        )


def test_a_sold_out_room_type_is_refused(db):
    arrive, leave = T + timedelta(days=40), T + timedelta(days=42)
    with db.unit_of_work() as s:
        hotel = hotel_for(s, FRONT_DESK)
        suite = resolve_room_type(s, hotel, "STE")
        left = min(free_per_night(s, hotel, arrive, leave, room_type_id=suite.id)[suite.id])
        for n in range(left):
            book(
                s,
                room_type="STE",
                check_in=arrive,
                check_out=leave,
                guest_email=f"suite{n}@example.com",
            )
        with pytest.raises(Conflict, match="No Harbor Suite \\(STE\\) is free on 2027-04-10"):
            book(s, room_type="STE", check_in=arrive, check_out=leave)
        # The refused booking left nothing behind: the counter did not move.
        assert book(s, room_type="DLK").confirmation_code == f"HV{5001 + left}"


def test_returning_guest_is_not_duplicated(db):
    with db.unit_of_work() as s:
        book(s, guest_name="John Carter", guest_email="John.Carter@example.com")
        hotel = hotel_for(s, FRONT_DESK)
        carters = s.scalars(
            select(Guest).where(
                Guest.hotel_id == hotel.id, Guest.email == "john.carter@example.com"
            )
        ).all()
    assert len(carters) == 1


def test_booking_is_audited_with_who_and_channel(db):
    with db.unit_of_work() as s:
        view = book(s)
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.target == view.confirmation_code)
        ).one()
    assert (entry.action, entry.role, entry.username, entry.channel) == (
        "create_reservation",
        "front_desk",
        "leo.martins",
        "test",
    )


def test_find_needs_code_and_last_name(db):
    guest = principal("guest")
    with db.unit_of_work() as s:
        found = find(s, guest, ReservationLookup(confirmation_code="hv1001", last_name="CARTER"))
        assert found.confirmation_code == "HV1001" and found.room == "517"
        assert found.balance == "518.50"
        for code, name in [("HV1001", "Shah"), ("HV9999", "Carter")]:
            with pytest.raises(NotFound, match="No reservation matches"):
                find(s, guest, ReservationLookup(confirmation_code=code, last_name=name))


def test_another_hotel_cannot_find_or_read_harbor_view_stays(db):
    alpine_desk = principal("front_desk", "lena.vogt", hotel="alpine-lodge")
    with db.unit_of_work() as s:
        with pytest.raises(NotFound):
            find(
                s,
                principal("guest", hotel="alpine-lodge"),
                ReservationLookup(confirmation_code="HV1001", last_name="Carter"),
            )
        with pytest.raises(NotFound, match="no reservation HV1001 at Alpine Lodge"):
            get(s, alpine_desk, ReservationRef(confirmation_code="HV1001"))
        assert search(s, alpine_desk, ReservationSearch(name="carter")).total == 0


def test_guest_sees_only_verified_reservations(db):
    with db.unit_of_work() as s:
        with pytest.raises(NotPermitted, match="find_reservation"):
            get(s, principal("guest"), ReservationRef(confirmation_code="HV1001"))
        mine = get(
            s,
            principal("guest", reservations=["HV1001"]),
            ReservationRef(confirmation_code="HV1001"),
        )
    assert mine.guest_name == "John Carter"


def test_cancellation_note_tells_the_fee_before_acting(db):
    with db.unit_of_work() as s:
        late = get(s, FRONT_DESK, ReservationRef(confirmation_code="HV1006"))
        early = get(s, FRONT_DESK, ReservationRef(confirmation_code="HV1005"))
        nrf = get(s, FRONT_DESK, ReservationRef(confirmation_code="HV1003"))
    assert "cancellation fee of $240.00" in late.cancellation
    assert early.cancellation.startswith("Free cancellation until 2027-03-04 15:00")
    assert "Non-refundable" in nrf.cancellation


def test_search_combines_filters(db):
    with db.unit_of_work() as s:
        by_name = search(s, FRONT_DESK, ReservationSearch(name="carter"))
        arriving = search(s, FRONT_DESK, ReservationSearch(arrival_date=T, name="priya"))
        in_room = search(s, FRONT_DESK, ReservationSearch(room_number="517", status="in_house"))
        cancelled = search(
            s, FRONT_DESK, ReservationSearch(status="cancelled", email="chloe.dubois@example.com")
        )
        with pytest.raises(Invalid, match="status must be one of"):
            search(s, FRONT_DESK, ReservationSearch(status="gone"))
    assert [r.confirmation_code for r in by_name.reservations] == ["HV1001"]
    assert [r.confirmation_code for r in arriving.reservations] == ["HV1002"]
    assert [r.confirmation_code for r in in_room.reservations] == ["HV1001"]
    assert [r.confirmation_code for r in cancelled.reservations] == ["HV1008"]


def test_search_caps_the_list_but_counts_everything(db):
    with db.unit_of_work() as s:
        result = search(s, FRONT_DESK, ReservationSearch(status="confirmed"))
    assert result.total > 25 and len(result.reservations) == 25
