import pytest
from pydantic import ValidationError
from sqlalchemy import select

from pms.approvals.schemas import ApprovalArgs
from pms.approvals.service import approve, decide, get, list_pending, request
from pms.errors import Conflict, Invalid, NotFound, NotPermitted
from pms.models import ApprovalRequest, AuditEntry, FolioLine
from tests.support import principal

FRONT_DESK = principal("front_desk", "leo.martins", channel="slack")
MANAGER = principal("manager", "grace.kim")
REFUND = ApprovalArgs(
    tool="refund_payment",
    arguments={"confirmation_code": "hv1004", "amount": 10, "reason": "goodwill"},
    reason="The guest was double charged.",
)


def test_front_desk_files_a_request_for_a_refund(db):
    with db.unit_of_work() as s:
        filed = request(s, FRONT_DESK, REFUND, tool_call_id="call-1")
        assert (filed.status, filed.tool, filed.requested_role, filed.requested_by) == (
            "pending",
            "refund_payment",
            "front_desk",
            "leo.martins",
        )
        # The arguments are stored validated, in the target tool's own form.
        assert filed.arguments == {
            "confirmation_code": "hv1004",
            "amount": "10",
            "reason": "goodwill",
        }
        assert filed.reference == f"AP-{filed.approval_id:05d}"
        assert (filed.channel, filed.tool_call_id, filed.decided_by) == ("slack", "call-1", None)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "request_approval")).one()
        assert entry.target == filed.reference
        # Filing changes no money.
        assert not s.scalars(select(FolioLine).where(FolioLine.kind == "refund")).all()


def test_filing_is_idempotent_on_the_tool_call_id(db):
    with db.unit_of_work() as s:
        first = request(s, FRONT_DESK, REFUND, tool_call_id="call-1")
        again = request(s, FRONT_DESK, REFUND, tool_call_id="call-1")
        other = request(s, FRONT_DESK, REFUND, tool_call_id="call-2")
        assert again.approval_id == first.approval_id != other.approval_id
        assert len(s.scalars(select(ApprovalRequest)).all()) == 2


def test_a_void_can_be_requested_too(db):
    void = ApprovalArgs(
        tool="void_charge",
        arguments={"confirmation_code": "HV1001", "line": 3, "reason": "posted twice"},
        reason="Posted twice",
    )
    with db.unit_of_work() as s:
        assert request(s, FRONT_DESK, void).tool == "void_charge"


def test_only_manager_writes_can_be_requested(db):
    with pytest.raises(ValidationError):
        ApprovalArgs(tool="post_charge", arguments={}, reason="x")
    smuggled = ApprovalArgs.model_construct(tool="check_out", arguments={}, reason="x")
    with db.unit_of_work() as s, pytest.raises(Invalid, match="refund_payment, void_charge"):
        request(s, FRONT_DESK, smuggled)


@pytest.mark.parametrize(
    "arguments",
    [
        {"confirmation_code": "HV1004", "reason": "no amount"},
        {"confirmation_code": "HV1004", "amount": "ten", "reason": "x"},
        {"confirmation_code": "HV1004", "amount": "10", "reason": "x", "role": "manager"},
    ],
)
def test_the_target_arguments_are_validated(db, arguments):
    data = ApprovalArgs(tool="refund_payment", arguments=arguments, reason="r")
    with db.unit_of_work() as s, pytest.raises(Invalid):
        request(s, FRONT_DESK, data)


@pytest.mark.parametrize("role,user", [("guest", None), ("housekeeping", "maria.santos")])
def test_guests_and_housekeeping_may_not_ask(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted, match="request_approval"):
        request(s, principal(role, user), REFUND)


