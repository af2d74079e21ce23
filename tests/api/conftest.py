"""The real app over a seeded database of the test's own, on SQLite and PostgreSQL.

`api` is a TestClient on a fresh app: offline model, in-memory checkpointer, in-process shared
state, the clock frozen at the demo's T. `make_api(**config)` builds another with other limits.
Redis-backed tests ask for `redis_url`, which fails under CI=true when Redis is not running.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from langgraph.checkpoint.memory import InMemorySaver

from agent.desk import Desk
from agent.models import get_chat_model
from api.app import create_app
from api.config import ApiConfig
from api.services import Services
from api.shared import LocalShared, SharedState
from pms.clock import FrozenClock
from pms.db import Database
from pms.seed.demo import PASSWORDS as DEMO_LOGINS
from tests.support import NOW
from tools.runtime import ToolRuntime

SECRET = "test-secret-" + "x" * 40
REDIS_URL = os.environ.get("CONCIERGE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def api_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A committed, demo-seeded database for this test alone (the app uses many connections)."""
    url = request.getfixturevalue("sqlite_copy" if request.param == "sqlite" else "pg_fresh")
    db = Database(url, clock=FrozenClock(NOW))
    yield db
    db.dispose()


def build_services(db: Database, shared: SharedState | None = None, **config: Any) -> Services:
    desk = Desk(
        ToolRuntime(db),
        InMemorySaver(),
        get_chat_model("offline"),
        model_name="offline",
        clock=FrozenClock(NOW),
    )
    settings = ApiConfig(secret_key=SECRET, **config)
    return Services.build(desk, settings, shared or LocalShared())


@pytest.fixture
def make_api(api_db: Database) -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(shared: SharedState | None = None, **config: Any) -> TestClient:
        client = TestClient(create_app(build_services(api_db, shared, **config)))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api(make_api: Callable[..., TestClient]) -> TestClient:
    return make_api()


@pytest.fixture
def redis_url() -> Iterator[str]:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        message = (
            f"Redis is not reachable at {REDIS_URL} ({type(error).__name__}). Start it, e.g. "
            "`docker compose up -d redis`, or set CONCIERGE_TEST_REDIS_URL."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


def guest(api: TestClient, hotel: str = "harbor-view") -> dict[str, str]:
    answer = api.post("/v1/guest-sessions", json={"hotel": hotel})
    assert answer.status_code == 201, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


PASSWORDS = {(hotel, user): password for hotel, user, _name, _role, password in DEMO_LOGINS}


def staff(api: TestClient, username: str, hotel: str = "harbor-view") -> dict[str, str]:
    password = PASSWORDS[(hotel, username)]
    answer = api.post(
        "/v1/staff/login", json={"hotel": hotel, "username": username, "password": password}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}
