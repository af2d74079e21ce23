"""Refusals the service layer raises.

Every refusal carries a message written for the person (or model) on the other end: it says what
went wrong and what would be accepted instead, because the agent relays it and tries again.
"""

from __future__ import annotations


class PmsError(Exception):
    """Base of every refusal; `type` is the stable name clients switch on."""

    type = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"type": self.type, "message": self.message}


class Unauthenticated(PmsError):
    """The credentials presented prove no one (wrong password, unknown or revoked key)."""

    type = "unauthenticated"


class NotFound(PmsError):
    """The thing does not exist for this principal (other hotels' data answers the same)."""

    type = "not_found"


class NotPermitted(PmsError):
    """The principal's role or ownership does not allow this."""

    type = "not_permitted"


class Conflict(PmsError):
    """The request is valid but the current state forbids it (room taken, wrong status)."""

    type = "conflict"


class Invalid(PmsError):
    """The arguments themselves are wrong (dates in the past, bad amount, unknown room type)."""

    type = "invalid"


class PolicyViolation(PmsError):
    """A hotel policy forbids it (non-refundable rate, balance outstanding)."""

    type = "policy_violation"


class RetryTransaction(Exception):
    """Raised inside a transaction that lost a race; the runner retries it from the start."""