def test_a_manager_approves_once(db):
    with db.unit_of_work() as s:
        filed = request(s, FRONT_DESK, REFUND)
        queue = list_pending(s, principal("front_desk", "ana.silva"))
        assert [a.approval_id for a in queue.approvals] == [filed.approval_id]
        decided = decide(s, MANAGER, filed.approval_id, True, " fine ")
        assert (decided.status, decided.decided_by, decided.decision_note) == (
            "approved",
            "grace.kim",
            "fine",
        )
        assert decided.decided_at is not None
        assert list_pending(s, MANAGER).count == 0
        with pytest.raises(Conflict, match="already approved by grace.kim"):
            decide(s, principal("admin", "morgan.lee"), filed.approval_id, False)
        assert get(s, MANAGER, filed.approval_id).status == "approved"
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "decide_approval")).one()
        assert audit.details == {"status": "approved"} and audit.username == "grace.kim"


def test_a_denial_is_final_too(db):
    with db.unit_of_work() as s:
        filed = request(s, FRONT_DESK, REFUND)
        assert decide(s, MANAGER, filed.approval_id, False, "").status == "denied"
        with pytest.raises(Conflict):
            decide(s, MANAGER, filed.approval_id, True)


@pytest.mark.parametrize("role,user", [("front_desk", "leo.martins"), ("guest", None)])
def test_only_managers_and_admins_decide(db, role, user):
    with db.unit_of_work() as s:
        filed = request(s, FRONT_DESK, REFUND)
        with pytest.raises(NotPermitted, match="manager, admin"):
            decide(s, principal(role, user), filed.approval_id, True)
        assert get(s, MANAGER, filed.approval_id).status == "pending"


def test_guests_do_not_see_the_queue(db):
    with db.unit_of_work() as s, pytest.raises(NotPermitted):
        list_pending(s, principal("guest"))


def test_another_hotel_neither_sees_nor_decides_our_requests(db):
    alpine_manager = principal("manager", "hans.weber", hotel="alpine-lodge")
    with db.unit_of_work() as s:
        filed = request(s, FRONT_DESK, REFUND, tool_call_id="shared-id")
        assert list_pending(s, alpine_manager).count == 0
        with pytest.raises(NotFound):
            decide(s, alpine_manager, filed.approval_id, True)
        with pytest.raises(NotFound):
            get(s, alpine_manager, filed.approval_id)
        # Our reservation codes do not exist over there.
        with pytest.raises(NotFound):
            request(s, principal("front_desk", "lena.vogt", hotel="alpine-lodge"), REFUND)
        assert get(s, MANAGER, filed.approval_id).status == "pending"


def test_the_same_tool_call_id_in_another_hotel_is_another_request(db):
    alpine = principal("front_desk", "lena.vogt", hotel="alpine-lodge")
    data = ApprovalArgs(
        tool="refund_payment",
        arguments={"confirmation_code": "AL1001", "amount": "5", "reason": "x"},
        reason="r",
    )
    with db.unit_of_work() as s:
        ours = request(s, FRONT_DESK, REFUND, tool_call_id="shared-id")
        theirs = request(s, alpine, data, tool_call_id="shared-id")
        assert theirs.approval_id != ours.approval_id and theirs.tool_call_id == "shared-id"


def test_approving_again_as_the_same_manager_passes_and_anyone_else_is_refused(db):
    with db.unit_of_work() as s:
        filed = request(s, FRONT_DESK, REFUND)
        assert approve(s, MANAGER, filed.approval_id, "ok").status == "approved"
        # A replay of the same decision (its write then returns its first result) passes...
        again = approve(s, MANAGER, filed.approval_id, "other note")
        assert (again.status, again.decision_note) == ("approved", "ok")
        # ...another manager's, or a denial, does not.
        with pytest.raises(Conflict, match="already approved by grace.kim"):
            approve(s, principal("admin", "morgan.lee"), filed.approval_id)
        with pytest.raises(Conflict):
            decide(s, MANAGER, filed.approval_id, False)
        audits = s.scalars(select(AuditEntry).where(AuditEntry.action == "decide_approval")).all()
        assert len(audits) == 1
