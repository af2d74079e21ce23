"""The offline model: intent scoring, frame merging, and whole conversations through the graph."""

from __future__ import annotations

from datetime import date
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langgraph.checkpoint.memory import InMemorySaver

from agent.assistant import Assistant
from agent.offline import OfflineChatModel
from agent.offline.frame import build, extract
from agent.offline.intents import recognise, score_intents
from agent.offline.model import business_date, role_of
from pms.clock import FrozenClock
from pms.db import Database
from tests.agent.profiles import demo_words
from tests.support import NOW
from tools.runtime import ToolRuntime

TODAY = date(2027, 3, 1)


def test_intents_from_paraphrases() -> None:
    assert recognise("could you reserve us a double room for next weekend") == "book"
    assert recognise("any vacancies around the 9th?") == "availability"
    assert recognise("how much do I still owe you?") == "folio"
    assert recognise("please call off my stay, plans changed, I want to cancel") == "cancel_booking"
    assert recognise("put 40 dollars of minibar on the bill for HV1001") == "charge"
    assert recognise("I'd like my money back") == "refund"
    assert recognise("room 412 is clean now") == "set_condition"
    assert recognise("print me today's report") == "daily_report"
    assert recognise("can I speak to a real person") == "handoff"
    assert recognise("thanks a lot") == "thanks"


def test_negation_counts_against_an_intent() -> None:
    scores = {s.intent: s.score for s in score_intents("please don't cancel it")}
    assert "cancel_booking" not in scores


def test_slots_from_one_turn() -> None:
    slots = extract(
        "I need a queen room 2027-04-02 to 2027-04-05, 2 adults, with breakfast",
        TODAY,
        "book",
        hotel=demo_words(),
    )
    assert slots["check_in"] == "2027-04-02" and slots["check_out"] == "2027-04-05"
    assert slots["adults"] == 2 and slots["room_type"] == "STQ" and slots["rate_plan"] == "BB"


def test_frame_merges_turns_and_later_turns_override() -> None:
    messages: list[Any] = [
        HumanMessage("I want to book a room from April 10th for two nights"),
        AIMessage("How many adults?"),
        HumanMessage("three of us, actually make it April 11 to April 13"),
    ]
    frame = build(messages, TODAY).frame
    assert frame.intent == "book"
    assert frame.slots["adults"] == 3
    assert frame.slots["check_in"] == "2027-04-11"
    assert frame.slots["check_out"] == "2027-04-13"


def test_a_new_intent_after_a_completed_action_starts_a_new_frame() -> None:
    messages: list[Any] = [
        HumanMessage("please mark room 402 as clean"),
        AIMessage(
            "",
            tool_calls=[{"name": "set_room_condition", "args": {}, "id": "offline-1"}],
        ),
        ToolMessage('{"room_number": "402"}', tool_call_id="offline-1", name="set_room_condition"),
        AIMessage("Room 402 is now clean."),
        HumanMessage("now show me the open tasks"),
    ]
    frame = build(messages, TODAY).frame
    assert frame.intent == "list_tasks" and not frame.done


def test_system_prompt_gives_role_and_date() -> None:
    system = "Now: Friday 2027-05-07 09:00\nYou are talking with a front desk agent."
    assert business_date(system) == date(2027, 5, 7)
    assert role_of(system) == "front_desk"


def _assistant(db: Database, role: str, user: str | None = None) -> Assistant:
    return Assistant(
        runtime=ToolRuntime(db),
        checkpointer=InMemorySaver(),
        model=OfflineChatModel(),
        hotel="harbor-view",
        role=role,
        user=user,
        clock=FrozenClock(NOW),
    )


def test_guest_books_over_several_turns(db: Database) -> None:
    a = _assistant(db, "guest")
    a.send("t", "Hello, could I get a room arriving March 20 for two nights?")
    a.send("t", "It's for me and my partner")
    a.send("t", "The one with two queen beds, flexible rate")
    reply = a.send("t", "Book it for Elena Marsh, elena.marsh@example.com")
    assert [c.name for c in reply.tool_calls] == ["create_reservation"]
    assert reply.tool_calls[0].args["room_type"] == "STD"
    assert "HV5001" in reply.text


def test_guest_verifies_and_asks_the_balance(db: Database) -> None:
    a = _assistant(db, "guest")
    reply = a.send("t", "What is the balance on HV1005? The surname is Okafor.")
    assert [c.name for c in reply.tool_calls] == ["find_reservation", "get_folio"]
    assert "0.00" in reply.text


def test_front_desk_checks_in(db: Database) -> None:
    a = _assistant(db, "front_desk", "leo.martins")
    reply = a.send("t", "Guest for HV1002 is here, please check her in")
    assert [c.name for c in reply.tool_calls] == ["check_in"]
    assert "201" in reply.text


def test_housekeeper_marks_a_task_done(db: Database) -> None:
    a = _assistant(db, "housekeeping", "tom.reed")
    reply = a.send("t", "task 2 is finished")
    assert [(c.name, c.args) for c in reply.tool_calls] == [
        ("update_housekeeping_task", {"task_id": 2, "status": "done"})
    ]
    assert reply.tool_calls[0].error is None


def test_guest_refund_is_refused_without_a_tool_call(db: Database) -> None:
    a = _assistant(db, "guest")
    reply = a.send("t", "I want a refund of $50 on HV1005")
    assert reply.tool_calls == []
    assert "not able to do that as a guest" in reply.text
