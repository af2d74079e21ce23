"""Managers' approvals: the queue, and deciding one, which resumes the paused conversation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from agent.decisions import decide_approval
from agent.desk import public_thread
from api.conversation import ChatResponse, RowId, chat_response, count_turn
from api.deps import ServicesDep, StaffDep
from api.errors import raise_refusal
from api.services import Services
from pms.approvals.schemas import ApprovalList, ApprovalView
from pms.principal import Principal
from pms.text import SUMMARY_MAX, Prose
from tools import approvals

router = APIRouter(prefix="/v1/approvals", tags=["approvals"])


class Decision(BaseModel):
    note: Prose = Field(
        "", max_length=SUMMARY_MAX, description="Why, for the requester and the log."
    )


class DecisionResult(BaseModel):
    approval: ApprovalView
    # The requester's conversation, continued with the decision (None if there was none).
    thread_id: str | None = None
    reply: ChatResponse | None = None
    # The approved write's own result (None for a denial).
    result: dict[str, Any] | None = None


@router.get("")
def pending_approvals(principal: StaffDep, services: ServicesDep) -> ApprovalList:
    outcome = approvals.pending(services.desk.runtime, principal)
    raise_refusal(outcome.error)
    return ApprovalList.model_validate(outcome.result)


@router.post("/{approval_id}/approve")
def approve(
    approval_id: RowId, body: Decision, principal: StaffDep, services: ServicesDep
) -> DecisionResult:
    return decide(services, principal, approval_id, True, body.note)


@router.post("/{approval_id}/deny")
def deny(
    approval_id: RowId, body: Decision, principal: StaffDep, services: ServicesDep
) -> DecisionResult:
    return decide(services, principal, approval_id, False, body.note)


def decide(
    services: Services, manager: Principal, approval_id: int, approved: bool, note: str
) -> DecisionResult:
    """Decide through the one path every channel shares (agent/decisions.py)."""
    decision = decide_approval(services.desk, manager, approval_id, approved, note)
    thread, reply = None, None
    if decision.reply is not None and decision.thread_key and decision.requester:
        count_turn(services, decision.requester, decision.reply)
        thread = public_thread(decision.thread_key)
        reply = chat_response(decision.reply, thread)
    if decision.result is not None:
        tool = decision.approval.tool
        services.metrics.tool_calls.labels(tool, "ok").inc()
    return DecisionResult(
        approval=decision.approval, thread_id=thread, reply=reply, result=decision.result
    )
