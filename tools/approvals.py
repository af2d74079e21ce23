"""Managers' side of approvals, for callers that hold a ToolRuntime (the agent, an API).

Not a tool the model is shown: the decision comes from a person, through whoever resumes the
conversation. A denial is recorded in its own unit of work; an approval in the unit of work
that runs the approved write, so the two commit together or not at all.
"""

from __future__ import annotations

from typing import Any

from pms.approvals import service
from pms.clock import Clock
from pms.db import UnitOfWork
from pms.errors import PmsError
from pms.principal import Principal, Role
from tools.runtime import ToolOutcome, ToolRuntime


def decide(
    runtime: ToolRuntime,
    actor: Principal,
    approval_id: int,
    approved: bool,
    note: str = "",
    *,
    clock: Clock | None = None,
) -> ToolOutcome:
    """Record a manager's decision; a refusal (not pending, not permitted) is in `error`.

    An approval is `approve`: its outcome is the approved write's.
    """
    if approved:
        return approve(runtime, actor, approval_id, note, clock=clock)
    arguments: dict[str, Any] = {"approval_id": approval_id, "approved": approved, "note": note}
    outcome = ToolOutcome(name="decide_approval", arguments=arguments, principal=actor)

    def work(session: UnitOfWork) -> dict[str, Any]:
        return service.decide(session, actor, approval_id, approved, note).model_dump(mode="json")

    try:
        outcome.result = runtime.db.run(work, clock=clock)
    except PmsError as refusal:
        outcome.error = refusal.as_dict()
    return outcome


def approve(
    runtime: ToolRuntime,
    actor: Principal,
    approval_id: int,
    note: str = "",
    *,
    clock: Clock | None = None,
) -> ToolOutcome:
    """Approve the request and run its write in one unit of work: both commit or neither.

    A refused write (a refund above what was paid) or a fault leaves the request pending, to be
    decided again; the refusal is the outcome's `error`. Approving again as the same person
    after both committed returns the write's first result (its key is the request's).
    """
    try:
        request = runtime.db.run(lambda s: service.get(s, actor, approval_id), clock=clock)
    except PmsError as refusal:
        arguments: dict[str, Any] = {"approval_id": approval_id, "approved": True, "note": note}
        outcome = ToolOutcome(name="decide_approval", arguments=arguments, principal=actor)
        outcome.error = refusal.as_dict()
        return outcome
    return runtime.call(
        request.tool,
        dict(request.arguments),
        approver(actor, approval_id),
        clock=clock,
        idempotency_key=f"approval:{approval_id}",
        before=lambda session: service.approve(session, actor, approval_id, note),
    )


def approver(manager: Principal, approval_id: int) -> Principal:
    """Whom an approved write runs as: the deciding person, in the manager's role.

    Its subject is the request's own, so the write's idempotency key finds the write whichever
    way the decision arrives (the API, the console, Slack, the resumed conversation).
    """
    return Principal(
        hotel=manager.hotel,
        role=Role.MANAGER,
        user=manager.label[:64],
        channel=manager.channel,
        subject=f"approval:{approval_id}",
    )


def pending(runtime: ToolRuntime, actor: Principal, *, clock: Clock | None = None) -> ToolOutcome:
    """The hotel's approval requests waiting for a manager."""
    outcome = ToolOutcome(name="list_approvals", arguments={}, principal=actor)

    def work(session: UnitOfWork) -> dict[str, Any]:
        return service.list_pending(session, actor).model_dump(mode="json")

    try:
        outcome.result = runtime.db.run(work, clock=clock)
    except PmsError as refusal:
        outcome.error = refusal.as_dict()
    return outcome


def status(
    runtime: ToolRuntime, actor: Principal, approval_id: int, *, clock: Clock | None = None
) -> str | None:
    """The request's status as stored (None when the actor may not see it or it is gone)."""

    def work(session: UnitOfWork) -> str:
        return service.get(session, actor, approval_id).status

    try:
        return runtime.db.run(work, clock=clock)
    except PmsError:
        return None
