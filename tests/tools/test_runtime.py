"""The tool runtime: validation, refusals as JSON, idempotency and guest verification."""

from datetime import timedelta

from pms.principal import Principal, Role
from tests.support import T, principal
from tools import registry
from tools.runtime import ToolRuntime

BOOKING = {
    "room_type": "DLK",
    "check_in": str(T + timedelta(days=19)),
    "check_out": str(T + timedelta(days=22)),
    "adults": 2,
    "guest_name": "Hannah Berg",
    "guest_email": "hannah.berg@example.com",
}


def test_a_guest_who_books_is_verified_for_that_booking(db):
    runtime = ToolRuntime(db)
    outcome = runtime.call("create_reservation", BOOKING, principal("guest"))
    assert outcome.ok and outcome.result["confirmation_code"] == "HV5001"
    assert outcome.principal.owns("HV5001")
    folio = runtime.call("get_folio", {"confirmation_code": "HV5001"}, outcome.principal)
    assert folio.ok and folio.result["balance"] == "0.00"


def test_find_reservation_verifies_a_guest(db):
    runtime = ToolRuntime(db)
    guest = principal("guest")
    assert (
        runtime.call("get_reservation", {"confirmation_code": "HV1002"}, guest).error["type"]
        == "not_permitted"
    )
    found = runtime.call(
        "find_reservation", {"confirmation_code": "HV1002", "last_name": "shah"}, guest
    )
    assert found.ok and found.principal.owns("HV1002")
    assert runtime.call("get_reservation", {"confirmation_code": "HV1002"}, found.principal).ok


def test_refusals_come_back_as_typed_json(db):
    outcome = ToolRuntime(db).call(
        "refund_payment",
        {"confirmation_code": "HV1004", "amount": 10, "reason": "x"},
        principal("front_desk", "leo.martins"),
    )
    assert outcome.as_json() == {
        "error": {
            "type": "not_permitted",
            "message": "The front_desk role may not use refund_payment; it needs one of: manager, admin.",
        }
    }


def test_bad_arguments_are_explained(db):
    runtime = ToolRuntime(db)
    wrong_type = runtime.call(
        "check_availability",
        {"check_in": "next friday", "check_out": "2027-03-10", "adults": 2},
        principal("guest"),
    )
    assert wrong_type.error["type"] == "invalid" and "check_in" in wrong_type.error["message"]
    missing = runtime.call("get_folio", {}, principal("manager", "grace.kim"))
    assert "confirmation_code: Field required" in missing.error["message"]


def test_arguments_cannot_carry_a_principal(db):
    outcome = ToolRuntime(db).call(
        "get_folio",
        {"confirmation_code": "HV1001", "role": "manager", "user": "grace.kim"},
        principal("guest"),
    )
    assert (
        outcome.error["type"] == "invalid"
        and "does not take role, user" in outcome.error["message"]
    )


def test_the_same_key_returns_the_first_result_and_writes_once(db):
    runtime = ToolRuntime(db)
    desk = principal("front_desk", "leo.martins")
    args = {
        "confirmation_code": "HV1001",
        "amount": "20.00",
        "method": "card",
        "idempotency_key": "call-1",
    }
    first = runtime.call("record_payment", args, desk)
    again = runtime.call("record_payment", args, desk)
    assert first.ok and again.ok and again.replayed and again.result == first.result
    folio = runtime.call("get_folio", {"confirmation_code": "HV1001"}, desk).result
    assert len(folio["lines"]) == 4 and folio["balance"] == "498.50"


def test_the_same_key_with_other_arguments_is_refused_and_changes_nothing(db):
    runtime = ToolRuntime(db)
    desk = principal("front_desk", "leo.martins")
    runtime.call(
        "record_payment",
        {
            "confirmation_code": "HV1001",
            "amount": "20.00",
            "method": "card",
            "idempotency_key": "k",
        },
        desk,
    )
    reused = runtime.call(
        "record_payment",
        {
            "confirmation_code": "HV1001",
            "amount": "25.00",
            "method": "card",
            "idempotency_key": "k",
        },
        desk,
    )
    assert reused.error["type"] == "invalid" and "already used" in reused.error["message"]
    assert (
        runtime.call("get_folio", {"confirmation_code": "HV1001"}, desk).result["balance"]
        == "498.50"
    )


def test_keys_are_scoped_to_whoever_used_them(db):
    runtime = ToolRuntime(db)
    args = dict(BOOKING, idempotency_key="shared")
    mine = runtime.call(
        "create_reservation", args, Principal("harbor-view", Role.GUEST, subject="a")
    )
    theirs = runtime.call(
        "create_reservation", args, Principal("harbor-view", Role.GUEST, subject="b")
    )
    assert mine.result["confirmation_code"] == "HV5001"
    assert theirs.result["confirmation_code"] == "HV5002"


def test_a_refused_write_stores_no_key(db):
    runtime = ToolRuntime(db)
    desk = principal("front_desk", "leo.martins")
    args = {
        "confirmation_code": "HV1004",
        "amount": "900",
        "method": "card",
        "idempotency_key": "k2",
    }
    assert runtime.call("record_payment", args, desk).error["type"] == "policy_violation"
    args["amount"] = "470"
    assert runtime.call("record_payment", args, desk).ok


def test_every_tool_has_a_description_and_a_closed_schema():
    for tool in registry.all_tools():
        assert tool.description, tool.name
        schema = tool.parameters()
        assert schema["type"] == "object" and schema["additionalProperties"] is False
        assert "idempotency_key" not in schema["properties"]
        if tool.kind.value == "write":
            assert "idempotency_key" in tool.parameters(with_idempotency_key=True)["properties"]


def test_the_guest_sees_only_guest_tools():
    names = {t.name for t in registry.tools_for(principal("guest"))}
    assert "refund_payment" not in names and "search_reservations" not in names
    assert {"create_reservation", "find_reservation", "get_folio", "handoff_to_human"} <= names
