"""What one turn of the offline model costs: anonymous guests must not be able to buy seconds of
CPU with one message, nor make every later turn of their thread dearer (issue 14, defect 1).

Nothing here times against the clock: the reading of a message is compared with the reading of
one ten times shorter (linear code grows about tenfold, quadratic code a hundredfold), and the
work of a turn is counted as calls into the understanding code, which a profiler sees.
`concierge bench turns` gives the figures in milliseconds.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langgraph.checkpoint.memory import InMemorySaver

from agent.assistant import Assistant
from agent.offline import OfflineChatModel
from agent.offline.clauses import requested_intents
from agent.offline.frame import READ_LIMIT
from agent.offline.slots import extract
from agent.prompts import system_prompt
from agent.tooling import tool_specs
from agent.understanding.normalise import without_embedded_instructions
from pms.clock import FrozenClock
from pms.db import Database
from tests.agent.profiles import demo_profile
from tests.support import NOW, T, principal
from tools.runtime import ToolRuntime

LONGEST = 4000  # api/conversation.py: a chat message's max_length
SYSTEM = SystemMessage(system_prompt("guest", demo_profile(), NOW))  # as agent/graph.py makes it
# Messages made of one piece repeated: each of these made a regular expression or a loop of the
# understanding code go back over the text for every position in it.
PATHOLOGICAL = [
    "1", "1 ", "1,", "1.", "1-", "1:", ". ", "(", "a", "a_", "Ab", "ab@cd.ef ", "3rd ",
    "1st of March ", "$1 on card ", "HV1 ", "301 ",
]  # fmt: skip


def _model() -> Any:
    return (
        OfflineChatModel().for_hotel(demo_profile(), T).bind_tools(tool_specs(principal("guest")))
    )


def _reading_seconds(body: str, size: int) -> float:
    """CPU seconds to read a message that is `body` repeated to `size` characters as a turn is
    read, best of three (each a different message, so nothing remembered from the last helps)."""
    best = float("inf")
    for opening in ("Hi ", "Hello ", "Hey "):
        text = opening + (body * (size // len(body) + 1))[: size - len(opening)]
        start = time.process_time()
        text = without_embedded_instructions(text)
        requested_intents(text)
        extract(text, T, None)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("body", PATHOLOGICAL)
def test_a_message_is_read_in_time_linear_in_its_length(body: str) -> None:
    """Up to the API's longest message, although the model reads only READ_LIMIT of it."""
    short, longest = _reading_seconds(body, LONGEST // 10), _reading_seconds(body, LONGEST)
    assert longest < 30 * short, f"{LONGEST} chars: {longest:.3f}s, {LONGEST // 10}: {short:.4f}s"


def _understanding_calls(messages: list[BaseMessage]) -> int:
    """Calls into agent/understanding/ while the offline model answers `messages` once."""
    model, profile = _model(), cProfile.Profile()
    profile.enable()
    model.invoke(messages)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return sum(row[1] for where, row in stats.items() if "/agent/understanding/" in where[0])


def _ask(day: int) -> str:
    return f"Is there a room for {day % 3 + 1} adults from March {day} for {day % 4 + 1} nights?"


def test_the_twentieth_turn_reads_no_more_than_twice_the_first(sqlite_db: Database) -> None:
    guest = Assistant(
        runtime=ToolRuntime(sqlite_db),
        checkpointer=InMemorySaver(),
        model=OfflineChatModel(),
        hotel="harbor-view",
        role="guest",
        clock=FrozenClock(NOW),
    )
    for day in range(2, 21):
        assert [c.name for c in guest.send("t", _ask(day)).tool_calls] == ["check_availability"]
    history = guest.graph.get_state({"configurable": {"thread_id": "t"}}).values["messages"]
    assert sum(isinstance(m, HumanMessage) for m in history) == 19

    first = _understanding_calls([SYSTEM, HumanMessage(_ask(23))])
    twentieth = _understanding_calls([SYSTEM, *history, HumanMessage(_ask(24))])
    assert twentieth <= 2 * first, f"turn 1: {first} calls, turn 20: {twentieth}"


def test_a_message_longer_than_the_model_reads_is_answered_plainly() -> None:
    asked = "Could I book a room for 2 adults from March 20 for two nights?"
    read = _model().invoke([SYSTEM, HumanMessage(asked.ljust(READ_LIMIT, "."))])
    assert [c["name"] for c in read.tool_calls] == ["check_availability"]

    long = "Please book a double room from March 20 for two nights. " * 40  # 2,240 characters
    reply = _model().invoke([SYSTEM, HumanMessage(asked), read, HumanMessage(long)])
    assert isinstance(reply, AIMessage) and not reply.tool_calls  # not the look-up again
    assert "too long" in reply.text


def test_a_thread_is_read_back_only_as_far_as_the_model_remembers() -> None:
    """However long the thread, a turn whose earlier messages were never read here (another
    process read them, or this one restarted) reads a bounded amount of them."""

    def thread(turns: int) -> list[BaseMessage]:
        said: list[BaseMessage] = [SYSTEM]
        for n in range(turns):
            note = f"Note {n} for {turns}: we would like a quiet room away from the lift. "
            said += [HumanMessage((note * 30)[:1900]), AIMessage("Noted. Anything else?")]
        return [*said, HumanMessage(f"Is there a room for 2 adults from March 9 ({turns})?")]

    twelve, twenty_four = _understanding_calls(thread(12)), _understanding_calls(thread(24))
    assert twenty_four <= 1.2 * twelve, f"12 long turns: {twelve} calls, 24: {twenty_four}"
