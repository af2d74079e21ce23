"""Faults under load: the database's connections killed, the database refusing connections,
Redis lost and restarted, the server killed with SIGKILL. After each, every acknowledged write
is in the database exactly once, nothing answered 500, /ready told the truth, and conversations
carry on. The tests run in file order on one system (see conftest.py) and each adds its row to
the fault table printed at the end.
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text

from tests.faults.scenario import Fault, Stack, run

pytestmark = [pytest.mark.faults, pytest.mark.postgres]


def _terminate(stack: Stack) -> None:
    with stack.admin.connect() as connection:
        connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": stack.database},
        )


def _allow_connections(stack: Stack, allowed: bool) -> None:
    with stack.admin.connect() as connection:
        setting = "true" if allowed else "false"
        connection.execute(text(f'ALTER DATABASE "{stack.database}" ALLOW_CONNECTIONS {setting}'))


def _assert_kept(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


def test_postgres_connections_terminated(stack: Stack) -> None:
    """Every backend of the database killed ten times a second for three seconds."""
    fault = Fault(
        name="PostgreSQL backends terminated",
        tag="terminate",
        inject=lambda: _terminate(stack),
        tick=lambda: _terminate(stack),
        lift=lambda: None,
        hold=3.0,
    )
    _assert_kept(run(stack, fault, 0))


def test_database_refusing_connections(stack: Stack) -> None:
    """The database refuses every connection for four seconds, then takes them again."""

    def refuse() -> None:
        _allow_connections(stack, False)
        _terminate(stack)

    fault = Fault(
        name="database refusing connections (4 s)",
        tag="refuse",
        inject=refuse,
        lift=lambda: _allow_connections(stack, True),
        hold=4.0,
        reported_as="database",
    )
    _assert_kept(run(stack, fault, 1))


def test_redis_stopped_and_restarted_empty(stack: Stack) -> None:
    """Redis killed for three seconds and started again without its data."""
    base = stack.server.base
    signed_out = httpx.post(
        f"{base}/v1/staff/login",
        json={"hotel": "harbor-view", "username": "ana.silva", "password": "harbor-ana"},
        timeout=10,
    ).json()["token"]
    headers = {"Authorization": f"Bearer {signed_out}"}
    assert httpx.post(f"{base}/v1/staff/logout", headers=headers, timeout=10).status_code < 300

    def sign_out_kept() -> list[str]:
        me = httpx.get(f"{base}/v1/me", headers=headers, timeout=10)
        if me.status_code != 401:
            return [f"a token signed out before Redis lost its data answers {me.status_code}"]
        return []

    fault = Fault(
        name="Redis stopped, restarted empty (3 s)",
        tag="redis",
        inject=stack.redis.stop,
        lift=stack.redis.start,
        hold=3.0,
        reported_as="shared",
        after=sign_out_kept,
    )
    _assert_kept(run(stack, fault, 2))


def test_server_killed_and_restarted(stack: Stack) -> None:
    """`kill -9` of the API process, then a new one on the same port, as a supervisor does."""
    fault = Fault(
        name="server killed (SIGKILL), restarted",
        tag="kill",
        inject=stack.server.kill,
        lift=stack.server.start,
        hold=0.5,
        reported_as="unreachable",
    )
    _assert_kept(run(stack, fault, 3))
