"""Managers deciding approval requests from a chat platform (Slack's /concierge command).

This mirrors `api.routers.approvals.decide` (the layers keep channels/ from importing api/):
a request filed in a conversation that still waits for it is decided by resuming that
conversation, so an approved write runs once, as the deciding manager; any other request is
decided directly. The role rules are the service layer's: only managers and admins decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.desk import Desk
from channels.staff import reply_text
from pms.approvals import service
from pms.errors import Conflict, PmsError
from pms.principal import Principal, Role
from tools import approvals


@dataclass(frozen=True)
class Decided:
    """What the manager is told, and the requester's conversation continued (key, text)."""

    text: str
    thread_key: str | None = None
    reply: str | None = None


def pending_text(desk: Desk, actor: Principal) -> str:
    outcome = approvals.pending(desk.runtime, actor, clock=desk.clock)
    if outcome.error is not None:
        return str(outcome.error.get("message", "You may not see approval requests."))
    assert outcome.result is not None
    waiting: list[dict[str, Any]] = list(outcome.result.get("approvals", []))
    if not waiting:
        return "No approval requests are waiting."
    lines = [
        f"#{a['approval_id']} {a['tool']} {a['arguments']} by {a.get('requested_by') or '?'}: "
        f"{a.get('reason', '')}"
        for a in waiting
    ]
    return "Waiting for a decision:\n" + "\n".join(lines)


def decide(desk: Desk, manager: Principal, approval_id: int, approved: bool, note: str) -> Decided:
    """Decide the request; refusals (not permitted, not found, already decided) are the text."""
    verb = "Approved" if approved else "Declined"
    try:
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
                answer = assistant.resume(request.thread_id, approved, manager.label, note)
                return Decided(
                    f"{verb} request {approval_id} ({request.tool}); the conversation continued.",
                    request.thread_id,
                    reply_text(answer),
                )
    except PmsError as refusal:
        return Decided(refusal.message)
    outcome = approvals.decide(desk.runtime, manager, approval_id, approved, note, clock=desk.clock)
    if outcome.error is not None:
        return Decided(str(outcome.error.get("message", "The decision was refused.")))
    return Decided(f"{verb} request {approval_id} ({request.tool}).")
