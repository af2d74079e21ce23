"""`Concierge` (blocking) and `AsyncConcierge`: the REST and chat API as typed methods.

Both send the credentials they hold as `Authorization: Bearer`: a token from `guest_session`
or `login` (kept on the client), or the `token` / `api_key` given at construction. Every error
answer is raised as a `ConciergeError` subclass (see concierge_sdk.errors).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, Self
from urllib.parse import quote

import httpx

from concierge_sdk.errors import ConciergeError, TransportError, error_for
from concierge_sdk.models import (
    Approval,
    ApprovalPending,
    ChatReply,
    Decision,
    Done,
    Me,
    Session,
    StreamEvent,
    Thread,
    Token,
    Tool,
    ToolCall,
    ToolOutput,
    ToolResult,
)
from concierge_sdk.transport import AsyncHTTPClient, HTTPClient, Response

DEFAULT_URL = "http://127.0.0.1:8000"
_STATUS_OF_TYPE = {
    "invalid": 422,
    "unauthenticated": 401,
    "not_permitted": 403,
    "not_found": 404,
    "conflict": 409,
    "policy_violation": 409,
    "rate_limited": 429,
    "unavailable": 503,
}


class _Events:
    """Server-sent events, fed one line at a time, as the SDK's typed events."""

    def __init__(self) -> None:
        self.name = "message"
        self.data: list[str] = []

    def feed(self, line: str) -> StreamEvent | None:
        if line == "":
            name, data = self.name, "\n".join(self.data)
            self.name, self.data = "message", []
            return _event(name, data) if data else None
        if line.startswith(":"):
            return None  # a comment: sse-starlette's keep-alive ping
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            self.name = value
        elif field == "data":
            self.data.append(value)
        return None

    def end(self) -> StreamEvent | None:
        return self.feed("") if self.data else None


def _event(name: str, text: str) -> StreamEvent | None:
    data: dict[str, Any] = json.loads(text)
    if name == "token":
        return Token(str(data.get("text", "")))
    if name == "tool_call":
        return ToolCall(
            id=str(data.get("call_id") or data.get("id") or ""),
            name=str(data["name"]),
            arguments=dict(data.get("args") or data.get("arguments") or {}),
        )
    if name == "tool_result":
        return ToolResult(
            id=str(data.get("call_id") or data.get("id") or ""),
            name=str(data["name"]),
            ok=bool(data.get("ok")),
            error=data.get("error"),
            summary=str(data.get("summary") or ""),
        )
    if name == "approval_pending":
        return ApprovalPending(dict(data.get("request") or data))
    if name == "done":
        return Done(ChatReply.from_json(data))
    if name == "error":
        kind = str(dict(data.get("error") or {}).get("type", "internal"))
        raise error_for(_STATUS_OF_TYPE.get(kind, 500), data)
    return None  # an event this SDK version does not know: skipped


def _decode(response: Response) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return response.text


def _raise_for(response: Response, body: Any) -> None:
    if response.status_code >= 400:
        raise error_for(response.status_code, body, response.headers.get("retry-after"))


