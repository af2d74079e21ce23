"""Approvals in the graph: front desk asks, the graph pauses, a manager decides, it resumes.

Scripted models on both database backends, with checkpointers that persist (SQLite files and,
for the restart test, PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from sqlalchemy import select

from agent.assistant import Assistant, NoPendingApproval
from agent.checkpoints import postgres_checkpointer, sqlite_checkpointer
from pms.clock import FrozenClock
from pms.db import Database
from pms.folios import service as folios
from pms.models import ApprovalRequest, FolioLine, Reservation
from tests.agent.scripted import ScriptedChatModel, call
from tests.support import NOW, principal
from tools.approvals import decide
from tools.runtime import ToolRuntime

REFUND = {"confirmation_code": "HV1004", "amount": "10.00", "reason": "goodwill"}
ASK = call(
    "request_manager_approval",
    "c1",
    tool="refund_payment",
    arguments=REFUND,
    reason="The spa was closed during the booked slot.",
)


def front_desk(db: Database, model: Any, checkpointer: Any) -> Assistant:
    return Assistant(
        runtime=ToolRuntime(db),
        checkpointer=checkpointer,
        model=model,
        hotel="harbor-view",
        role="front_desk",
        user="leo.martins",
        clock=FrozenClock(NOW),
    )


def refunds(db: Database) -> list[int]:
    with db.unit_of_work() as s:
        return list(
            s.scalars(
                select(FolioLine.amount_cents)
                .join(Reservation, Reservation.id == FolioLine.reservation_id)
                .where(Reservation.code == "HV1004", FolioLine.kind == "refund")
            )
        )


def approvals(db: Database) -> list[ApprovalRequest]:
    with db.unit_of_work() as s:
        rows = list(s.scalars(select(ApprovalRequest)))
        s.expunge_all()
        return rows


def tool_messages(messages: list[BaseMessage]) -> list[ToolMessage]:
    return [m for m in messages if isinstance(m, ToolMessage)]


@pytest.fixture
def store(tmp_path: Path) -> Callable[[], AbstractContextManager[Any]]:
    return lambda: sqlite_checkpointer(tmp_path / "checkpoints.db")


def test_the_graph_pauses_on_an_approval_and_nothing_is_refunded(db, store) -> None:
    model = ScriptedChatModel(script=[ASK])
    with store() as saver:
        agent = front_desk(db, model, saver)
        reply = agent.send("t", "Refund Sofia Rossi $10 in room 623, the spa was closed.")
        pending = agent.pending_approval("t")

    assert pending is not None and reply.pending_approval == pending
    (row,) = approvals(db)
    assert pending == {
        "approval_id": row.id,
        "tool": "refund_payment",
        "arguments": REFUND,
        "reason": "The spa was closed during the booked slot.",
    }
    assert (row.status, row.username, row.thread_id) == ("pending", "leo.martins", "t")
    # Filed once per turn attempt and tool call: the key is the turn's id and the call's.
    assert row.tool_call_id is not None and row.tool_call_id.endswith(":c1")
    assert refunds(db) == []
    assert len(model.seen) == 1  # the model waits too


def test_a_message_while_waiting_does_not_start_a_turn(db, store) -> None:
    model = ScriptedChatModel(script=[ASK])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund Sofia Rossi $10 in room 623, the spa was closed.")
        reply = agent.send("t", "Any news?")
        still = agent.pending_approval("t")

    assert "waiting for a manager's decision" in reply.text
    assert reply.pending_approval == still is not None
    assert len(model.seen) == 1  # the model was not asked again
    assert refunds(db) == []


def test_approval_runs_the_refund_once_as_the_manager(db, store) -> None:
    model = ScriptedChatModel(script=[ASK, AIMessage(content="Refunded $10.00 to Ms Rossi.")])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund Sofia Rossi $10, the spa was closed.")
        reply = agent.resume("t", approved=True, by="grace.kim", note="ok")
        assert agent.pending_approval("t") is None
        with pytest.raises(NoPendingApproval):
            agent.resume("t", approved=True, by="grace.kim")

    assert reply.text == "Refunded $10.00 to Ms Rossi." and reply.pending_approval is None
    assert refunds(db) == [1000]
    (row,) = approvals(db)
    assert (row.status, row.decided_by, row.decision_note) == ("approved", "grace.kim", "ok")
    (result,) = tool_messages(model.seen[1])
    assert result.tool_call_id == "c1" and result.status == "success"
    folio = json.loads(str(result.content))["folio"]
    assert folio["refunds"] == "10.00"
    # The folio the front desk reads afterwards shows the refund, once.
    shown = ToolRuntime(db).call(
        "get_folio", {"confirmation_code": "HV1004"}, principal("front_desk", "leo.martins")
    )
    assert shown.result is not None
    assert [line["kind"] for line in shown.result["lines"]].count("refund") == 1


def test_replaying_the_approved_step_does_not_refund_twice(db, store) -> None:
    model = ScriptedChatModel(script=[ASK, AIMessage(content="Done.")])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund $10 on HV1004.")
        agent.resume("t", approved=True, by="grace.kim")
        # The tools step run again from its checkpoint (as after a crash mid-step): it files no
        # second request, records no second decision and refunds nothing more.
        history = list(agent.graph.get_state_history(agent.config("t")))
        before_tools = next(h for h in history if h.next == ("tools",))
        replay = ScriptedChatModel(script=[AIMessage(content="Done again.")])
        again = front_desk(db, replay, saver)
        again.graph.invoke(None, before_tools.config, context=again.context("t"))
        # The replayed step asks again (a fork has no resume value); approving it again
        # finds the decision recorded and the refund already made.
        assert again.pending_approval("t") is not None
        reply = again.resume("t", approved=True, by="grace.kim")
        assert reply.text == "Done again."
        (result,) = tool_messages(replay.seen[-1])
        assert result.status == "success"

    assert refunds(db) == [1000]
    assert [row.status for row in approvals(db)] == ["approved"]


def test_a_denial_refunds_nothing_and_the_model_hears_it(db, store) -> None:
    model = ScriptedChatModel(script=[ASK, AIMessage(content="The manager declined the refund.")])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund $10 on HV1004.")
        reply = agent.resume("t", approved=False, by="grace.kim", note="Offer a spa voucher.")

    assert reply.text == "The manager declined the refund."
    assert refunds(db) == []
    (row,) = approvals(db)
    assert (row.status, row.decided_by) == ("denied", "grace.kim")
    (declined,) = tool_messages(model.seen[1])
    assert declined.status == "error"
    error = json.loads(str(declined.content))["error"]
    assert error["type"] == "declined"
    assert "grace.kim" in error["message"] and "Offer a spa voucher." in error["message"]
    (use,) = reply.tool_calls
    assert use.name == "request_manager_approval" and use.error == error


def test_a_refused_request_comes_back_without_pausing(db, store) -> None:
    bad = call(
        "request_manager_approval",
        "c1",
        tool="refund_payment",
        arguments={"confirmation_code": "HV9999", "amount": "10", "reason": "x"},
        reason="r",
    )
    model = ScriptedChatModel(script=[bad, AIMessage(content="No such booking.")])
    with store() as saver:
        agent = front_desk(db, model, saver)
        reply = agent.send("t", "Refund HV9999")
        assert agent.pending_approval("t") is None
    assert reply.tool_calls[0].error is not None
    assert reply.tool_calls[0].error["type"] == "not_found"
    assert approvals(db) == []


def test_managers_are_not_offered_the_approval_tool(db, store) -> None:
    model = ScriptedChatModel(script=[AIMessage(content="Sure.")])
    with store() as saver:
        Assistant(
            runtime=ToolRuntime(db),
            checkpointer=saver,
            model=model,
            hotel="harbor-view",
            role="manager",
            user="grace.kim",
            clock=FrozenClock(NOW),
        ).send("t", "hi")
    assert "request_manager_approval" not in model.bound[0]
    assert "refund_payment" in model.bound[0]


def _resume_after_restart(db: Database, store: Callable[[], AbstractContextManager[Any]]) -> None:
    with store() as before:
        asked = ScriptedChatModel(script=[ASK])
        front_desk(db, asked, before).send("th", "Refund $10 on HV1004.")
    with store() as after:
        later = ScriptedChatModel(script=[AIMessage(content="Refunded.")])
        agent = front_desk(db, later, after)
        assert agent.pending_approval("th") is not None
        reply = agent.resume("th", approved=True, by="grace.kim")
    assert reply.text == "Refunded."
    assert refunds(db) == [1000]
    (result,) = tool_messages(later.seen[0])
    assert result.status == "success"


def test_an_approval_resumes_after_a_restart_on_sqlite(db, store) -> None:
    _resume_after_restart(db, store)


def test_an_approval_resumes_after_a_restart_on_postgresql(sqlite_db, pg_empty) -> None:
    _resume_after_restart(sqlite_db, lambda: postgres_checkpointer(pg_empty))


def test_a_request_decided_elsewhere_is_not_overridden_on_resume(db, store) -> None:
    model = ScriptedChatModel(script=[ASK, AIMessage(content="It was declined.")])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund $10 on HV1004.")
        pending = agent.pending_approval("t")
        assert pending is not None
        denied = decide(
            ToolRuntime(db), principal("manager", "hans.weber"), pending["approval_id"], False
        )
        assert denied.ok
        reply = agent.resume("t", approved=True, by="grace.kim")
    assert refunds(db) == []
    (use,) = reply.tool_calls
    assert use.error is not None and use.error["type"] == "conflict"
    assert "already denied by hans.weber" in use.error["message"]


def test_an_approved_refund_the_folio_refuses_leaves_the_request_pending(db, store) -> None:
    too_much = call(
        "request_manager_approval",
        "c1",
        tool="refund_payment",
        arguments={**REFUND, "amount": "2000.00"},
        reason="The spa was closed.",
    )
    model = ScriptedChatModel(script=[too_much, AIMessage(content="It could not be refunded.")])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund $2000 on HV1004.")
        reply = agent.resume("t", approved=True, by="grace.kim")

    # HV1004 has $1,000.00 of payments: nothing is refunded and nothing was approved.
    assert refunds(db) == []
    (row,) = approvals(db)
    assert (row.status, row.decided_by) == ("pending", None)
    (use,) = reply.tool_calls
    assert use.error is not None and use.error["type"] == "policy_violation"
    assert "may not exceed what was paid" in use.error["message"]
    assert "still pending" in use.error["message"]


def test_a_fault_in_the_approved_write_leaves_the_request_pending(db, store, monkeypatch) -> None:
    def lost_connection(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the database connection was lost")

    model = ScriptedChatModel(script=[ASK])
    with store() as saver:
        agent = front_desk(db, model, saver)
        agent.send("t", "Refund $10 on HV1004.")
        monkeypatch.setattr(folios, "refund_payment", lost_connection)
        with pytest.raises(RuntimeError):
            agent.resume("t", approved=True, by="grace.kim")

    assert refunds(db) == []
    assert [row.status for row in approvals(db)] == ["pending"]
