"""Every tool against every role, in its own hotel and in the other one.

The table below is the tool contract's catalogue written out by hand: it is deliberately NOT read
from `pms.authz`, so a drift between the contract and the code fails here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from pms.authz import PERMISSIONS
from pms.errors import NotPermitted
from pms.folios import service as folios
from pms.folios.schemas import ChargeRequest, RefundRequest, VoidRequest
from pms.principal import Principal
from pms.reservations import service as reservations
from pms.reservations.schemas import ReservationSearch
from pms.rooms import service as rooms
from pms.rooms.schemas import SetRoomOutOfOrder
from tests.support import T, principal
from tools import registry
from tools.runtime import ToolRuntime

G, H, F, M, A = "guest", "housekeeping", "front_desk", "manager", "admin"
ROLES = (G, H, F, M, A)
ALL = frozenset(ROLES)

# The contract's "roles" column. "G (own)" is G here; ownership is tested separately below.
CONTRACT: dict[str, frozenset[str]] = {
    "search_knowledge": ALL,
    "check_availability": ALL,
    "create_reservation": frozenset({G, F, M, A}),
    "find_reservation": ALL,
    "get_reservation": frozenset({G, F, M, A}),
    "search_reservations": frozenset({F, M, A}),
    "modify_reservation": frozenset({G, F, M, A}),
    "cancel_reservation": frozenset({G, F, M, A}),
    "assign_room": frozenset({F, M, A}),
    "check_in": frozenset({F, M, A}),
    "check_out": frozenset({F, M, A}),
    "get_folio": frozenset({G, F, M, A}),
    "post_charge": frozenset({F, M, A}),
    "record_payment": frozenset({F, M, A}),
    "refund_payment": frozenset({M, A}),
    "void_charge": frozenset({M, A}),
    "list_rooms": frozenset({H, F, M, A}),
    "set_room_condition": frozenset({H, F, M, A}),
    "set_room_out_of_order": frozenset({M, A}),
    "return_room_to_service": frozenset({M, A}),
    "list_housekeeping_tasks": frozenset({H, F, M, A}),
    "create_housekeeping_task": frozenset({G, H, F, M, A}),
    "assign_housekeeping_task": frozenset({F, M, A}),
    "update_housekeeping_task": frozenset({H, M, A}),
    "daily_report": frozenset({F, M, A}),
    "handoff_to_human": ALL,
    # Extension beyond the contract (approvals): front desk asks, managers act themselves.
    "request_manager_approval": frozenset({F}),
}

HARBOR_STAFF = {H: "maria.santos", F: "leo.martins", M: "grace.kim", A: "morgan.lee"}
# Alpine Lodge has no housekeeping or admin staff: those principals carry no username.
ALPINE_STAFF = {H: None, F: "lena.vogt", M: "hans.weber", A: None}
# HV1001 is in house in 517 (so a guest may ask housekeeping for it); HV1005 is a plain future
# FLEX booking a guest may change or cancel.
GUEST_CODES = ("HV1001", "HV1005")


def d(days: int) -> str:
    return (T + timedelta(days=days)).isoformat()


# Arguments that are valid for the demo data, chosen so that an allowed role is never refused
# for a reason other than the contract's business rules (and in most cases succeeds).
VALID_ARGS_REFUND = {"confirmation_code": "HV1004", "amount": "10.00", "reason": "goodwill"}
VALID_ARGS: dict[str, dict[str, Any]] = {
    "search_knowledge": {"query": "breakfast hours"},
    "check_availability": {"check_in": d(30), "check_out": d(32), "adults": 2},
    "create_reservation": {
        "room_type": "DLK",
        "check_in": d(40),
        "check_out": d(42),
        "adults": 2,
        "guest_name": "Ada Lovelace",
        "guest_email": "ada.lovelace@example.com",
    },
    "find_reservation": {"confirmation_code": "HV1001", "last_name": "Carter"},
    "get_reservation": {"confirmation_code": "HV1001"},
    "search_reservations": {"name": "Carter"},
    "modify_reservation": {"confirmation_code": "HV1005", "check_out": d(8)},
    "cancel_reservation": {"confirmation_code": "HV1005", "reason": "change of plans"},
    "assign_room": {"confirmation_code": "HV1005", "room_number": "301"},
    "check_in": {"confirmation_code": "HV1002"},
    "check_out": {"confirmation_code": "HV1007"},
    "get_folio": {"confirmation_code": "HV1001"},
    "post_charge": {
        "confirmation_code": "HV1001",
        "amount": "12.00",
        "category": "minibar",
        "description": "Two sodas",
    },
    "record_payment": {"confirmation_code": "HV1001", "amount": "100.00", "method": "card"},
    "refund_payment": {"confirmation_code": "HV1004", "amount": "10.00", "reason": "goodwill"},
    "void_charge": {"confirmation_code": "HV1001", "line": 3, "reason": "posted twice"},
    "list_rooms": {"floor": 3},
    "set_room_condition": {"room_number": "301", "condition": "clean"},
    "set_room_out_of_order": {
        "room_number": "302",
        "start_date": d(5),
        "end_date": d(6),
        "reason": "new carpet",
    },
    "return_room_to_service": {"room_number": "312"},
    "list_housekeeping_tasks": {},
    "create_housekeeping_task": {
        "room_number": "517",
        "kind": "amenity_request",
        "notes": "extra pillows",
    },
    "assign_housekeeping_task": {"task_id": 3, "assignee": "tom.reed"},
    "update_housekeeping_task": {"task_id": 3, "status": "in_progress"},
    "daily_report": {},
    "handoff_to_human": {"summary": "The guest would like to speak to a person."},
    "request_manager_approval": {
        "tool": "refund_payment",
        "arguments": VALID_ARGS_REFUND,
        "reason": "The guest was double charged.",
    },
}

# The same tools aimed at Harbor View's data from Alpine Lodge: HV codes, rooms Alpine does not
# have, Harbor View's task ids. Tools that take no identifier cannot reach another hotel.
FOREIGN_ARGS: dict[str, dict[str, Any]] = {
    "find_reservation": {"confirmation_code": "HV1001", "last_name": "Carter"},
    "get_reservation": {"confirmation_code": "HV1001"},
    "search_reservations": {"room_number": "517"},
    "modify_reservation": {"confirmation_code": "HV1005", "check_out": d(8)},
    "cancel_reservation": {"confirmation_code": "HV1005"},
    "assign_room": {"confirmation_code": "HV1005", "room_number": "301"},
    "check_in": {"confirmation_code": "HV1002"},
    "check_out": {"confirmation_code": "HV1007"},
    "get_folio": {"confirmation_code": "HV1001"},
    "post_charge": VALID_ARGS["post_charge"],
    "record_payment": VALID_ARGS["record_payment"],
    "refund_payment": VALID_ARGS["refund_payment"],
    "void_charge": VALID_ARGS["void_charge"],
    "set_room_condition": {"room_number": "517", "condition": "clean"},
    "set_room_out_of_order": {**VALID_ARGS["set_room_out_of_order"], "room_number": "517"},
    "return_room_to_service": {"room_number": "312"},
    "list_housekeeping_tasks": {"room_number": "517"},
    "create_housekeeping_task": {"room_number": "517", "kind": "amenity_request"},
    "assign_housekeeping_task": {"task_id": 1, "assignee": "tom.reed"},
    "update_housekeeping_task": {"task_id": 1, "status": "in_progress"},
}
# The same calls with identifiers that exist in no hotel: the other hotel's data must answer
# exactly like these.
NOWHERE_ARGS: dict[str, dict[str, Any]] = {
    name: {
        key: {"confirmation_code": "HV9999", "room_number": "999", "task_id": 99999}.get(key, value)
        for key, value in args.items()
    }
    for name, args in FOREIGN_ARGS.items()
}


def registered() -> set[str]:
    return {tool.name for tool in registry.all_tools()}


def harbor(role: str, **overrides: Any):
    if role == G:
        return principal(G, reservations=overrides.pop("reservations", GUEST_CODES), **overrides)
    return principal(role, overrides.pop("user", HARBOR_STAFF[role]), **overrides)


def alpine(role: str):
    if role == G:
        # Verified for the Harbor View codes (and one that exists nowhere), as if a guest's
        # session had somehow carried them over: the hotel fence must still hold.
        return principal(G, hotel="alpine-lodge", reservations=(*GUEST_CODES, "HV9999"))
    return principal(role, ALPINE_STAFF[role], hotel="alpine-lodge")


def _matrix(tools_of: dict[str, frozenset[str]]) -> list[Any]:
    # Only registered tools: test_contract_table_covers_exactly_the_catalogue fails if any
    # contract tool is missing.
    return [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in sorted(tools_of)
        if name in registered()
        for role in ROLES
    ]


def test_contract_table_covers_exactly_the_catalogue():
    # Every contract tool is registered and nothing is registered that the contract does not list.
    assert registered() == set(CONTRACT)


def test_permission_table_matches_the_contract():
    for name, roles in CONTRACT.items():
        assert {role.value for role in PERMISSIONS[name]} == roles, name
    assert {role.value for role in PERMISSIONS["search_knowledge"]} == ALL


@pytest.mark.parametrize(("name", "role"), _matrix(CONTRACT))
def test_own_hotel(db, name, role):
    outcome = ToolRuntime(db).call(name, dict(VALID_ARGS[name]), harbor(role))
    if role in CONTRACT[name]:
        assert outcome.error is None or outcome.error["type"] != "not_permitted", outcome.error
    else:
        assert outcome.result is None
        assert outcome.error is not None and outcome.error["type"] == "not_permitted"


# The arguments above are chosen so that every allowed call succeeds outright: a refusal of any
# type for an allowed role is a finding too.
@pytest.mark.parametrize(
    ("name", "role"),
    [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in sorted(CONTRACT)
        if name in registered()
        for role in ROLES
        if role in CONTRACT[name]
    ],
)
def test_allowed_calls_with_valid_arguments_succeed(db, name, role):
    outcome = ToolRuntime(db).call(name, dict(VALID_ARGS[name]), harbor(role))
    assert outcome.ok, outcome.error


@pytest.mark.parametrize(
    ("name", "role"),
    [
        pytest.param(name, role, id=f"{name}-{role}")
        for name in sorted(FOREIGN_ARGS)
        for role in ROLES
        if role in CONTRACT[name]
    ],
)
def test_other_hotel_answers_not_found(db, name, role):
    runtime = ToolRuntime(db)
    actor = alpine(role)
    foreign = runtime.call(name, dict(FOREIGN_ARGS[name]), actor)
    nowhere = runtime.call(name, dict(NOWHERE_ARGS[name]), actor)
    assert foreign.result is None, f"{actor} read Harbor View data: {foreign.result}"
    assert foreign.error is not None
    # Exactly as for an identifier that exists nowhere.
    assert nowhere.error is not None and foreign.error["type"] == nowhere.error["type"]
    expected = "not_found"
    if role == G and name == "create_housekeeping_task":
        # A guest's request is checked against their own in-house stay before any room lookup;
        # every room that is not theirs answers the same refusal.
        expected = "not_permitted"
    assert foreign.error["type"] == expected, foreign.error
    # The refusal names nothing of the other hotel's guest.
    assert "Carter" not in foreign.error["message"] and "John" not in foreign.error["message"]


@pytest.mark.parametrize("role", [F, M, A])
def test_other_hotel_search_and_lists_show_no_harbor_data(db, role):
    runtime = ToolRuntime(db)
    actor = alpine(role)
    found = runtime.call("search_reservations", {"name": "Carter"}, actor)
    assert found.ok and found.result["total"] == 0 and found.result["reservations"] == []
    every = runtime.call("search_reservations", {}, actor)
    assert every.ok
    assert all(r["confirmation_code"].startswith("AL") for r in every.result["reservations"])
    rooms_seen = runtime.call("list_rooms", {}, actor)
    assert rooms_seen.ok and rooms_seen.result["count"] == 20
    assert {room["number"] for room in rooms_seen.result["rooms"]} == {
        f"{floor}{n:02d}" for floor in (1, 2) for n in range(1, 11)
    }
    tasks = runtime.call("list_housekeeping_tasks", {"status": "open"}, actor)
    assert tasks.ok and all(task["task_id"] not in (1, 2, 3, 4) for task in tasks.result["tasks"])


@pytest.mark.parametrize("role", ROLES)
def test_tools_for_lists_exactly_the_allowed_tools(role):
    names = registered()
    for actor in (harbor(role), alpine(role)):
        shown = {tool.name for tool in registry.tools_for(actor)}
        assert shown == {name for name in names if role in CONTRACT[name]}


@pytest.mark.parametrize(
    ("call", "roles"),
    [
        pytest.param(
            lambda s, who: folios.refund_payment(
                s,
                who,
                RefundRequest(confirmation_code="HV1004", amount="10.00", reason="goodwill"),
            ),
            (G, H, F),
            id="refund_payment",
        ),
        pytest.param(
            lambda s, who: folios.void_charge(
                s, who, VoidRequest(confirmation_code="HV1001", line=3, reason="posted twice")
            ),
            (G, H, F),
            id="void_charge",
        ),
        pytest.param(
            lambda s, who: rooms.set_room_out_of_order(
                s,
                who,
                SetRoomOutOfOrder(
                    room_number="302", start_date=d(5), end_date=d(6), reason="new carpet"
                ),
            ),
            (G, H, F),
            id="set_room_out_of_order",
        ),
        pytest.param(
            lambda s, who: folios.post_charge(
                s,
                who,
                ChargeRequest(
                    confirmation_code="HV1001",
                    amount="12.00",
                    category="minibar",
                    description="Two sodas",
                ),
            ),
            (G, H),
            id="post_charge",
        ),
        pytest.param(
            lambda s, who: reservations.search(s, who, ReservationSearch(name="Carter")),
            (G, H),
            id="search_reservations",
        ),
    ],
)
def test_services_refuse_without_the_tool_layer(db, call, roles):
    for role in roles:
        with db.unit_of_work() as session, pytest.raises(NotPermitted):
            call(session, harbor(role))


@pytest.mark.parametrize(
    "name", ["get_reservation", "get_folio", "modify_reservation", "cancel_reservation"]
)
@pytest.mark.parametrize("verified", [(), ("HV1005",)], ids=["anonymous", "other-code"])
def test_guest_may_not_touch_an_unverified_reservation(db, name, verified):
    args = {"confirmation_code": "HV1001"}
    if name == "modify_reservation":
        args["check_out"] = d(2)
    outcome = ToolRuntime(db).call(name, args, principal(G, reservations=verified))
    assert outcome.result is None
    assert outcome.error is not None and outcome.error["type"] == "not_permitted"
    # Staff can read it: the refusal is about the guest, not the reservation.
    staff = ToolRuntime(db).call("get_reservation", {"confirmation_code": "HV1001"}, harbor(F))
    assert staff.ok and staff.result["status"] == "in_house"


@pytest.mark.parametrize("verified", [(), ("HV1005",)], ids=["anonymous", "other-code"])
def test_guest_may_not_ask_housekeeping_for_a_room_that_is_not_theirs(db, verified):
    outcome = ToolRuntime(db).call(
        "create_housekeeping_task",
        {"room_number": "517", "kind": "amenity_request"},
        principal(G, reservations=verified),
    )
    assert outcome.result is None
    assert outcome.error is not None and outcome.error["type"] == "not_permitted"


@pytest.mark.parametrize(
    "smuggled",
    [
        {"role": "manager"},
        {"user": "grace.kim"},
        {"reservations": ["HV1001"]},
        {"principal": {"role": "admin"}},
        {"hotel": "harbor-view", "role": "front_desk"},
    ],
    ids=["role", "user", "reservations", "principal", "hotel-role"],
)
@pytest.mark.parametrize(
    "name", ["get_reservation", "get_folio", "modify_reservation", "cancel_reservation"]
)
def test_guest_cannot_smuggle_identity_in_arguments(db, name, smuggled):
    args: dict[str, Any] = {"confirmation_code": "HV1001", **smuggled}
    if name == "modify_reservation":
        args["check_out"] = d(2)
    outcome = ToolRuntime(db).call(name, args, principal(G))
    assert outcome.result is None
    assert outcome.error is not None and outcome.error["type"] == "invalid", outcome.error
    assert outcome.principal.reservations == frozenset()
    # Nothing changed: the reservation is exactly as seeded.
    after = ToolRuntime(db).call("get_reservation", {"confirmation_code": "HV1001"}, harbor(M))
    assert after.result["status"] == "in_house" and after.result["check_out"] == d(1)


def test_staff_cannot_smuggle_a_higher_role(db):
    outcome = ToolRuntime(db).call(
        "refund_payment", {**VALID_ARGS["refund_payment"], "role": "manager"}, harbor(F)
    )
    assert outcome.error is not None and outcome.error["type"] == "not_permitted"
    outcome = ToolRuntime(db).call(
        "post_charge", {**VALID_ARGS["post_charge"], "role": "manager"}, harbor(F)
    )
    assert outcome.error is not None and outcome.error["type"] == "invalid"


NEW_BOOKING = VALID_ARGS["create_reservation"]


def test_guests_with_their_own_sessions_never_share_an_idempotency_key(db):
    first_guest = Principal(hotel="harbor-view", role=G, channel="test", subject="session-a")
    second_guest = Principal(hotel="harbor-view", role=G, channel="test", subject="session-b")
    runtime = ToolRuntime(db)
    first = runtime.call("create_reservation", dict(NEW_BOOKING), first_guest, idempotency_key="k1")
    second = runtime.call(
        "create_reservation", dict(NEW_BOOKING), second_guest, idempotency_key="k1"
    )
    assert first.ok and second.ok and not second.replayed
    assert second.result["confirmation_code"] != first.result["confirmation_code"]
    assert first.result["confirmation_code"] not in second.principal.reservations


def test_a_replayed_booking_does_not_verify_another_guest(db):
    """Two anonymous guests, bound as the API and CLI bind guests today (no `subject`).

    The second sends the first one's idempotency key with the same arguments. It must not come
    away holding the first guest's reservation: verified for its code, able to read and cancel
    it, without ever proving the last name.
    """
    runtime = ToolRuntime(db)
    first = runtime.call(
        "create_reservation", dict(NEW_BOOKING), principal(G), idempotency_key="k1"
    )
    assert first.ok
    code = first.result["confirmation_code"]
    second = runtime.call(
        "create_reservation", dict(NEW_BOOKING), principal(G), idempotency_key="k1"
    )
    assert code not in second.principal.reservations, (
        f"a second guest replayed {code} with the first guest's key and is now verified for it"
    )
    cancel = runtime.call("cancel_reservation", {"confirmation_code": code}, second.principal)
    assert cancel.error is not None and cancel.error["type"] == "not_permitted"
