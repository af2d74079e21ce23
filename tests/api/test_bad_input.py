"""Hostile text is refused at the door: 422 naming the field, nothing written, the client goes on.

Each case once answered 500 on PostgreSQL (a NUL the database refuses, or a value longer than its
column), and the client's next request on that connection was reset.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from knowledge.base import KnowledgeBase
from knowledge.shipped import shipped_knowledge
from knowledge.store import LocalStore
from pms.db import Database
from tests.api.conftest import PASSWORDS, build_services, guest, staff
from tests.support import T
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


def _bookings(api: TestClient, headers: dict[str, str]) -> int:
    """How many reservations the front desk can find for Hannah Berg's email."""
    found = api.post(
        "/v1/tools/search_reservations", json={"email": BOOKING["guest_email"]}, headers=headers
    )
    assert found.status_code == 200, found.text
    total: int = found.json()["result"]["total"]
    return total


def _folio_lines(api: TestClient, headers: dict[str, str]) -> int:
    folio = api.post("/v1/tools/get_folio", json={"confirmation_code": "HV1004"}, headers=headers)
    assert folio.status_code == 200, folio.text
    return len(folio.json()["result"]["lines"])


def _refused(answer: Any, field: str) -> None:
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["type"] == "invalid"
    assert field in error["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("guest_name", "Hannah\x00Berg"),
        ("special_requests", "Late arrival\x00"),
        ("guest_name", "H" * 10_000),
        ("guest_phone", "5" * 1_000),
        ("special_requests", "quiet room " * 200),
        ("guest_email", "hannah\x00@example.com"),
        ("room_type", "DL\x00K"),
    ],
    ids=[
        "nul-name",
        "nul-requests",
        "long-name",
        "long-phone",
        "long-requests",
        "nul-email",
        "nul-room-type",
    ],
)
def test_a_booking_with_bad_text_is_refused_and_the_next_request_works(
    api: TestClient, field: str, value: str
) -> None:
    desk = staff(api, "leo.martins")
    refused = api.post("/v1/tools/create_reservation", json={**BOOKING, field: value}, headers=desk)
    _refused(refused, field)
    assert _bookings(api, desk) == 0  # nothing was written

    booked = api.post("/v1/tools/create_reservation", json=BOOKING, headers=desk)
    assert booked.status_code == 200, booked.text
    assert _bookings(api, desk) == 1


def test_a_payment_reference_with_a_nul_is_refused_and_nothing_is_posted(api: TestClient) -> None:
    desk = staff(api, "leo.martins")
    before = _folio_lines(api, desk)
    _refused(
        api.post(
            "/v1/tools/record_payment", json={**PAYMENT, "reference": "slip\x001"}, headers=desk
        ),
        "reference",
    )
    _refused(
        api.post(
            "/v1/tools/record_payment", json={**PAYMENT, "reference": "9" * 121}, headers=desk
        ),
        "reference",
    )
    assert _folio_lines(api, desk) == before
    paid = api.post("/v1/tools/record_payment", json={**PAYMENT, "reference": "9" * 120},
                    headers=desk)  # fmt: skip
    assert paid.status_code == 200, paid.text
    assert _folio_lines(api, desk) == before + 1


def test_a_sign_in_with_a_nul_in_the_username_is_refused(api: TestClient) -> None:
    password = PASSWORDS[("harbor-view", "leo.martins")]
    refused = api.post(
        "/v1/staff/login",
        json={"hotel": "harbor-view", "username": "leo.martins\x00", "password": password},
    )
    _refused(refused, "username")
    nul_password = api.post(
        "/v1/staff/login",
        json={"hotel": "harbor-view", "username": "leo.martins", "password": password + "\x00"},
    )
    assert nul_password.status_code in (401, 422), nul_password.text
    assert staff(api, "leo.martins")  # the same client signs in next


