import re

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from pms.errors import NotPermitted
from pms.handoffs.schemas import HandoffRequest
from pms.handoffs.service import handoff_to_human, list_open
from pms.models import AuditEntry, Handoff
from tests.support import principal

CARTER = principal("guest", reservations=("HV1001",), channel="web")
FRONT_DESK = principal("front_desk", "leo.martins")


def test_a_guest_is_handed_to_a_person(db):
    with db.unit_of_work() as s:
        receipt = handoff_to_human(
            s, CARTER, HandoffRequest(summary="Wants to discuss a noise complaint", urgency="high")
        )
        assert re.fullmatch(r"HO-\d{5}", receipt.reference)
        assert (receipt.urgency, receipt.status) == ("high", "open")
        assert "urgent" in receipt.next_steps and "+1 555 0142" in receipt.next_steps
        assert receipt.reference in receipt.next_steps
        row = s.scalars(select(Handoff)).one()
        assert (row.role, row.username, row.reservations, row.channel) == (
            "guest",
            None,
            "HV1001",
            "web",
        )
        assert row.summary == "Wants to discuss a noise complaint"
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "handoff_to_human")).one()
        assert entry.target == receipt.reference and entry.channel == "web"


def test_urgency_defaults_to_normal(db):
    with db.unit_of_work() as s:
        receipt = handoff_to_human(
            s, principal("guest"), HandoffRequest(summary="Question about invoices")
        )
    assert receipt.urgency == "normal" and "front-desk team will pick this up" in receipt.next_steps


def test_low_urgency_is_followed_up_later(db):
    with db.unit_of_work() as s:
        receipt = handoff_to_human(
            s, principal("guest"), HandoffRequest(summary="Feedback", urgency="low")
        )
    assert "follow up" in receipt.next_steps


@pytest.mark.parametrize(
    "role,user",
    [("housekeeping", "ivy.chen"), ("front_desk", "ana.silva"), ("manager", "grace.kim")],
)
def test_staff_may_hand_off_too(db, role, user):
    with db.unit_of_work() as s:
        handoff_to_human(
            s, principal(role, user), HandoffRequest(summary="Guest asks for the owner")
        )
        row = s.scalars(select(Handoff)).one()
    assert (row.role, row.username, row.reservations) == (role, user, "")


def test_every_verified_reservation_is_recorded(db):
    guest = principal("guest", reservations=("hv1007", "HV1001"))
    with db.unit_of_work() as s:
        handoff_to_human(s, guest, HandoffRequest(summary="Two rooms, one bill"))
        assert s.scalars(select(Handoff)).one().reservations == "HV1001,HV1007"


@pytest.mark.parametrize(
    "arguments", [{"summary": ""}, {"summary": "   "}, {"summary": "x", "urgency": "critical"}]
)
def test_a_summary_and_a_known_urgency_are_required(arguments):
    with pytest.raises(ValidationError):
        HandoffRequest(**arguments)


def test_the_queue_shows_the_most_urgent_first(db):
    with db.unit_of_work() as s:
        first = handoff_to_human(s, CARTER, HandoffRequest(summary="Late checkout?", urgency="low"))
        second = handoff_to_human(s, principal("guest"), HandoffRequest(summary="Billing question"))
        third = handoff_to_human(
            s,
            principal("guest", channel="slack"),
            HandoffRequest(summary="Locked out", urgency="high"),
        )
        queue = list_open(s, FRONT_DESK)
    assert [h.reference for h in queue.handoffs] == [
        third.reference,
        second.reference,
        first.reference,
    ]
    assert queue.count == 3
    low = queue.handoffs[2]
    assert (low.summary, low.role, low.reservations, low.channel) == (
        "Late checkout?",
        "guest",
        ["HV1001"],
        "web",
    )
    assert queue.handoffs[1].reservations == []


@pytest.mark.parametrize("role,user", [("guest", None), ("housekeeping", "tom.reed")])
def test_only_reception_and_managers_read_the_queue(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        list_open(s, principal(role, user))
    assert (
        "list_handoffs" in refusal.value.message
        and "front_desk, manager, admin" in refusal.value.message
    )


def test_another_hotel_never_sees_our_handoffs(db):
    with db.unit_of_work() as s:
        handoff_to_human(s, CARTER, HandoffRequest(summary="Noise next door", urgency="high"))
        alpine = list_open(s, principal("manager", "hans.weber", hotel="alpine-lodge"))
        ours = list_open(s, principal("admin", "morgan.lee"))
    assert alpine.count == 0 and ours.count == 1
