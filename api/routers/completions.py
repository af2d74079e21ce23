"""An OpenAI-compatible chat endpoint, so any OpenAI client or chat UI can talk to the concierge.

The client's API key is a Concierge credential; its `model` is ignored. Only the last user
message goes to the agent: the concierge keeps its own history, and a client's system or
assistant messages cannot rewrite it (nor who is acting). The conversation is the one named by
`user` or an `X-Concierge-Thread` header; failing both, it is found from the history the client
sends, which ends with the concierge's previous answer (kept in the shared state for a day).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette import EventSourceResponse

from agent.desk import private_thread
from agent.reply import Reply
from agent.streaming import Done, Token
from api.conversation import THREAD_ID, count_turn, new_thread_id
from api.deps import PrincipalDep, ServicesDep, limit_principal
from api.errors import ApiError
from api.services import Services
from pms.principal import Principal

router = APIRouter(prefix="/v1", tags=["openai-compatible"])

_HISTORY_SECONDS = 24 * 3600
_THREAD = re.compile(THREAD_ID)


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[dict[str, Any]] | None = None


class CompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = "concierge"
    messages: list[Message] = Field(min_length=1, max_length=500)
    stream: bool = False
    user: str | None = Field(None, max_length=100)


def text_of(message: Message) -> str:
    if isinstance(message.content, str):
        return message.content
    parts = message.content or []
    return "".join(str(p.get("text", "")) for p in parts if p.get("type") == "text")


def _fingerprint(principal: Principal, turns: list[tuple[str, str]]) -> str:
    digest = hashlib.sha256(json.dumps([principal.identity, turns]).encode()).hexdigest()
    return f"completions:{principal.hotel}:{digest}"


def _dialogue(messages: list[Message]) -> list[tuple[str, str]]:
    return [(m.role, text_of(m)) for m in messages if m.role in ("user", "assistant")]


def _thread(
    services: Services, principal: Principal, body: CompletionRequest, header: str | None
) -> tuple[str, bool]:
    """The conversation this request continues, and whether it was found from the history."""
    named = header or body.user
    if named:
        if not _valid_thread(named):
            raise ApiError(422, "invalid", "The thread name may use letters, digits and . _ : -")
        return named, False
    history = _dialogue(body.messages)[:-1]
    if history:
        known = services.shared.get(_fingerprint(principal, history))
        if known:
            return known, True
    return new_thread_id(), True


def _valid_thread(name: str) -> bool:
    return _THREAD.fullmatch(name) is not None


def _last_user_message(body: CompletionRequest) -> str:
    for message in reversed(body.messages):
        if message.role == "user":
            text = text_of(message).strip()
            if text:
                return text[:4000]
    raise ApiError(422, "invalid", "messages must end with a user message that has text.")


def _remember(
    services: Services, principal: Principal, body: CompletionRequest, reply: str, thread: str
) -> None:
    turns = [*_dialogue(body.messages), ("assistant", reply)]
    services.shared.put(_fingerprint(principal, turns), thread, _HISTORY_SECONDS)


def _completion(reply: Reply, thread: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "concierge",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.text},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
        },
        "system_fingerprint": thread,
    }


def _chunk(ident: str, created: int, delta: dict[str, Any], finish: str | None) -> str:
    return json.dumps(
        {
            "id": ident,
            "object": "chat.completion.chunk",
            "created": created,
            "model": "concierge",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
    )


@router.post("/chat/completions", response_model=None)
def chat_completions(
    body: CompletionRequest,
    principal: PrincipalDep,
    services: ServicesDep,
    x_concierge_thread: Annotated[str | None, Header()] = None,
) -> JSONResponse | EventSourceResponse:
    """OpenAI's chat completions, plain or streamed (`"stream": true`)."""
    limit_principal(principal, services)
    message = _last_user_message(body)
    thread, derived = _thread(services, principal, body, x_concierge_thread)
    assistant = services.desk.assistant(principal)
    key = private_thread(principal, thread)
    headers = {"X-Concierge-Thread": thread}
    if not body.stream:
        reply = assistant.send(key, message)
        count_turn(services, principal, reply)
        if derived:
            _remember(services, principal, body, reply.text, thread)
        return JSONResponse(_completion(reply, thread), headers=headers)

    ident, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

    async def chunks() -> AsyncIterator[dict[str, str]]:
        yield {"data": _chunk(ident, created, {"role": "assistant", "content": ""}, None)}
        async for event in assistant.astream(key, message):
            if isinstance(event, Token) and event.text:
                yield {"data": _chunk(ident, created, {"content": event.text}, None)}
            elif isinstance(event, Done):
                count_turn(services, principal, event.reply)
                if derived:
                    _remember(services, principal, body, event.reply.text, thread)
        yield {"data": _chunk(ident, created, {}, "stop")}
        yield {"data": "[DONE]"}

    return EventSourceResponse(chunks(), headers=headers)
