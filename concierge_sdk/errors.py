"""Every refusal the API makes, as an exception with its stable type.

The API answers errors as `{"error": {"type", "message"}}`; the SDK raises the subclass of
`ConciergeError` for that type (or, for a type it does not know, for the status), so callers
can catch what they can handle: `except RateLimited as e: time.sleep(e.retry_after or 1)`.
"""

from __future__ import annotations

from typing import Any


class ConciergeError(Exception):
    """A request the API refused or failed: HTTP status, error type, message, Retry-After."""

    def __init__(
        self, status: int, type: str, message: str, retry_after: float | None = None
    ) -> None:
        super().__init__(f"{status} {type}: {message}")
        self.status = status
        self.type = type
        self.message = message
        self.retry_after = retry_after


class Invalid(ConciergeError):
    """400 / 422: the request is malformed; the message names the field."""


class Unauthenticated(ConciergeError):
    """401: no credentials, or they are expired, revoked or wrong."""


class NotPermitted(ConciergeError):
    """403: the credentials' role may not do this."""


class NotFound(ConciergeError):
    """404: no such thing, or not one these credentials may see."""


class Conflict(ConciergeError):
    """409: the request conflicts with the current state (e.g. already decided)."""


class PolicyViolation(Conflict):
    """409: the hotel's policy forbids it (e.g. a refund over the limit)."""


class TooLarge(ConciergeError):
    """413: the body or upload is too large."""


class RateLimited(ConciergeError):
    """429: too many requests; `retry_after` says how many seconds to wait."""


class Unavailable(ConciergeError):
    """503: the service (or a part of it) is not available now."""


class ServerError(ConciergeError):
    """500 and other failures on the server's side."""


class TransportError(ConciergeError):
    """The request did not get an answer (connection refused, timed out); status is 0."""


_BY_TYPE: dict[str, type[ConciergeError]] = {
    "invalid": Invalid,
    "unauthenticated": Unauthenticated,
    "not_permitted": NotPermitted,
    "not_found": NotFound,
    "conflict": Conflict,
    "policy_violation": PolicyViolation,
    "too_large": TooLarge,
    "rate_limited": RateLimited,
    "unavailable": Unavailable,
    "internal": ServerError,
}

_BY_STATUS: dict[int, type[ConciergeError]] = {
    400: Invalid,
    401: Unauthenticated,
    403: NotPermitted,
    404: NotFound,
    409: Conflict,
    413: TooLarge,
    422: Invalid,
    429: RateLimited,
    503: Unavailable,
}


def error_for(status: int, body: Any, retry_after: str | None = None) -> ConciergeError:
    """The exception for an error answer (`body` is its parsed JSON, or anything else)."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        kind = str(error.get("type") or "error")
        message = str(error.get("message") or "")
    else:
        kind, message = "error", f"HTTP {status}"
    cls = _BY_TYPE.get(kind) or _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else ConciergeError
    wait: float | None
    try:
        wait = float(retry_after) if retry_after is not None else None
    except ValueError:
        wait = None
    return cls(status, kind, message, wait)
