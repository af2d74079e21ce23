"""Housekeeping tasks."""

from __future__ import annotations

from pydantic import BaseModel

from pms.db import UnitOfWork
from pms.housekeeping import service
from pms.housekeeping.schemas import AssignTask, NewTask, TaskQuery, UpdateTask
from pms.principal import Principal
from tools.registry import Kind, tool


@tool("list_housekeeping_tasks", Kind.READ, TaskQuery)
def list_housekeeping_tasks(session: UnitOfWork, actor: Principal, args: TaskQuery) -> BaseModel:
    """Housekeeping tasks, open and in progress unless a status is given; filters optional."""
    return service.list_housekeeping_tasks(session, actor, args)


@tool("create_housekeeping_task", Kind.WRITE, NewTask)
def create_housekeeping_task(session: UnitOfWork, actor: Principal, args: NewTask) -> BaseModel:
    """Open a task for a room (cleaning, inspection, amenity request, maintenance).

    Guests: only amenity_request or stayover_clean, for the room of their own in-house stay.
    """
    return service.create_housekeeping_task(session, actor, args)


@tool("assign_housekeeping_task", Kind.WRITE, AssignTask)
def assign_housekeeping_task(session: UnitOfWork, actor: Principal, args: AssignTask) -> BaseModel:
    """Give a task to a housekeeping staff member by username."""
    return service.assign_housekeeping_task(session, actor, args)


@tool("update_housekeeping_task", Kind.WRITE, UpdateTask)
def update_housekeeping_task(session: UnitOfWork, actor: Principal, args: UpdateTask) -> BaseModel:
    """Move a task to in_progress or done. Attendants: own or unassigned tasks only.

    Finishing a checkout or stayover clean marks the room clean.
    """
    return service.update_housekeeping_task(session, actor, args)
