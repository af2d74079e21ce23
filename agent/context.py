"""Per-run context: who is acting, where, when, and with what. Never from the model.

The context travels with each run (`graph.invoke(..., context=Context(...))`); it is not
persisted. The principal is rebuilt from it plus the state's `verified` codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel

from agent.state import State
from pms.clock import Clock, SystemClock
from pms.principal import Principal, Role
from tools.runtime import ToolRuntime

DEFAULT_MAX_TOOL_CALLS = 8


@dataclass(frozen=True)
class Context:
    hotel: str
    role: Role
    subject: str  # the conversation's thread id: idempotency keys are scoped by it
    runtime: ToolRuntime
    model: BaseChatModel
    user: str | None = None
    reservations: frozenset[str] = frozenset()  # codes proven before the conversation started
    channel: str = "chat"
    clock: Clock = field(default_factory=SystemClock)
    timezone: str = "UTC"  # the hotel's zone, for telling the model today's date
    max_tool_calls: int = DEFAULT_MAX_TOOL_CALLS


def principal(context: Context, state: State) -> Principal:
    """The acting principal: the context's identity plus the codes the guest has proven."""
    return Principal(
        hotel=context.hotel,
        role=Role(context.role),
        user=context.user,
        reservations=context.reservations | frozenset(state.get("verified", [])),
        channel=context.channel,
        subject=context.subject,
    )
