"""The agent graph driven by scripted chat models, against the demo database."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver

from agent.assistant import Assistant
from agent.checkpoints import postgres_checkpointer, sqlite_checkpointer
from agent.graph import CAP_FALLBACK
from agent.models import NONE_REPLY, get_chat_model
from agent.prompts import CAP_NOTE
from pms.clock import FrozenClock
from pms.db import Database
from tests.agent.scripted import ScriptedChatModel, call
from tests.support import NOW, principal
from tools.registry import tools_for
from tools.runtime import ToolRuntime

AVAILABILITY = {"check_in": "2027-03-10", "check_out": "2027-03-12", "adults": 2}


def assistant(db: Database, model: Any, role: str = "guest", **options: Any) -> Assistant:
    options.setdefault("checkpointer", InMemorySaver())
    return Assistant(
        runtime=ToolRuntime(db),
        model=model,
        hotel="harbor-view",
        role=role,
        clock=FrozenClock(NOW),
        **options,
    )


def tool_messages(messages: list[BaseMessage]) -> list[ToolMessage]:
    return [m for m in messages if isinstance(m, ToolMessage)]


def test_a_tool_call_and_its_result_reach_the_model(db: Database) -> None:
    model = ScriptedChatModel(
        script=[
            call("get_reservation", "c1", confirmation_code="HV1005"),
            AIMessage(content="HV1005 is Daniel Okafor's stay, March 6 to 8."),
        ]
    )
    reply = assistant(db, model, "front_desk", user="leo.martins").send("t", "Who is HV1005?")

    assert reply.text == "HV1005 is Daniel Okafor's stay, March 6 to 8."
    (use,) = reply.tool_calls
    assert (use.name, use.args, use.error) == (
        "get_reservation",
        {"confirmation_code": "HV1005"},
        None,
    )
    assert use.result is not None and use.result["guest_name"] == "Daniel Okafor"
    first, second = model.seen
    assert isinstance(first[0], SystemMessage) and "15:00" in str(first[0].content)
    assert "2027-03-01" in str(first[0].content)  # today's date from the frozen clock
    assert isinstance(first[-1], HumanMessage)
    (result,) = tool_messages(second)
    assert result.tool_call_id == "c1" and result.status == "success"
    assert json.loads(str(result.content))["guest_name"] == "Daniel Okafor"
    assert reply.model_calls == 2


def test_a_refusal_comes_back_as_an_error_message_and_the_model_recovers(db: Database) -> None:
    model = ScriptedChatModel(
        script=[
            call("get_reservation", "c1", confirmation_code="HV9999"),
            call("get_reservation", "c2", confirmation_code="HV1005"),
            AIMessage(content="Found it: HV1005."),
        ]
    )
    reply = assistant(db, model, "front_desk", user="leo.martins").send("t", "Look up HV9999")

    refused, found = reply.tool_calls
    assert refused.result is None and refused.error is not None
    assert refused.error["type"] == "not_found"
    assert found.ok and found.result is not None
    error = tool_messages(model.seen[1])[-1]
    assert error.status == "error"
    body = json.loads(str(error.content))
    assert set(body) == {"error"} and body["error"]["type"] == "not_found"
    assert body["error"]["message"]
    assert reply.text == "Found it: HV1005."


def test_the_tool_call_cap_stops_a_looping_model(db: Database) -> None:
    looping = [call("check_availability", f"c{i}", **AVAILABILITY) for i in range(20)]
    model = ScriptedChatModel(script=looping)
    reply = assistant(db, model, max_tool_calls=3).send("t", "Anything free?")

    assert len(reply.tool_calls) == 3 and all(use.ok for use in reply.tool_calls)
    assert len(model.seen) == 4  # three rounds, then one answer without tools
    assert model.seen[-1][-1] == SystemMessage(CAP_NOTE)
    assert reply.text == CAP_FALLBACK


def test_the_cap_refuses_the_calls_of_one_message_beyond_it(db: Database) -> None:
    batch = AIMessage(
        content="",
        tool_calls=[
            {"name": "check_availability", "args": AVAILABILITY, "id": f"c{i}"} for i in range(3)
        ],
    )
    model = ScriptedChatModel(script=[batch, AIMessage(content="Here is what I found.")])
    reply = assistant(db, model, max_tool_calls=2).send("t", "Anything free?")

    assert [use.ok for use in reply.tool_calls] == [True, True, False]
    assert reply.tool_calls[2].error is not None
    assert reply.tool_calls[2].error["type"] == "limit_reached"
    assert reply.text == "Here is what I found."


def test_the_guest_only_sees_guest_tools(db: Database) -> None:
    guest = ScriptedChatModel(script=[AIMessage(content="Hello!")])
    assistant(db, guest).send("t", "Hi")
    manager = ScriptedChatModel(script=[AIMessage(content="Hello!")])
    assistant(db, manager, "manager", user="maria.lopez").send("t", "Hi")

    (guest_tools,) = guest.bound
    assert set(guest_tools) == {t.name for t in tools_for(principal("guest"))}
    assert {"find_reservation", "create_reservation", "handoff_to_human"} <= set(guest_tools)
    assert not {"refund_payment", "search_reservations", "post_charge"} & set(guest_tools)
    (manager_tools,) = manager.bound
    assert "refund_payment" in manager_tools and len(manager_tools) > len(guest_tools)


def test_a_tool_the_principal_may_not_use_is_refused_not_crashed(db: Database) -> None:
    model = ScriptedChatModel(
        script=[
            call("refund_payment", "c1", confirmation_code="HV1001", amount="50", reason="x"),
            AIMessage(content="I can't issue refunds, but the front desk can help."),
        ]
    )
    reply = assistant(db, model, reservations=["HV1001"]).send("t", "Refund me 50 dollars")

    (use,) = reply.tool_calls
    assert use.error is not None and use.error["type"] == "not_permitted"
    assert "refund_payment" in use.error["message"]
    assert reply.text.startswith("I can't issue refunds")


def test_the_principal_never_comes_from_model_arguments(db: Database) -> None:
    model = ScriptedChatModel(
        script=[
            call("get_folio", "c1", confirmation_code="HV1005"),
            call("get_folio", "c2", confirmation_code="HV1005", role="manager"),
            call("get_folio", "c3", confirmation_code="HV1001"),
            AIMessage(content="I can only show your own folio."),
        ]
    )
    reply = assistant(db, model, reservations=["HV1001"]).send("t", "Show folio HV1005")

    other, escalated, own = reply.tool_calls
    assert other.error is not None and other.error["type"] == "not_permitted"
    assert escalated.error is not None and escalated.error["type"] == "invalid"
    assert "role" in escalated.error["message"]
    assert own.ok and own.result is not None
    assert own.result["confirmation_code"] == "HV1001"


def test_find_reservation_verifies_and_the_next_turn_can_read_the_folio(db: Database) -> None:
    model = ScriptedChatModel(
        script=[
            call("get_folio", "c0", confirmation_code="HV1001"),
            call("find_reservation", "c1", confirmation_code="HV1001", last_name="Carter"),
            AIMessage(content="Thank you, Ms Carter, you are verified."),
            call("get_folio", "c2", confirmation_code="HV1001"),
            AIMessage(content="Here is your folio."),
        ]
    )
    agent = assistant(db, model)
    first = agent.send("guest-1", "My code is HV1001, name Carter")
    assert first.tool_calls[0].error is not None  # not verified yet
    assert first.tool_calls[1].ok
    assert agent.verified("guest-1") == {"HV1001"}

    second = agent.send("guest-1", "What do I owe?")
    (folio,) = second.tool_calls
    assert folio.ok and folio.result is not None
    assert folio.result["confirmation_code"] == "HV1001"
    assert agent.verified("another-guest") == frozenset()


IDA = {
    "room_type": "STQ",
    "check_in": "2027-04-10",
    "check_out": "2027-04-12",
    "adults": 1,
    "guest_name": "Ida Lund",
    "guest_email": "ida.lund@example.com",
}


def ida_bookings(db: Database) -> list[str]:
    staff = principal("front_desk", "leo.martins")
    found = ToolRuntime(db).call("search_reservations", {"email": "ida.lund@example.com"}, staff)
    assert found.ok and found.result is not None
    return [r["confirmation_code"] for r in found.result["reservations"]]


def test_a_replayed_tool_step_writes_once(db: Database) -> None:
    model = ScriptedChatModel(
        script=[call("create_reservation", "book-1", **IDA), AIMessage(content="Booked.")]
    )
    saver = InMemorySaver()
    agent = assistant(db, model, checkpointer=saver)
    first = agent.send("guest-2", "Book it")
    assert first.tool_calls[0].result is not None
    code = first.tool_calls[0].result["confirmation_code"]
    # The tools step run again from its checkpoint (as after a crash mid-step): same key.
    history = list(agent.graph.get_state_history(agent.config("guest-2")))
    before_tools = next(h for h in history if h.next == ("tools",))
    again = ScriptedChatModel(script=[AIMessage(content="Booked again.")])
    replay = assistant(db, again, checkpointer=saver)
    replay.graph.invoke(None, before_tools.config, context=replay.context("guest-2"))

    replayed = replay.graph.get_state(replay.config("guest-2")).values["messages"][-2]
    assert json.loads(str(replayed.content))["confirmation_code"] == code
    assert ida_bookings(db) == [code]


def test_a_call_id_the_model_repeats_in_a_later_turn_is_a_new_call(db: Database) -> None:
    # The offline model numbers its calls, so after a turn that was not saved it can repeat
    # an id: keys are per turn, so the repeat is neither refused nor answered with the old
    # result.
    model = ScriptedChatModel(
        script=[
            call("create_reservation", "offline-1", **IDA),
            AIMessage(content="Booked."),
            call("create_reservation", "offline-1", **{**IDA, "check_in": "2027-04-11"}),
            AIMessage(content="Booked."),
        ]
    )
    agent = assistant(db, model)
    first = agent.send("guest-2", "Book it")
    second = agent.send("guest-2", "And one from the 11th")

    assert first.tool_calls[0].result is not None and second.tool_calls[0].error is None
    assert second.tool_calls[0].result is not None
    assert sorted(ida_bookings(db)) == sorted(
        [first.tool_calls[0].result["confirmation_code"],
         second.tool_calls[0].result["confirmation_code"]]
    )  # fmt: skip
    assert len(set(ida_bookings(db))) == 2


def test_the_none_model_answers_and_never_calls_tools(db: Database) -> None:
    reply = assistant(db, get_chat_model("none")).send("t", "Book me a room for tomorrow")

    assert reply.text == NONE_REPLY
    assert reply.tool_calls == [] and reply.model_calls == 1


def _resume(db: Database, store: Callable[[], AbstractContextManager[Any]]) -> None:
    """Verify in one Assistant, close the store, then read the folio through a new one."""
    with store() as before:
        verify = ScriptedChatModel(
            script=[
                call("find_reservation", "c1", confirmation_code="HV1001", last_name="Carter"),
                AIMessage(content="Verified."),
            ]
        )
        assert assistant(db, verify, checkpointer=before).send("th", "HV1001 Carter").tool_calls
    with store() as after:
        later = ScriptedChatModel(
            script=[call("get_folio", "c2", confirmation_code="HV1001"), AIMessage(content="ok")]
        )
        reply = assistant(db, later, checkpointer=after).send("th", "My folio please")
    assert after is not before
    assert reply.tool_calls[0].ok, reply.tool_calls[0].error
    shown = [m.content for m in later.seen[0] if isinstance(m, HumanMessage)]
    assert shown == ["HV1001 Carter", "My folio please"]


def test_a_conversation_resumes_after_a_restart_on_sqlite(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "state" / "checkpoints.db"
    _resume(db, lambda: sqlite_checkpointer(path))
    assert path.exists()


def test_a_conversation_resumes_after_a_restart_on_postgresql(
    sqlite_db: Database, pg_empty: str
) -> None:
    _resume(sqlite_db, lambda: postgres_checkpointer(pg_empty))


@pytest.mark.parametrize("name", ["gpt-4o", "openai", "openai-compatible:x", "none:x"])
def test_unknown_or_unavailable_models_raise_a_clear_error(name: str) -> None:
    from agent.models import ModelNotAvailable

    with pytest.raises(ModelNotAvailable, match=r"."):
        get_chat_model(name, api_key="sk-test")


def test_the_offline_model_is_the_embedded_default() -> None:
    from agent.offline import OfflineChatModel

    assert isinstance(get_chat_model("offline"), OfflineChatModel)


def test_openai_models_are_built_without_calling_anything() -> None:
    from langchain_openai import ChatOpenAI

    from agent.models import ModelNotAvailable

    with pytest.raises(ModelNotAvailable, match="API key"):
        get_chat_model("openai:gpt-4o-mini")
    model = get_chat_model("openai:gpt-4o-mini", api_key="sk-test")
    assert isinstance(model, ChatOpenAI) and model.model_name == "gpt-4o-mini"
    local = get_chat_model("openai-compatible:llama3.1@http://localhost:11434/v1")
    assert isinstance(local, ChatOpenAI) and local.openai_api_base == "http://localhost:11434/v1"
