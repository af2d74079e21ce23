"""Two API processes on one PostgreSQL and one Redis serve one conversation as if they were one.

Real `concierge serve` processes on loopback ports: nothing is shared between them but the
database (conversations, the hotel) and Redis (limits, sign-outs).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

CONCIERGE = str(Path(sys.executable).parent / "concierge")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [CONCIERGE, "serve", "--port", str(port)], env=env, stdout=out, stderr=out
        )


def wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the API process exited:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail(f"the API process did not become ready:\n{log.read_text()[-2000:]}")


@pytest.fixture
def two_servers(pg_fresh: str, redis_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = {
        **os.environ,
        "CONCIERGE_DATABASE_URL": pg_fresh,
        "CONCIERGE_CONVERSATIONS_URL": pg_fresh,
        "CONCIERGE_REDIS_URL": redis_url,
        "CONCIERGE_SECRET_KEY": "2p-Jq8vX3mRk7LwT0bYc5NfH9sGd4ZaE6uPi1oVx",
        "CONCIERGE_CHAT_LIMIT": "6/minute",
        "CONCIERGE_MODEL": "offline",
    }
    processes, bases = [], []
    for name in ("one", "two"):
        port = free_port()
        log = tmp_path / f"{name}.log"
        processes.append((start(port, env, log), log))
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for (process, log), base in zip(processes, bases, strict=True):
            wait_ready(base, process, log)
        yield bases[0], bases[1]
    finally:
        for process, _log in processes:
            process.terminate()
        for process, _log in processes:
            process.wait(timeout=20)


def test_a_conversation_continues_on_the_other_process(two_servers: tuple[str, str]) -> None:
    one, two = two_servers
    token = httpx.post(f"{one}/v1/guest-sessions", json={"hotel": "harbor-view"}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    first = httpx.post(
        f"{one}/v1/chat",
        json={"message": "I'd like a deluxe king from March 20 to 23 for two adults."},
        headers=headers,
        timeout=30,
    ).json()
    second = httpx.post(
        f"{two}/v1/chat",
        json={"message": "Flexible rate. Hannah Berg, hannah.berg@example.com",
              "thread_id": first["thread_id"]},
        headers=headers,
        timeout=30,
    ).json()  # fmt: skip
    assert "HV5001" in second["reply"]
    history = httpx.get(f"{one}/v1/threads/{first['thread_id']}", headers=headers).json()
    assert [m["role"] for m in history["messages"]] == ["user", "assistant"] * 2

    # Both processes count against one limit (6 turns a minute; 2 used above).
    codes = [
        httpx.post(f"{base}/v1/chat", json={"message": "hello"}, headers=headers,
                   timeout=30).status_code
        for base in (one, two, one, two, one)
    ]  # fmt: skip
    assert codes == [200, 200, 200, 200, 429]
