"""Staff in the console: a refund the front desk may not make, approved by the duty manager."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import FolioLine, Reservation
from tests.web.browser import Live, shot


def sign_in(page: Any, username: str, password: str) -> None:
    page.goto("/console")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("#chat-log .message.assistant")).to_have_count(1)  # the greeting


def ask(page: Any, text: str) -> Any:
    answers = page.locator("#chat-log .message.assistant")
    before = answers.count()
    page.get_by_label("Message to the concierge").fill(text)
    page.get_by_label("Message to the concierge").press("Enter")
    expect(page.get_by_role("log", name="Conversation")).to_have_attribute("aria-busy", "false")
    expect(answers).to_have_count(before + 1)
    return answers.last


def refunds(live: Live, code: str) -> list[int]:
    with Session(live.engine) as session:
        return list(
            session.scalars(
                select(FolioLine.amount_cents)
                .join(Reservation, Reservation.id == FolioLine.reservation_id)
                .where(Reservation.code == code, FolioLine.kind == "refund")
            )
        )


def test_a_front_desk_refund_is_approved_by_the_manager(page: Any, live: Live) -> None:
    sign_in(page, "leo.martins", "harbor-leo")
    expect(page.get_by_role("heading", name="Approvals")).to_be_hidden()
    # The desk cannot refund; asking in the conversation files a request and the turn waits.
    answer = ask(page, "Please refund $20 to HV1004, reason: spa was charged twice")
    expect(answer).to_contain_text("asked a manager to approve the refund payment")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert refunds(live, "HV1004") == []

    sign_in(page, "grace.kim", "harbor-grace")
    approvals = page.get_by_role("region", name="Approvals")
    expect(approvals).to_contain_text("Refund $20.00 on HV1004")
    expect(approvals).to_contain_text("spa was charged twice")
    approvals.get_by_role("button", name=re.compile(r"^Approve AP-.*HV1004")).click()
    result = page.locator("#approval-result")
    expect(result).to_contain_text("approved")
    # The desk's paused conversation resumed with the decision, and its ending is shown.
    expect(result).to_contain_text("A manager approved it. Refunded $20.00 on HV1004")
    expect(approvals).to_contain_text("Nothing waits for a decision.")
    shot(page, "console-approval")
    assert refunds(live, "HV1004") == [2000]

    # The folio the desk reads afterwards shows the refund.
    folio = ask(page, "What's on the folio for HV1004?")
    expect(folio).to_contain_text("20.00")


def test_housekeeping_sees_rooms_and_tasks_only(page: Any, live: Live) -> None:
    sign_in(page, "maria.santos", "harbor-maria")
    board = page.locator("#rooms-board")
    expect(board.locator("h3")).to_have_count(5)  # floors 2-6
    expect(board.locator('[data-room="312"]')).to_contain_text("out of order")
    expect(board.locator('[data-room="313"]')).to_contain_text("inspected")
    expect(board.locator('[data-room="517"]')).to_contain_text("dirty ●")
    tasks = page.get_by_role("region", name="Housekeeping tasks")
    expect(tasks).to_contain_text("two extra towels")
    expect(tasks).to_contain_text("maria.santos (you)")
    for hidden in ("Approvals", "Arrivals and departures", "Ask a manager for a refund"):
        expect(page.get_by_role("region", name=re.compile(hidden))).to_have_count(0)
    shot(page, "console-housekeeping")


def test_the_front_desk_sees_todays_arrivals_and_departures(page: Any, live: Live) -> None:
    sign_in(page, "ana.silva", "harbor-ana")
    today = page.get_by_role("region", name=re.compile("Arrivals and departures"))
    expect(today).to_contain_text("(2027-03-01)")
    expect(page.locator("#arrivals")).to_contain_text("Priya Shah")
    expect(page.locator("#departures")).to_contain_text("Sofia Rossi")
    expect(page.get_by_role("region", name="Approvals")).to_have_count(0)
    shot(page, "console-front-desk")