def test_special_requests_keep_their_lines_up_to_the_cap(api: TestClient) -> None:
    desk = staff(api, "leo.martins")
    requests = "Late arrival, around 23:00.\r\nA quiet room, please.\n\tThank you!"
    requests += "." * (1000 - len(requests))
    booked = api.post(
        "/v1/tools/create_reservation", json={**BOOKING, "special_requests": requests}, headers=desk
    )
    assert booked.status_code == 200, booked.text
    assert booked.json()["result"]["special_requests"] == requests
    _refused(
        api.post(
            "/v1/tools/create_reservation",
            json={**BOOKING, "special_requests": requests + "."},
            headers=desk,
        ),
        "special_requests",
    )


def test_a_guest_name_may_not_carry_a_line_break(api: TestClient) -> None:
    desk = staff(api, "leo.martins")
    _refused(
        api.post(
            "/v1/tools/create_reservation",
            json={**BOOKING, "guest_name": "Hannah\nBerg"},
            headers=desk,
        ),
        "guest_name",
    )


def test_a_damaged_pdf_is_refused_and_the_next_upload_works(
    api_db: Database, tmp_path: Path
) -> None:
    """Found by test_properties.py: a file named .pdf that is not one answered 500."""
    base = KnowledgeBase(LocalStore(tmp_path / "index"), shipped_knowledge().embedder)
    services = build_services(api_db)
    services.desk.runtime = ToolRuntime(api_db, knowledge=base)
    with TestClient(create_app(services)) as api:
        admin = staff(api, "morgan.lee")
        refused = api.post(
            "/v1/knowledge/documents",
            files={"file": ("menu.pdf", b"%PDF-1.4 not really", "application/pdf")},
            headers=admin,
        )
        _refused(refused, "menu.pdf")
        added = api.post(
            "/v1/knowledge/documents",
            files={"file": ("menu.md", b"# Menu\n\nSoup of the day.", "text/markdown")},
            headers=admin,
        )
        assert added.status_code == 201, added.text


@pytest.mark.parametrize("amount", ["1e999999", "123456789012345.00"])
def test_an_absurd_amount_is_refused(api: TestClient, amount: str) -> None:
    desk = staff(api, "leo.martins")
    before = _folio_lines(api, desk)
    _refused(
        api.post("/v1/tools/record_payment", json={**PAYMENT, "amount": amount}, headers=desk),
        "amount",
    )
    assert _folio_lines(api, desk) == before


def test_a_decision_note_with_a_nul_is_refused_and_the_request_stays_decidable(
    api: TestClient,
) -> None:
    filed = api.post(
        "/v1/tools/request_manager_approval",
        json={
            "tool": "refund_payment",
            "arguments": {"confirmation_code": "HV1004", "amount": "1.00", "reason": "goodwill"},
            "reason": "The spa was closed.",
        },
        headers=staff(api, "leo.martins"),
    )
    approval = filed.json()["result"]["approval_id"]
    manager = staff(api, "grace.kim")
    _refused(api.post(f"/v1/approvals/{approval}/deny", json={"note": "no\x00"}, headers=manager),
             "note")  # fmt: skip
    denied = api.post(f"/v1/approvals/{approval}/deny", json={"note": "No.\nSorry."},
                      headers=manager)  # fmt: skip
    assert denied.status_code == 200, denied.text
    assert denied.json()["approval"]["decision_note"] == "No.\nSorry."


@pytest.mark.parametrize(
    "body",
    [
        '{"message": "Hello\\u0000 is 201 free?"}',
        '{"message": "Hi \\u001b[2J there"}',
        '{"message": "a lone half \\ud800 of a pair"}',
    ],
    ids=["nul", "escape", "surrogate"],
)
def test_a_chat_message_with_control_characters_is_refused_before_the_model_reads_it(
    api: TestClient, body: str
) -> None:
    visitor = guest(api)
    sent = {**visitor, "Content-Type": "application/json"}
    _refused(api.post("/v1/chat", content=body.encode(), headers=sent), "message")
    kept = api.post("/v1/chat", json={"message": "Line one\nline two\tthanks"}, headers=visitor)
    assert kept.status_code == 200, kept.text
