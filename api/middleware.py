"""ASGI middleware of our own: body-size limits and request metrics.

Written as plain ASGI rather than BaseHTTPMiddleware so that streamed answers (SSE) pass
through untouched and a large body is refused before it is read into memory.
"""

from __future__ import annotations

import json
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_body
from api.metrics import Metrics


class BodyLimit:
    """413 for bodies over the limit, by Content-Length or by counting what arrives."""

    def __init__(self, app: ASGIApp, limit: int, upload_limit: int, upload_paths: tuple[str, ...]):
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self.upload_limit if path.startswith(self.upload_paths) else self.limit
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0
        refused = False

        async def counted() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    raise _TooLarge
            return message

        replaced = False

        async def answered(message: Message) -> None:
            # Once the body was cut off, whatever the app answers (FastAPI turns the error
            # into a 400) is replaced by the 413 it deserves.
            nonlocal replaced
            if not refused:
                await send(message)
            elif not replaced:
                replaced = True
                await _too_large(send, limit)

        try:
            await self.app(scope, counted, answered)
        except _TooLarge:
            if not replaced:
                await _too_large(send, limit)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        error_body("too_large", f"The request body is over {limit // 1024} KiB.")
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestMetrics:
    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            route = scope.get("route")
            # The route's template, never the raw path: thread ids must not become labels.
            name = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(scope.get("method", ""), name, str(status)).inc()
            self.metrics.latency.labels(name).observe(time.perf_counter() - started)
