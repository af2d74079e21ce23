"""The real langchain-openai model, streaming through the graph, against a fake HTTP server.

The server is an httpx MockTransport that answers chat-completion requests with the server-sent
events OpenAI sends, so the chunk shapes (text deltas, tool-call deltas, the usage chunk) are
the provider's own; nothing leaves the process.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from langchain_openai import ChatOpenAI
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import SecretStr

from agent.assistant import Assistant
from agent.streaming import Done, Token, ToolCall, ToolResult
from pms.clock import FrozenClock
from pms.db import Database
from tests.support import NOW
from tools.runtime import ToolRuntime


def _chunk(delta: dict[str, Any] | None = None, usage: dict[str, int] | None = None) -> str:
    body: dict[str, Any] = {
        "id": "chatcmpl-1",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": None}],
    }
    if usage is not None:
        body["usage"] = usage
    return f"data: {json.dumps(body)}\n\n"


def _usage(prompt: int, completion: int) -> dict[str, int]:
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": 0}


ARGS = json.dumps({"confirmation_code": "HV1005"})
ASKS_FOR_THE_BOOKING = [
    _chunk({"role": "assistant", "content": None, "tool_calls": [
        {"index": 0, "id": "call_1", "type": "function",
         "function": {"name": "get_reservation", "arguments": ""}}]}),
    _chunk({"tool_calls": [{"index": 0, "function": {"arguments": ARGS[:10]}}]}),
    _chunk({"tool_calls": [{"index": 0, "function": {"arguments": ARGS[10:]}}]}),
    _chunk(usage=_usage(900, 20)),
]  # fmt: skip
ANSWERS = [
    _chunk({"role": "assistant", "content": ""}),
    *(_chunk({"content": piece}) for piece in ["HV1005 is ", "Daniel ", "Okafor's stay."]),
    _chunk(usage=_usage(1000, 12)),
]


def test_openai_tokens_tool_steps_and_usage_stream_through_the_graph(db: Database) -> None:
    requests: list[dict[str, Any]] = []

    def server(request: httpx.Request) -> httpx.Response:
        requests.append(json.loads(request.content))
        events = ASKS_FOR_THE_BOOKING if len(requests) == 1 else ANSWERS
        body = "".join(events) + "data: [DONE]\n\n"
        return httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})

    model = ChatOpenAI(
        model="gpt-4o-mini",
        api_key=SecretStr("sk-test"),
        http_client=httpx.Client(transport=httpx.MockTransport(server)),
        stream_usage=True,
    )
    agent = Assistant(
        runtime=ToolRuntime(db),
        checkpointer=InMemorySaver(),
        model=model,
        hotel="harbor-view",
        role="front_desk",
        user="leo.martins",
        clock=FrozenClock(NOW),
    )
    events = list(agent.stream("t", "Who is HV1005?"))

    assert all(r["stream"] is True and r["stream_options"]["include_usage"] for r in requests)
    assert [e.kind for e in events] == [
        "tool_call",
        "tool_result",
        "token",
        "token",
        "token",
        "done",
    ]
    assert events[0] == ToolCall("get_reservation", {"confirmation_code": "HV1005"}, "call_1")
    assert isinstance(events[1], ToolResult) and events[1].ok
    assert [e.text for e in events if isinstance(e, Token)] == [
        "HV1005 is ",
        "Daniel ",
        "Okafor's stay.",
    ]
    final = events[-1]
    assert isinstance(final, Done)
    assert final.reply.text == "HV1005 is Daniel Okafor's stay."
    assert (final.reply.prompt_tokens, final.reply.completion_tokens) == (1900, 32)
    assert final.reply.tool_calls[0].result is not None
    assert final.reply.tool_calls[0].result["guest_name"] == "Daniel Okafor"
