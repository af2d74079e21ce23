"""Conversations over HTTP: one turn, the same turn streamed, history, and whose thread is whose."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient
from langgraph.checkpoint.memory import InMemorySaver
from sqlalchemy import select

from agent.desk import Desk
from agent.models import get_chat_model
from api.app import create_app
from api.config import ApiConfig
from api.services import Services
from api.shared import LocalShared
from pms.clock import FrozenClock
from pms.db import Database
from pms.models import FolioLine, Reservation
from tests.api.conftest import SECRET, guest, staff
from tests.support import NOW
from tools.runtime import ToolRuntime


def sse_events(text: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        kind, data = "message", ""
        for line in block.splitlines():
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data += line[5:].strip()
        if data:
            events.append((kind, json.loads(data)))
    return events


def test_a_guest_books_a_room_over_two_turns(api: TestClient, api_db: Database) -> None:
    headers = guest(api)
    first = api.post(
        "/v1/chat",
        json={"message": "I'd like a deluxe king from March 20 to 23 for two adults."},
        headers=headers,
    )
    assert first.status_code == 200
    thread = first.json()["thread_id"]
    second = api.post(
        "/v1/chat",
        json={"message": "Flexible rate. Hannah Berg, hannah.berg@example.com",
              "thread_id": thread},
        headers=headers,
    ).json()  # fmt: skip
    assert second["thread_id"] == thread
    assert "HV5001" in second["reply"]
    assert [c["name"] for c in second["tool_calls"]] == ["create_reservation"]
    with api_db.unit_of_work() as session:
        booked = session.scalars(select(Reservation).where(Reservation.code == "HV5001")).one()
        assert booked.check_in.isoformat() == "2027-03-20"


def test_the_streamed_turn_sends_tokens_tool_steps_and_the_same_done(api: TestClient) -> None:
    answer = api.post(
        "/v1/chat/stream", json={"message": "What time is breakfast?"}, headers=guest(api)
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/event-stream")
    events = sse_events(answer.text)
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "tool_call" and kinds[-1] == "done"
    assert "tool_result" in kinds and "token" in kinds
    done = events[-1][1]
    tokens = "".join(data["text"] for kind, data in events if kind == "token")
    assert tokens.strip() == done["reply"].strip()
    assert "6:30" in done["reply"]
    assert done["thread_id"] == answer.headers["x-concierge-thread"]


def test_history_shows_what_the_user_saw(api: TestClient) -> None:
    headers = guest(api)
    turn = api.post("/v1/chat", json={"message": "Is there parking?"}, headers=headers).json()
    history = api.get(f"/v1/threads/{turn['thread_id']}", headers=headers).json()
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"]
    assert history["messages"][1]["content"] == turn["reply"]


def test_another_principals_thread_is_not_found(api: TestClient) -> None:
    alice, bob = guest(api), guest(api)
    turn = api.post("/v1/chat", json={"message": "Is there parking?"}, headers=alice).json()
    assert api.get(f"/v1/threads/{turn['thread_id']}", headers=bob).status_code == 404
    # Bob sending to Alice's id starts a conversation of his own; hers is untouched.
    api.post("/v1/chat", json={"message": "Hello", "thread_id": turn["thread_id"]}, headers=bob)
    mine = api.get(f"/v1/threads/{turn['thread_id']}", headers=alice).json()
    assert len(mine["messages"]) == 2


def test_a_guest_verified_in_one_thread_stays_verified_in_the_session(api: TestClient) -> None:
    headers = guest(api)
    found = api.post(
        "/v1/tools/find_reservation",
        json={"confirmation_code": "HV1005", "last_name": "Okafor"},
        headers=headers,
    )
    assert found.status_code == 200
    own = api.post("/v1/tools/get_folio", json={"confirmation_code": "HV1005"}, headers=headers)
    assert own.status_code == 200
    other = api.post("/v1/tools/get_folio", json={"confirmation_code": "HV1004"}, headers=headers)
    assert other.status_code in (403, 404)
    # A fresh session has proven nothing.
    fresh = api.post("/v1/tools/get_folio", json={"confirmation_code": "HV1005"},
                     headers=guest(api))  # fmt: skip
    assert fresh.status_code in (403, 404)


def test_bad_bodies_are_named_and_large_ones_refused(api: TestClient) -> None:
    headers = guest(api)
    missing = api.post("/v1/chat", json={}, headers=headers)
    assert missing.status_code == 422
    assert "message" in missing.json()["error"]["message"]
    bad_thread = api.post("/v1/chat", json={"message": "hi", "thread_id": "../x"}, headers=headers)
    assert bad_thread.status_code == 422
    huge = api.post(
        "/v1/chat",
        content=json.dumps({"message": "x" * 100_000}),
        headers={**headers, "Content-Type": "application/json"},
    )
    assert huge.status_code == 413 and huge.json()["error"]["type"] == "too_large"


def test_staff_chat_acts_with_the_staff_members_role(api: TestClient) -> None:
    reply = api.post(
        "/v1/chat", json={"message": "Refund $20 on HV1004, goodwill."},
        headers=staff(api, "maria.santos"),
    ).json()  # fmt: skip
    assert not [c for c in reply["tool_calls"] if c["name"] == "refund_payment"]


class FailsOnceAfterACharge(InMemorySaver):
    """A real checkpointer whose save of one checkpoint fails: the one holding the model's
    post_charge call. Saves run in the background, so the charge runs and commits meanwhile,
    and the turn fails when it ends, with none of its steps saved."""

    armed = True

    def put(self, config: Any, checkpoint: Any, metadata: Any, new_versions: Any) -> Any:
        messages = checkpoint["channel_values"].get("messages") or []
        calls = getattr(messages[-1], "tool_calls", None) or [] if messages else []
        if self.armed and any(call["name"] == "post_charge" for call in calls):
            self.armed = False
            raise RuntimeError("the conversation store is unavailable")
        return super().put(config, checkpoint, metadata, new_versions)


def charges(db: Database, code: str) -> list[int]:
    with db.unit_of_work() as session:
        return list(
            session.scalars(
                select(FolioLine.amount_cents)
                .join(Reservation, Reservation.id == FolioLine.reservation_id)
                .where(Reservation.code == code, FolioLine.kind == "charge")
                .order_by(FolioLine.line)
            )
        )


ROOM_SERVICE = (
    "Can you add forty-five dollars of room service to Ms Rossi's account in the suite? "
    "It's for the club sandwich."
)


def failing_api(db: Database) -> TestClient:
    desk = Desk(
        ToolRuntime(db),
        FailsOnceAfterACharge(),
        get_chat_model("offline"),
        model_name="offline",
        clock=FrozenClock(NOW),
    )
    services = Services.build(desk, ApiConfig(secret_key=SECRET), LocalShared())
    return TestClient(create_app(services), raise_server_exceptions=False)


def test_a_turn_whose_charge_committed_says_so_and_does_not_poison_the_next(
    api_db: Database,
) -> None:
    before = charges(api_db, "HV1004")
    with failing_api(api_db) as api:
        headers = staff(api, "leo.martins")
        first = api.post(
            "/v1/chat",
            json={"message": ROOM_SERVICE},
            headers=headers,
        )  # fmt: skip
        # The charge was made: the client is told so, not given a bare 500.
        assert first.status_code == 200, first.text
        turn = first.json()
        (charge,) = [c for c in turn["tool_calls"] if c["name"] == "post_charge"]
        assert charge["error"] is None and charge["result"]["line"]["amount"] == "45.00"
        assert "45.00" in turn["reply"] and "could not be saved" in turn["reply"]
        assert turn["saved"] is False

        second = api.post(
            "/v1/chat",
            json={"message": "Also add sixty dollars of room service to Ms Rossi's account "
                             "in the suite, for her dinner.",
                  "thread_id": turn["thread_id"]},
            headers=headers,
        ).json()  # fmt: skip
    (charge,) = [c for c in second["tool_calls"] if c["name"] == "post_charge"]
    assert charge["error"] is None, charge["error"]
    assert second["saved"] is True
    assert charges(api_db, "HV1004") == [*before, 4500, 6000]


def test_a_streamed_turn_whose_charge_committed_ends_with_it_listed(api_db: Database) -> None:
    with failing_api(api_db) as api:
        answer = api.post(
            "/v1/chat/stream", json={"message": ROOM_SERVICE}, headers=staff(api, "leo.martins")
        )
    kind, done = sse_events(answer.text)[-1]
    assert kind == "done" and done["saved"] is False
    assert "could not be saved" in done["reply"]
    assert [c["name"] for c in done["tool_calls"] if c["error"] is None][-1] == "post_charge"
