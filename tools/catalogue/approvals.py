"""Asking a manager to approve a write the front desk may not do itself."""

from __future__ import annotations

from pydantic import BaseModel

from pms.approvals import service
from pms.approvals.schemas import ApprovalArgs
from pms.db import UnitOfWork
from pms.principal import Principal
from tools.registry import Kind, tool
from tools.runtime import call_key


@tool("request_manager_approval", Kind.WRITE, ApprovalArgs)
def request_manager_approval(
    session: UnitOfWork, actor: Principal, args: ApprovalArgs
) -> BaseModel:
    """Ask a manager to approve a refund_payment or void_charge you may not do yourself.

    Use when the staff member asks for a refund or a void that needs a manager. The conversation
    waits for the decision; if approved, the write runs and its result comes back to you.
    """
    return service.request(session, actor, args, tool_call_id=call_key(session))
