import pytest
from sqlalchemy import select

from pms.errors import Conflict, NotFound, NotPermitted
from pms.housekeeping.schemas import NewTask, UpdateTask
from pms.housekeeping.service import create_housekeeping_task, update_housekeeping_task
from pms.models import AuditEntry, HousekeepingTask
from tests.pms.rooms.factories import room
from tests.support import principal

MARIA = principal("housekeeping", "maria.santos")
TOM = principal("housekeeping", "tom.reed")
MANAGER = principal("manager", "grace.kim")


def update(session, actor, task_id, status):
    return update_housekeeping_task(session, actor, UpdateTask(task_id=task_id, status=status))


def test_an_attendant_starts_and_finishes_their_stayover_clean(db):
    with db.unit_of_work() as s:
        started = update(s, MARIA, 1, "in_progress")
        assert (started.status, started.assignee, started.completed_at) == (
            "in_progress",
            "maria.santos",
            None,
        )
        assert room(s, "517").condition == "dirty"
        done = update(s, MARIA, 1, "done")
        assert done.status == "done" and done.room_condition == "clean"
        assert done.completed_at.startswith("2027-03-01T")
        assert room(s, "517").condition == "clean"
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "update_housekeeping_task")
            .order_by(AuditEntry.id)
        ).all()
        assert [e.details["status"] for e in entries] == ["in_progress", "done"]
        assert entries[0].details["previous"] == "open" and entries[0].username == "maria.santos"


def test_finishing_a_checkout_clean_sets_the_room_clean(db):
    with db.unit_of_work() as s:
        assert room(s, "305").condition == "dirty"
        assert update(s, TOM, 2, "done").room_condition == "clean"
        assert room(s, "305").condition == "clean"


@pytest.mark.parametrize("kind", ["inspection", "maintenance", "amenity_request"])
def test_other_kinds_leave_the_condition_alone(db, kind):
    with db.unit_of_work() as s:
        task = create_housekeeping_task(s, MANAGER, NewTask(room_number="301", kind=kind))
        assert update(s, MARIA, task.task_id, "done").room_condition == "dirty"
        assert room(s, "301").condition == "dirty"


def test_open_may_go_straight_to_done(db):
    with db.unit_of_work() as s:
        assert update(s, MARIA, 1, "done").status == "done"


def test_done_is_final(db):
    with db.unit_of_work() as s:
        update(s, TOM, 2, "done")
        for status in ("open", "in_progress", "done"):
            with pytest.raises(Conflict) as refusal:
                update(s, TOM, 2, status)
            assert refusal.value.message == "Task 2 is done; done is final and cannot change."


@pytest.mark.parametrize("status", ["open", "in_progress"])
def test_a_task_in_progress_only_moves_to_done(db, status):
    with db.unit_of_work() as s, pytest.raises(Conflict) as refusal:
        update(s, TOM, 2, status)
    assert refusal.value.message == "Task 2 is in_progress; it can move to done."


def test_open_to_open_is_refused(db):
    with db.unit_of_work() as s, pytest.raises(Conflict) as refusal:
        update(s, MARIA, 1, "open")
    assert refusal.value.message == "Task 1 is open; it can move to in_progress or done."


def test_an_attendant_may_not_touch_a_colleagues_task(db):
    with db.unit_of_work() as s:
        with pytest.raises(NotPermitted) as refusal:
            update(s, TOM, 1, "in_progress")
        assert refusal.value.message == (
            "Task 1 is assigned to maria.santos; housekeeping may update only their own or "
            "unassigned tasks. Ask the front desk or a manager to reassign it."
        )
        assert s.get(HousekeepingTask, 1).status == "open"


def test_taking_an_unassigned_task_makes_it_yours(db):
    with db.unit_of_work() as s:
        taken = update(s, TOM, 3, "in_progress")
        assert taken.assignee == "tom.reed"
        with pytest.raises(NotPermitted):
            update(s, MARIA, 3, "done")
        assert update(s, TOM, 3, "done").status == "done"


def test_a_manager_updates_any_task_without_taking_it(db):
    with db.unit_of_work() as s:
        assert update(s, MANAGER, 1, "in_progress").assignee == "maria.santos"
        assert update(s, principal("admin", "morgan.lee"), 3, "done").assignee is None


@pytest.mark.parametrize("user", [None, "nobody.here", "hans.weber"])
def test_a_housekeeping_principal_must_be_a_named_attendant(db, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        update(s, principal("housekeeping", user), 3, "in_progress")
    assert "named housekeeping staff member" in refusal.value.message
    with db.unit_of_work() as s:
        assert s.get(HousekeepingTask, 3).assignee_id is None


@pytest.mark.parametrize("role,user", [("front_desk", "leo.martins"), ("guest", None)])
def test_reception_and_guests_may_not_update_tasks(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        update(s, principal(role, user), 3, "done")
    assert "update_housekeeping_task" in refusal.value.message
    assert "housekeeping, manager, admin" in refusal.value.message


def test_unknown_and_foreign_tasks_are_not_found(db):
    with db.unit_of_work() as s:
        with pytest.raises(NotFound):
            update(s, MANAGER, 99999, "done")
        with pytest.raises(NotFound) as refusal:
            update(s, principal("manager", "hans.weber", hotel="alpine-lodge"), 1, "done")
        assert "Harbor" not in refusal.value.message
        assert s.get(HousekeepingTask, 1).status == "open"
