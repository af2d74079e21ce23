"""Arguments and results of the room tools.

Input field names are the tool contract's argument names: the tool layer reuses these models as
the argument schemas the model sees, so the descriptions are written for it.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pms.text import NOTE_MAX, Line, Prose

Condition = Literal["dirty", "clean", "inspected"]


class _Arguments(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class RoomQuery(_Arguments):
    """Filters of `list_rooms`; every one is optional and they combine with AND."""

    floor: int | None = Field(default=None, description="Only rooms on this floor, e.g. 3.")
    condition: Condition | None = Field(
        default=None, description="Only rooms in this housekeeping condition."
    )
    occupied: bool | None = Field(
        default=None, description="true: only rooms with a guest in house; false: only vacant."
    )
    room_type: Line | None = Field(
        default=None, max_length=8, description="Only rooms of this room type code, e.g. DLK."
    )
    out_of_order: bool | None = Field(
        default=None,
        description="true: only rooms out of order on the business date; false: only in service.",
    )


class SetRoomCondition(_Arguments):
    room_number: Line = Field(min_length=1, max_length=8, description="The room, e.g. 305.")
    condition: Condition = Field(
        description="dirty or clean; inspected is for managers and admins only."
    )


class SetRoomOutOfOrder(_Arguments):
    room_number: Line = Field(min_length=1, max_length=8, description="The room, e.g. 305.")
    start_date: date = Field(description="First night out of order (YYYY-MM-DD).")
    end_date: date = Field(
        description="The day the room is back in service (YYYY-MM-DD), like a check-out date."
    )
    reason: Prose = Field(
        min_length=1, max_length=NOTE_MAX, description="Why, e.g. 'bathroom leak'."
    )


class ReturnRoomToService(_Arguments):
    room_number: Line = Field(min_length=1, max_length=8, description="The room, e.g. 312.")


class OutOfOrderSpan(BaseModel):
    """Nights start_date .. end_date - 1; the room is back in service on end_date."""

    start_date: str
    end_date: str
    reason: str


class RoomSummary(BaseModel):
    number: str
    floor: int
    room_type: str
    condition: str
    occupied: bool
    out_of_order: bool
    out_of_order_period: OutOfOrderSpan | None = None
    accessible: bool


class RoomList(BaseModel):
    business_date: str
    count: int
    rooms: list[RoomSummary]


class RoomConditionChange(BaseModel):
    room_number: str
    previous_condition: str
    condition: str


class OutOfOrderScheduled(BaseModel):
    room_number: str
    room_type: str
    start_date: str
    end_date: str
    nights: int
    reason: str


class ReturnedToService(BaseModel):
    room_number: str
    in_service_from: str
    condition: str
    periods_shortened: int
    periods_cancelled: int
