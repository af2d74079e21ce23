"""The channels mounted on the real API app, configured as `concierge serve` configures them."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from agent.desk import Desk
from api.app import create_app
from api.config import ApiConfig
from api.services import Services
from api.shared import LocalShared
from channels.config import SlackConfig
from pms.db import Database
from tests.channels.loopback import Loopback
from tests.channels.test_slack import SECRET, TEAM, TOKEN, event_body, mention, signed
from tests.channels.world import link_staff


def test_slack_events_reach_the_concierge_through_the_api_app(
    desk: Desk, db: Database, platform: Loopback
) -> None:
    platform.answer("/api/auth.test", {"ok": True, "team_id": TEAM, "user_id": "UBOT"})
    platform.answer("/api/chat.postMessage", {"ok": True})
    link_staff(db, "slack", f"{TEAM}:UGRACE", "grace.kim")
    slack = SlackConfig(signing_secret=SECRET, bot_token=TOKEN, api_url=f"{platform.url}/api/")
    config = ApiConfig(secret_key="k" * 40, serve_web=False, slack=slack)
    app = create_app(Services.build(desk, config, LocalShared()))
    with TestClient(app) as client:
        body = event_body(mention("UGRACE", "print me today's report", "1700000100.000100"))
        assert client.post("/slack/events", content=body, headers=signed(body)).status_code == 200
        [posted] = platform.wait_for("/api/chat.postMessage")
        assert "Report for 2027-03-01" in posted.fields()["text"]
        # Teams is not configured here: its route says so in the API's error shape.
        answer = client.post("/teams/messages", content=json.dumps({"type": "message"}))
        assert answer.status_code == 503
        assert answer.json()["error"]["type"] == "unavailable"
        stale = signed(body, at=time.time() - 3600)
        assert client.post("/slack/events", content=body, headers=stale).status_code == 401


def test_channel_turns_count_against_the_api_limit_and_in_its_metrics(
    desk: Desk, db: Database, platform: Loopback
) -> None:
    platform.answer("/api/auth.test", {"ok": True, "team_id": TEAM, "user_id": "UBOT"})
    platform.answer("/api/chat.postMessage", {"ok": True})
    link_staff(db, "slack", f"{TEAM}:UGRACE", "grace.kim")
    slack = SlackConfig(signing_secret=SECRET, bot_token=TOKEN, api_url=f"{platform.url}/api/")
    config = ApiConfig(secret_key="k" * 40, serve_web=False, chat_limit="1/minute", slack=slack)
    app = create_app(Services.build(desk, config, LocalShared()))
    with TestClient(app) as client:
        for ts in ("1700000200.000100", "1700000201.000100"):
            body = event_body(mention("UGRACE", "print me today's report", ts))
            client.post("/slack/events", content=body, headers=signed(body))
            platform.wait_for("/api/chat.postMessage", count=1 if ts.endswith("200.000100") else 2)
        first, second = (r.fields()["text"] for r in platform.requests_to("/api/chat.postMessage"))
        assert "Report for 2027-03-01" in first
        assert second.startswith("Sorry, I can't take this message now")
        metrics = client.get("/metrics").text
    assert 'role="manager"' in metrics and 'channel="slack"' in metrics
