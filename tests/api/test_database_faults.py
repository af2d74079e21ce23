"""While PostgreSQL is unreachable the API answers 503 `unavailable` with Retry-After, never 500,
and it serves again as soon as the database does, without a restart.

The fault is real: the test's own database is set to refuse connections
(`ALLOW_CONNECTIONS false`) and every backend on it is terminated, so the app's pooled
connections die and new ones are refused, as when PostgreSQL restarts or fails over.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import make_url, text

from api.app import create_app
from pms.clock import FrozenClock
from pms.db import Database
from tests.api.conftest import build_services, guest, staff
from tests.conftest import PostgresServer
from tests.support import NOW

pytestmark = pytest.mark.postgres


class Outage:
    """Switches the test's own database off (refusing connections, backends killed) and on."""

    def __init__(self, postgres: PostgresServer, url: str) -> None:
        self.postgres = postgres
        self.name = make_url(url).database

    def start(self) -> None:
        with self.postgres.admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false'))
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
                ),
                {"name": self.name},
            )

    def end(self) -> None:
        with self.postgres.admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true'))


@pytest.fixture
def outage(postgres: PostgresServer, pg_fresh: str) -> Iterator[Outage]:
    fault = Outage(postgres, pg_fresh)
    yield fault
    fault.end()


@pytest.fixture
def app(pg_fresh: str) -> Iterator[TestClient]:
    database = Database(pg_fresh, clock=FrozenClock(NOW))
    # Unhandled errors become the 500 a client would see, instead of being raised in the test.
    client = TestClient(create_app(build_services(database)), raise_server_exceptions=False)
    yield client
    client.close()
    database.dispose()


FOLIO = {"confirmation_code": "HV1001"}


def requests(app: TestClient, desk: dict[str, str]) -> dict[str, Any]:
    """One request of each kind that needs the database."""
    return {
        "new guest session": app.post("/v1/guest-sessions", json={"hotel": "harbor-view"}),
        "staff sign-in": app.post(
            "/v1/staff/login",
            json={"hotel": "harbor-view", "username": "ana.silva", "password": "harbor-ana"},
        ),
        "staff token (account re-read)": app.get("/v1/me", headers=desk),
        "tool call": app.post("/v1/tools/get_folio", json=FOLIO, headers=desk),
    }


def test_an_unreachable_database_answers_503_then_recovers(app, outage):
    desk = staff(app, "leo.martins")
    visitor = guest(app)
    assert app.post("/v1/tools/get_folio", json=FOLIO, headers=desk).status_code == 200

    outage.start()
    for name, answer in requests(app, desk).items():
        assert answer.status_code == 503, f"{name}: {answer.status_code} {answer.text}"
        assert answer.json()["error"]["type"] == "unavailable", name
        assert int(answer.headers["Retry-After"]) > 0, name
    ready = app.get("/ready")
    assert ready.status_code == 503 and ready.json()["checks"]["database"] == "down"
    # A guest's turn still answers: the agent is told the system is unavailable and says so.
    turn = app.post(
        "/v1/chat", json={"message": "Is anything free on 2027-04-01?"}, headers=visitor
    )
    assert turn.status_code in (200, 503), turn.text

    outage.end()
    answers = requests(app, desk)
    assert answers["new guest session"].status_code == 201
    for name in ("staff sign-in", "staff token (account re-read)", "tool call"):
        assert answers[name].status_code == 200, f"{name}: {answers[name].text}"
    assert app.get("/ready").status_code == 200


SITE = "https://www.harborview.example"


def test_a_browser_request_during_an_outage_is_503_or_served_from_the_last_known_origins(
    pg_fresh, outage
):
    """The CORS check reads the hotels' web origins outside the error handlers: during an outage
    it keeps the origins it last read, and before it has read any it answers 503, never 500."""
    database = Database(pg_fresh, clock=FrozenClock(NOW))
    services = build_services(database, origins_refresh_seconds=0.0)
    browser = {"Origin": SITE}
    try:
        with TestClient(create_app(services), raise_server_exceptions=False) as app:
            outage.start()
            cold = app.post("/v1/guest-sessions", json={"hotel": "harbor-view"}, headers=browser)
            assert cold.status_code == 503, cold.text
            assert cold.json()["error"]["type"] == "unavailable"
            outage.end()
            opened = app.post("/v1/guest-sessions", json={"hotel": "harbor-view"}, headers=browser)
            assert opened.status_code == 201, opened.text
            token = {"Authorization": f"Bearer {opened.json()['token']}", **browser}

            outage.start()
            # Known origins are still known: the page's preflight passes, and a guest request
            # that needs no database gets past the origin check to its own answer.
            preflight = app.options(
                "/v1/chat", headers={**browser, "Access-Control-Request-Method": "POST"}
            )
            assert preflight.status_code == 200, preflight.text
            history = app.get("/v1/threads/mine", headers=token)
            assert history.status_code != 500, history.text
    finally:
        outage.end()
        database.dispose()
