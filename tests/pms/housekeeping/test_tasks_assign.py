import pytest
from sqlalchemy import select

from pms.errors import Conflict, Invalid, NotFound, NotPermitted
from pms.housekeeping.schemas import AssignTask, UpdateTask
from pms.housekeeping.service import assign_housekeeping_task, update_housekeeping_task
from pms.models import AuditEntry, StaffUser
from tests.support import principal

FRONT_DESK = principal("front_desk", "leo.martins")
MANAGER = principal("manager", "grace.kim")


def test_reception_assigns_a_task_to_an_attendant(db):
    with db.unit_of_work() as s:
        task = assign_housekeeping_task(s, FRONT_DESK, AssignTask(task_id=3, assignee="tom.reed"))
        assert (task.task_id, task.assignee, task.status) == (3, "tom.reed", "open")
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "assign_housekeeping_task")
        ).one()
        assert entry.target == "task 3" and entry.details == {
            "previous": None,
            "assignee": "tom.reed",
        }


def test_a_task_can_be_reassigned(db):
    with db.unit_of_work() as s:
        task = assign_housekeeping_task(s, MANAGER, AssignTask(task_id=1, assignee=" Ivy.Chen "))
    assert task.assignee == "ivy.chen"


@pytest.mark.parametrize("assignee", ["leo.martins", "grace.kim", "nobody.here", "hans.weber"])
def test_the_assignee_must_be_one_of_our_attendants(db, assignee):
    with db.unit_of_work() as s, pytest.raises(Invalid) as refusal:
        assign_housekeeping_task(s, FRONT_DESK, AssignTask(task_id=3, assignee=assignee))
    assert refusal.value.message == (
        f"'{assignee}' is not an active housekeeping staff member of Harbor View Hotel; "
        "assign the task to one of: ivy.chen, maria.santos, tom.reed."
    )


def test_an_inactive_attendant_cannot_be_assigned(db):
    with db.unit_of_work() as s:
        ivy = s.scalars(select(StaffUser).where(StaffUser.username == "ivy.chen")).one()
        ivy.active = False
        s.flush()
        with pytest.raises(Invalid) as refusal:
            assign_housekeeping_task(s, FRONT_DESK, AssignTask(task_id=3, assignee="ivy.chen"))
    assert refusal.value.message.endswith("one of: maria.santos, tom.reed.")


def test_a_finished_task_cannot_be_reassigned(db):
    with db.unit_of_work() as s:
        update_housekeeping_task(s, MANAGER, UpdateTask(task_id=2, status="done"))
        with pytest.raises(Conflict) as refusal:
            assign_housekeeping_task(s, FRONT_DESK, AssignTask(task_id=2, assignee="maria.santos"))
    assert refusal.value.message == "Task 2 is already done; a finished task cannot be reassigned."


@pytest.mark.parametrize("role,user", [("housekeeping", "maria.santos"), ("guest", None)])
def test_only_reception_and_managers_assign(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        assign_housekeeping_task(
            s, principal(role, user), AssignTask(task_id=3, assignee="maria.santos")
        )
    assert "assign_housekeeping_task" in refusal.value.message
    assert "front_desk, manager, admin" in refusal.value.message


def test_unknown_task_is_not_found(db):
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        assign_housekeeping_task(s, FRONT_DESK, AssignTask(task_id=99999, assignee="tom.reed"))
    assert refusal.value.message == "There is no housekeeping task 99999 at Harbor View Hotel."


def test_another_hotels_task_is_not_found(db):
    alpine = principal("front_desk", "lena.vogt", hotel="alpine-lodge")
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        assign_housekeeping_task(s, alpine, AssignTask(task_id=3, assignee="tom.reed"))
    assert refusal.value.message.startswith("There is no housekeeping task 3 at ")
    assert "Harbor" not in refusal.value.message
