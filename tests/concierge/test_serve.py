"""`concierge serve` as a deployer runs it: which client address it believes, and what it
refuses to start with."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from tests.api.test_two_processes import free_port, start, wait_ready

STRONG = "serve-test-secret-3f9a1c7e5b2d8046aa71c9e0d4b6f218"


@pytest.fixture
def serve(sqlite_copy: str, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start `concierge serve` on the demo SQLite with extra environment; its base URL."""
    processes = []

    def run(**env: str) -> str:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        environment = {
            **os.environ,
            "CONCIERGE_DATABASE_URL": sqlite_copy,
            "CONCIERGE_CONVERSATIONS_URL": f"sqlite:///{tmp_path / 'conversations.db'}",
            "CONCIERGE_SECRET_KEY": STRONG,
            "CONCIERGE_MODEL": "offline",
            "CONCIERGE_SESSION_LIMIT": "2/minute",
            **env,
        }
        environment.pop("CONCIERGE_REDIS_URL", None)
        environment.pop("FORWARDED_ALLOW_IPS", None)
        process = start(port, environment, log)
        processes.append(process)
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, process, log)
        return base

    yield run
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=20)


def open_session(base: str, forwarded_for: str) -> int:
    answer = httpx.post(
        f"{base}/v1/guest-sessions",
        json={"hotel": "harbor-view"},
        headers={"X-Forwarded-For": forwarded_for},
        timeout=30,
    )
    return answer.status_code


def test_a_rotated_x_forwarded_for_does_not_lift_the_limit(serve: Callable[..., str]) -> None:
    base = serve()
    codes = [open_session(base, f"203.0.113.{n}") for n in range(1, 4)]
    assert codes == [201, 201, 429]


def test_a_configured_proxys_forwarded_address_is_honoured(serve: Callable[..., str]) -> None:
    # The test is the proxy here: each client address it forwards has a limit of its own.
    base = serve(CONCIERGE_FORWARDED_ALLOW_IPS="127.0.0.1")
    assert [open_session(base, "203.0.113.7") for _ in range(3)] == [201, 201, 429]
    assert open_session(base, "203.0.113.8") == 201
