"""Rooms: condition, occupancy and out-of-order periods."""

from __future__ import annotations

from pydantic import BaseModel

from pms.db import UnitOfWork
from pms.principal import Principal
from pms.rooms import service
from pms.rooms.schemas import ReturnRoomToService, RoomQuery, SetRoomCondition, SetRoomOutOfOrder
from tools.registry import Kind, tool


@tool("list_rooms", Kind.READ, RoomQuery)
def list_rooms(session: UnitOfWork, actor: Principal, args: RoomQuery) -> BaseModel:
    """Rooms with their condition, occupancy and out-of-order state; all filters optional."""
    return service.list_rooms(session, actor, args)


@tool("set_room_condition", Kind.WRITE, SetRoomCondition)
def set_room_condition(session: UnitOfWork, actor: Principal, args: SetRoomCondition) -> BaseModel:
    """Mark a room dirty or clean (managers may also mark it inspected)."""
    return service.set_room_condition(session, actor, args)


@tool("set_room_out_of_order", Kind.WRITE, SetRoomOutOfOrder)
def set_room_out_of_order(
    session: UnitOfWork, actor: Principal, args: SetRoomOutOfOrder
) -> BaseModel:
    """Take a room out of sale from start_date until end_date (the day it is back).

    Refused if a stay is in or assigned to the room then, or if it would oversell its type.
    """
    return service.set_room_out_of_order(session, actor, args)


@tool("return_room_to_service", Kind.WRITE, ReturnRoomToService)
def return_room_to_service(
    session: UnitOfWork, actor: Principal, args: ReturnRoomToService
) -> BaseModel:
    """End a room's current and future out-of-order periods, so it can be sold again."""
    return service.return_room_to_service(session, actor, args)
