"""Approvals end to end: front desk asks in chat, a manager approves over HTTP, it resumes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from agent.assistant import Assistant, Reply
from pms.db import Database
from pms.folios import service as folios
from pms.models import FolioLine, Reservation
from tests.api.conftest import staff

ASK = "Please refund $10 on HV1004, the spa was closed during his slot."


def refunds(db: Database) -> list[int]:
    with db.unit_of_work() as session:
        return list(
            session.scalars(
                select(FolioLine.amount_cents)
                .join(Reservation, Reservation.id == FolioLine.reservation_id)
                .where(Reservation.code == "HV1004", FolioLine.kind == "refund")
            )
        )


def ask_for_refund(api: TestClient) -> tuple[dict[str, str], dict]:
    desk = staff(api, "leo.martins")
    turn = api.post("/v1/chat", json={"message": ASK}, headers=desk).json()
    assert turn["pending_approval"]["tool"] == "refund_payment"
    assert "asked a manager" in turn["reply"]
    return desk, turn


def test_a_manager_approves_and_the_front_desk_conversation_finishes(
    api: TestClient, api_db: Database
) -> None:
    desk, turn = ask_for_refund(api)
    assert refunds(api_db) == []
    manager = staff(api, "grace.kim")
    queue = api.get("/v1/approvals", headers=manager).json()["approvals"]
    assert [a["tool"] for a in queue] == ["refund_payment"]

    decided = api.post(
        f"/v1/approvals/{queue[0]['approval_id']}/approve", json={"note": "fine"}, headers=manager
    ).json()
    assert decided["approval"]["status"] == "approved"
    assert decided["approval"]["decided_by"] == "grace.kim"
    assert decided["thread_id"] == turn["thread_id"]
    assert "Refunded $10.00 on HV1004" in decided["reply"]["reply"]
    assert refunds(api_db) == [1000]
    # The front desk sees the ending in its own thread, and the queue is empty.
    history = api.get(f"/v1/threads/{turn['thread_id']}", headers=desk).json()
    assert "Refunded $10.00" in history["messages"][-1]["content"]
    assert history["pending_approval"] is None
    assert api.get("/v1/approvals", headers=manager).json()["approvals"] == []


def test_a_denial_reaches_the_conversation_and_nothing_is_refunded(
    api: TestClient, api_db: Database
) -> None:
    _desk, _turn = ask_for_refund(api)
    manager = staff(api, "grace.kim")
    approval = api.get("/v1/approvals", headers=manager).json()["approvals"][0]
    decided = api.post(
        f"/v1/approvals/{approval['approval_id']}/deny", json={"note": "no"}, headers=manager
    ).json()
    assert decided["approval"]["status"] == "denied"
    assert refunds(api_db) == []
    again = api.post(f"/v1/approvals/{approval['approval_id']}/approve", json={}, headers=manager)
    assert again.status_code == 409


def test_front_desk_and_guests_cannot_decide(api: TestClient, api_db: Database) -> None:
    desk, _turn = ask_for_refund(api)
    approval_id = api.get("/v1/approvals", headers=desk).json()["approvals"][0]["approval_id"]
    refused = api.post(f"/v1/approvals/{approval_id}/approve", json={}, headers=desk)
    assert refused.status_code == 403
    assert refunds(api_db) == []


def test_another_hotels_manager_cannot_see_or_decide(api: TestClient, api_db: Database) -> None:
    ask_for_refund(api)
    elsewhere = staff(api, "hans.weber", hotel="alpine-lodge")
    assert api.get("/v1/approvals", headers=elsewhere).json()["approvals"] == []
    answer = api.post("/v1/approvals/1/approve", json={}, headers=elsewhere)
    assert answer.status_code == 404
    assert refunds(api_db) == []


def test_a_request_filed_outside_a_conversation_runs_when_approved(
    api: TestClient, api_db: Database
) -> None:
    desk = staff(api, "leo.martins")
    filed = api.post(
        "/v1/tools/request_manager_approval",
        json={"tool": "refund_payment", "reason": "charged twice",
              "arguments": {"confirmation_code": "HV1004", "amount": "20.00",
                            "reason": "charged twice"}},
        headers=desk,
    ).json()["result"]  # fmt: skip
    manager = staff(api, "grace.kim")
    path = f"/v1/approvals/{filed['approval_id']}/approve"
    decided = api.post(path, json={}, headers=manager).json()
    assert decided["reply"] is None
    assert decided["result"]["line"]["kind"] == "refund"
    assert refunds(api_db) == [2000]
    # Approving again is refused, and nothing is refunded twice.
    assert api.post(path, json={}, headers=manager).status_code == 409
    assert refunds(api_db) == [2000]


def queue(api: TestClient, manager: dict[str, str]) -> list[dict]:
    answer: list[dict] = api.get("/v1/approvals", headers=manager).json()["approvals"]
    return answer


def test_an_approved_refund_the_folio_refuses_stays_pending_and_the_manager_is_told_why(
    api: TestClient, api_db: Database
) -> None:
    desk = staff(api, "leo.martins")
    turn = api.post(
        "/v1/chat",
        json={"message": "Please refund $2000 on HV1004, the spa was closed during his slot."},
        headers=desk,
    ).json()
    assert turn["pending_approval"]["arguments"]["amount"] == "2000.00"
    manager = staff(api, "grace.kim")
    (request,) = queue(api, manager)

    answer = api.post(f"/v1/approvals/{request['approval_id']}/approve", json={}, headers=manager)

    # HV1004 has $1,000.00 of payments: the refund is refused, so nothing was approved.
    assert answer.status_code == 409, answer.text
    message = answer.json()["error"]["message"]
    assert "may not exceed what was paid" in message and "still pending" in message
    assert refunds(api_db) == []
    assert [(a["approval_id"], a["status"]) for a in queue(api, manager)] == [
        (request["approval_id"], "pending")
    ]
    # The front desk's conversation still waits, and the request can still be decided.
    history = api.get(f"/v1/threads/{turn['thread_id']}", headers=desk).json()
    assert history["pending_approval"]["approval_id"] == request["approval_id"]
    denied = api.post(
        f"/v1/approvals/{request['approval_id']}/deny", json={"note": "too much"}, headers=manager
    )
    assert denied.status_code == 200 and denied.json()["approval"]["status"] == "denied"
    assert "declined" in denied.json()["reply"]["reply"]


def file_refund(api: TestClient, amount: str) -> int:
    filed = api.post(
        "/v1/tools/request_manager_approval",
        json={
            "tool": "refund_payment",
            "reason": "charged twice",
            "arguments": {
                "confirmation_code": "HV1004",
                "amount": amount,
                "reason": "charged twice",
            },
        },
        headers=staff(api, "leo.martins"),
    )
    assert filed.status_code == 200, filed.text
    approval_id: int = filed.json()["result"]["approval_id"]
    return approval_id


def test_a_refused_refund_filed_outside_a_conversation_stays_pending(
    api: TestClient, api_db: Database
) -> None:
    approval_id = file_refund(api, "2000.00")
    manager = staff(api, "grace.kim")
    answer = api.post(f"/v1/approvals/{approval_id}/approve", json={}, headers=manager)
    assert answer.status_code == 409, answer.text
    assert "may not exceed what was paid" in answer.json()["error"]["message"]
    assert refunds(api_db) == []
    assert [a["status"] for a in queue(api, manager)] == ["pending"]


@pytest.mark.parametrize("where", ["conversation", "outside"])
def test_a_fault_between_the_decision_and_the_write_leaves_no_approval_without_its_refund(
    api: TestClient, api_db: Database, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "conversation":
        ask_for_refund(api)
        manager = staff(api, "grace.kim")
        (request,) = queue(api, manager)
        approval_id = request["approval_id"]
    else:
        approval_id = file_refund(api, "10.00")
        manager = staff(api, "grace.kim")
    refund = folios.refund_payment

    def lost_connection(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the database connection was lost")

    monkeypatch.setattr(folios, "refund_payment", lost_connection)
    failing = TestClient(api.app, raise_server_exceptions=False)
    assert failing.post(f"/v1/approvals/{approval_id}/approve", json={}, headers=manager).is_error
    assert refunds(api_db) == []
    assert [(a["approval_id"], a["status"]) for a in queue(api, manager)] == [
        (approval_id, "pending")
    ]

    # Once the fault is gone, approving again makes the refund, once.
    monkeypatch.setattr(folios, "refund_payment", refund)
    again = api.post(f"/v1/approvals/{approval_id}/approve", json={}, headers=manager)
    assert again.status_code == 200 and again.json()["approval"]["status"] == "approved"
    assert refunds(api_db) == [1000]


def test_a_decision_its_conversation_missed_reaches_it_when_decided_again(
    api: TestClient, api_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk, turn = ask_for_refund(api)
    manager = staff(api, "grace.kim")
    (request,) = queue(api, manager)
    path = f"/v1/approvals/{request['approval_id']}/approve"
    resume = Assistant.resume

    def checkpointer_down(*args: object, **kwargs: object) -> Reply:
        raise RuntimeError("the checkpointer is down")

    monkeypatch.setattr(Assistant, "resume", checkpointer_down)
    failing = TestClient(api.app, raise_server_exceptions=False)
    assert failing.post(path, json={}, headers=manager).is_error
    # The approval and its refund committed together; the conversation still waits.
    assert refunds(api_db) == [1000]
    history = api.get(f"/v1/threads/{turn['thread_id']}", headers=desk).json()
    assert history["pending_approval"]["approval_id"] == request["approval_id"]

    monkeypatch.setattr(Assistant, "resume", resume)
    again = api.post(path, json={}, headers=manager)
    assert again.status_code == 200, again.text
    assert "Refunded $10.00 on HV1004" in again.json()["reply"]["reply"]
    assert refunds(api_db) == [1000]
    assert api.post(path, json={}, headers=manager).status_code == 409
