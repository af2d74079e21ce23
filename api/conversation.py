"""Turning the agent's replies into the API's JSON, and a principal's threads into keys."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Path
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel, Field

from agent.desk import private_thread
from agent.reply import Reply, pending_approval
from api.services import Services
from pms.principal import Principal
from pms.text import Prose

THREAD_ID = r"^[A-Za-z0-9._:-]{1,100}$"

# A row id in a path: bounded, so an absurd number is a 422, not a database overflow.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class ChatRequest(BaseModel):
    message: Prose = Field(min_length=1, max_length=4000, description="What the user says.")
    thread_id: str | None = Field(
        None,
        pattern=THREAD_ID,
        description="The conversation to continue; without one a new conversation starts.",
    )


class ToolCallView(BaseModel):
    name: str
    arguments: dict[str, Any]
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None


class ChatResponse(BaseModel):
    reply: str
    thread_id: str
    tool_calls: list[ToolCallView]
    pending_approval: dict[str, Any] | None = None
    # False when the turn failed after some of its writes committed, before it was saved: the
    # writes listed stand (the reply says so), the conversation does not remember them.
    saved: bool = True


class ThreadMessage(BaseModel):
    role: str
    content: str


class ThreadView(BaseModel):
    thread_id: str
    messages: list[ThreadMessage]
    pending_approval: dict[str, Any] | None = None


def new_thread_id() -> str:
    return uuid.uuid4().hex[:16]


def chat_response(reply: Reply, thread_id: str) -> ChatResponse:
    return ChatResponse(
        reply=reply.text,
        thread_id=thread_id,
        tool_calls=[
            ToolCallView(name=use.name, arguments=use.args, result=use.result, error=use.error)
            for use in reply.tool_calls
        ],
        pending_approval=reply.pending_approval,
        saved=reply.saved,
    )


def count_turn(services: Services, principal: Principal, reply: Reply) -> None:
    services.metrics.turns.labels(principal.role.value, principal.channel).inc()
    for use in reply.tool_calls:
        outcome = "ok" if use.error is None else str(use.error.get("type", "error"))
        services.metrics.tool_calls.labels(use.name, outcome).inc()


def thread_view(services: Services, principal: Principal, thread_id: str) -> ThreadView | None:
    """The conversation as its user saw it, or None when this principal has no such thread."""
    config = services.desk.assistant(principal).config(private_thread(principal, thread_id))
    snapshot = services.desk.graph.get_state(config)
    messages = snapshot.values.get("messages") if snapshot.values else None
    if not messages:
        return None
    shown: list[ThreadMessage] = []
    for message in messages:
        if isinstance(message, HumanMessage):
            shown.append(ThreadMessage(role="user", content=str(message.text)))
        elif isinstance(message, AIMessage) and message.text and not message.tool_calls:
            shown.append(ThreadMessage(role="assistant", content=str(message.text)))
    return ThreadView(
        thread_id=thread_id, messages=shown, pending_approval=pending_approval(snapshot)
    )
