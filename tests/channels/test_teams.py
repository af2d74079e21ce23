"""Teams: activities signed as the Bot Framework signs them, replies posted to the serviceUrl."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.applications import Starlette
from starlette.testclient import TestClient

from agent.desk import Desk
from channels.config import TeamsConfig
from channels.teams import teams_routes
from pms.db import Database
from tests.channels.loopback import Loopback
from tests.channels.world import link_staff, table_counts

APP_ID = "6f1c2b7e-0000-4000-8000-00000000b0b0"
PASSWORD = "app-password"
ISSUER = "https://api.botframework.com"
CONVERSATION = "19:meeting_frontdesk@thread.v2;messageid=1700000000"
MARIA, LEO, STRANGER = "aad-maria-0001", "aad-leo-0002", "aad-stranger-0003"

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def teams(desk: Desk, db: Database, platform: Loopback) -> Iterator[TestClient]:
    jwk = RSAAlgorithm.to_jwk(KEY.public_key(), as_dict=True)
    platform.answer("/openid", {"issuer": ISSUER, "jwks_uri": f"{platform.url}/keys"})
    platform.answer(
        "/keys", {"keys": [{**jwk, "kid": "key-1", "use": "sig", "endorsements": ["msteams"]}]}
    )
    platform.answer(
        "/token", {"token_type": "Bearer", "expires_in": 3600, "access_token": "bot-token"}
    )
    platform.answer(reply_path(), {"id": "reply-1"})
    link_staff(db, "teams", MARIA, "maria.santos")  # housekeeping
    link_staff(db, "teams", LEO, "leo.martins")  # front desk
    config = TeamsConfig(
        app_id=APP_ID,
        app_password=PASSWORD,
        openid_metadata_url=f"{platform.url}/openid",
        token_url=f"{platform.url}/token",
    )
    with TestClient(Starlette(routes=teams_routes(desk, config))) as client:
        yield client


def service_url(platform: Loopback) -> str:
    return f"{platform.url}/teams/"


def reply_path(activity_id: str = "activity-1") -> str:
    return f"/teams/v3/conversations/{quote(CONVERSATION, safe='')}/activities/{activity_id}"


def activity(
    platform: Loopback, aad_id: str, text: str, activity_id: str = "activity-1"
) -> dict[str, Any]:
    return {
        "type": "message",
        "id": activity_id,
        "timestamp": "2027-03-01T10:00:00.000Z",
        "serviceUrl": service_url(platform),
        "channelId": "msteams",
        "from": {"id": f"29:{aad_id}", "name": "Staff", "aadObjectId": aad_id},
        "conversation": {"id": CONVERSATION, "conversationType": "channel"},
        "recipient": {"id": f"28:{APP_ID}", "name": "Concierge"},
        "text": f"<at>Concierge</at> {text}",
    }


def token(platform: Loopback, key: Any = KEY, kid: str = "key-1", **changes: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": APP_ID,
        "nbf": now - 10,
        "exp": now + 3600,
        "serviceurl": service_url(platform),
        **changes,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def send(client: TestClient, platform: Loopback, body: dict[str, Any], **claims: Any) -> Any:
    headers = {"Authorization": f"Bearer {token(platform, **claims)}"}
    return client.post("/teams/messages", json=body, headers=headers)


def test_a_signed_message_is_answered_as_the_linked_staff_member(
    teams: TestClient, platform: Loopback, db: Database
) -> None:
    before = table_counts(db)
    body = activity(platform, MARIA, "I want a refund of $50 on HV1005")
    assert send(teams, platform, body).status_code == 202
    [posted] = platform.wait_for(reply_path())
    reply = posted.json()
    # Maria is housekeeping: the role rules refuse a refund, and nothing is written.
    assert "not able to do that as housekeeping" in reply["text"]
    assert reply["replyToId"] == "activity-1"
    assert reply["conversation"]["id"] == CONVERSATION
    assert reply["recipient"]["aadObjectId"] == MARIA
    assert posted.headers["authorization"] == "Bearer bot-token"
    [grant] = platform.requests_to("/token")
    assert grant.form()["client_id"] == APP_ID
    assert grant.form()["grant_type"] == "client_credentials"
    assert table_counts(db) == before


def test_a_teams_conversation_is_one_conversation(teams: TestClient, platform: Loopback) -> None:
    platform.answer(reply_path("activity-2"), {"id": "reply-2"})
    ask = activity(platform, LEO, "is there a room free from 2027-04-10 to 2027-04-12?")
    send(teams, platform, ask)
    [question] = platform.wait_for(reply_path())
    assert "How many adults" in question.json()["text"]
    send(teams, platform, activity(platform, LEO, "for 2 adults", "activity-2"))
    [answer] = platform.wait_for(reply_path("activity-2"))
    assert "For 2027-04-10 to 2027-04-12" in answer.json()["text"]


def test_a_linked_member_of_staff_can_write(
    teams: TestClient, platform: Loopback, db: Database
) -> None:
    before = table_counts(db)
    send(
        teams, platform, activity(platform, LEO, "put 40 dollars of minibar on the bill for HV1001")
    )
    [posted] = platform.wait_for(reply_path())
    assert "Posted $40.00 (minibar) to HV1001" in posted.json()["text"]
    assert table_counts(db)["folio_lines"] == before["folio_lines"] + 1


def test_an_unlinked_user_is_refused_politely_and_nothing_runs(
    teams: TestClient, platform: Loopback, db: Database
) -> None:
    before = table_counts(db)
    charge = activity(platform, STRANGER, "put 40 dollars of minibar on the bill for HV1001")
    assert send(teams, platform, charge).status_code == 202
    [posted] = platform.wait_for(reply_path())
    text = posted.json()["text"]
    assert "not linked to a staff account" in text and STRANGER in text
    assert table_counts(db) == before


BadHeaders = Callable[[Loopback], dict[str, str]]


def _bearer(**claims: Any) -> BadHeaders:
    return lambda platform: {"Authorization": f"Bearer {token(platform, **claims)}"}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda platform: {}, id="no-token"),
        pytest.param(lambda platform: {"Authorization": "Bearer not-a-jwt"}, id="garbage"),
        pytest.param(_bearer(key=OTHER_KEY), id="signed-by-another-key"),
        pytest.param(_bearer(kid="key-unknown"), id="unpublished-key"),
        pytest.param(_bearer(aud="another-bot"), id="another-audience"),
        pytest.param(_bearer(iss="https://sts.example.com"), id="another-issuer"),
        pytest.param(_bearer(exp=int(time.time()) - 3600), id="expired"),
        pytest.param(_bearer(serviceurl="https://evil.example/"), id="another-service-url"),
        pytest.param(
            lambda platform: {
                "Authorization": "Bearer "
                + jwt.encode(
                    {"iss": ISSUER, "aud": APP_ID, "exp": int(time.time()) + 60},
                    "a-shared-secret-of-at-least-32-bytes!",
                    algorithm="HS256",
                    headers={"kid": "key-1"},
                )
            },
            id="hs256",
        ),
    ],
)
def test_a_request_without_a_valid_token_is_refused_and_nothing_runs(
    teams: TestClient, platform: Loopback, db: Database, headers: BadHeaders
) -> None:
    before = table_counts(db)
    charge = activity(platform, LEO, "put 40 dollars of minibar on the bill for HV1001")
    answer = teams.post("/teams/messages", json=charge, headers=headers(platform))
    assert answer.status_code == 401
    assert answer.json()["error"]["type"] == "unauthenticated"
    time.sleep(0.2)
    assert platform.requests_to(reply_path()) == []
    assert table_counts(db) == before


@pytest.mark.parametrize("body", [b"[" * 60_000, b'{"a":' * 12_000, b"\xff\xfe", b"[1]"])
def test_a_body_that_is_not_an_activity_is_refused_not_a_500(
    teams: TestClient, body: bytes
) -> None:
    # Parsed before the token is checked, so anyone can send it: deep nesting once was a 500.
    headers = {"Authorization": "Bearer not-a-jwt", "Content-Type": "application/json"}
    answer = teams.post("/teams/messages", content=body, headers=headers)
    assert answer.status_code == 400 and answer.json()["error"]["type"] == "invalid"


def test_a_key_not_endorsed_for_the_channel_is_refused(
    teams: TestClient, platform: Loopback
) -> None:
    body = {**activity(platform, LEO, "print me today's report"), "channelId": "skype"}
    assert send(teams, platform, body).status_code == 401


def test_activities_other_than_messages_are_acknowledged_without_a_reply(
    teams: TestClient, platform: Loopback
) -> None:
    update = {**activity(platform, LEO, ""), "type": "conversationUpdate"}
    assert send(teams, platform, update).status_code == 202
    time.sleep(0.2)
    assert platform.requests_to(reply_path()) == []


def test_without_teams_configured_the_route_says_so(desk: Desk) -> None:
    with TestClient(Starlette(routes=teams_routes(desk, None))) as client:
        answer = client.post("/teams/messages", json={"type": "message"})
    assert answer.status_code == 503
    assert "CONCIERGE_TEAMS_APP_ID" in answer.json()["error"]["message"]
