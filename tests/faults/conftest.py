"""The system the fault suite breaks: its own PostgreSQL database (copied from the seeded
template), its own Redis server and its own `concierge serve`, shared by the suite's tests in
order, and the fault table printed at the end of the run (and kept in
var/test-artifacts/faults.md)."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from pms.access import api_keys
from pms.access.schemas import ApiKeyRequest
from pms.db import Database, make_engine
from pms.principal import Principal, Role
from tests.conftest import PREFIX, PostgresServer
from tests.faults.report import ROWS, text_table, write_markdown
from tests.faults.scenario import Stack
from tests.faults.servers import ApiServer, RedisServer

ARTIFACT = Path("var/test-artifacts/faults.md")


def _issue_key(url: str) -> str:
    db = Database(url)
    admin = Principal(hotel="harbor-view", role=Role.ADMIN, user="faults", channel="cli")
    request = ApiKeyRequest(name="fault suite", role=Role.FRONT_DESK)
    try:
        return db.run(lambda session: api_keys.issue(session, admin, request)).key
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def stack(
    postgres: PostgresServer, pg_template: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    if shutil.which("redis-server") is None:
        message = "The fault suite starts a Redis of its own: install redis-server (apt, brew)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("faults")
    database = f"{PREFIX}_faults"
    url = postgres.create(database, template=pg_template)
    redis_server = RedisServer(folder)
    redis_server.start()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CONCIERGE_")},
        "CONCIERGE_DATABASE_URL": url,
        "CONCIERGE_CONVERSATIONS_URL": url,
        "CONCIERGE_REDIS_URL": redis_server.url,
        "CONCIERGE_SECRET_KEY": secrets.token_urlsafe(48),
        "CONCIERGE_MODEL": "offline",
        "CONCIERGE_KNOWLEDGE_DIR": str(folder / "knowledge"),
        # Limits stay on (they are what Redis serves) but out of the load's way.
        "CONCIERGE_CHAT_LIMIT": "100000/minute",
        "CONCIERGE_ADDRESS_LIMIT": "100000/minute",
        "CONCIERGE_SESSION_LIMIT": "1000/minute",
        "CONCIERGE_LOGIN_LIMIT": "1000/minute",
    }
    server = ApiServer(env, folder)
    check = make_engine(url, poolclass=NullPool)
    try:
        key = _issue_key(url)
        server.start()
        server.wait_ready()
        login = httpx.post(
            f"{server.base}/v1/staff/login",
            json={"hotel": "harbor-view", "username": "leo.martins", "password": "harbor-leo"},
            timeout=10,
        )
        assert login.status_code == 200, login.text
        yield Stack(server, redis_server, postgres.admin, check, database, key,
                    login.json()["token"])  # fmt: skip
    finally:
        server.stop()
        redis_server.stop()
        check.dispose()
        with postgres.admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true'))
        postgres.drop(database)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not ROWS:
        return
    terminalreporter.section("fault suite")
    for line in text_table(ROWS):
        terminalreporter.write_line(line)
    path = terminalreporter.config.rootpath / ARTIFACT
    write_markdown(ROWS, path)
    terminalreporter.write_line(f"(also in {path})")
