"""The SDK against the real app: credentials, conversations, tools, approvals and errors."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from concierge_sdk import (
    ApprovalPending,
    AsyncConcierge,
    ChatReply,
    Concierge,
    ConciergeError,
    Conflict,
    Done,
    Invalid,
    NotFound,
    NotPermitted,
    RateLimited,
    Token,
    ToolCall,
    ToolResult,
    TransportError,
    Unauthenticated,
)
from tests.channels.loopback import loopback
from tests.concierge_sdk.conftest import CHAT_LIMIT

HOTEL = "harbor-view"


def staff(http: TestClient, username: str, password: str) -> Concierge:
    client = Concierge("http://testserver", http_client=http)
    client.login(HOTEL, username, password)
    return client


def test_a_guest_session_and_who_it_is(concierge: Concierge) -> None:
    session = concierge.guest_session(HOTEL)
    assert session.hotel == HOTEL and session.token and session.role is None
    me = concierge.me()
    assert (me.hotel, me.role, me.user, me.channel) == (HOTEL, "guest", None, "web")


def test_staff_sign_in_and_out(concierge: Concierge) -> None:
    session = concierge.login(HOTEL, "leo.martins", "harbor-leo")
    assert (session.username, session.role, session.full_name) == (
        "leo.martins",
        "front_desk",
        "Leo Martins",
    )
    assert concierge.me().user == "leo.martins"
    token = concierge.token
    concierge.logout()
    assert concierge.token is None
    # The revoked token is refused from now on, wherever it is sent from.
    with pytest.raises(Unauthenticated) as refused:
        Concierge("http://testserver", token=token, http_client=concierge.http).me()
    assert refused.value.status == 401


def test_a_wrong_password_is_unauthenticated(concierge: Concierge) -> None:
    with pytest.raises(Unauthenticated) as refused:
        concierge.login(HOTEL, "leo.martins", "not-the-password")
    assert refused.value.type == "unauthenticated" and refused.value.message
    assert concierge.token is None


def test_no_or_bad_credentials_are_unauthenticated(concierge: Concierge) -> None:
    with pytest.raises(Unauthenticated):
        concierge.me()
    concierge.token = "not-a-token"
    with pytest.raises(Unauthenticated) as refused:
        concierge.chat("hello")
    assert isinstance(refused.value, ConciergeError) and refused.value.status == 401


def test_chat_continues_a_conversation_and_shows_its_history(http: TestClient) -> None:
    leo = staff(http, "leo.martins", "harbor-leo")
    first = leo.chat("is there a room free from 2027-04-10 to 2027-04-12?")
    assert isinstance(first, ChatReply) and "How many adults" in first.reply
    second = leo.chat("for 2 adults", thread_id=first.thread_id)
    assert second.thread_id == first.thread_id
    assert "For 2027-04-10 to 2027-04-12" in second.reply
    [use] = second.tool_calls
    assert use.name == "check_availability" and use.ok and use.result is not None
    history = leo.thread(first.thread_id)
    assert [m.role for m in history.messages] == ["user", "assistant", "user", "assistant"]
    assert history.messages[2].content == "for 2 adults"


def test_another_principals_thread_is_not_found(http: TestClient) -> None:
    leo = staff(http, "leo.martins", "harbor-leo")
    thread = leo.chat("print me today's report").thread_id
    ana = staff(http, "ana.silva", "harbor-ana")
    with pytest.raises(NotFound) as missing:
        ana.thread(thread)
    assert missing.value.status == 404


def test_the_stream_yields_typed_events_ending_with_the_reply(http: TestClient) -> None:
    grace = staff(http, "grace.kim", "harbor-grace")
    events = list(grace.stream("print me today's report"))
    calls = [e for e in events if isinstance(e, ToolCall)]
    results = [e for e in events if isinstance(e, ToolResult)]
    assert [c.name for c in calls] == ["daily_report"]
    assert results[0].ok and results[0].id == calls[0].id
    text = "".join(e.text for e in events if isinstance(e, Token))
    done = events[-1]
    assert isinstance(done, Done)
    assert "Report for 2027-03-01" in done.reply.reply
    assert text.strip() == done.reply.reply.strip()
    assert done.reply.tool_calls[0].name == "daily_report"


REFUND = {"confirmation_code": "HV1004", "amount": "10.00", "reason": "goodwill"}


def test_a_manager_decides_an_approval_request(http: TestClient) -> None:
    leo = staff(http, "leo.martins", "harbor-leo")
    asked = leo.call_tool(
        "request_manager_approval",
        tool="refund_payment",
        arguments=REFUND,
        reason="The spa was closed during the booked slot.",
    )
    grace = staff(http, "grace.kim", "harbor-grace")
    [waiting] = grace.approvals()
    assert waiting.status == "pending" and waiting.tool == "refund_payment"
    assert waiting.requested_by == "leo.martins" and waiting.arguments == REFUND
    assert str(waiting.approval_id) in str(asked.result)
    decision = grace.approve(waiting.approval_id, "ok, the spa was closed")
    assert decision.approval.status == "approved"
    assert decision.approval.decided_by == "grace.kim"
    assert decision.approval.decision_note == "ok, the spa was closed"
    assert grace.approvals() == []
    with pytest.raises(Conflict) as again:
        grace.deny(waiting.approval_id, "too late")
    assert again.value.status == 409
    with pytest.raises(NotPermitted):
        leo.approve(waiting.approval_id)


def test_a_paused_turn_resumes_when_a_manager_approves(http: TestClient) -> None:
    leo = staff(http, "leo.martins", "harbor-leo")
    asked = leo.chat("Please refund $10 on HV1004, the spa was closed during his slot.")
    assert asked.pending_approval is not None
    assert asked.pending_approval["tool"] == "refund_payment"
    assert leo.thread(asked.thread_id).pending_approval == asked.pending_approval
    grace = staff(http, "grace.kim", "harbor-grace")
    [waiting] = grace.approvals()
    decision = grace.approve(waiting.approval_id, "ok")
    assert decision.thread_id == asked.thread_id
    assert decision.reply is not None and decision.reply.pending_approval is None
    assert leo.thread(asked.thread_id).pending_approval is None


def test_a_streamed_turn_shows_the_pause(http: TestClient) -> None:
    leo = staff(http, "leo.martins", "harbor-leo")
    events = list(leo.stream("Please refund $10 on HV1004, the spa was closed during his slot."))
    [pending] = [e for e in events if isinstance(e, ApprovalPending)]
    done = events[-1]
    assert isinstance(done, Done) and done.reply.pending_approval == pending.request
    assert pending.request["tool"] == "refund_payment"


def test_stream_events_sent_as_sse_starlette_sends_them_are_parsed() -> None:
    body = (
        ": ping - 2027-03-01 10:00:00\r\n\r\n"
        'event: token\r\ndata: {"text": "One moment"}\r\n\r\n'
        'event: approval_pending\r\ndata: {"request": {"approval_id": 7, "tool": "refund_payment"}}'
        "\r\n\r\n"
        'event: done\r\ndata: {"reply": "Waiting.", "thread_id": "t1", "tool_calls": [],'
        ' "pending_approval": {"approval_id": 7}}\r\n\r\n'
    )

    with loopback() as server:
        server.answer("/v1/chat/stream", body.encode())
        with Concierge(server.url, token="t") as concierge:
            events = list(concierge.stream("refund"))
        [sent] = server.requests_to("/v1/chat/stream")
    assert sent.json() == {"message": "refund", "thread_id": None}
    assert sent.headers["authorization"] == "Bearer t"
    assert events == [
        Token("One moment"),
        ApprovalPending({"approval_id": 7, "tool": "refund_payment"}),
        Done(ChatReply("Waiting.", "t1", [], {"approval_id": 7})),
    ]


def test_an_error_event_in_a_stream_is_raised() -> None:
    body = 'event: error\ndata: {"error": {"type": "conflict", "message": "Changed."}}\n\n'

    with loopback() as server, Concierge(server.url) as concierge:
        server.answer("/v1/chat/stream", body.encode())
        with pytest.raises(Conflict) as conflict:
            list(concierge.stream("hello"))
    assert conflict.value.message == "Changed."


def test_tools_as_rest(http: TestClient) -> None:
    leo = staff(http, "leo.martins", "harbor-leo")
    names = {tool.name for tool in leo.tools()}
    assert {"check_availability", "post_charge"} <= names
    maria = staff(http, "maria.santos", "harbor-maria")
    assert "post_charge" not in {tool.name for tool in maria.tools()}
    first = leo.call_tool(
        "post_charge",
        idempotency_key="minibar-412",
        confirmation_code="HV1001",
        amount="40.00",
        category="minibar",
        description="Minibar",
    )
    again = leo.call_tool(
        "post_charge",
        idempotency_key="minibar-412",
        confirmation_code="HV1001",
        amount="40.00",
        category="minibar",
        description="Minibar",
    )
    assert not first.replayed and again.replayed
    assert again.result == first.result


def test_refusals_surface_as_their_exception_types(http: TestClient) -> None:
    guest = Concierge("http://testserver", http_client=http)
    guest.guest_session(HOTEL)
    with pytest.raises(NotPermitted) as forbidden:
        guest.approvals()
    assert forbidden.value.status == 403 and forbidden.value.type == "not_permitted"
    with pytest.raises(NotFound):
        guest.call_tool("no_such_tool")
    with pytest.raises(NotFound):
        guest.thread("never-started")
    with pytest.raises(Invalid) as invalid:
        guest.chat("")
    assert invalid.value.status == 422 and "message" in invalid.value.message
    maria = staff(http, "maria.santos", "harbor-maria")
    with pytest.raises(NotPermitted):
        maria.call_tool("daily_report")


def test_too_many_turns_are_rate_limited_with_retry_after(http: TestClient) -> None:
    guest = Concierge("http://testserver", http_client=http)
    guest.guest_session(HOTEL)
    allowed = int(CHAT_LIMIT.split("/")[0])
    for _ in range(allowed):
        guest.chat("hello")
    with pytest.raises(RateLimited) as limited:
        guest.chat("hello")
    assert limited.value.status == 429
    assert limited.value.retry_after is not None and limited.value.retry_after > 0
    with pytest.raises(RateLimited):
        next(iter(guest.stream("hello")))


def test_an_unreachable_server_is_a_transport_error() -> None:
    with Concierge("http://127.0.0.1:9", timeout=2) as nowhere, pytest.raises(TransportError):
        nowhere.me()


def test_the_async_client(app: FastAPI) -> None:
    async def scenario() -> tuple[str, str, list[str]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport) as http:
            concierge = AsyncConcierge("http://testserver", http_client=http)
            await concierge.login(HOTEL, "grace.kim", "harbor-grace")
            me = await concierge.me()
            reply = await concierge.chat("print me today's report")
            kinds = [type(e).__name__ async for e in concierge.stream("print me today's report")]
            with pytest.raises(NotFound):
                await concierge.thread("never-started")
            return me.user or "", reply.reply, kinds

    user, reply, kinds = asyncio.run(scenario())
    assert user == "grace.kim"
    assert "Report for 2027-03-01" in reply
    assert kinds[-1] == "Done" and "ToolCall" in kinds
