"""A real HTTP server on 127.0.0.1 standing in for Slack's and Bot Framework's endpoints.

It answers the paths it is given and records every request it gets, so a test sees exactly what
the adapter sent over the wire.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return dict(parse_qsl(self.body.decode()))

    def fields(self) -> dict[str, Any]:
        """The body as JSON or as a form, whichever it is."""
        if self.headers.get("content-type", "").startswith("application/json"):
            return dict(self.json())
        return self.form()


Answer = Callable[[Received], tuple[int, Any]]


class Loopback:
    def __init__(self) -> None:
        self.answers: dict[str, Answer] = {}
        self.received: list[Received] = []
        self._lock = threading.Lock()
        loopback = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                request = Received(
                    self.command,
                    urlsplit(self.path).path,
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                with loopback._lock:
                    loopback.received.append(request)
                answer = loopback.answers.get(request.path)
                status, body = answer(request) if answer else (404, {"error": "no such path"})
                raw = isinstance(body, bytes)
                data: bytes = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                kind = "text/event-stream" if raw else "application/json"
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, path: str, body: Any, status: int = 200) -> None:
        """Answer `path` with `body`: JSON, or bytes sent as they are (text/event-stream)."""
        self.answers[path] = lambda _request: (status, body)

    def requests_to(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path]

    def wait_for(self, path: str, count: int = 1, timeout: float = 15.0) -> list[Received]:
        """The first `count` requests to `path`, waiting for them to arrive."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.requests_to(path)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} request(s) to {path}, got {self.requests_to(path)}")


@contextmanager
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()
