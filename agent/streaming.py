"""The events of a streamed turn, and how LangGraph's stream parts become them.

A caller (the terminal chat, later an SSE endpoint) shows a turn while it happens:

- `Token(text)`: a piece of the reply as the model produces it. A model that does not stream
  (or a reply the graph fixes after the model, such as the tool-cap fallback) arrives as one
  token at the end of its model step, so the tokens always add up to what the model said.
- `ToolCall(name, args, call_id)`: the model asked for a tool; it has not run yet.
- `ToolResult(name, call_id, ok, error, summary)`: the tool ran or was refused; `error` is
  `{"type", "message"}` exactly as the model reads it.
- `ApprovalPending(request)`: the turn paused for a manager (`Assistant.pending_approval`).
- `Done(reply)`: always last; the same `Reply` that `Assistant.send` returns.

The reply's text is the tokens after the last `ToolResult`: a model may say something before it
calls a tool ("Let me check."), and that text is streamed but is not the answer.

`in_thread` hands a stream to an async caller: the graph, its checkpointers and the database
are synchronous, so the turn runs in a worker thread and the event loop only awaits its events.

The graph is run with `stream_mode=["messages", "updates"]` and `version="v2"` (typed parts):
"messages" carries the chat model's chunks as it streams them, "updates" each node's finished
output, from which tool steps are read (the tools node is not a LangChain tool, so LangGraph's
own tool events never fire) and `__interrupt__` when the graph pauses.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, ClassVar

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, ToolMessage
from langgraph.types import Interrupt, StreamPart

from agent.reply import Reply

MODEL_NODE = "model"
TOOLS_NODE = "tools"
SUMMARY_CHARS = 160


@dataclass(frozen=True)
class Token:
    text: str
    kind: ClassVar[str] = "token"


@dataclass(frozen=True)
class ToolCall:
    """A tool call the model asked for (not LangChain's ToolCall: this one is an event)."""

    name: str
    args: dict[str, Any]
    call_id: str
    kind: ClassVar[str] = "tool_call"


@dataclass(frozen=True)
class ToolResult:
    name: str
    call_id: str
    ok: bool
    error: dict[str, Any] | None
    # A line for a person watching; the whole result is in `Done.reply.tool_calls`.
    summary: str
    kind: ClassVar[str] = "tool_result"


@dataclass(frozen=True)
class ApprovalPending:
    request: dict[str, Any]
    kind: ClassVar[str] = "approval_pending"


@dataclass(frozen=True)
class Done:
    reply: Reply
    kind: ClassVar[str] = "done"


Event = Token | ToolCall | ToolResult | ApprovalPending | Done


def as_json(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready dict with its kind under "type" (an SSE `event:` name)."""
    return {"type": event.kind, **asdict(event)}


def summarise(result: Any) -> str:
    text = json.dumps(result, default=str, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1] + "…"


def _text(message: BaseMessage) -> str:
    return message.text if isinstance(message.text, str) else str(message.text)


class TurnEvents:
    """Reads the stream parts of one graph run, in order, and yields its events."""

    def __init__(self) -> None:
        self._streamed = ""  # what the current model step has streamed so far
        # The turn's model and tool messages so far, as the steps finished: what a turn that
        # fails before it is saved has done (see `Assistant._run`).
        self.messages: list[BaseMessage] = []

    def feed(self, part: StreamPart[Any, Any]) -> Iterator[Event]:
        if part["ns"]:
            return  # no subgraphs today; their parts would be someone else's turn
        if part["type"] == "messages":
            message, metadata = part["data"]
            if metadata.get("langgraph_node") == MODEL_NODE and isinstance(message, AIMessageChunk):
                text = _text(message)
                if text:
                    self._streamed += text
                    yield Token(text)
        elif part["type"] == "updates":
            for node, update in part["data"].items():
                if node == "__interrupt__":
                    yield from self._paused(update)
                elif node == MODEL_NODE and isinstance(update, dict):
                    yield from self._answered(update.get("messages", []))
                elif node == TOOLS_NODE and isinstance(update, dict):
                    yield from self._ran(update.get("messages", []))

    def _answered(self, messages: list[BaseMessage]) -> Iterator[Event]:
        for message in messages:
            if not isinstance(message, AIMessage):
                continue
            self.messages.append(message)
            # Whatever the step said that was not streamed (a model that does not stream, or
            # text the graph put in its place) is sent now, so the tokens match the message.
            text = _text(message)
            if text.startswith(self._streamed) and len(text) > len(self._streamed):
                yield Token(text[len(self._streamed) :])
            self._streamed = ""
            for call in message.tool_calls:
                yield ToolCall(call["name"], dict(call["args"]), call["id"] or "")

    def _ran(self, messages: list[BaseMessage]) -> Iterator[Event]:
        for message in messages:
            if not isinstance(message, ToolMessage):
                continue
            self.messages.append(message)
            outcome = message.artifact if isinstance(message.artifact, dict) else {}
            error = outcome.get("error")
            summary = summarise(outcome.get("result")) if error is None else ""
            yield ToolResult(
                name=message.name or "",
                call_id=message.tool_call_id,
                ok=error is None,
                error=dict(error) if error is not None else None,
                summary=summary,
            )

    def _paused(self, interrupts: Any) -> Iterator[Event]:
        for pending in interrupts:
            value = pending.value if isinstance(pending, Interrupt) else pending
            if isinstance(value, dict):
                yield ApprovalPending(dict(value))


async def in_thread(start: Callable[[], Iterator[Event]]) -> AsyncIterator[Event]:
    """The events of `start()`, a sync stream, for an async caller (an SSE endpoint, say).

    `start` itself runs in the worker too, since even opening a turn reads the checkpoint; its
    errors (NoPendingApproval, say) arrive at the first read. The whole turn stays on one thread.
    A caller that stops early (a closed connection) does not wait for the rest: the worker
    finishes the turn, as the sync stream does when closed, and the loop's default executor
    waits for it when it shuts down.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[Event | None, BaseException | None]] = asyncio.Queue()
    abandoned = threading.Event()

    def put(item: tuple[Event | None, BaseException | None]) -> None:
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is listening any more
            loop.call_soon_threadsafe(queue.put_nowait, item)

    def run() -> None:
        try:
            events = start()
            for event in events:
                if abandoned.is_set():
                    close = getattr(events, "close", None)
                    if close is not None:
                        close()  # finishes the turn (Assistant._run)
                    return
                put((event, None))
        except BaseException as error:
            put((None, error))
            return
        put((None, None))

    worker = loop.run_in_executor(None, run)
    try:
        while True:
            event, error = await queue.get()
            if error is not None:
                raise error
            if event is None:
                break
            yield event
    finally:
        abandoned.set()
    await worker
