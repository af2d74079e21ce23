"""One conversation partner: an identity, a model and a checkpointer around the graph.

`Assistant.send(thread_id, message)` runs one user turn and returns the reply and the tool calls
it made. When front-desk staff ask for a manager-only write, the turn pauses on an approval:
`pending_approval(thread_id)` shows it and `resume(thread_id, approved, by, note)` continues the
turn with the manager's decision. The identity (hotel, role, user, proven codes) is fixed by
whoever builds the Assistant from authenticated credentials; the thread id names the
conversation in the checkpointer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command

from agent.context import DEFAULT_MAX_TOOL_CALLS, Context
from agent.graph import build_graph
from agent.state import State
from pms.clock import Clock, SystemClock
from pms.principal import Role
from tools.runtime import ToolRuntime, ToolUse


@dataclass
class Reply:
    text: str
    tool_calls: list[ToolUse] = field(default_factory=list)
    model_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # The approval the turn is waiting for (see `Assistant.pending_approval`), if any.
    pending_approval: dict[str, Any] | None = None


class NoPendingApproval(LookupError):
    """`resume` was called on a conversation that is not waiting for a manager."""


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
        """One user turn: the model and tools loop until the model answers.

        While a manager's decision is pending the turn is not started: the paused tool call
        must be answered first, and a model API would reject a history that leaves it open.
        """
        waiting = self.pending_approval(thread_id)
        if waiting is not None:
            return Reply(
                text=(
                    f"This conversation is waiting for a manager's decision on approval request "
                    f"{waiting.get('approval_id')} ({waiting.get('tool')}); it continues once "
                    "a manager approves or declines it."
                ),
                pending_approval=waiting,
            )
        # A partial update: `verified` is left as the checkpoint has it.
        update = cast(State, {"messages": [HumanMessage(content=message)], "turn_tool_calls": 0})
        final = self.graph.invoke(
            update,
            self.config(thread_id),
            context=self.context(thread_id),
        )
        return self._reply(thread_id, final)

    def pending_approval(self, thread_id: str) -> dict[str, Any] | None:
        """The approval the conversation waits for: approval_id, tool, arguments, reason."""
        snapshot = self.graph.get_state(self.config(thread_id))
        for pending in snapshot.interrupts:
            if isinstance(pending.value, dict):
                return dict(pending.value)
        return None

    def resume(self, thread_id: str, approved: bool, by: str, note: str = "") -> Reply:
        """Continue the paused turn with a manager's decision; `by` is their username.

        The caller has authenticated `by` as a manager of this hotel. An approved write runs
        once, as that manager; a denial reaches the model with the note.
        """
        if self.pending_approval(thread_id) is None:
            raise NoPendingApproval(f"Conversation {thread_id} is not waiting for an approval.")
        decision = {"approved": approved, "by": by, "note": note}
        final = self.graph.invoke(
            Command(resume=decision),
            self.config(thread_id),
            context=self.context(thread_id),
        )
        return self._reply(thread_id, final)

    def _reply(self, thread_id: str, final: dict[str, Any]) -> Reply:
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
        reply.pending_approval = self.pending_approval(thread_id)
        return reply

    def verified(self, thread_id: str) -> frozenset[str]:
        """The codes the guest has proven in this conversation (from the checkpoint)."""
        values = self.graph.get_state(self.config(thread_id)).values
        return frozenset(values.get("verified", []))
