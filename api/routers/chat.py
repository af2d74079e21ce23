"""Talking to the concierge: one turn, the same turn streamed, and a thread's history."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Path
from sse_starlette import EventSourceResponse

from agent.desk import private_thread
from agent.streaming import Done, Event, as_json
from api.conversation import (
    THREAD_ID,
    ChatRequest,
    ChatResponse,
    ThreadView,
    chat_response,
    count_turn,
    new_thread_id,
    thread_view,
)
from api.deps import PrincipalDep, ServicesDep, limit_principal
from api.errors import ApiError, error_body
from pms.errors import PmsError

router = APIRouter(prefix="/v1", tags=["chat"])
log = logging.getLogger("concierge.api")


@router.post("/chat")
def chat(body: ChatRequest, principal: PrincipalDep, services: ServicesDep) -> ChatResponse:
    """One turn: the agent reads the message, uses its tools, and answers."""
    limit_principal(principal, services)
    thread = body.thread_id or new_thread_id()
    assistant = services.desk.assistant(principal)
    reply = assistant.send(private_thread(principal, thread), body.message)
    count_turn(services, principal, reply)
    return chat_response(reply, thread)


def sse_data(event: Event, thread_id: str) -> dict[str, Any]:
    """An event's SSE payload: `done` carries the same JSON as POST /v1/chat."""
    if isinstance(event, Done):
        return chat_response(event.reply, thread_id).model_dump(mode="json")
    data = as_json(event)
    data.pop("type", None)
    return data


@router.post(
    "/chat/stream",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events."}},
)
def chat_stream(
    body: ChatRequest, principal: PrincipalDep, services: ServicesDep
) -> EventSourceResponse:
    """The same turn as it happens: token, tool_call, tool_result, approval_pending, done."""
    limit_principal(principal, services)
    thread = body.thread_id or new_thread_id()
    assistant = services.desk.assistant(principal)
    key = private_thread(principal, thread)

    async def events() -> AsyncIterator[dict[str, str]]:
        try:
            async for event in assistant.astream(key, body.message):
                if isinstance(event, Done):
                    count_turn(services, principal, event.reply)
                payload = sse_data(event, thread)
                yield {"event": event.kind, "data": json.dumps(payload, default=str)}
        except PmsError as refusal:
            yield {"event": "error", "data": json.dumps(error_body(refusal.type, refusal.message))}
        except Exception:
            log.exception("the streamed turn failed")
            failure = error_body("internal", "The turn failed on our side; it is logged.")
            yield {"event": "error", "data": json.dumps(failure)}

    return EventSourceResponse(events(), ping=15, headers={"X-Concierge-Thread": thread})


@router.get("/threads/{thread_id}")
def thread_history(
    thread_id: Annotated[str, Path(pattern=THREAD_ID)],
    principal: PrincipalDep,
    services: ServicesDep,
) -> ThreadView:
    """The conversation so far (the user's messages and the concierge's answers)."""
    view = thread_view(services, principal, thread_id)
    if view is None:
        raise ApiError(404, "not_found", f"There is no conversation '{thread_id}' for you.")
    return view
