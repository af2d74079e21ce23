"""Slack: signed events in, answers posted in the thread over a real HTTP exchange."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.testclient import TestClient

from agent.desk import Desk
from channels.config import SlackConfig
from channels.slack import slack_routes
from pms.db import Database
from pms.principal import Principal, Role
from tests.channels.loopback import Loopback
from tests.channels.world import link_staff, table_counts

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test-token"
TEAM = "T0HOTEL"
POST = "/api/chat.postMessage"


@pytest.fixture
def slack(desk: Desk, db: Database, platform: Loopback) -> Iterator[TestClient]:
    platform.answer(
        "/api/auth.test",
        {"ok": True, "team_id": TEAM, "user_id": "UBOT", "bot_id": "BBOT", "user": "concierge"},
    )
    platform.answer(POST, {"ok": True, "ts": "1700000999.000100"})
    link_staff(db, "slack", f"{TEAM}:UMARIA", "maria.santos")  # housekeeping
    link_staff(db, "slack", f"{TEAM}:ULEO", "leo.martins")  # front desk
    link_staff(db, "slack", f"{TEAM}:UGRACE", "grace.kim")  # manager
    config = SlackConfig(signing_secret=SECRET, bot_token=TOKEN, api_url=f"{platform.url}/api/")
    with TestClient(Starlette(routes=slack_routes(desk, config))) as client:
        yield client


def signed(body: bytes, secret: str = SECRET, at: float | None = None) -> dict[str, str]:
    timestamp = str(int(at if at is not None else time.time()))
    base = b"v0:" + timestamp.encode() + b":" + body
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
        "Content-Type": "application/json",
    }


def event_body(event: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": TEAM,
            "api_app_id": "A0CONCIERGE",
            "type": "event_callback",
            "event_id": f"Ev{time.monotonic_ns()}",
            "event_time": int(time.time()),
            "event": event,
        }
    ).encode()


def mention(user: str, text: str, ts: str, thread_ts: str | None = None) -> dict[str, Any]:
    event = {
        "type": "app_mention",
        "user": user,
        "team": TEAM,
        "text": f"<@UBOT> {text}",
        "ts": ts,
        "channel": "C0FRONTDESK",
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(user: str, text: str, ts: str, thread_ts: str | None = None) -> dict[str, Any]:
    event = {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "team": TEAM,
        "text": text,
        "ts": ts,
        "channel": "D0DIRECT",
        "event_ts": ts,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def send(client: TestClient, event: dict[str, Any], **headers: str) -> Any:
    body = event_body(event)
    return client.post("/slack/events", content=body, headers={**signed(body), **headers})


def test_a_mention_is_answered_in_its_thread_as_the_linked_staff_member(
    slack: TestClient, platform: Loopback, db: Database
) -> None:
    before = table_counts(db)
    answer = send(slack, mention("UMARIA", "I want a refund of $50 on HV1005", "1700000001.000100"))
    assert answer.status_code == 200
    [posted] = platform.wait_for(POST)
    message = posted.fields()
    assert message["channel"] == "C0FRONTDESK"
    assert message["thread_ts"] == "1700000001.000100"
    # Maria is housekeeping: the role rules refuse a refund, and nothing is written.
    assert "not able to do that as housekeeping" in message["text"]
    assert posted.headers["authorization"] == f"Bearer {TOKEN}"
    assert table_counts(db) == before


def test_a_thread_is_one_conversation(slack: TestClient, platform: Loopback) -> None:
    first = "1700000002.000100"
    send(slack, mention("ULEO", "is there a room free from 2027-04-10 to 2027-04-12?", first))
    [question] = platform.wait_for(POST)
    assert "How many adults" in question.fields()["text"]
    send(slack, mention("ULEO", "for 2 adults", "1700000003.000100", thread_ts=first))
    answers = platform.wait_for(POST, count=2)
    second = answers[1].fields()
    assert second["thread_ts"] == first
    assert "For 2027-04-10 to 2027-04-12" in second["text"]
    # The same words in a new thread start a new conversation, with no dates in it.
    send(slack, mention("ULEO", "for 2 adults", "1700000004.000100"))
    third = platform.wait_for(POST, count=3)[2].fields()
    assert third["thread_ts"] == "1700000004.000100"
    assert "2027-04-10" not in third["text"]


def test_a_direct_message_is_answered(slack: TestClient, platform: Loopback) -> None:
    send(slack, dm("UGRACE", "print me today's report", "1700000005.000100"))
    [posted] = platform.wait_for(POST)
    message = posted.fields()
    assert message["channel"] == "D0DIRECT"
    assert message["thread_ts"] == "1700000005.000100"
    assert "Report for 2027-03-01" in message["text"]


def test_an_unlinked_user_is_refused_politely_and_nothing_runs(
    slack: TestClient, platform: Loopback, db: Database
) -> None:
    before = table_counts(db)
    send(slack, mention("USTRANGER", "put 40 dollars of minibar on the bill for HV1001", "17.1"))
    [posted] = platform.wait_for(POST)
    text = posted.fields()["text"]
    assert "not linked to a staff account" in text
    assert f"{TEAM}:USTRANGER" in text
    assert "Posted" not in text
    assert table_counts(db) == before


def test_a_linked_user_can_write(slack: TestClient, platform: Loopback, db: Database) -> None:
    before = table_counts(db)
    send(slack, mention("ULEO", "put 40 dollars of minibar on the bill for HV1001", "17.2"))
    [posted] = platform.wait_for(POST)
    assert "Posted $40.00 (minibar) to HV1001" in posted.fields()["text"]
    assert table_counts(db)["folio_lines"] == before["folio_lines"] + 1


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda body: signed(body, secret="not-the-secret"), id="wrong-secret"),
        pytest.param(lambda body: signed(body, at=time.time() - 600), id="stale-timestamp"),
        pytest.param(lambda body: {"Content-Type": "application/json"}, id="unsigned"),
        pytest.param(
            lambda body: {**signed(body), "X-Slack-Request-Timestamp": "abc"},
            id="timestamp-not-a-number",
        ),
        pytest.param(
            lambda body: {**signed(body), "X-Slack-Request-Timestamp": ""}, id="timestamp-empty"
        ),
        pytest.param(
            lambda body: {**signed(body), "X-Slack-Request-Timestamp": "1e400"},
            id="timestamp-huge",
        ),
        pytest.param(
            lambda body: {"X-Slack-Request-Timestamp": "abc", "Content-Type": "application/json"},
            id="timestamp-without-signature",
        ),
        pytest.param(
            lambda body: {**signed(body), "X-Slack-Signature": "v0=\u00e9t\u00e9".encode()},
            id="signature-not-ascii",
        ),
    ],
)
def test_a_badly_signed_request_is_refused_and_nothing_runs(
    slack: TestClient, platform: Loopback, db: Database, headers: Any
) -> None:
    before = table_counts(db)
    body = event_body(mention("ULEO", "put 40 dollars of minibar on the bill for HV1001", "17.3"))
    answer = slack.post("/slack/events", content=body, headers=headers(body))
    assert answer.status_code == 401
    assert answer.json()["error"]["type"] == "unauthenticated"
    time.sleep(0.3)
    assert platform.requests_to(POST) == []
    assert table_counts(db) == before


def test_a_tampered_body_is_refused(slack: TestClient, platform: Loopback, db: Database) -> None:
    body = event_body(mention("UMARIA", "print me today's report", "17.4"))
    headers = signed(body)
    tampered = body.replace(b"UMARIA", b"UGRACE")
    assert slack.post("/slack/events", content=tampered, headers=headers).status_code == 401
    time.sleep(0.3)
    assert platform.requests_to(POST) == []


def test_bot_messages_and_retries_are_not_answered(
    slack: TestClient, platform: Loopback, db: Database
) -> None:
    before = table_counts(db)
    charge = "put 40 dollars of minibar on the bill for HV1001"
    bot = {**dm("ULEO", charge, "17.5"), "bot_id": "BOTHER", "subtype": "bot_message"}
    assert send(slack, bot).status_code == 200
    retry = send(slack, mention("ULEO", charge, "17.6"), **{"X-Slack-Retry-Num": "1"})
    assert retry.status_code == 200
    edit = {**dm("ULEO", charge, "17.7"), "subtype": "message_changed"}
    assert send(slack, edit).status_code == 200
    send(slack, dm("UGRACE", "print me today's report", "17.8"))
    platform.wait_for(POST)
    time.sleep(0.3)
    [only] = platform.requests_to(POST)
    assert "Report for 2027-03-01" in only.fields()["text"]
    assert table_counts(db)["folio_lines"] == before["folio_lines"]


def test_the_url_verification_challenge_is_answered(slack: TestClient) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "3eZbrw1aB"}).encode()
    answer = slack.post("/slack/events", content=body, headers=signed(body))
    assert answer.status_code == 200
    assert "3eZbrw1aB" in answer.text


def test_without_slack_configured_the_route_says_so(desk: Desk) -> None:
    with TestClient(Starlette(routes=slack_routes(desk, None))) as client:
        answer = client.post("/slack/events", json={"type": "event_callback"})
    assert answer.status_code == 503
    error = answer.json()["error"]
    assert error["type"] == "unavailable"
    assert "CONCIERGE_SLACK_SIGNING_SECRET" in error["message"]


REFUND = {"confirmation_code": "HV1004", "amount": "10.00", "reason": "goodwill"}


def file_refund_request(desk: Desk) -> int:
    """Leo (front desk) asks a manager to approve a refund, as the agent's tool does."""
    leo = Principal("harbor-view", Role.FRONT_DESK, user="leo.martins", channel="slack")
    outcome = desk.runtime.call(
        "request_manager_approval",
        {"tool": "refund_payment", "arguments": REFUND, "reason": "The spa was closed."},
        leo,
        clock=desk.clock,
    )
    assert outcome.error is None and outcome.result is not None
    return int(outcome.result["approval_id"])


