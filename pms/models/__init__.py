"""ORM models. Importing this package registers every table on `Base.metadata`."""

from pms.models.base import Base
from pms.models.hotel import Hotel, OutOfOrderPeriod, RatePlan, Room, RoomType
from pms.models.operations import (
    ApprovalRequest,
    AuditEntry,
    Handoff,
    HousekeepingTask,
    IdempotencyRecord,
)
from pms.models.people import Guest, StaffUser
from pms.models.stay import FolioLine, Reservation

__all__ = [
    "ApprovalRequest",
    "AuditEntry",
    "Base",
    "FolioLine",
    "Guest",
    "Handoff",
    "Hotel",
    "HousekeepingTask",
    "IdempotencyRecord",
    "OutOfOrderPeriod",
    "RatePlan",
    "Reservation",
    "Room",
    "RoomType",
    "StaffUser",
]
