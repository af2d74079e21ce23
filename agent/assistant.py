"""One conversation partner: an identity, a model and a checkpointer around the graph.

`Assistant.send(thread_id, message)` runs one user turn and returns the reply and the tool calls
it made. The identity (hotel, role, user, proven codes) is fixed by whoever builds the Assistant
from authenticated credentials; the thread id names the conversation in the checkpointer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver

from agent.context import DEFAULT_MAX_TOOL_CALLS, Context
from agent.graph import build_graph
from agent.state import State
from pms.clock import Clock, SystemClock
from pms.principal import Role
from tools.runtime import ToolRuntime


@dataclass(frozen=True)
class ToolUse:
    name: str
    args: dict[str, Any]
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class Reply:
    text: str
    tool_calls: list[ToolUse] = field(default_factory=list)
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0


class Assistant:
    def __init__(
        self,
        runtime: ToolRuntime,
        checkpointer: BaseCheckpointSaver[Any],
        model: BaseChatModel,
        hotel: str,
        role: Role | str,
        user: str | None = None,
        reservations: Iterable[str] = (),
        clock: Clock | None = None,
        channel: str = "chat",
        *,
        timezone: str = "UTC",
        max_tool_calls: int = DEFAULT_MAX_TOOL_CALLS,
    ) -> None:
        self.runtime = runtime
        self.model = model
        self.hotel = hotel
        self.role = Role(role)
        self.user = user
        self.reservations = frozenset(code.upper() for code in reservations)
        self.clock: Clock = clock or SystemClock()
        self.channel = channel
        self.timezone = timezone
        self.max_tool_calls = max_tool_calls
        self.graph = build_graph(checkpointer)

    def context(self, thread_id: str) -> Context:
        return Context(
            hotel=self.hotel,
            role=self.role,
            subject=thread_id,
            runtime=self.runtime,
            model=self.model,
            user=self.user,
            reservations=self.reservations,
            channel=self.channel,
            clock=self.clock,
            timezone=self.timezone,
            max_tool_calls=self.max_tool_calls,
        )

    def config(self, thread_id: str) -> RunnableConfig:
        # Each tool round is two steps (model, tools); leave room for the capped answer.
        return {
            "configurable": {"thread_id": thread_id},
            "recursion_limit": 2 * self.max_tool_calls + 10,
        }

    def send(self, thread_id: str, message: str) -> Reply:
        """One user turn: the model and tools loop until the model answers."""
        # A partial update: `verified` is left as the checkpoint has it.
        update = cast(State, {"messages": [HumanMessage(content=message)], "turn_tool_calls": 0})
        final = self.graph.invoke(
            update,
            self.config(thread_id),
            context=self.context(thread_id),
        )
        messages = final["messages"]
        start = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
        turn = messages[start + 1 :]
        results = {m.tool_call_id: m for m in turn if isinstance(m, ToolMessage)}
        reply = Reply(text="")
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
        last = messages[-1]
        if isinstance(last, AIMessage):
            reply.text = str(last.text)
        return reply

    def verified(self, thread_id: str) -> frozenset[str]:
        """The codes the guest has proven in this conversation (from the checkpoint)."""
        values = self.graph.get_state(self.config(thread_id)).values
        return frozenset(values.get("verified", []))
