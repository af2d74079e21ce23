"""Hostile text in tool arguments is an `invalid` refusal naming the field, never an exception.

Arguments reach tools from the REST catalogue and from a chat model's tool calls; both go
through `ToolRuntime.call`, which parses them with the tool's own schema (pms/*/schemas.py).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from pydantic import BaseModel

from agent.assistant import Assistant
from pms.clock import FrozenClock
from pms.db import Database
from tests.agent.scripted import ScriptedChatModel, call
from tests.support import NOW, T, principal
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
PAYMENT = {"confirmation_code": "HV1004", "amount": "25.00", "method": "card"}
ADMIN = principal("admin", "morgan.lee")


def _text_fields(args: type[BaseModel]) -> list[tuple[str, int]]:
    """(name, maxLength) of every string argument of a tool's schema."""
    fields = []
    for name, field in args.model_json_schema()["properties"].items():
        options = field.get("anyOf", [field])
        if {"type": "number"} in options:
            continue  # an amount, which may come as a string: see test_amounts_*
        for option in options:
            if option.get("type") == "string" and not {"format", "enum"} & set(option):
                fields.append((name, option["maxLength"]))
    return fields


TEXT_ARGUMENTS = [
    (tool.name, name, bound)
    for tool in registry.all_tools()
    for name, bound in _text_fields(tool.args)
]


def test_every_text_argument_of_every_tool_is_checked():
    assert len(TEXT_ARGUMENTS) >= 40
    names = {(tool, name) for tool, name, _ in TEXT_ARGUMENTS}
    assert ("create_reservation", "guest_name") in names
    assert ("record_payment", "reference") in names


@pytest.mark.parametrize(("tool", "field", "bound"), TEXT_ARGUMENTS)
def test_a_nul_or_an_overlong_argument_is_refused_as_invalid(
    tool: str, field: str, bound: int
) -> None:
    """Refused before any unit of work: the runtime needs no database to say so."""
    runtime = ToolRuntime(Database("sqlite://"))
    role = ADMIN if ADMIN.role in registry.REGISTRY[tool].roles else principal("front_desk")
    for value in ("a\x00b", "x" * (bound + 1), "\ud800", "a\x1bb"):
        outcome = runtime.call(tool, {field: value}, role)
        assert outcome.error is not None, (tool, field, value[:8])
        assert outcome.error["type"] == "invalid"
        assert field in outcome.error["message"]


@pytest.mark.parametrize(
    "key", ["k" * 201, "key\x00", 42, ["a"]], ids=["long", "nul", "int", "list"]
)
def test_a_bad_idempotency_key_in_the_arguments_is_refused(db: Database, key: Any) -> None:
    runtime = ToolRuntime(db)
    desk = principal("front_desk", "leo.martins")
    before = _folio_lines(runtime)
    outcome = runtime.call("record_payment", {**PAYMENT, "idempotency_key": key}, desk)
    assert outcome.error is not None and outcome.error["type"] == "invalid"
    assert "idempotency_key" in outcome.error["message"]
    assert _folio_lines(runtime) == before


def _folio_lines(runtime: ToolRuntime) -> int:
    folio = runtime.call("get_folio", {"confirmation_code": "HV1004"}, principal("manager"))
    assert folio.result is not None
    return len(folio.result["lines"])


def test_the_longest_idempotency_key_is_kept(db: Database) -> None:
    runtime = ToolRuntime(db)
    desk = principal("front_desk", "leo.martins")
    first = runtime.call("record_payment", PAYMENT, desk, idempotency_key="k" * 200)
    again = runtime.call("record_payment", PAYMENT, desk, idempotency_key="k" * 200)
    assert first.ok and again.replayed


def test_a_models_bad_argument_comes_back_to_it_as_a_refusal(db: Database) -> None:
    model = ScriptedChatModel(
        script=[
            call("create_reservation", "c1", **{**BOOKING, "guest_name": "Hannah\x00Berg"}),
            call("create_reservation", "c2", **{**BOOKING, "guest_phone": "5" * 1000}),
            call("create_reservation", "c3", **BOOKING),
            AIMessage(content="Booked: HV5001."),
        ]
    )
    assistant = Assistant(
        runtime=ToolRuntime(db),
        model=model,
        hotel="harbor-view",
        role="front_desk",
        user="leo.martins",
        clock=FrozenClock(NOW),
        checkpointer=InMemorySaver(),
    )
    reply = assistant.send("t", "Book Hannah Berg a deluxe king.")

    assert reply.text == "Booked: HV5001."
    bad_name, bad_phone, booked = reply.tool_calls
    assert bad_name.error is not None and bad_name.error["type"] == "invalid"
    assert "guest_name" in bad_name.error["message"]
    assert bad_phone.error is not None and "guest_phone" in bad_phone.error["message"]
    assert booked.error is None and booked.result is not None
    assert booked.result["confirmation_code"] == "HV5001"  # the refusals took no code
