import pytest

from pms.errors import Invalid, NotPermitted
from pms.rooms.schemas import RoomQuery
from pms.rooms.service import list_rooms
from tests.support import principal

HOUSEKEEPING = principal("housekeeping", "maria.santos")
MANAGER = principal("manager", "grace.kim")


def numbers(result):
    return [room.number for room in result.rooms]


def by_number(result):
    return {room.number: room for room in result.rooms}


def test_lists_every_room_of_the_hotel_on_the_business_date(db):
    with db.unit_of_work() as s:
        result = list_rooms(s, HOUSEKEEPING, RoomQuery())
    assert result.business_date == "2027-03-01"
    assert result.count == len(result.rooms) == 120
    assert {room.floor for room in result.rooms} == {2, 3, 4, 5, 6}
    rooms = by_number(result)
    assert rooms["517"].room_type == "DLK" and rooms["623"].room_type == "STE"
    assert rooms["201"].room_type == "STQ" and rooms["209"].room_type == "STD"
    assert {n for n, room in rooms.items() if room.accessible} == {"201", "209"}


def test_story_rooms_show_condition_occupancy_and_downtime(db):
    with db.unit_of_work() as s:
        rooms = by_number(list_rooms(s, MANAGER, RoomQuery()))
    assert (rooms["517"].occupied, rooms["517"].condition) == (True, "dirty")
    assert (rooms["623"].occupied, rooms["623"].condition) == (True, "dirty")
    assert (rooms["214"].occupied, rooms["214"].condition) == (True, "clean")
    assert (rooms["201"].occupied, rooms["201"].condition) == (False, "inspected")
    assert (rooms["209"].occupied, rooms["209"].condition) == (False, "clean")
    leak = rooms["312"]
    assert leak.out_of_order and not leak.occupied and leak.condition == "dirty"
    assert leak.out_of_order_period is not None
    assert leak.out_of_order_period.model_dump() == {
        "start_date": "2027-02-28",
        "end_date": "2027-03-03",
        "reason": "bathroom leak",
    }
    assert not rooms["311"].out_of_order and rooms["311"].out_of_order_period is None


def test_floor_three_is_vacant_with_the_demo_conditions(db):
    with db.unit_of_work() as s:
        result = list_rooms(s, HOUSEKEEPING, RoomQuery(floor=3))
    rooms = by_number(result)
    assert result.count == 24 and not any(room.occupied for room in result.rooms)
    expected = {f"3{i:02d}": "dirty" for i in range(1, 6)}
    expected |= {f"3{i:02d}": "clean" for i in range(6, 12)}
    expected |= {"312": "dirty"}
    expected |= {f"3{i:02d}": "inspected" for i in range(13, 17)}
    expected |= {f"3{i:02d}": "clean" for i in range(17, 25)}
    assert {n: room.condition for n, room in rooms.items()} == expected


def test_filters_combine_with_and(db):
    with db.unit_of_work() as s:
        dirty_three = list_rooms(s, HOUSEKEEPING, RoomQuery(floor=3, condition="dirty"))
        dirty_in_service = list_rooms(
            s, HOUSEKEEPING, RoomQuery(floor=3, condition="dirty", out_of_order=False)
        )
        down = list_rooms(s, HOUSEKEEPING, RoomQuery(out_of_order=True))
        deluxe_five = list_rooms(s, HOUSEKEEPING, RoomQuery(floor=5, room_type="dlk"))
        occupied_dirty = list_rooms(s, HOUSEKEEPING, RoomQuery(occupied=True, condition="dirty"))
        vacant_three = list_rooms(s, HOUSEKEEPING, RoomQuery(floor=3, occupied=False))
        inspected_three = list_rooms(
            s, HOUSEKEEPING, RoomQuery(floor=3, condition="inspected", occupied=False)
        )
    assert numbers(dirty_three) == ["301", "302", "303", "304", "305", "312"]
    assert numbers(dirty_in_service) == ["301", "302", "303", "304", "305"]
    assert "312" in numbers(down) and all(room.out_of_order for room in down.rooms)
    assert numbers(deluxe_five) == ["517", "518", "519", "520", "521", "522"]
    assert {"517", "623"} <= set(numbers(occupied_dirty))
    assert "214" not in numbers(occupied_dirty)
    assert all(room.occupied and room.condition == "dirty" for room in occupied_dirty.rooms)
    assert vacant_three.count == 24
    assert numbers(inspected_three) == ["313", "314", "315", "316"]


def test_occupied_filter_splits_the_hotel(db):
    with db.unit_of_work() as s:
        occupied = list_rooms(s, MANAGER, RoomQuery(occupied=True))
        vacant = list_rooms(s, MANAGER, RoomQuery(occupied=False))
    assert {"517", "623", "214"} <= set(numbers(occupied))
    assert not {"517", "623", "214"} & set(numbers(vacant))
    assert occupied.count + vacant.count == 120


def test_names_no_guest(db):
    with db.unit_of_work() as s:
        result = list_rooms(s, HOUSEKEEPING, RoomQuery(occupied=True))
    text = result.model_dump_json().lower()
    assert "carter" not in text and "rossi" not in text and "haddad" not in text
    assert "HV1001" not in result.model_dump_json()


def test_unknown_room_type_names_the_hotels_types(db):
    with db.unit_of_work() as s, pytest.raises(Invalid) as refusal:
        list_rooms(s, MANAGER, RoomQuery(room_type="PENT"))
    assert "PENT" in refusal.value.message
    for code in ("STQ", "STD", "DLK", "STE"):
        assert code in refusal.value.message


def test_a_guest_may_not_list_rooms(db):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        list_rooms(s, principal("guest", reservations=("HV1001",)), RoomQuery())
    assert "list_rooms" in refusal.value.message and "housekeeping" in refusal.value.message


def test_another_hotel_sees_only_its_own_rooms(db):
    with db.unit_of_work() as s:
        result = list_rooms(
            s, principal("front_desk", "lena.vogt", hotel="alpine-lodge"), RoomQuery()
        )
        deluxe = list_rooms(
            s, principal("manager", "hans.weber", hotel="alpine-lodge"), RoomQuery(floor=3)
        )
    assert result.count == 20
    assert set(numbers(result)) == {f"{f}{i:02d}" for f in (1, 2) for i in range(1, 11)}
    assert {room.room_type for room in result.rooms} == {"DBL", "FAM"}
    assert by_number(result)["108"].occupied
    assert deluxe.count == 0
