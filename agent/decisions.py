"""A manager's decision on an approval request, whichever channel it comes through.

The API, the console and Slack's /concierge command all decide the same way. An approval and
the write it approves commit in one unit of work (tools/approvals.py): a write the folio refuses
(a refund above what was paid) or a fault leaves the request pending and decidable, and the
manager is told why. Only then is a conversation waiting for the request resumed; it finds the
decision recorded and the write made, and tells the requester. A denial is recorded, then the
conversation hears it. A decision that committed while its conversation could not be resumed
is carried to it by deciding the same way again. The role rules are the service layer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.assistant import Assistant
from agent.desk import Desk
from agent.reply import Reply
from pms.approvals import service
from pms.approvals.schemas import ApprovalView
from pms.authz import authorize
from pms.errors import Conflict, PmsError
from pms.principal import Principal, Role
from tools import approvals


@dataclass(frozen=True)
class Decision:
    approval: ApprovalView
    # The requester's conversation (its checkpointer key) and its reply, when it was resumed.
    thread_key: str | None = None
    reply: Reply | None = None
    requester: Principal | None = None
    # The approved write's own result.
    result: dict[str, Any] | None = None


def _refusal(error: dict[str, Any], reference: str | None = None) -> PmsError:
    message = str(error.get("message", "The decision was refused."))
    if reference is not None:
        message = f"Not approved: {message} {reference} is still pending."
    refusal = PmsError(message)
    refusal.type = str(error.get("type", "error"))
    return refusal


def decide_approval(
    desk: Desk, manager: Principal, approval_id: int, approved: bool, note: str = ""
) -> Decision:
    """Decide the request; a refusal (not permitted, not found, already decided, the write
    refused) is raised, and leaves the request as it was."""
    authorize(manager, "decide_approval")
    request = desk.runtime.db.run(lambda session: service.get(session, manager, approval_id))
    waiting = _waiting(desk, manager, request)
    wanted = "approved" if approved else "denied"
    if request.status != "pending":
        if waiting is None or request.status != wanted:
            raise Conflict(f"Approval request {approval_id} was already {request.status}.")
        # Decided, but the conversation was not told (a fault between the two): tell it now.
        by, note = request.decided_by or manager.label, request.decision_note or ""
    else:
        by = manager.label
    result = None
    if approved:
        done = approvals.approve(
            desk.runtime, _as(manager, by), approval_id, note, clock=desk.clock
        )
        if done.error is not None:
            pending = approvals.status(desk.runtime, manager, approval_id) == "pending"
            raise _refusal(done.error, request.reference if pending else None)
        result = done.result
    elif request.status == "pending":
        outcome = approvals.decide(
            desk.runtime, manager, approval_id, False, note, clock=desk.clock
        )
        if outcome.error is not None:
            raise _refusal(outcome.error)
    if waiting is None:
        return Decision(_view(desk, manager, approval_id), result=result)
    assistant, requester = waiting
    assert request.thread_id is not None
    reply = assistant.resume(request.thread_id, approved, by, note)
    return Decision(_view(desk, manager, approval_id), request.thread_id, reply, requester, result)


def _waiting(
    desk: Desk, manager: Principal, request: ApprovalView
) -> tuple[Assistant, Principal] | None:
    """The requester's assistant and identity, if their conversation waits for this request."""
    if not request.thread_id:
        return None
    requester = Principal(
        hotel=manager.hotel,
        role=Role(request.requested_role),
        user=request.requested_by,
        channel=request.channel or "api",
    )
    assistant = desk.assistant(requester)
    paused = assistant.pending_approval(request.thread_id)
    if paused is None or paused.get("approval_id") != request.approval_id:
        return None
    return assistant, requester


def _as(manager: Principal, by: str) -> Principal:
    """The manager, or the one who made the recorded decision being carried on."""
    if by == manager.label:
        return manager
    return Principal(hotel=manager.hotel, role=Role.MANAGER, user=by, channel=manager.channel)


def _view(desk: Desk, manager: Principal, approval_id: int) -> ApprovalView:
    return desk.runtime.db.run(lambda session: service.get(session, manager, approval_id))
