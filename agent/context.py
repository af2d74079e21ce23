"""Per-run context: who is acting, where (the hotel's profile), when, and with what. Never from
the model.

The context travels with each run (`graph.invoke(..., context=Context(...))`); it is not
persisted. The principal is rebuilt from it plus the state's `verified` codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from langchain_core.language_models import BaseChatModel

from agent.state import State
from pms.clock import Clock, SystemClock
from pms.hotels.profile import HotelProfile
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
    # The hotel as its data describes it: the prompt, the tools' wording and the offline
    # model's vocabulary are built from this, never from words in the prompt.
    profile: HotelProfile
    today: date  # the hotel's business date: "today" for its services, and so for the model
    user: str | None = None
    reservations: frozenset[str] = frozenset()  # codes proven before the conversation started
    channel: str = "chat"
    clock: Clock = field(default_factory=SystemClock)
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
