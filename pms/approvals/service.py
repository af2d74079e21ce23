"""Approvals: front-desk staff ask for a write only a manager may do; a manager decides.

The request stores the manager-only tool and its validated arguments. A denial is recorded on
its own. An approval is recorded by `approve` in the unit of work that runs the approved write
(tools/approvals.py), so a request is never `approved` without its write: a refused write or a
fault rolls the decision back with it, and the request stays pending and decidable.
Filing is idempotent on the caller's tool-call id, so a replayed step files one request.
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pms.approvals import repository
from pms.approvals.schemas import ApprovalArgs, ApprovalList, ApprovalView
from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Conflict, Invalid, NotFound, RetryTransaction
from pms.folios.schemas import RefundRequest, VoidRequest
from pms.hotels.repository import hotel_for, now_utc
from pms.models import ApprovalRequest, Hotel
from pms.principal import Principal
from pms.reservations.repository import by_code

# The writes a manager may approve, with the schema their arguments must satisfy.
APPROVABLE: dict[str, type[BaseModel]] = {
    "refund_payment": RefundRequest,
    "void_charge": VoidRequest,
}


def request(
    session: Session,
    actor: Principal,
    data: ApprovalArgs,
    *,
    tool_call_id: str | None = None,
) -> ApprovalView:
    """File a request (or return the one already filed for `tool_call_id`)."""
    authorize(actor, "request_approval")
    hotel = hotel_for(session, actor)
    if tool_call_id:
        existing = repository.by_tool_call(session, hotel, tool_call_id)
        if existing is not None:
            return view(existing)
    schema = APPROVABLE.get(data.tool)
    if schema is None:
        raise Invalid(
            f"{data.tool} does not need a manager's approval; approvals are for: "
            f"{', '.join(APPROVABLE)}."
        )
    try:
        parsed = schema.model_validate(data.arguments)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc']) or 'arguments'}: {item['msg']}"
            for item in error.errors()
        )
        raise Invalid(f"Invalid arguments for {data.tool}: {problems}.") from None
    unknown = sorted(set(data.arguments) - set(schema.model_fields))
    if unknown:
        raise Invalid(f"{data.tool} does not take {', '.join(unknown)}.")
    code = getattr(parsed, "confirmation_code", None)
    if isinstance(code, str):
        by_code(session, hotel, code)  # the tenant fence: another hotel's code is not found
    approval = ApprovalRequest(
        hotel_id=hotel.id,
        tool=data.tool,
        arguments=parsed.model_dump(mode="json"),
        reason=data.reason,
        status="pending",
        role=actor.role.value,
        username=actor.user,
        channel=actor.channel[:32],
        thread_id=actor.subject[:200] if actor.subject else None,
        tool_call_id=tool_call_id[:200] if tool_call_id else None,
        created_at=now_utc(session),
    )
    session.add(approval)
    try:
        session.flush()
    except IntegrityError:
        raise RetryTransaction() from None  # a concurrent filing won; the retry returns it
    reference = reference_of(approval)
    record(session, actor, hotel, "request_approval", reference, tool=data.tool)
    return view(approval)


def list_pending(session: Session, actor: Principal) -> ApprovalList:
    authorize(actor, "list_approvals")
    hotel = hotel_for(session, actor)
    approvals = [view(a) for a in repository.pending(session, hotel)]
    return ApprovalList(count=len(approvals), approvals=approvals)


def get(session: Session, actor: Principal, approval_id: int) -> ApprovalView:
    authorize(actor, "list_approvals")
    hotel = hotel_for(session, actor)
    approval = repository.by_id(session, hotel, approval_id)
    if approval is None:
        raise NotFound(f"There is no approval request {approval_id} at {hotel.name}.")
    return view(approval)


def decide(
    session: Session, actor: Principal, approval_id: int, approve: bool, note: str = ""
) -> ApprovalView:
    """Approve or deny a pending request; a request is decided once.

    Approving only records the decision: call it in the unit of work that runs the approved
    write (or use `approve`), never on its own.
    """
    hotel, approval = _pending(session, actor, approval_id)
    return _record(session, actor, hotel, approval, approve, note)


def approve(session: Session, actor: Principal, approval_id: int, note: str = "") -> ApprovalView:
    """Record `actor`'s approval, in the unit of work that then runs the approved write.

    The same approval found already recorded (a replayed step, or a conversation resumed after
    its manager's decision committed) passes: the write's idempotency key then returns its
    first result. Any other decision stands and is refused as in `decide`.
    """
    hotel, approval = _pending(session, actor, approval_id, replay_by=actor.label[:64])
    if approval.status == "approved":
        return view(approval)
    return _record(session, actor, hotel, approval, True, note)


def _pending(
    session: Session, actor: Principal, approval_id: int, *, replay_by: str | None = None
) -> tuple[Hotel, ApprovalRequest]:
    """The request, locked, if it may still be decided (or was approved by `replay_by`)."""
    authorize(actor, "decide_approval")
    hotel = hotel_for(session, actor)
    approval = repository.by_id(session, hotel, approval_id, lock=True)
    if approval is None:
        raise NotFound(f"There is no approval request {approval_id} at {hotel.name}.")
    replayed = approval.status == "approved" and approval.decided_by == replay_by
    if approval.status != "pending" and not replayed:
        raise Conflict(
            f"{reference_of(approval)} was already {approval.status}"
            f"{f' by {approval.decided_by}' if approval.decided_by else ''}."
        )
    return hotel, approval


def _record(
    session: Session,
    actor: Principal,
    hotel: Hotel,
    approval: ApprovalRequest,
    approve: bool,
    note: str,
) -> ApprovalView:
    approval.status = "approved" if approve else "denied"
    approval.decided_by = actor.label[:64]
    approval.decision_note = note.strip() or None
    approval.decided_at = now_utc(session)
    session.flush()
    record(session, actor, hotel, "decide_approval", reference_of(approval), status=approval.status)
    return view(approval)


def reference_of(approval: ApprovalRequest) -> str:
    return f"AP-{approval.id:05d}"


def view(approval: ApprovalRequest) -> ApprovalView:
    return ApprovalView(
        approval_id=approval.id,
        reference=reference_of(approval),
        tool=approval.tool,
        arguments=approval.arguments,
        reason=approval.reason,
        status=approval.status,
        requested_role=approval.role,
        requested_by=approval.username,
        channel=approval.channel,
        thread_id=approval.thread_id,
        tool_call_id=approval.tool_call_id,
        decided_by=approval.decided_by,
        decision_note=approval.decision_note,
        decided_at=approval.decided_at.isoformat() if approval.decided_at else None,
        created_at=approval.created_at.isoformat(),
    )