class _Base:
    def __init__(
        self, base_url: str, token: str | None, api_key: str | None, timeout: float
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.api_key = api_key
        self.timeout = timeout

    def _url(self, path: str) -> str:
        return self.base_url + path

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        credential = self.token or self.api_key
        if credential:
            headers["Authorization"] = f"Bearer {credential}"
        headers.update(extra or {})
        return headers

    def _signed_in(self, data: Any) -> Session:
        session = Session.from_json(data)
        self.token = session.token
        return session


class Concierge(_Base):
    """A blocking client: `Concierge("https://concierge.example", api_key="ck_...")`.

    Pass `http_client` to bring your own httpx.Client (proxies, retries, or a
    `fastapi.testclient.TestClient` in tests: anything shaped like concierge_sdk.transport's
    HTTPClient); it is then not closed by `close()`.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        token: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        http_client: HTTPClient | None = None,
    ) -> None:
        super().__init__(base_url, token, api_key, timeout)
        self._owned = http_client is None
        self.http: HTTPClient = http_client or httpx.Client(timeout=timeout)

    def close(self) -> None:
        if self._owned:
            self.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        try:
            response = self.http.request(
                method,
                self._url(path),
                json=body,
                headers=self._headers(headers),
            )
        except httpx.TransportError as error:
            raise TransportError(0, "transport", str(error) or type(error).__name__) from error
        data = _decode(response)
        _raise_for(response, data)
        return data

    # Credentials

    def guest_session(self, hotel: str) -> Session:
        """Open an anonymous guest session at `hotel`; the client uses its token from now on."""
        return self._signed_in(self._request("POST", "/v1/guest-sessions", {"hotel": hotel}))

    def login(self, hotel: str, username: str, password: str) -> Session:
        """Sign in as a member of staff; the client uses the staff token from now on."""
        body = {"hotel": hotel, "username": username, "password": password}
        return self._signed_in(self._request("POST", "/v1/staff/login", body))

    def logout(self) -> None:
        """Sign the account out (every token it holds ends, everywhere) and forget the token."""
        self._request("POST", "/v1/staff/logout")
        self.token = None

    def me(self) -> Me:
        """Who the credentials are: hotel, role, user, channel."""
        return Me.from_json(self._request("GET", "/v1/me"))

    # Conversations

    def chat(self, message: str, thread_id: str | None = None) -> ChatReply:
        """One turn; without `thread_id` a new conversation starts (its id is in the reply)."""
        body = {"message": message, "thread_id": thread_id}
        return ChatReply.from_json(self._request("POST", "/v1/chat", body))

    def stream(self, message: str, thread_id: str | None = None) -> Iterator[StreamEvent]:
        """The same turn as it happens: Token, ToolCall, ToolResult, ApprovalPending, Done.

        A refusal before the turn starts (401, 429...) is raised at the first `next()`; one
        during the turn arrives as an `error` event and is raised the same way.
        """
        body = {"message": message, "thread_id": thread_id}
        headers = self._headers({"Accept": "text/event-stream"})
        try:
            with self.http.stream(
                "POST", self._url("/v1/chat/stream"), json=body, headers=headers
            ) as response:
                if response.status_code >= 400:
                    response.read()
                    _raise_for(response, _decode(response))
                events = _Events()
                for line in response.iter_lines():
                    event = events.feed(line)
                    if event is not None:
                        yield event
                last = events.end()
                if last is not None:
                    yield last
        except httpx.TransportError as error:
            raise TransportError(0, "transport", str(error) or type(error).__name__) from error

    def thread(self, thread_id: str) -> Thread:
        """A conversation so far (NotFound if these credentials have no such thread)."""
        return Thread.from_json(self._request("GET", f"/v1/threads/{quote(thread_id, safe='')}"))

    # Tools

    def tools(self) -> list[Tool]:
        """The tools these credentials may call."""
        return [Tool.from_json(t) for t in self._request("GET", "/v1/tools")["tools"]]

    def call_tool(
        self, name: str, /, idempotency_key: str | None = None, **args: Any
    ) -> ToolOutput:
        """Call a tool with keyword arguments; an `idempotency_key` makes a write safe to retry."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        path = f"/v1/tools/{quote(name, safe='')}"
        return ToolOutput.from_json(self._request("POST", path, args, headers))

    # Approvals (managers and admins)

    def approvals(self) -> list[Approval]:
        """The approval requests waiting for a decision."""
        return [Approval.from_json(a) for a in self._request("GET", "/v1/approvals")["approvals"]]

    def approve(self, approval_id: int, note: str = "") -> Decision:
        """Approve: the paused conversation resumes and the write runs once, as you."""
        path = f"/v1/approvals/{approval_id}/approve"
        return Decision.from_json(self._request("POST", path, {"note": note}))

    def deny(self, approval_id: int, note: str = "") -> Decision:
        """Deny, with a note the requester's conversation is told."""
        path = f"/v1/approvals/{approval_id}/deny"
        return Decision.from_json(self._request("POST", path, {"note": note}))


class AsyncConcierge(_Base):
    """`Concierge` for asyncio: the same methods, awaited (`stream` is an async iterator)."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        token: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        http_client: AsyncHTTPClient | None = None,
    ) -> None:
        super().__init__(base_url, token, api_key, timeout)
        self._owned = http_client is None
        self.http: AsyncHTTPClient = http_client or httpx.AsyncClient(timeout=timeout)

    async def aclose(self) -> None:
        if self._owned:
            await self.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.aclose()

    async def _request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        try:
            response = await self.http.request(
                method,
                self._url(path),
                json=body,
                headers=self._headers(headers),
            )
        except httpx.TransportError as error:
            raise TransportError(0, "transport", str(error) or type(error).__name__) from error
        data = _decode(response)
        _raise_for(response, data)
        return data

    async def guest_session(self, hotel: str) -> Session:
        return self._signed_in(await self._request("POST", "/v1/guest-sessions", {"hotel": hotel}))

    async def login(self, hotel: str, username: str, password: str) -> Session:
        body = {"hotel": hotel, "username": username, "password": password}
        return self._signed_in(await self._request("POST", "/v1/staff/login", body))

    async def logout(self) -> None:
        await self._request("POST", "/v1/staff/logout")
        self.token = None

    async def me(self) -> Me:
        return Me.from_json(await self._request("GET", "/v1/me"))

    async def chat(self, message: str, thread_id: str | None = None) -> ChatReply:
        body = {"message": message, "thread_id": thread_id}
        return ChatReply.from_json(await self._request("POST", "/v1/chat", body))

    async def stream(
        self, message: str, thread_id: str | None = None
    ) -> AsyncIterator[StreamEvent]:
        body = {"message": message, "thread_id": thread_id}
        headers = self._headers({"Accept": "text/event-stream"})
        try:
            async with self.http.stream(
                "POST", self._url("/v1/chat/stream"), json=body, headers=headers
            ) as response:
                if response.status_code >= 400:
                    await response.aread()
                    _raise_for(response, _decode(response))
                events = _Events()
                async for line in response.aiter_lines():
                    event = events.feed(line)
                    if event is not None:
                        yield event
                last = events.end()
                if last is not None:
                    yield last
        except httpx.TransportError as error:
            raise TransportError(0, "transport", str(error) or type(error).__name__) from error

    async def thread(self, thread_id: str) -> Thread:
        path = f"/v1/threads/{quote(thread_id, safe='')}"
        return Thread.from_json(await self._request("GET", path))

    async def tools(self) -> list[Tool]:
        return [Tool.from_json(t) for t in (await self._request("GET", "/v1/tools"))["tools"]]

    async def call_tool(
        self, name: str, /, idempotency_key: str | None = None, **args: Any
    ) -> ToolOutput:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        path = f"/v1/tools/{quote(name, safe='')}"
        return ToolOutput.from_json(await self._request("POST", path, args, headers))

    async def approvals(self) -> list[Approval]:
        data = await self._request("GET", "/v1/approvals")
        return [Approval.from_json(a) for a in data["approvals"]]

    async def approve(self, approval_id: int, note: str = "") -> Decision:
        path = f"/v1/approvals/{approval_id}/approve"
        return Decision.from_json(await self._request("POST", path, {"note": note}))

    async def deny(self, approval_id: int, note: str = "") -> Decision:
        path = f"/v1/approvals/{approval_id}/deny"
        return Decision.from_json(await self._request("POST", path, {"note": note}))


__all__ = ["AsyncConcierge", "Concierge", "ConciergeError"]
