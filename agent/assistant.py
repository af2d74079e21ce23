"""One conversation partner: an identity, a model and a checkpointer around the graph.

`Assistant.send(thread_id, message)` runs one user turn and returns the reply and the tool calls
it made. When front-desk staff ask for a manager-only write, the turn pauses on an approval:
`pending_approval(thread_id)` shows it and `resume(thread_id, approved, by, note)` continues the
turn with the manager's decision. The identity (hotel, role, user, proven codes) is fixed by
whoever builds the Assistant from authenticated credentials; the thread id names the
conversation in the checkpointer. What the agent knows of the hotel is its profile (read from
the hotel's data when not given), and "today" is the hotel's business date, read each turn.

`stream(...)` and `stream_resume(...)` are the same turns as they happen (agent/streaming.py);
`send` and `resume` read those streams to their `Done`, so there is one way a turn runs.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, cast

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.types import Command

from agent.context import DEFAULT_MAX_TOOL_CALLS, Context
from agent.graph import Graph, build_graph
from agent.reply import Reply, pending_approval, steps_reply, turn_reply
from agent.state import State
from agent.streaming import ApprovalPending, Done, Event, Token, TurnEvents, in_thread
from pms.clock import Clock, SystemClock
from pms.hotels.profile import HotelProfile, business_date_of, load_profile
from pms.principal import Role
from tools import registry
from tools.registry import Kind
from tools.runtime import ToolRuntime, ToolUse

__all__ = ["Assistant", "Event", "NoPendingApproval", "Reply"]

log = logging.getLogger("concierge.agent")


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
        profile: HotelProfile | None = None,
        max_tool_calls: int = DEFAULT_MAX_TOOL_CALLS,
        graph: Graph | None = None,
    ) -> None:
        self.runtime = runtime
        self.model = model
        self.hotel = hotel
        self.role = Role(role)
        self.user = user
        self.reservations = frozenset(code.upper() for code in reservations)
        self.clock: Clock = clock or SystemClock()
        self.channel = channel
        # The hotel as its data describes it; a server passes the one it keeps (agent/desk.py).
        self.profile = profile or runtime.db.run(lambda session: load_profile(session, hotel))
        self.max_tool_calls = max_tool_calls
        # A compiled graph holds no conversation state: a server shares one (agent/desk.py).
        self.graph = graph if graph is not None else build_graph(checkpointer)

    def context(self, thread_id: str) -> Context:
        return Context(
            hotel=self.hotel,
            role=self.role,
            subject=thread_id,
            runtime=self.runtime,
            model=self.model,
            profile=self.profile,
            today=self.runtime.db.run(lambda session: business_date_of(session, self.hotel)),
            user=self.user,
            reservations=self.reservations,
            channel=self.channel,
            clock=self.clock,
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
        return _reply(self.stream(thread_id, message))

    def stream(self, thread_id: str, message: str) -> Iterator[Event]:
        """`send`, as it happens: tokens, tool steps, a pause for approval, then `Done`.

        The turn starts when the stream is first read. A reader that stops early (closes it)
        still gets the turn finished, so the conversation never keeps a half-run step.
        While a manager's decision is pending the turn is not started: the paused tool call
        must be answered first, and a model API would reject a history that leaves it open.
        """
        waiting = self.pending_approval(thread_id)
        if waiting is not None:
            text = (
                f"This conversation is waiting for a manager's decision on approval request "
                f"{waiting.get('approval_id')} ({waiting.get('tool')}); it continues once "
                "a manager approves or declines it."
            )
            return iter(
                [Token(text), ApprovalPending(waiting), Done(Reply(text, pending_approval=waiting))]
            )
        # A partial update: `verified` is left as the checkpoint has it. Each attempt at a turn
        # gets an id of its own: its tool calls' idempotency keys include it (agent/state.py).
        update = cast(
            State,
            {
                "messages": [HumanMessage(content=message)],
                "turn_tool_calls": 0,
                "turn": uuid.uuid4().hex,
            },
        )
        return self._run(thread_id, update)

    def astream(self, thread_id: str, message: str) -> AsyncIterator[Event]:
        """`stream` for async callers; the turn runs in a worker thread (see `in_thread`)."""
        return in_thread(lambda: self.stream(thread_id, message))

    def pending_approval(self, thread_id: str) -> dict[str, Any] | None:
        """The approval the conversation waits for: approval_id, tool, arguments, reason."""
        return pending_approval(self.graph.get_state(self.config(thread_id)))

    def resume(self, thread_id: str, approved: bool, by: str, note: str = "") -> Reply:
        """Continue the paused turn with a manager's decision; `by` is their username.

        The caller has authenticated `by` as a manager of this hotel. An approved write runs
        once, as that manager; a denial reaches the model with the note.
        """
        return _reply(self.stream_resume(thread_id, approved, by, note))

    def stream_resume(
        self, thread_id: str, approved: bool, by: str, note: str = ""
    ) -> Iterator[Event]:
        """`resume`, as it happens. Raises NoPendingApproval now, not when first read."""
        if self.pending_approval(thread_id) is None:
            raise NoPendingApproval(f"Conversation {thread_id} is not waiting for an approval.")
        decision = {"approved": approved, "by": by, "note": note}
        return self._run(thread_id, Command(resume=decision))

    def astream_resume(
        self, thread_id: str, approved: bool, by: str, note: str = ""
    ) -> AsyncIterator[Event]:
        """`stream_resume` for async callers; NoPendingApproval arrives at the first read."""
        return in_thread(lambda: self.stream_resume(thread_id, approved, by, note))

    def _run(self, thread_id: str, graph_input: State | Command[Any]) -> Iterator[Event]:
        config = self.config(thread_id)
        parts = self.graph.stream(
            graph_input,
            config,
            context=self.context(thread_id),
            stream_mode=["messages", "updates"],
            version="v2",
        )
        events = TurnEvents()
        try:
            for part in parts:
                yield from events.feed(part)
        except GeneratorExit:
            # The caller stopped reading (a closed connection). Finish the turn anyway: a run
            # cut between the model's tool call and its result leaves a history that the next
            # turn, and any model API, would trip over.
            for _ in parts:
                pass
            raise
        except Exception:
            # The turn failed (its checkpoint could not be saved, say) after its steps ran. A
            # write that committed stands: say what was done rather than only that it failed.
            reply = unsaved_reply(events.messages)
            if reply is None:
                raise
            log.exception("a turn failed after its writes committed; told the user which")
            yield Token(reply.text)
            yield Done(reply)
            return
        snapshot = self.graph.get_state(config)
        reply = turn_reply(snapshot.values["messages"], pending_approval(snapshot))
        if reply.pending_approval is not None and not reply.text:
            # The turn stopped at the request itself: say so, as every channel should show it.
            reply.text = waiting_for_manager(reply.pending_approval)
            yield Token(reply.text)
        yield Done(reply)

    def verified(self, thread_id: str) -> frozenset[str]:
        """The codes the guest has proven in this conversation (from the checkpoint)."""
        values = self.graph.get_state(self.config(thread_id)).values
        return frozenset(values.get("verified", []))


def waiting_for_manager(request: dict[str, Any]) -> str:
    what = str(request.get("tool", "this")).replace("_", " ")
    return (
        f"I've asked a manager to approve the {what} (approval request "
        f"{request.get('approval_id')}). I'll carry on here as soon as they decide."
    )


def unsaved_reply(messages: list[BaseMessage]) -> Reply | None:
    """The reply to a turn that failed unsaved, if any write of it committed (else None)."""
    reply = steps_reply(messages, None)
    asked = {call["id"] for m in messages if isinstance(m, AIMessage) for call in m.tool_calls}
    for m in messages:
        # A resumed step's result, whose call was made (and saved) in an earlier run.
        if isinstance(m, ToolMessage) and m.tool_call_id not in asked:
            outcome = m.artifact if isinstance(m.artifact, dict) else {}
            use = ToolUse(m.name or "", {}, outcome.get("result"), outcome.get("error"))
            reply.tool_calls.append(use)
    done = [use for use in reply.tool_calls if use.ok and _writes(use.name)]
    if not done:
        return None
    note = (
        "This turn could not be saved (a failure on our side), so I may not remember it. "
        f"What was done stands: {', '.join(_done_text(use) for use in done)}. "
        "Please check before asking for it again."
    )
    # The model's answer, if it gave one before the turn failed, then the note.
    last = messages[-1]
    answered = bool(reply.text) and isinstance(last, AIMessage) and not last.tool_calls
    reply.text = f"{reply.text}\n\n{note}" if answered else note
    reply.saved = False
    return reply


def _writes(name: str) -> bool:
    tool = registry.get(name)
    return tool is not None and tool.kind is Kind.WRITE


def _done_text(use: ToolUse) -> str:
    code = (use.result or {}).get("confirmation_code") or use.args.get("confirmation_code")
    return f"{use.name} ({code})" if code else use.name


def _reply(events: Iterator[Event]) -> Reply:
    """The `Done` reply of a stream, read to its end."""
    done = [event for event in events if isinstance(event, Done)]
    if not done:
        raise RuntimeError("the turn's stream ended without a Done event")
    return done[-1].reply
