"""The agent graph: model -> tools -> model ... until the model answers without tool calls.

The model node binds only the tools the principal may use and prepends the role's system
prompt, built from the hotel's profile in the run's context (a model that reads the profile
itself, the offline one, is handed it: `for_hotel`). The tools node runs each call through
ToolRuntime as the principal from the run's context (never from the arguments), with the turn
attempt and the tool-call id as idempotency key (`call_key`): the same across replays of a
step, new for each turn; refusals come back as error ToolMessages
(`{"error": {"type", "message"}}`) the model can read and recover from.

`request_manager_approval` files the request, then pauses the graph with `interrupt()` until a
manager decides (`Command(resume={"approved", "by", "note"})`). On resume the node runs again
from its start: filing is idempotent on the tool-call key, and an approval is recorded in the
unit of work that runs the approved write as the deciding manager with the request's own key
(tools/approvals.py), so the write happens at most once however often the step is replayed, and
a refused write leaves the request pending rather than approved with nothing done.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolMessage
from langchain_core.messages.tool import ToolCall
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agent.context import Context, principal
from agent.models import for_hotel
from agent.prompts import CAP_NOTE, system_prompt
from agent.state import State
from agent.tooling import tool_names, tool_specs
from pms.idempotency.service import MAX_KEY_LENGTH
from pms.principal import Principal, Role
from tools import approvals
from tools.runtime import ToolOutcome

APPROVAL_TOOL = "request_manager_approval"

CAP_FALLBACK = (
    "I have reached the limit of actions I can take in one turn. "
    "Tell me how you would like to continue."
)

Graph = CompiledStateGraph[State, Context, State, State]


def _text(message: BaseMessage) -> str:
    return message.text if isinstance(message.text, str) else str(message.text)


def call_model(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    context = runtime.context
    actor = principal(context, state)
    capped = state.get("turn_tool_calls", 0) >= context.max_tool_calls
    profile = context.profile
    now = context.clock.now_in(profile.zone)
    text = system_prompt(actor.role, profile, now, context.today, actor.reservations, actor.user)
    prompt: list[BaseMessage] = [SystemMessage(text)]
    prompt.extend(state["messages"])
    model = for_hotel(context.model, profile, context.today)
    if capped:
        prompt.append(SystemMessage(CAP_NOTE))
        response = model.invoke(prompt)
    else:
        response = model.bind_tools(tool_specs(actor)).invoke(prompt)
    if not isinstance(response, AIMessage):
        response = AIMessage(content=_text(response))
    if capped and response.tool_calls:
        # No tool runs after the cap: keep what the model said, drop the calls.
        response = AIMessage(content=_text(response) or CAP_FALLBACK, id=response.id)
    return {"messages": [response]}


def _refusal(call: ToolCall, kind: str, message: str) -> ToolMessage:
    error = {"type": kind, "message": message}
    return ToolMessage(
        content=json.dumps({"error": error}),
        tool_call_id=call["id"] or "",
        name=call["name"],
        status="error",
        artifact={"result": None, "error": error},
    )


def call_tools(state: State, runtime: Runtime[Context]) -> dict[str, Any]:
    context = runtime.context
    last = state["messages"][-1]
    calls = last.tool_calls if isinstance(last, AIMessage) else []
    actor = principal(context, state)
    allowed = tool_names(actor)
    count = state.get("turn_tool_calls", 0)
    replies: list[ToolMessage] = []
    for call in calls:
        count += 1
        name = call["name"]
        if count > context.max_tool_calls:
            replies.append(
                _refusal(
                    call,
                    "limit_reached",
                    f"Not run: at most {context.max_tool_calls} tool calls per turn. "
                    "Answer the user with what you have.",
                )
            )
            continue
        if name not in allowed:
            replies.append(
                _refusal(
                    call,
                    "not_permitted",
                    f"The tool '{name}' is not available to a {actor.role.value}. "
                    f"Available tools: {', '.join(sorted(allowed))}.",
                )
            )
            continue
        arguments = dict(call["args"])
        arguments.pop("idempotency_key", None)  # the key is always the tool-call id
        if name == APPROVAL_TOOL:
            replies.append(_approval(call, call_key(state, call), arguments, actor, context))
            continue
        outcome = context.runtime.call(
            name, arguments, actor, clock=context.clock, idempotency_key=call_key(state, call)
        )
        actor = outcome.principal
        replies.append(_message(call, outcome))
    return {
        "messages": replies,
        "turn_tool_calls": count,
        "verified": sorted(actor.reservations),
    }


def _message(call: ToolCall, outcome: ToolOutcome) -> ToolMessage:
    return ToolMessage(
        content=json.dumps(outcome.as_json(), default=str),
        tool_call_id=call["id"] or "",
        name=call["name"],
        status="success" if outcome.ok else "error",
        artifact={"result": outcome.result, "error": outcome.error},
    )


def call_key(state: State, call: ToolCall) -> str:
    """The idempotency key of a tool call: this turn attempt's id and the model's call id.

    Stable when a step is replayed from its checkpoint (both are in it); new in every turn, so
    a call id the model repeats after a lost checkpoint cannot return or refuse another write.
    A conversation saved before turns had ids keeps the bare call id.
    """
    call_id = call["id"] or ""
    turn = state.get("turn")
    if not turn:
        return call_id
    if len(turn) + 1 + len(call_id) > MAX_KEY_LENGTH:
        call_id = hashlib.sha256(call_id.encode()).hexdigest()[:32]
    return f"{turn}:{call_id}"


def _approval(
    call: ToolCall, key: str, arguments: dict[str, Any], actor: Principal, context: Context
) -> ToolMessage:
    """File the request, wait for a manager, then run the write as them or relay the refusal."""
    filed = context.runtime.call(
        APPROVAL_TOOL, arguments, actor, clock=context.clock, idempotency_key=key
    )
    if filed.result is None:
        return _message(call, filed)
    request = filed.result
    decision = interrupt(
        {
            "approval_id": request["approval_id"],
            "tool": request["tool"],
            "arguments": request["arguments"],
            "reason": request["reason"],
        }
    )
    answer = decision if isinstance(decision, dict) else {}
    approved = answer.get("approved") is True
    by = str(answer.get("by") or "manager")
    note = str(answer.get("note") or "").strip()
    manager = Principal(
        hotel=actor.hotel,
        role=Role.MANAGER,
        user=by,
        channel=actor.channel,
        subject=actor.subject,
    )
    if approved:
        return _approved(call, request, manager, note, context)
    recorded = approvals.decide(
        context.runtime, manager, request["approval_id"], False, note, clock=context.clock
    )
    if recorded.error is not None:
        # A replayed step finds its own decision recorded; any other decision stands.
        status = approvals.status(context.runtime, manager, request["approval_id"])
        if status != "denied":
            return _refusal(
                call, "conflict", f"Not run: {recorded.error['message']} Tell the staff member."
            )
    said = f" Their note: {note}" if note else ""
    return _refusal(
        call,
        "declined",
        f"The manager ({by}) declined the request to {request['tool']} "
        f"({request['reference']}); it was not done.{said}",
    )


def _approved(
    call: ToolCall, request: dict[str, Any], manager: Principal, note: str, context: Context
) -> ToolMessage:
    """Record the approval and run the write, together: a refused write keeps it pending."""
    approval_id = request["approval_id"]
    outcome = approvals.approve(context.runtime, manager, approval_id, note, clock=context.clock)
    if outcome.error is None:
        return _message(call, outcome)
    if approvals.status(context.runtime, manager, approval_id) != "pending":
        # Decided otherwise elsewhere: that decision stands.
        return _refusal(
            call, "conflict", f"Not run: {outcome.error['message']} Tell the staff member."
        )
    return _refusal(
        call,
        outcome.error["type"],
        f"The manager ({manager.label}) approved the request to {request['tool']} "
        f"({request['reference']}), but it could not be done: {outcome.error['message']} "
        "The request is still pending. Tell the staff member.",
    )


def route(state: State) -> Literal["tools", "__end__"]:
    last = state["messages"][-1]
    return "tools" if isinstance(last, AIMessage) and last.tool_calls else "__end__"


def build_graph(checkpointer: BaseCheckpointSaver[Any] | None) -> Graph:
    builder = StateGraph(State, context_schema=Context)
    builder.add_node("model", call_model)
    builder.add_node("tools", call_tools)
    builder.add_edge(START, "model")
    builder.add_conditional_edges("model", route, ["tools", END])
    builder.add_edge("tools", "model")
    return builder.compile(checkpointer=checkpointer)
