import pytest
from pydantic import ValidationError
from sqlalchemy import select

from pms.errors import NotFound, NotPermitted
from pms.housekeeping.schemas import NewTask, TaskQuery
from pms.housekeeping.service import create_housekeeping_task, list_housekeeping_tasks
from pms.models import AuditEntry, HousekeepingTask
from tests.support import principal

FRONT_DESK = principal("front_desk", "leo.martins")
CARTER = principal("guest", reservations=("HV1001",))


def test_staff_create_a_task_for_any_room(db):
    with db.unit_of_work() as s:
        task = create_housekeeping_task(
            s,
            FRONT_DESK,
            NewTask(room_number="306", kind="maintenance", notes="dripping tap", priority="high"),
        )
        assert task.model_dump(exclude={"task_id", "created_at"}) == {
            "room_number": "306",
            "floor": 3,
            "room_condition": "clean",
            "kind": "maintenance",
            "status": "open",
            "priority": "high",
            "assignee": None,
            "notes": "dripping tap",
            "created_by": "leo.martins",
            "completed_at": None,
        }
        assert task.task_id > 4
        assert task.created_at.startswith("2027-03-01T")
        assert list_housekeeping_tasks(s, FRONT_DESK, TaskQuery()).tasks[0].task_id == task.task_id
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "create_housekeeping_task")
        ).one()
        assert entry.target == f"task {task.task_id}" and entry.details["room"] == "306"


@pytest.mark.parametrize(
    "role,user", [("housekeeping", "tom.reed"), ("manager", "grace.kim"), ("admin", "morgan.lee")]
)
def test_every_staff_role_may_create_tasks(db, role, user):
    with db.unit_of_work() as s:
        task = create_housekeeping_task(
            s, principal(role, user), NewTask(room_number="301", kind="checkout_clean")
        )
    assert task.priority == "normal" and task.created_by == user


@pytest.mark.parametrize("kind", ["amenity_request", "stayover_clean"])
def test_an_in_house_guest_asks_for_their_own_room(db, kind):
    with db.unit_of_work() as s:
        task = create_housekeeping_task(
            s, CARTER, NewTask(room_number="517", kind=kind, notes="more pillows")
        )
        assert (task.room_number, task.kind, task.status) == ("517", kind, "open")
        assert task.created_by == "guest HV1001"
        row = s.get(HousekeepingTask, task.task_id)
        assert row.notes == "more pillows"


@pytest.mark.parametrize("kind", ["checkout_clean", "inspection", "maintenance"])
def test_a_guest_may_ask_only_for_amenities_or_a_clean(db, kind):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        create_housekeeping_task(s, CARTER, NewTask(room_number="517", kind=kind))
    message = refusal.value.message
    assert "amenity_request or stayover_clean" in message and kind in message


@pytest.mark.parametrize("number", ["214", "306", "999"])
def test_a_guest_may_ask_only_for_the_room_of_their_stay(db, number):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        create_housekeeping_task(s, CARTER, NewTask(room_number=number, kind="amenity_request"))
    assert refusal.value.message == (
        "You can request housekeeping only for the room of your own stay: room 517 (HV1001)."
    )


def test_a_guest_not_yet_checked_in_may_not_ask(db):
    shah = principal("guest", reservations=("HV1002",))
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        create_housekeeping_task(s, shah, NewTask(room_number="517", kind="amenity_request"))
    assert "once you are checked in" in refusal.value.message
    assert "find_reservation" in refusal.value.message


def test_an_unverified_guest_may_not_ask(db):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        create_housekeeping_task(
            s, principal("guest"), NewTask(room_number="517", kind="amenity_request")
        )
    assert "find_reservation" in refusal.value.message


def test_a_guest_with_two_stays_may_ask_for_either_room(db):
    guest = principal("guest", reservations=("HV1001", "HV1007"))
    with db.unit_of_work() as s:
        assert (
            create_housekeeping_task(
                s, guest, NewTask(room_number="214", kind="amenity_request")
            ).room_number
            == "214"
        )
        with pytest.raises(NotPermitted) as refusal:
            create_housekeeping_task(s, guest, NewTask(room_number="306", kind="amenity_request"))
    assert (
        "room 214 (HV1007)" in refusal.value.message
        and "room 517 (HV1001)" in refusal.value.message
    )


def test_a_guest_verified_at_another_hotel_is_not_in_house_here(db):
    felix = principal("guest", reservations=("AL1001",))
    with db.unit_of_work() as s, pytest.raises(NotPermitted):
        create_housekeeping_task(s, felix, NewTask(room_number="108", kind="amenity_request"))
    felix_at_home = principal("guest", hotel="alpine-lodge", reservations=("AL1001",))
    with db.unit_of_work() as s:
        assert (
            create_housekeeping_task(
                s, felix_at_home, NewTask(room_number="108", kind="amenity_request")
            ).room_number
            == "108"
        )


def test_unknown_room_is_not_found(db):
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        create_housekeeping_task(s, FRONT_DESK, NewTask(room_number="999", kind="maintenance"))
    assert "999" in refusal.value.message


def test_another_hotels_room_is_not_found(db):
    alpine = principal("front_desk", "lena.vogt", hotel="alpine-lodge")
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        create_housekeeping_task(s, alpine, NewTask(room_number="517", kind="maintenance"))
    assert refusal.value.message.startswith("There is no room 517 at ")


@pytest.mark.parametrize("field,value", [("kind", "laundry"), ("priority", "urgent")])
def test_kinds_and_priorities_come_from_the_contract(field, value):
    arguments = {"room_number": "306", "kind": "maintenance", field: value}
    with pytest.raises(ValidationError):
        NewTask(**arguments)
