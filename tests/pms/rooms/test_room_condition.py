import pytest
from sqlalchemy import select

from pms.errors import NotFound, NotPermitted
from pms.models import AuditEntry
from pms.rooms.schemas import SetRoomCondition
from pms.rooms.service import set_room_condition
from tests.pms.rooms.factories import room
from tests.support import principal

HOUSEKEEPING = principal("housekeeping", "maria.santos")
FRONT_DESK = principal("front_desk", "leo.martins")
MANAGER = principal("manager", "grace.kim")
ADMIN = principal("admin", "morgan.lee")


def test_housekeeping_marks_a_room_clean(db):
    with db.unit_of_work() as s:
        change = set_room_condition(
            s, HOUSEKEEPING, SetRoomCondition(room_number="301", condition="clean")
        )
        assert change.model_dump() == {
            "room_number": "301",
            "previous_condition": "dirty",
            "condition": "clean",
        }
    with db.unit_of_work() as s:
        assert room(s, "301").condition == "clean"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "set_room_condition")).one()
        assert (entry.target, entry.username, entry.role) == ("301", "maria.santos", "housekeeping")
        assert entry.details == {"previous": "dirty", "condition": "clean"}


@pytest.mark.parametrize("actor", [HOUSEKEEPING, FRONT_DESK], ids=["housekeeping", "front_desk"])
def test_attendants_and_reception_set_dirty_or_clean(db, actor):
    with db.unit_of_work() as s:
        assert (
            set_room_condition(
                s, actor, SetRoomCondition(room_number="306", condition="dirty")
            ).condition
            == "dirty"
        )
        assert (
            set_room_condition(
                s, actor, SetRoomCondition(room_number="306", condition="clean")
            ).condition
            == "clean"
        )


@pytest.mark.parametrize("actor", [HOUSEKEEPING, FRONT_DESK], ids=["housekeeping", "front_desk"])
def test_only_managers_mark_a_room_inspected(db, actor):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        set_room_condition(s, actor, SetRoomCondition(room_number="306", condition="inspected"))
    message = refusal.value.message
    assert "dirty or clean" in message and "manager" in message and "inspected" in message
    with db.unit_of_work() as s:
        assert room(s, "306").condition == "clean"


@pytest.mark.parametrize("actor", [MANAGER, ADMIN], ids=["manager", "admin"])
def test_managers_mark_a_room_inspected(db, actor):
    with db.unit_of_work() as s:
        change = set_room_condition(
            s, actor, SetRoomCondition(room_number="306", condition="inspected")
        )
    assert (change.previous_condition, change.condition) == ("clean", "inspected")


def test_condition_is_independent_of_occupancy(db):
    with db.unit_of_work() as s:
        change = set_room_condition(
            s, HOUSEKEEPING, SetRoomCondition(room_number="517", condition="clean")
        )
    assert change.condition == "clean"


def test_setting_the_same_condition_changes_nothing(db):
    with db.unit_of_work() as s:
        change = set_room_condition(
            s, HOUSEKEEPING, SetRoomCondition(room_number="306", condition="clean")
        )
        assert (change.previous_condition, change.condition) == ("clean", "clean")
        assert not s.scalars(
            select(AuditEntry).where(AuditEntry.action == "set_room_condition")
        ).all()


def test_a_guest_may_not_set_a_condition(db):
    guest = principal("guest", reservations=("HV1001",))
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        set_room_condition(s, guest, SetRoomCondition(room_number="517", condition="clean"))
    assert "set_room_condition" in refusal.value.message


def test_unknown_room_is_not_found(db):
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        set_room_condition(s, MANAGER, SetRoomCondition(room_number="999", condition="clean"))
    assert "999" in refusal.value.message


def test_another_hotels_room_is_not_found(db):
    alpine = principal("manager", "hans.weber", hotel="alpine-lodge")
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        set_room_condition(s, alpine, SetRoomCondition(room_number="517", condition="clean"))
    assert refusal.value.message.startswith("There is no room 517 at ")
    assert "Harbor" not in refusal.value.message
    with db.unit_of_work() as s:
        assert room(s, "517").condition == "dirty"


def test_unknown_condition_is_rejected_by_the_schema():
    with pytest.raises(ValueError):
        SetRoomCondition(room_number="301", condition="sparkling")
