"""What one user turn comes to: the reply text, the tool calls it made and what it cost.

Built from the conversation as the checkpoint holds it after the run, so a streamed turn, an
invoked one and a resumed one are summarised by the same code and cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langgraph.types import StateSnapshot

from tools.runtime import ToolUse


@dataclass
class Reply:
    text: str
    tool_calls: list[ToolUse] = field(default_factory=list)
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # The approval the turn is waiting for (see `Assistant.pending_approval`), if any.
    pending_approval: dict[str, Any] | None = None
    # False when the turn failed after some of its writes committed, before it was saved: the
    # writes stand, the conversation does not remember them (see `Assistant._run`).
    saved: bool = True


def pending_approval(snapshot: StateSnapshot) -> dict[str, Any] | None:
    """The approval a checkpoint waits for: approval_id, tool, arguments, reason."""
    for pending in snapshot.interrupts:
        if isinstance(pending.value, dict):
            return dict(pending.value)
    return None


def turn_reply(messages: Sequence[BaseMessage], pending: dict[str, Any] | None) -> Reply:
    """The reply to the last user message: everything the graph added after it."""
    start = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
    return steps_reply(messages[start + 1 :], pending)


def steps_reply(turn: Sequence[BaseMessage], pending: dict[str, Any] | None) -> Reply:
    """The reply made of one turn's model and tool messages."""
    results = {m.tool_call_id: m for m in turn if isinstance(m, ToolMessage)}
    reply = Reply(text="", pending_approval=pending)
    for m in turn:
        if not isinstance(m, AIMessage):
            continue
        reply.model_calls += 1
        if m.usage_metadata:
            reply.prompt_tokens += m.usage_metadata["input_tokens"]
            reply.completion_tokens += m.usage_metadata["output_tokens"]
        for call in m.tool_calls:
            answer = results.get(call["id"] or "")
            outcome = answer.artifact if answer is not None else None
            if not isinstance(outcome, dict):
                outcome = {"result": None, "error": {"type": "not_run", "message": ""}}
            reply.tool_calls.append(
                ToolUse(call["name"], dict(call["args"]), outcome["result"], outcome["error"])
            )
    last = turn[-1] if turn else None
    if isinstance(last, AIMessage):
        reply.text = str(last.text)
    return reply
