import pytest

from pms.errors import NotFound, NotPermitted
from pms.housekeeping.schemas import NewTask, TaskQuery
from pms.housekeeping.service import create_housekeeping_task, list_housekeeping_tasks
from tests.support import principal

MARIA = principal("housekeeping", "maria.santos")
FRONT_DESK = principal("front_desk", "leo.martins")

RANK = {"high": 0, "normal": 1, "low": 2}


def ids(result):
    return [task.task_id for task in result.tasks]


def story(result):
    return [task.task_id for task in result.tasks if task.task_id <= 4]


def test_by_default_lists_open_and_in_progress_tasks(db):
    with db.unit_of_work() as s:
        result = list_housekeeping_tasks(s, MARIA, TaskQuery())
    assert story(result) == [4, 3, 2, 1]
    assert {task.status for task in result.tasks} <= {"open", "in_progress"}
    assert result.count == len(result.tasks) <= result.total
    tasks = {task.task_id: task for task in result.tasks}
    assert tasks[1].model_dump(include={"room_number", "kind", "status", "assignee", "floor"}) == {
        "room_number": "517",
        "kind": "stayover_clean",
        "status": "open",
        "assignee": "maria.santos",
        "floor": 5,
    }
    assert (tasks[2].room_number, tasks[2].kind, tasks[2].status, tasks[2].assignee) == (
        "305",
        "checkout_clean",
        "in_progress",
        "tom.reed",
    )
    assert (tasks[3].room_number, tasks[3].assignee, tasks[3].notes) == (
        "214",
        None,
        "two extra towels",
    )
    assert (tasks[4].room_number, tasks[4].assignee) == ("623", "ivy.chen")
    assert tasks[3].room_condition == "clean" and tasks[1].room_condition == "dirty"


def test_most_urgent_first_then_newest(db):
    with db.unit_of_work() as s:
        low = create_housekeeping_task(
            s, FRONT_DESK, NewTask(room_number="306", kind="inspection", priority="low")
        )
        high = create_housekeeping_task(
            s, FRONT_DESK, NewTask(room_number="307", kind="maintenance", priority="high")
        )
        result = list_housekeeping_tasks(s, FRONT_DESK, TaskQuery())
    order = ids(result)
    assert order[0] == high.task_id and order[-1] == low.task_id
    keys = [(RANK[t.priority], -t.task_id) for t in result.tasks]
    assert keys == sorted(keys)


def test_filters_by_status(db):
    with db.unit_of_work() as s:
        in_progress = list_housekeeping_tasks(s, MARIA, TaskQuery(status="in_progress"))
        done = list_housekeeping_tasks(s, MARIA, TaskQuery(status="done"))
    assert 2 in ids(in_progress) and not {1, 3, 4} & set(ids(in_progress))
    assert all(task.status == "in_progress" for task in in_progress.tasks)
    assert all(task.status == "done" for task in done.tasks)
    assert not {1, 2, 3, 4} & set(ids(done))


def test_filters_by_assignee_floor_and_room(db):
    with db.unit_of_work() as s:
        marias = list_housekeeping_tasks(s, MARIA, TaskQuery(assignee="Maria.Santos"))
        floor_three = list_housekeeping_tasks(s, MARIA, TaskQuery(floor=3))
        room = list_housekeeping_tasks(s, MARIA, TaskQuery(room_number="214"))
        nobody = list_housekeeping_tasks(s, MARIA, TaskQuery(assignee="nobody.here"))
        combined = list_housekeeping_tasks(s, MARIA, TaskQuery(assignee="tom.reed", floor=5))
    assert 1 in ids(marias) and all(t.assignee == "maria.santos" for t in marias.tasks)
    assert story(floor_three) == [2] and all(t.floor == 3 for t in floor_three.tasks)
    assert story(room) == [3] and all(t.room_number == "214" for t in room.tasks)
    assert nobody.total == nobody.count == 0
    assert all(t.assignee == "tom.reed" and t.floor == 5 for t in combined.tasks)
    assert 1 not in ids(combined)


def test_caps_the_list_at_25_and_reports_the_total(db):
    with db.unit_of_work() as s:
        before = list_housekeeping_tasks(s, FRONT_DESK, TaskQuery(floor=3)).total
        for i in range(30):
            create_housekeeping_task(
                s, FRONT_DESK, NewTask(room_number=f"3{i % 24 + 1:02d}", kind="inspection")
            )
        result = list_housekeeping_tasks(s, FRONT_DESK, TaskQuery(floor=3))
    assert result.count == 25 and len(result.tasks) == 25
    assert result.total == before + 30


def test_unknown_room_is_not_found(db):
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        list_housekeeping_tasks(s, MARIA, TaskQuery(room_number="999"))
    assert "999" in refusal.value.message


def test_a_guest_may_not_list_tasks(db):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        list_housekeeping_tasks(s, principal("guest", reservations=("HV1001",)), TaskQuery())
    assert "list_housekeeping_tasks" in refusal.value.message


def test_another_hotel_sees_none_of_our_tasks(db):
    alpine = principal("front_desk", "lena.vogt", hotel="alpine-lodge")
    with db.unit_of_work() as s:
        result = list_housekeeping_tasks(s, alpine, TaskQuery())
        assert not {1, 2, 3, 4} & set(ids(result))
        assert all(t.room_number not in ("517", "305", "623") for t in result.tasks)
        with pytest.raises(NotFound):
            list_housekeeping_tasks(s, alpine, TaskQuery(room_number="517"))
        assert list_housekeeping_tasks(s, alpine, TaskQuery(assignee="maria.santos")).total == 0
