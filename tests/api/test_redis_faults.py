"""Redis stopped, restarted and emptied under a running app: never a 500, sign-outs hold.

A real `redis-server` of the test's own on a free loopback port, stopped and started again on
the same port (without persistence, so a restart also loses every key), under the real app.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from api.shared import RedisShared
from tests.api.conftest import guest, staff


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """A redis-server on loopback that the test stops and starts; it keeps nothing on disk."""

    def __init__(self, folder: Path) -> None:
        self.port = _free_port()
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        while True:
            try:
                if client.ping():
                    break
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def chat(api: TestClient, headers: dict[str, str]) -> int:
    return api.post("/v1/chat", json={"message": "hello"}, headers=headers).status_code


def test_with_redis_down_the_api_limits_in_process_and_says_so(
    make_api: Callable[..., TestClient],
    redis_server: RedisServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = make_api(RedisShared(redis_server.url, retry_seconds=0), chat_limit="3/minute")
    before = guest(api)
    assert chat(api, before) == 200

    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="concierge.api"):
        # Every kind of request still answers: sessions, sign-in, guests' and staff's turns.
        headers = guest(api)
        manager = staff(api, "grace.kim")
        assert api.get("/v1/me", headers=manager).json()["user"] == "grace.kim"
        completion = {"messages": [{"role": "user", "content": "hello"}]}
        answer = api.post("/v1/chat/completions", json=completion, headers=manager)
        assert answer.status_code == 200, answer.text
        assert chat(api, before) == 200
        # The limits hold, counted in this process while Redis is away.
        assert [chat(api, headers) for _ in range(4)] == [200, 200, 200, 429]
        ready = api.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"] == {"database": "ok", "shared": "down"}
    # Logged once for the whole outage, however many requests fell back.
    outage = [r for r in caplog.records if "Redis" in r.getMessage() and r.levelname == "WARNING"]
    assert len(outage) == 1, [r.getMessage() for r in outage]
    metrics = api.get("/metrics").text
    assert "concierge_shared_state_degraded 1.0" in metrics
    assert "concierge_shared_state_outages_total 1.0" in metrics
    assert "concierge_shared_state_fallbacks_total" in metrics

    redis_server.start()
    assert chat(api, guest(api)) == 200
    assert api.get("/ready").json()["status"] == "ready"
    assert "concierge_shared_state_degraded 0.0" in api.get("/metrics").text
    # Limits are counted in Redis again.
    assert redis.Redis.from_url(redis_server.url).keys("LIMITS*")


def test_a_signed_out_staff_token_stays_out_when_redis_loses_its_data(
    make_api: Callable[..., TestClient], redis_server: RedisServer
) -> None:
    api = make_api(RedisShared(redis_server.url, retry_seconds=0))
    headers = staff(api, "grace.kim")
    assert api.post("/v1/staff/logout", headers=headers).status_code == 204
    redis_server.stop()
    assert api.get("/v1/me", headers=headers).status_code == 401
    redis_server.start()  # empty: nothing survived the restart
    answer = api.get("/v1/me", headers=headers)
    assert answer.status_code == 401 and "signed out" in answer.json()["error"]["message"]
    # Signing out with Redis down works too, and signing in again still does.
    fresh = staff(api, "grace.kim")
    redis_server.stop()
    assert api.post("/v1/staff/logout", headers=fresh).status_code == 204
    redis_server.start()
    assert api.get("/v1/me", headers=fresh).status_code == 401
    assert api.get("/v1/me", headers=staff(api, "grace.kim")).status_code == 200


def test_a_guests_proven_reservation_survives_a_redis_restart(
    make_api: Callable[..., TestClient], redis_server: RedisServer
) -> None:
    api = make_api(RedisShared(redis_server.url, retry_seconds=0))
    headers = guest(api)
    proof = {"confirmation_code": "HV1005", "last_name": "Okafor"}
    assert api.post("/v1/tools/find_reservation", json=proof, headers=headers).status_code == 200
    redis_server.stop()
    redis_server.start()  # empty
    folio = api.post("/v1/tools/get_folio", json={"confirmation_code": "HV1005"}, headers=headers)
    assert folio.status_code == 200, folio.text