def command(client: TestClient, platform: Loopback, user: str, text: str) -> Any:
    body = urlencode(
        {
            "token": "legacy",
            "team_id": TEAM,
            "user_id": user,
            "command": "/concierge",
            "text": text,
            "channel_id": "C0FRONTDESK",
            "response_url": f"{platform.url}/respond",
            "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        }
    ).encode()
    headers = {**signed(body), "Content-Type": "application/x-www-form-urlencoded"}
    return client.post("/slack/events", content=body, headers=headers)


def decision(db: Database, approval: int) -> tuple[str, str | None]:
    """The request's (status, decided_by) as stored."""
    with db.engine.connect() as connection:
        row = connection.execute(
            text("SELECT status, decided_by FROM approval_requests WHERE id = :id"),
            {"id": approval},
        ).one()
    return str(row[0]), row[1]


def test_a_manager_approves_a_request_with_the_slash_command(
    slack: TestClient, platform: Loopback, desk: Desk, db: Database
) -> None:
    platform.answer("/respond", {"ok": True})
    approval = file_refund_request(desk)
    assert command(slack, platform, "UGRACE", "approvals").status_code == 200
    [listed] = platform.wait_for("/respond")
    assert f"#{approval} refund_payment" in listed.json()["text"]
    command(slack, platform, "UGRACE", f"approve {approval} the spa was closed")
    decided = platform.wait_for("/respond", count=2)[1].json()
    assert decided["text"] == f"Approved request {approval} (refund_payment) and done."
    assert decided["response_type"] == "ephemeral"
    # Filed outside a conversation, the request is decided and its write runs (as the API does).
    assert decision(db, approval) == ("approved", "grace.kim")
    command(slack, platform, "UGRACE", f"deny {approval}")
    again = platform.wait_for("/respond", count=3)[2].json()
    assert "already approved" in again["text"]


def test_only_managers_decide_and_only_linked_users_are_heard(
    slack: TestClient, platform: Loopback, desk: Desk, db: Database
) -> None:
    platform.answer("/respond", {"ok": True})
    approval = file_refund_request(desk)
    before = table_counts(db)
    command(slack, platform, "ULEO", f"approve {approval}")
    [front_desk] = platform.wait_for("/respond")
    # Leo is front desk: the role rules say who may decide.
    assert "may not use decide_approval" in front_desk.json()["text"]
    assert decision(db, approval) == ("pending", None)
    command(slack, platform, "USTRANGER", f"approve {approval}")
    stranger = platform.wait_for("/respond", count=2)[1].json()
    assert "not linked to a staff account" in stranger["text"]
    command(slack, platform, "UGRACE", "what can you do")
    usage = platform.wait_for("/respond", count=3)[2].json()
    assert usage["text"].startswith("Usage: /concierge approvals")
    assert table_counts(db) == before


def test_an_unsigned_slash_command_is_refused(
    slack: TestClient, platform: Loopback, desk: Desk, db: Database
) -> None:
    approval = file_refund_request(desk)
    body = urlencode(
        {
            "team_id": TEAM,
            "user_id": "UGRACE",
            "command": "/concierge",
            "text": f"approve {approval}",
        }
    ).encode()
    headers = {**signed(body, secret="wrong"), "Content-Type": "application/x-www-form-urlencoded"}
    assert slack.post("/slack/events", content=body, headers=headers).status_code == 401
    time.sleep(0.3)
    assert platform.requests_to("/respond") == []
    assert decision(db, approval) == ("pending", None)


def test_a_refund_asked_in_a_thread_continues_there_once_a_manager_approves(
    slack: TestClient, platform: Loopback, db: Database
) -> None:
    platform.answer("/respond", {"ok": True})
    thread = "1700000300.000100"
    ask = "Please refund $10 on HV1004, the spa was closed during his slot."
    send(slack, mention("ULEO", ask, thread))
    [waiting] = platform.wait_for(POST)
    said = waiting.fields()["text"]
    assert "waiting for a manager" in said
    approval = int(said.split("Approval request ")[1].split(" ")[0])
    assert decision(db, approval) == ("pending", None)
    command(slack, platform, "UGRACE", f"approve {approval} the spa was closed")
    [decided] = platform.wait_for("/respond")
    assert decided.json()["text"].startswith(f"Approved request {approval} (refund_payment)")
    # Leo's thread hears the outcome, and the refund was made once, by the manager.
    resumed = platform.wait_for(POST, count=2)[1].fields()
    assert resumed["channel"] == "C0FRONTDESK" and resumed["thread_ts"] == thread
    assert "waiting for a manager" not in resumed["text"]
    assert decision(db, approval) == ("approved", "grace.kim")
    with db.engine.connect() as connection:
        refunded = connection.execute(
            text(
                "SELECT COUNT(*) FROM folio_lines f JOIN reservations r ON r.id = f.reservation_id"
                " WHERE r.code = 'HV1004' AND f.kind = 'refund'"
            )
        ).scalar_one()
    assert refunded == 1
