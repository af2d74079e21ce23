"""What the SDK needs of an HTTP client: the part of httpx's interface it uses.

`httpx.Client` / `httpx.AsyncClient` satisfy these, and so does anything shaped like them, such
as Starlette's `TestClient` (which is built on a fork of httpx, not on httpx itself).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from typing import Any, Protocol


class Response(Protocol):
    @property
    def status_code(self) -> int: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def content(self) -> bytes: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


class StreamingResponse(Response, Protocol):
    def read(self) -> bytes: ...

    def iter_lines(self) -> Iterator[str]: ...


class AsyncStreamingResponse(Response, Protocol):
    async def aread(self) -> bytes: ...

    def aiter_lines(self) -> AsyncIterator[str]: ...


class HTTPClient(Protocol):
    def request(
        self, method: str, url: str, *, json: Any = None, headers: Mapping[str, str] | None = None
    ) -> Response: ...

    def stream(
        self, method: str, url: str, *, json: Any = None, headers: Mapping[str, str] | None = None
    ) -> AbstractContextManager[StreamingResponse]: ...

    def close(self) -> None: ...


class AsyncHTTPClient(Protocol):
    async def request(
        self, method: str, url: str, *, json: Any = None, headers: Mapping[str, str] | None = None
    ) -> Response: ...

    def stream(
        self, method: str, url: str, *, json: Any = None, headers: Mapping[str, str] | None = None
    ) -> AbstractAsyncContextManager[AsyncStreamingResponse]: ...

    async def aclose(self) -> None: ...
