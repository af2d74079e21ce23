"""A manager's decision on an approval request, whichever channel it comes through.

The API, the console and Slack's /concierge command all decide the same way: a request filed
in a conversation that still waits for it is decided by resuming that conversation (the graph
records the decision and, if approved, runs the write once as the manager); any other request
is decided directly and, if approved, its write runs at once as the manager, with a key that
makes a retried approval return the first result. The role rules are the service layer's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    # The approved write's own result, when no conversation was waiting to run it.
    result: dict[str, Any] | None = None


def _refusal(error: dict[str, Any]) -> PmsError:
    refusal = PmsError(str(error.get("message", "The decision was refused.")))
    refusal.type = str(error.get("type", "error"))
    return refusal


def decide_approval(
    desk: Desk, manager: Principal, approval_id: int, approved: bool, note: str = ""
) -> Decision:
    """Decide the request; a refusal (not permitted, not found, already decided) is raised."""
    authorize(manager, "decide_approval")
    request = desk.runtime.db.run(lambda session: service.get(session, manager, approval_id))
    if request.status != "pending":
        raise Conflict(f"Approval request {approval_id} was already {request.status}.")
    if request.thread_id:
        requester = Principal(
            hotel=manager.hotel,
            role=Role(request.requested_role),
            user=request.requested_by,
            channel=request.channel or "api",
        )
        assistant = desk.assistant(requester)
        waiting = assistant.pending_approval(request.thread_id)
        if waiting is not None and waiting.get("approval_id") == approval_id:
            reply = assistant.resume(request.thread_id, approved, manager.label, note)
            return Decision(_view(desk, manager, approval_id), request.thread_id, reply, requester)
    outcome = approvals.decide(desk.runtime, manager, approval_id, approved, note, clock=desk.clock)
    if outcome.error is not None:
        raise _refusal(outcome.error)
    result = None
    if approved:
        done = desk.runtime.call(
            request.tool,
            dict(request.arguments),
            manager,
            clock=desk.clock,
            idempotency_key=f"approval:{approval_id}",
        )
        if done.error is not None:
            raise _refusal(done.error)
        result = done.result
    return Decision(_view(desk, manager, approval_id), result=result)


def _view(desk: Desk, manager: Principal, approval_id: int) -> ApprovalView:
    return desk.runtime.db.run(lambda session: service.get(session, manager, approval_id))
