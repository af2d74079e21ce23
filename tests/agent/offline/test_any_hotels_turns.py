"""Turns any hotel's guests write, answered from the hotel's data alone (tests/agent/quayside.py,
a hotel built in memory): found on the third hotel's first contact (issue 13)."""

from __future__ import annotations

import json
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage, ToolMessage

from agent.offline import OfflineChatModel
from tests.agent.quayside import PROFILE
from tests.support import T

GUEST_TOOLS = [
    {"name": n} for n in ("check_availability", "create_reservation", "search_knowledge")
]


def _reply(*turns: str) -> AIMessage:
    model = OfflineChatModel().for_hotel(PROFILE, T).bind_tools(GUEST_TOOLS)
    messages: list[Any] = [SystemMessage("You are talking with a guest.")]
    messages += [HumanMessage(t) for t in turns]
    reply = model.invoke(messages)
    assert isinstance(reply, AIMessage)
    return reply


def test_a_room_for_one_guest_needs_no_party_question() -> None:
    reply = _reply("How much is a single room on Tuesday 9 March? Just the one night.")
    assert [c["name"] for c in reply.tool_calls] == ["check_availability"]
    assert reply.tool_calls[0]["args"]["adults"] == 1
    assert reply.tool_calls[0]["args"]["room_type"] == "SGL"


def test_a_room_for_two_still_asks_the_party() -> None:
    reply = _reply("How much is a double on Tuesday 9 March for one night?")
    assert not reply.tool_calls and "How many adults" in reply.text


def _after_search(question: str, passage: str) -> str:
    """The answer once search_knowledge returned this one passage."""
    model = OfflineChatModel().for_hotel(PROFILE, T).bind_tools(GUEST_TOOLS)
    found = json.dumps({"passages": [{"text": passage, "source": "house.md", "heading": "Rooms"}]})
    messages: list[Any] = [
        SystemMessage("You are talking with a guest."),
        HumanMessage(question),
        AIMessage(
            "",
            tool_calls=[
                {"name": "search_knowledge", "args": {"query": question}, "id": "offline-1"}
            ],
        ),
        ToolMessage(found, tool_call_id="offline-1", name="search_knowledge"),
    ]
    return str(model.invoke(messages).text)


def test_the_hotels_own_times_answer_before_a_passage_beside_the_point() -> None:
    beside = "Rooms are serviced every day between 10:00 and 14:00."
    asked_in = "What time can we get into our room on the day we arrive?"
    assert "15:00" in _after_search(asked_in, beside)
    asked_out = "By what time do we need to be out of the room on our last morning?"
    assert "11:00" in _after_search(asked_out, beside)


def test_every_fact_asked_for_is_answered() -> None:
    reply = _after_search(
        "What's the hotel's address for the sat nav? And a phone number in case we're late?",
        "The hotel is on the seafront.",
    )
    assert "1 Pier Road" in reply and "+44 1000 000000" in reply


def test_a_question_by_what_time_is_looked_up() -> None:
    reply = _reply("By what time do we need to be out of the room on our last morning?")
    assert [c["name"] for c in reply.tool_calls] == ["search_knowledge"]


def test_a_price_in_pounds_is_the_price_asked_for() -> None:
    reply = _after_search(
        "Could we keep the room a bit longer on our last morning? What would that cost?",
        "Breakfast is served until 10:00. Late check-out until 12:30 can be arranged for £25.",
    )
    assert "£25" in reply


def test_a_description_naming_places_does_not_make_a_stay() -> None:
    # "Mull" is named in a room's description ("looking over the bay to Mull"): a question about
    # walking to the ferry for Mull is a question, not a booking.
    reply = _reply("How long does it take to walk from the hotel to the ferry for Mull?")
    assert [c["name"] for c in reply.tool_calls] == ["search_knowledge"]
