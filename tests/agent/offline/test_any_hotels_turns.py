"""Turns any hotel's guests write, answered from the hotel's data alone (tests/agent/quayside.py,
a hotel built in memory): found on the third hotel's first contact (issue 13)."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

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
