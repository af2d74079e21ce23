"""The agent graph: model -> tools -> model ... until the model answers without tool calls.

The model node binds only the tools the principal may use and prepends the role's system
prompt. The tools node runs each call through ToolRuntime as the principal from the run's
context (never from the arguments), with the tool-call id as idempotency key; refusals come back
as error ToolMessages (`{"error": {"type", "message"}}`) the model can read and recover from.
"""

from __future__ import annotations

import json
from typing import Any, Literal
from zoneinfo import ZoneInfo

from langchain_core.messages import AIMessage, BaseMessage, SystemMessage, ToolMessage
from langchain_core.messages.tool import ToolCall
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph
from langgraph.runtime import Runtime

from agent.context import Context, principal
from agent.prompts import CAP_NOTE, system_prompt
from agent.state import State
from agent.tooling import tool_names, tool_specs

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
    now = context.clock.now_in(ZoneInfo(context.timezone))
    prompt: list[BaseMessage] = [SystemMessage(system_prompt(actor.role, actor.hotel, now))]
    prompt.extend(state["messages"])
    if capped:
        prompt.append(SystemMessage(CAP_NOTE))
        response = context.model.invoke(prompt)
    else:
        response = context.model.bind_tools(tool_specs(actor)).invoke(prompt)
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
        outcome = context.runtime.call(
            name, arguments, actor, clock=context.clock, idempotency_key=call["id"]
        )
        actor = outcome.principal
        replies.append(
            ToolMessage(
                content=json.dumps(outcome.as_json(), default=str),
                tool_call_id=call["id"] or "",
                name=name,
                status="success" if outcome.ok else "error",
                artifact={"result": outcome.result, "error": outcome.error},
            )
        )
    return {
        "messages": replies,
        "turn_tool_calls": count,
        "verified": sorted(actor.reservations),
    }


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
