"""Every query about housekeeping tasks and the attendants who do them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from pms.errors import NotFound
from pms.models import Hotel, HousekeepingTask, Reservation, Room, StaffUser

OPEN_STATUSES = ("open", "in_progress")
PRIORITIES_FIRST_TO_LAST = ("high", "normal", "low")

TaskRow = tuple[HousekeepingTask, Room, str | None]


def _filters(
    hotel: Hotel,
    *,
    statuses: Sequence[str],
    assignee: str | None,
    floor: int | None,
    room_id: int | None,
) -> list[ColumnElement[bool]]:
    """Conditions on the task table alone, so counting and ranking never need a join."""
    conditions: list[ColumnElement[bool]] = [
        HousekeepingTask.hotel_id == hotel.id,
        HousekeepingTask.status.in_(statuses),
    ]
    if assignee is not None:
        conditions.append(
            HousekeepingTask.assignee_id.in_(
                select(StaffUser.id).where(
                    StaffUser.hotel_id == hotel.id, StaffUser.username == assignee
                )
            )
        )
    if floor is not None:
        conditions.append(
            HousekeepingTask.room_id.in_(
                select(Room.id).where(Room.hotel_id == hotel.id, Room.floor == floor)
            )
        )
    if room_id is not None:
        conditions.append(HousekeepingTask.room_id == room_id)
    return conditions


def search(
    session: Session,
    hotel: Hotel,
    *,
    statuses: Sequence[str],
    assignee: str | None = None,
    floor: int | None = None,
    room_id: int | None = None,
    limit: int = 25,
) -> tuple[int, list[TaskRow]]:
    """The total number of matching tasks and the first `limit`: high priority first, then
    normal, then low, and the newest first within each.

    One short newest-first query per priority walks the primary key backwards and stops at
    `limit`, instead of sorting every matching task (a year of done tasks is a lot of rows).
    """
    conditions = _filters(hotel, statuses=statuses, assignee=assignee, floor=floor, room_id=room_id)
    total = int(
        session.scalar(select(func.count()).select_from(HousekeepingTask).where(*conditions)) or 0
    )
    chosen: list[int] = []
    for priority in PRIORITIES_FIRST_TO_LAST:
        if len(chosen) >= min(limit, total):
            break
        chosen += session.scalars(
            select(HousekeepingTask.id)
            .where(*conditions, HousekeepingTask.priority == priority)
            .order_by(HousekeepingTask.id.desc())
            .limit(limit - len(chosen))
        )
    if not chosen:
        return total, []
    rows = session.execute(
        select(HousekeepingTask, Room, StaffUser.username)
        .join(Room, Room.id == HousekeepingTask.room_id)
        .outerjoin(StaffUser, StaffUser.id == HousekeepingTask.assignee_id)
        .where(HousekeepingTask.id.in_(chosen))
    )
    found = {task.id: (task, room, username) for task, room, username in rows}
    return total, [found[task_id] for task_id in chosen]


def by_id(session: Session, hotel: Hotel, task_id: int, *, lock: bool = False) -> HousekeepingTask:
    """The hotel's task with this id; another hotel's task is simply not found."""
    query = select(HousekeepingTask).where(
        HousekeepingTask.hotel_id == hotel.id, HousekeepingTask.id == task_id
    )
    if lock:
        query = query.with_for_update()
    task = session.scalars(query).one_or_none()
    if task is None:
        raise NotFound(f"There is no housekeeping task {task_id} at {hotel.name}.")
    return task


def staff_member(session: Session, hotel: Hotel, username: str) -> StaffUser | None:
    return session.scalars(
        select(StaffUser).where(
            StaffUser.hotel_id == hotel.id, StaffUser.username == username.strip().lower()
        )
    ).one_or_none()


def active_housekeepers(session: Session, hotel: Hotel) -> list[str]:
    return list(
        session.scalars(
            select(StaffUser.username)
            .where(
                StaffUser.hotel_id == hotel.id,
                StaffUser.role == "housekeeping",
                StaffUser.active.is_(True),
            )
            .order_by(StaffUser.username)
        )
    )


def username_of(session: Session, staff_id: int | None) -> str | None:
    if staff_id is None:
        return None
    staff = session.get(StaffUser, staff_id)
    return staff.username if staff is not None else None


def verified_stays_in_house(
    session: Session, hotel: Hotel, codes: frozenset[str]
) -> Sequence[tuple[str, int, str]]:
    """(code, room id, room number) of the guest's verified stays that are in house now."""
    if not codes:
        return []
    rows = session.execute(
        select(Reservation.code, Room.id, Room.number)
        .join(Room, Room.id == Reservation.room_id)
        .where(
            Reservation.hotel_id == hotel.id,
            Reservation.code.in_(sorted(codes)),
            Reservation.status == "in_house",
        )
        .order_by(Reservation.code)
    )
    return [(code, room_id, number) for code, room_id, number in rows]
