"""Housekeeping tasks: who may ask for them, who may take them, and what finishing one means.

A task moves open -> in_progress -> done (or straight from open to done) and never back. An
attendant works only on their own or unassigned tasks, so two people never clean the same room
believing it is theirs.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Conflict, Invalid, NotPermitted
from pms.hotels.repository import hotel_for, now_utc
from pms.housekeeping import repository
from pms.housekeeping.schemas import AssignTask, NewTask, Task, TaskList, TaskQuery, UpdateTask
from pms.models import Hotel, HousekeepingTask, Room, StaffUser
from pms.principal import Principal, Role
from pms.rooms import repository as rooms

LIST_LIMIT = 25
GUEST_KINDS = ("amenity_request", "stayover_clean")
# Finishing these leaves the room cleaned (but not yet inspected).
CLEANING_KINDS = ("checkout_clean", "stayover_clean")
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    "open": ("in_progress", "done"),
    "in_progress": ("done",),
    "done": (),
}


def list_housekeeping_tasks(session: Session, actor: Principal, query: TaskQuery) -> TaskList:
    """The most urgent tasks first, at most 25, with the total so nothing is silently hidden."""
    authorize(actor, "list_housekeeping_tasks")
    hotel = hotel_for(session, actor)
    room_id = rooms.by_number(session, hotel, query.room_number).id if query.room_number else None
    total, rows = repository.search(
        session,
        hotel,
        statuses=(query.status,) if query.status else repository.OPEN_STATUSES,
        assignee=query.assignee.lower() if query.assignee else None,
        floor=query.floor,
        room_id=room_id,
        limit=LIST_LIMIT,
    )
    tasks = [_task(task, room, username) for task, room, username in rows]
    return TaskList(total=total, count=len(tasks), tasks=tasks)


def create_housekeeping_task(session: Session, actor: Principal, data: NewTask) -> Task:
    authorize(actor, "create_housekeeping_task")
    hotel = hotel_for(session, actor)
    if actor.is_guest:
        room = _guest_room(session, actor, hotel, data)
        created_by = "guest " + ",".join(sorted(actor.reservations))
    else:
        room = rooms.by_number(session, hotel, data.room_number)
        created_by = actor.label
    task = HousekeepingTask(
        hotel_id=hotel.id,
        room_id=room.id,
        kind=data.kind,
        status="open",
        priority=data.priority,
        notes=data.notes or None,
        created_at=now_utc(session),
        created_by=created_by[:64],
    )
    session.add(task)
    session.flush()
    record(
        session,
        actor,
        hotel,
        "create_housekeeping_task",
        f"task {task.id}",
        room=room.number,
        kind=data.kind,
        priority=data.priority,
    )
    return _task(task, room, None)


def assign_housekeeping_task(session: Session, actor: Principal, data: AssignTask) -> Task:
    authorize(actor, "assign_housekeeping_task")
    hotel = hotel_for(session, actor)
    task = repository.by_id(session, hotel, data.task_id, lock=True)
    if task.status == "done":
        raise Conflict(f"Task {task.id} is already done; a finished task cannot be reassigned.")
    staff = repository.staff_member(session, hotel, data.assignee)
    if staff is None or staff.role != Role.HOUSEKEEPING.value or not staff.active:
        names = ", ".join(repository.active_housekeepers(session, hotel)) or "nobody yet"
        raise Invalid(
            f"'{data.assignee}' is not an active housekeeping staff member of {hotel.name}; "
            f"assign the task to one of: {names}."
        )
    previous = repository.username_of(session, task.assignee_id)
    task.assignee_id = staff.id
    session.flush()
    record(
        session,
        actor,
        hotel,
        "assign_housekeeping_task",
        f"task {task.id}",
        previous=previous,
        assignee=staff.username,
    )
    return _task(task, _room(session, task), staff.username)


def update_housekeeping_task(session: Session, actor: Principal, data: UpdateTask) -> Task:
    """Move a task on; an attendant taking an unassigned task makes it theirs."""
    authorize(actor, "update_housekeeping_task")
    hotel = hotel_for(session, actor)
    task = repository.by_id(session, hotel, data.task_id, lock=True)
    attendant = _attendant(session, actor, hotel) if actor.role is Role.HOUSEKEEPING else None
    if attendant is not None and task.assignee_id not in (None, attendant.id):
        owner = repository.username_of(session, task.assignee_id)
        raise NotPermitted(
            f"Task {task.id} is assigned to {owner}; housekeeping may update only their own "
            "or unassigned tasks. Ask the front desk or a manager to reassign it."
        )
    allowed = NEXT_STATUSES[task.status]
    if data.status not in allowed:
        then = (
            f"it can move to {' or '.join(allowed)}"
            if allowed
            else "done is final and cannot change"
        )
        raise Conflict(f"Task {task.id} is {task.status}; {then}.")
    previous = task.status
    task.status = data.status
    if attendant is not None and task.assignee_id is None:
        task.assignee_id = attendant.id
    room = _room(session, task)
    if data.status == "done":
        task.completed_at = now_utc(session)
        if task.kind in CLEANING_KINDS:
            room.condition = "clean"
    session.flush()
    record(
        session,
        actor,
        hotel,
        "update_housekeeping_task",
        f"task {task.id}",
        previous=previous,
        status=data.status,
        room=room.number,
    )
    return _task(task, room, repository.username_of(session, task.assignee_id))


def _guest_room(session: Session, actor: Principal, hotel: Hotel, data: NewTask) -> Room:
    """The room of the guest's own in-house stay, or a refusal saying what they may ask for.

    A guest learns nothing about rooms that are not theirs: every other room answers the same.
    """
    if data.kind not in GUEST_KINDS:
        raise NotPermitted(
            f"Guests may request only {' or '.join(GUEST_KINDS)} tasks; for {data.kind} "
            "please ask the front desk (handoff_to_human)."
        )
    stays = repository.verified_stays_in_house(session, hotel, actor.reservations)
    if not stays:
        raise NotPermitted(
            "Housekeeping can be requested only for the room of your own stay once you are "
            "checked in; verify your reservation with find_reservation (confirmation code and "
            "last name) first."
        )
    for _code, room_id, number in stays:
        room = session.get(Room, room_id)
        if number == data.room_number.strip() and room is not None:
            return room
    yours = ", ".join(f"room {number} ({code})" for code, _room_id, number in stays)
    raise NotPermitted(f"You can request housekeeping only for the room of your own stay: {yours}.")


def _attendant(session: Session, actor: Principal, hotel: Hotel) -> StaffUser:
    """The housekeeping staff member behind the principal; tasks are taken by a named person."""
    staff = repository.staff_member(session, hotel, actor.user) if actor.user else None
    if staff is None or not staff.active:
        raise NotPermitted(
            "Housekeeping tasks can be updated only by a named housekeeping staff member; "
            "sign in with your staff username."
        )
    return staff


def _room(session: Session, task: HousekeepingTask) -> Room:
    room = session.get(Room, task.room_id)
    if room is None:  # a foreign key guarantees it; this keeps the type checker honest
        raise Conflict(f"Task {task.id} has no room.")
    return room


def _task(task: HousekeepingTask, room: Room, assignee: str | None) -> Task:
    return Task(
        task_id=task.id,
        room_number=room.number,
        floor=room.floor,
        room_condition=room.condition,
        kind=task.kind,
        status=task.status,
        priority=task.priority,
        assignee=assignee,
        notes=task.notes,
        created_at=task.created_at.isoformat(),
        created_by=task.created_by,
        completed_at=task.completed_at.isoformat() if task.completed_at else None,
    )
