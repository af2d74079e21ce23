"""A turn as it happens: tokens, tool steps, approval pauses and the final reply, streamed.

Scripted models that stream word by word (and ones that do not), the offline model, and both
persistent checkpointers (SQLite files, PostgreSQL).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, SystemMessage
from langgraph.checkpoint.memory import InMemorySaver

from agent.assistant import Assistant, NoPendingApproval
from agent.checkpoints import postgres_checkpointer, sqlite_checkpointer
from agent.graph import CAP_FALLBACK
from agent.offline import OfflineChatModel
from agent.prompts import system_prompt
from agent.streaming import (
    ApprovalPending,
    Done,
    Event,
    Token,
    ToolCall,
    ToolResult,
    as_json,
)
from pms.clock import FrozenClock
from pms.db import Database
from tests.agent.profiles import demo_profile
from tests.agent.scripted import ScriptedChatModel, StreamingScriptedChatModel, call
from tests.agent.test_approvals import ASK, front_desk, refunds
from tests.support import NOW
from tools.runtime import ToolRuntime

ANSWER = "HV1005 is Daniel Okafor's stay, from March 6 to March 8, in a Deluxe King room."
LOOKUP = AIMessage(
    content="Let me look that up.",
    tool_calls=[{"name": "get_reservation", "args": {"confirmation_code": "HV1005"}, "id": "c1"}],
)
Store = Callable[[], AbstractContextManager[Any]]


def assistant(db: Database, model: Any, role: str = "front_desk", **options: Any) -> Assistant:
    options.setdefault("checkpointer", InMemorySaver())
    options.setdefault("user", None if role == "guest" else "leo.martins")
    return Assistant(
        runtime=ToolRuntime(db),
        model=model,
        hotel="harbor-view",
        role=role,
        clock=FrozenClock(NOW),
        **options,
    )


def tokens(events: list[Event]) -> list[str]:
    return [e.text for e in events if isinstance(e, Token)]


def answer_text(events: list[Event]) -> str:
    """The tokens after the last tool result: what the answer says."""
    last = max((i for i, e in enumerate(events) if isinstance(e, ToolResult)), default=-1)
    return "".join(tokens(events[last + 1 :]))


def done(events: list[Event]) -> Done:
    assert isinstance(events[-1], Done)
    assert sum(isinstance(e, Done) for e in events) == 1
    return events[-1]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return lambda: sqlite_checkpointer(tmp_path / "checkpoints.db")


def test_a_streamed_reply_arrives_word_by_word_and_adds_up_to_the_reply(db: Database) -> None:
    model = StreamingScriptedChatModel(script=[AIMessage(content=ANSWER)])
    events = list(assistant(db, model).stream("t", "Who is HV1005?"))

    assert len(tokens(events)) == len(ANSWER.split())
    assert "".join(tokens(events)) == ANSWER == done(events).reply.text
    assert done(events).reply.model_calls == 1 and done(events).reply.tool_calls == []


def test_send_returns_the_reply_the_stream_ends_with(db: Database) -> None:
    script = [LOOKUP, AIMessage(content=ANSWER)]
    streamed = done(list(assistant(db, StreamingScriptedChatModel(script=script)).stream("a", "?")))
    sent = assistant(db, StreamingScriptedChatModel(script=script)).send("b", "?")

    assert sent == streamed.reply
    assert sent.text == ANSWER and [use.name for use in sent.tool_calls] == ["get_reservation"]


def test_tool_steps_arrive_in_order_between_the_words(db: Database) -> None:
    model = StreamingScriptedChatModel(script=[LOOKUP, AIMessage(content=ANSWER)])
    events = list(assistant(db, model).stream("t", "Who is HV1005?"))

    call_at = next(i for i, e in enumerate(events) if isinstance(e, ToolCall))
    result_at = next(i for i, e in enumerate(events) if isinstance(e, ToolResult))
    assert "".join(tokens(events[:call_at])) == "Let me look that up."
    assert call_at < result_at
    requested, finished = events[call_at], events[result_at]
    assert requested == ToolCall("get_reservation", {"confirmation_code": "HV1005"}, "c1")
    assert isinstance(finished, ToolResult)
    assert (finished.name, finished.call_id, finished.ok, finished.error) == (
        "get_reservation",
        "c1",
        True,
        None,
    )
    assert "Daniel Okafor" in finished.summary and len(finished.summary) <= 160
    # The words before the tool call are not the answer; those after its result are.
    assert answer_text(events) == ANSWER == done(events).reply.text
    assert isinstance(events[-2], Token)


def test_token_counts_reported_in_a_stream_reach_the_reply(db: Database) -> None:
    def costing(message: AIMessage, prompt: int, completion: int) -> AIMessage:
        usage = {"input_tokens": prompt, "output_tokens": completion}
        usage["total_tokens"] = prompt + completion
        return message.model_copy(update={"usage_metadata": usage})

    model = StreamingScriptedChatModel(
        script=[costing(LOOKUP, 900, 20), costing(AIMessage(content=ANSWER), 1000, 30)]
    )
    reply = done(list(assistant(db, model).stream("t", "Who is HV1005?"))).reply

    assert (reply.model_calls, reply.prompt_tokens, reply.completion_tokens) == (2, 1900, 50)


def test_openai_models_are_asked_for_usage_in_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    from langchain_openai import ChatOpenAI

    from agent.models import get_chat_model

    monkeypatch.setenv("OPENAI_BASE_URL", "http://proxy.example/v1")  # no default usage then
    local = get_chat_model("openai-compatible:llama3.1@http://localhost:11434/v1")
    assert isinstance(local, ChatOpenAI) and local.stream_usage is True
    hosted = get_chat_model("openai:gpt-4o-mini", api_key="sk-test")
    assert isinstance(hosted, ChatOpenAI) and hosted.stream_usage is True


def test_a_refusal_arrives_as_an_error_tool_result(db: Database) -> None:
    model = StreamingScriptedChatModel(
        script=[
            call("refund_payment", "c1", confirmation_code="HV1001", amount="50", reason="x"),
            call("get_reservation", "c2", confirmation_code="HV9999"),
            AIMessage(content="I can't issue refunds, and I can't find HV9999."),
        ]
    )
    events = list(assistant(db, model).stream("t", "Refund HV1001 50 dollars, and find HV9999"))

    results = [e for e in events if isinstance(e, ToolResult)]
    assert [(r.name, r.ok) for r in results] == [
        ("refund_payment", False),
        ("get_reservation", False),
    ]
    refused, missing = results
    assert refused.error is not None and refused.error["type"] == "not_permitted"
    assert "refund_payment" in refused.error["message"]
    assert missing.error is not None and missing.error["type"] == "not_found"
    assert refused.summary == ""
    assert [use.error for use in done(events).reply.tool_calls] == [refused.error, missing.error]
    kinds = [e.kind for e in events if not isinstance(e, Token)]
    assert kinds == ["tool_call", "tool_result", "tool_call", "tool_result", "done"]


def test_a_model_that_does_not_stream_still_sends_its_text_as_a_token(db: Database) -> None:
    model = ScriptedChatModel(script=[LOOKUP, AIMessage(content=ANSWER)])
    events = list(assistant(db, model).stream("t", "Who is HV1005?"))

    assert tokens(events) == ["Let me look that up.", ANSWER]
    assert [e.kind for e in events] == ["token", "tool_call", "tool_result", "token", "done"]


def test_the_cap_fallback_the_graph_writes_is_streamed_too(db: Database) -> None:
    dates = {"check_in": "2027-03-10", "check_out": "2027-03-12", "adults": 2}
    model = StreamingScriptedChatModel(
        script=[call("check_availability", f"c{i}", **dates) for i in range(3)]
    )
    events = list(assistant(db, model, max_tool_calls=1).stream("t", "Anything free?"))

    assert done(events).reply.text == CAP_FALLBACK
    assert answer_text(events) == CAP_FALLBACK


def test_a_reader_that_stops_early_does_not_leave_the_turn_half_done(db: Database) -> None:
    model = StreamingScriptedChatModel(
        script=[LOOKUP, AIMessage(content=ANSWER), AIMessage(content="You're welcome.")]
    )
    agent = assistant(db, model)
    stream = agent.stream("t", "Who is HV1005?")
    assert isinstance(stream, Iterator)
    first = next(stream)
    assert isinstance(first, Token)
    stream.close()  # as a closed connection does, before the tool has even been called

    # The turn ran to its answer, once, and the conversation carries on from it.
    assert len(model.seen) == 2
    reply = agent.send("t", "Thanks!")
    assert reply.text == "You're welcome."
    history = model.seen[-1]
    assert [type(m).__name__ for m in history[1:]] == [
        "HumanMessage",
        "AIMessage",
        "ToolMessage",
        "AIMessage",
        "HumanMessage",
    ]
    assert history[-2].text == ANSWER


def test_an_async_caller_gets_the_same_events(db: Database, store: Store) -> None:
    script = [LOOKUP, AIMessage(content=ANSWER)]
    with store() as saver:
        sync = list(assistant(db, StreamingScriptedChatModel(script=script)).stream("a", "?"))

        async def read() -> list[Event]:
            agent = assistant(db, StreamingScriptedChatModel(script=script), checkpointer=saver)
            return [event async for event in agent.astream("b", "?")]

        streamed = asyncio.run(read())
    assert [e.kind for e in streamed] == [e.kind for e in sync]
    assert tokens(streamed) == tokens(sync) and done(streamed).reply == done(sync).reply


def test_an_async_caller_that_leaves_early_still_finishes_the_turn(
    db: Database, store: Store
) -> None:
    model = StreamingScriptedChatModel(script=[LOOKUP, AIMessage(content=ANSWER)])
    with store() as saver:
        agent = assistant(db, model, checkpointer=saver)

        async def leave_after_the_first_word() -> Event:
            stream = agent.astream("t", "Who is HV1005?")
            first = await anext(stream)
            await stream.aclose()
            return first

        first = asyncio.run(leave_after_the_first_word())  # returns once the worker is done
        messages = agent.graph.get_state(agent.config("t")).values["messages"]
    assert first == Token("Let ")
    assert len(model.seen) == 2 and messages[-1].text == ANSWER


def test_an_async_resume_without_a_pending_approval_fails_on_first_read(
    db: Database, store: Store
) -> None:
    async def resume(agent: Assistant) -> list[Event]:
        return [event async for event in agent.astream_resume("t", True, by="grace.kim")]

    with store() as saver:
        agent = front_desk(db, StreamingScriptedChatModel(script=[]), saver)
        with pytest.raises(NoPendingApproval):
            asyncio.run(resume(agent))


def test_events_are_json_ready_with_their_type(db: Database) -> None:
    model = StreamingScriptedChatModel(script=[LOOKUP, AIMessage(content=ANSWER)])
    events = list(assistant(db, model).stream("t", "Who is HV1005?"))

    shown = [json.loads(json.dumps(as_json(e))) for e in events]
    assert {e["type"] for e in shown} == {"token", "tool_call", "tool_result", "done"}
    assert shown[-1]["reply"]["text"] == ANSWER
    assert shown[-1]["reply"]["tool_calls"][0]["result"]["guest_name"] == "Daniel Okafor"


def _approval_streamed(db: Database, before: Store, after: Store) -> None:
    """Pause on an approval in one Assistant, then resume it, streamed, in a new one."""
    with before() as saver:
        asked = StreamingScriptedChatModel(script=[ASK])
        agent = front_desk(db, asked, saver)
        events = list(agent.stream("th", "Refund Sofia Rossi $10 on HV1004, the spa was closed."))
        pending = agent.pending_approval("th")

    assert pending is not None
    # The paused turn says it is waiting, so every channel shows the same words.
    assert [e.kind for e in events] == ["tool_call", "approval_pending", "token", "done"]
    assert "asked a manager to approve the refund payment" in done(events).reply.text
    assert events[0] == ToolCall("request_manager_approval", dict(ASK.tool_calls[0]["args"]), "c1")
    assert events[1] == ApprovalPending(pending)
    assert pending["tool"] == "refund_payment"
    assert done(events).reply.pending_approval == pending
    assert refunds(db) == []

    with after() as saver:
        later = StreamingScriptedChatModel(
            script=[AIMessage(content="Refunded $10.00 to Ms Rossi.")]
        )
        agent = front_desk(db, later, saver)
        resumed = list(agent.stream_resume("th", approved=True, by="grace.kim", note="ok"))
        with pytest.raises(NoPendingApproval):
            agent.stream_resume("th", approved=True, by="grace.kim")  # refused before reading

    result = resumed[0]
    assert isinstance(result, ToolResult)
    assert (result.name, result.call_id, result.ok) == ("request_manager_approval", "c1", True)
    assert '"kind": "refund", ' in result.summary
    assert answer_text(resumed) == "Refunded $10.00 to Ms Rossi." == done(resumed).reply.text
    assert done(resumed).reply.pending_approval is None
    assert refunds(db) == [1000]


def test_an_approval_pauses_and_resumes_streamed_on_sqlite(db: Database, store: Store) -> None:
    _approval_streamed(db, store, store)


def test_an_approval_pauses_and_resumes_streamed_on_postgresql(
    sqlite_db: Database, pg_empty: str
) -> None:
    _approval_streamed(
        sqlite_db, lambda: postgres_checkpointer(pg_empty), lambda: postgres_checkpointer(pg_empty)
    )


def test_a_message_while_waiting_streams_the_notice_and_asks_no_model(
    db: Database, store: Store
) -> None:
    model = StreamingScriptedChatModel(script=[ASK])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund $10 on HV1004, the spa was closed.")
        events = list(agent.stream("t", "Any news?"))
        pending = agent.pending_approval("t")

    assert [e.kind for e in events] == ["token", "approval_pending", "done"]
    assert "waiting for a manager's decision" in "".join(tokens(events))
    assert "".join(tokens(events)) == done(events).reply.text
    assert events[1] == ApprovalPending(pending or {})
    assert len(model.seen) == 1


def test_offline_stream_matches_invoke_word_by_word() -> None:
    system = SystemMessage(system_prompt("guest", demo_profile(), NOW))
    model = OfflineChatModel().for_hotel(demo_profile(), NOW.date())
    model = model.bind_tools([_spec("check_availability")])
    greeting = [system, HumanMessage("Hello")]
    chunks = list(model.stream(greeting))

    assert len([c for c in chunks if c.text]) > 1
    assert "".join(c.text for c in chunks) == model.invoke(greeting).text

    asking = [system, HumanMessage("Is there a room free from March 10 to 12 2027 for 2 adults?")]
    (with_calls,) = [
        c for c in model.stream(asking) if isinstance(c, AIMessageChunk) and c.tool_calls
    ]
    invoked = model.invoke(asking)
    assert invoked.tool_calls and with_calls.tool_calls == invoked.tool_calls
    assert with_calls.tool_calls[0]["name"] == "check_availability"


def test_offline_model_streams_through_the_assistant(db: Database) -> None:
    agent = assistant(db, OfflineChatModel(), "guest")
    events = list(agent.stream("t", "Is there a room free from March 10 to 12 2027 for 2 adults?"))

    assert [e.name for e in events if isinstance(e, ToolCall)] == ["check_availability"]
    assert len(tokens(events)) > 10  # the offers, word by word
    assert answer_text(events) == done(events).reply.text
    assert "Standard Queen" in done(events).reply.text


def _spec(name: str) -> dict[str, Any]:
    return {"type": "function", "function": {"name": name, "description": "", "parameters": {}}}
