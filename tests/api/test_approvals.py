"""Approvals end to end: front desk asks in chat, a manager approves over HTTP, it resumes."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from pms.db import Database
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
