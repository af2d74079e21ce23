"""Passing a conversation to a person."""

from __future__ import annotations

from pydantic import BaseModel

from pms.db import UnitOfWork
from pms.handoffs import service
from pms.handoffs.schemas import HandoffRequest
from pms.principal import Principal
from tools.registry import Kind, tool


@tool("handoff_to_human", Kind.WRITE, HandoffRequest)
def handoff_to_human(session: UnitOfWork, actor: Principal, args: HandoffRequest) -> BaseModel:
    """Pass the conversation to hotel staff with a short summary of what is needed.

    Use when the request is outside the tools, the guest asks for a person, or it is urgent.
    """
    return service.handoff_to_human(session, actor, args)
