"""Managers' approvals: the queue, and deciding one, which resumes the paused conversation."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.conversation import ChatResponse, RowId, chat_response, count_turn
from api.deps import ServicesDep, StaffDep
from api.errors import raise_refusal
from api.services import Services
from pms.approvals import service
from pms.approvals.schemas import ApprovalList, ApprovalView
from pms.authz import authorize
from pms.errors import Conflict
from pms.principal import Principal, Role
from tools import approvals

router = APIRouter(prefix="/v1/approvals", tags=["approvals"])


class Decision(BaseModel):
    note: str = Field("", max_length=2000, description="Why, for the requester and the log.")


class DecisionResult(BaseModel):
    approval: ApprovalView
    # The requester's conversation, continued with the decision (None if there was none).
    thread_id: str | None = None
    reply: ChatResponse | None = None


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


def _requester(manager: Principal, request: ApprovalView) -> Principal:
    return Principal(
        hotel=manager.hotel,
        role=Role(request.requested_role),
        user=request.requested_by,
        channel=request.channel or "api",
    )


def decide(
    services: Services, manager: Principal, approval_id: int, approved: bool, note: str
) -> DecisionResult:
    """Resume the requester's conversation with the decision, or just record it if none waits.

    Resuming records the decision and, when approved, runs the write once as `manager` (the
    graph does both); a request filed outside a conversation is decided directly.
    """
    authorize(manager, "decide_approval")
    desk = services.desk
    request = desk.runtime.db.run(lambda session: service.get(session, manager, approval_id))
    if request.status != "pending":
        raise Conflict(f"Approval request {approval_id} was already {request.status}.")
    thread, reply = None, None
    if request.thread_id:
        requester = _requester(manager, request)
        assistant = desk.assistant(requester)
        waiting = assistant.pending_approval(request.thread_id)
        if waiting is not None and waiting.get("approval_id") == approval_id:
            answer = assistant.resume(request.thread_id, approved, manager.label, note)
            count_turn(services, requester, answer)
            thread = request.thread_id.rsplit("/", 1)[-1]
            reply = chat_response(answer, thread)
    if reply is None:
        outcome = approvals.decide(desk.runtime, manager, approval_id, approved, note)
        raise_refusal(outcome.error)
    final = desk.runtime.db.run(lambda session: service.get(session, manager, approval_id))
    return DecisionResult(approval=final, thread_id=thread, reply=reply)
