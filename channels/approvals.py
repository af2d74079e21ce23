"""Managers deciding approval requests from a chat platform (Slack's /concierge command).

Deciding goes through `agent.decisions.decide_approval`, as the API's does: a conversation
waiting for the request resumes (in its Slack thread), and an approved write runs once, as the
deciding manager. This module only says the outcome in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agent.decisions import decide_approval
from agent.desk import Desk
from channels.staff import reply_text
from pms.errors import PmsError
from pms.principal import Principal
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
        decision = decide_approval(desk, manager, approval_id, approved, note)
    except PmsError as refusal:
        return Decided(refusal.message)
    tool = decision.approval.tool
    if decision.reply is not None:
        return Decided(
            f"{verb} request {approval_id} ({tool}); the conversation continued.",
            decision.thread_key,
            reply_text(decision.reply),
        )
    done = " and done" if decision.result is not None else ""
    return Decided(f"{verb} request {approval_id} ({tool}){done}.")
