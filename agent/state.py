"""The graph state, persisted by the checkpointer with the conversation.

`verified` is the guest's proven set of reservation codes: it lives in the state so that a code
proven in one turn (find_reservation, create_reservation) is still proven in the next turn and
after a restart. It is only ever written from a tool outcome, never from model output.
`turn_tool_calls` counts the tool calls of the current user turn; each turn starts it at 0.
`turn` names the current turn attempt (a fresh id each time a user message starts one; a resumed
approval keeps it). Tool-call idempotency keys include it: a model's call ids are only unique
within the conversation as saved (the offline model numbers its calls), and a turn whose
checkpoint was lost after a write committed must not hand its key to the next turn's write.
"""

from __future__ import annotations

from typing import Annotated, NotRequired, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages


class State(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]
    verified: list[str]
    turn_tool_calls: int
    turn: NotRequired[str]
