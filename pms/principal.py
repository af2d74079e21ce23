"""Who is acting. Built from authenticated credentials, never from model output."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Role(StrEnum):
    GUEST = "guest"
    HOUSEKEEPING = "housekeeping"
    FRONT_DESK = "front_desk"
    MANAGER = "manager"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.HOUSEKEEPING, Role.FRONT_DESK, Role.MANAGER, Role.ADMIN})


@dataclass(frozen=True)
class Principal:
    """A hotel, a role, and either a staff username or the reservations a guest has proven."""

    hotel: str
    role: Role
    user: str | None = None
    reservations: frozenset[str] = field(default_factory=frozenset)
    channel: str = "cli"
    # Who the credentials belong to beyond the role: a guest session, an API key, a Slack user.
    # Idempotency keys are scoped by it, so one guest can never replay another's result.
    subject: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", Role(self.role))
        object.__setattr__(
            self, "reservations", frozenset(code.upper() for code in self.reservations)
        )

    @property
    def is_guest(self) -> bool:
        return self.role is Role.GUEST

    def owns(self, confirmation_code: str) -> bool:
        return confirmation_code.upper() in self.reservations

    def with_reservation(self, confirmation_code: str) -> Principal:
        """The same guest, now also verified for this reservation."""
        return replace(self, reservations=self.reservations | {confirmation_code.upper()})

    @property
    def identity(self) -> str:
        return f"{self.role.value}:{self.user or ''}:{self.subject or ''}"

    @property
    def label(self) -> str:
        return self.user or (self.role.value if not self.is_guest else "guest")
