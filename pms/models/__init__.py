"""ORM models. Importing this package registers every table on `Base.metadata`."""

from pms.models.access import ApiKey, ChannelAccount
from pms.models.base import Base
from pms.models.hotel import Hotel, OutOfOrderPeriod, RatePlan, Room, RoomType, Season, SeasonRate
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
    "ApiKey",
    "ApprovalRequest",
    "AuditEntry",
    "Base",
    "ChannelAccount",
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
    "Season",
    "SeasonRate",
    "StaffUser",
]
