"""Every error leaves as `{"error": {"type", "message"}}` with the status its kind deserves.

Refusals from the service layer keep their stable `type` and their message, which is written for
the person on the other end; validation errors name the field; anything unexpected is logged
and answered as a plain 500 without internals. The database failing to serve (unreachable,
restarting, too busy) is not unexpected: it answers 503 `unavailable` with Retry-After, since
the same request is expected to succeed shortly (writes with the same idempotency key).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pms.db import DatabaseUnavailable, is_unavailable
from pms.errors import PmsError

log = logging.getLogger("concierge.api")

STATUS_OF_TYPE = {
    "invalid": 422,
    "unauthenticated": 401,
    "not_permitted": 403,
    "not_found": 404,
    "conflict": 409,
    "policy_violation": 409,
    "too_large": 413,
    "rate_limited": 429,
    "unavailable": 503,
}

_TYPE_OF_STATUS = {
    400: "invalid",
    401: "unauthenticated",
    403: "not_permitted",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    503: "unavailable",
}


# What a 503 asks clients to wait before trying again (seconds).
RETRY_AFTER_SECONDS = 5


def retry_headers(status: int) -> dict[str, str]:
    """Every 503 says when to try again."""
    return {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {}


def database_fault(error: BaseException) -> bool:
    """Whether `error`, or an error it was raised from, is the database failing to serve."""
    seen: BaseException | None = error
    for _ in range(8):
        if seen is None:
            return False
        if is_unavailable(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class ApiError(Exception):
    """A refusal made by the API itself (credentials, limits), not by the service layer."""

    def __init__(
        self, status: int, type: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.type = type
        self.message = message
        self.headers = headers or {}


def error_body(type: str, message: str) -> dict[str, Any]:
    return {"error": {"type": type, "message": message}}


def error_response(
    status: int, type: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(type, message), status_code=status, headers=headers)


def status_of(error: PmsError) -> int:
    return STATUS_OF_TYPE.get(error.type, 400)


def raise_refusal(error: dict[str, Any] | None) -> None:
    """Raise a tool outcome's refusal (`{"type", "message"}`) as the API error it maps to."""
    if error is not None:
        kind = str(error.get("type", "error"))
        raise ApiError(STATUS_OF_TYPE.get(kind, 400), kind, str(error.get("message", "")))


def _field_message(errors: list[Any]) -> str:
    parts = []
    for error in errors[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query"))
        parts.append(f"{where or 'body'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "The request is not valid."


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, error: ApiError) -> JSONResponse:
        headers = {**retry_headers(error.status), **error.headers}
        return error_response(error.status, error.type, error.message, headers)

    @app.exception_handler(PmsError)
    async def refusal(_request: Request, error: PmsError) -> JSONResponse:
        status = status_of(error)
        return error_response(status, error.type, error.message, retry_headers(status))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid", _field_message(list(error.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        kind = _TYPE_OF_STATUS.get(error.status_code, "error")
        message = error.detail if isinstance(error.detail, str) else "The request failed."
        return error_response(error.status_code, kind, message, dict(error.headers or {}))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        if database_fault(error):
            # Raised outside the service layer's units of work (the conversation store).
            log.warning(
                "database unavailable on %s %s: %s",
                request.method,
                request.url.path,
                str(error).splitlines()[0] if str(error) else type(error).__name__,
            )
            unavailable = DatabaseUnavailable()
            return error_response(503, unavailable.type, unavailable.message, retry_headers(503))
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal", "Something went wrong on our side; it is logged.")
