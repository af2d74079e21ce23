"""Managers' side of approvals, for callers that hold a ToolRuntime (the agent, an API).

Not a tool the model is shown: the decision comes from a person, through whoever resumes the
conversation, and is recorded here in its own unit of work.
"""

from __future__ import annotations

from typing import Any

from pms.approvals import service
from pms.clock import Clock
from pms.db import UnitOfWork
from pms.errors import PmsError
from pms.principal import Principal
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
    """Record a manager's decision; a refusal (not pending, not permitted) is in `error`."""
    arguments: dict[str, Any] = {"approval_id": approval_id, "approved": approved, "note": note}
    outcome = ToolOutcome(name="decide_approval", arguments=arguments, principal=actor)

    def work(session: UnitOfWork) -> dict[str, Any]:
        return service.decide(session, actor, approval_id, approved, note).model_dump(mode="json")

    try:
        outcome.result = runtime.db.run(work, clock=clock)
    except PmsError as refusal:
        outcome.error = refusal.as_dict()
    return outcome


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
