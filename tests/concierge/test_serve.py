"""`concierge serve` as a deployer runs it: which client address it believes, and what it
refuses to start with."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from concierge.serve import secret_key
from concierge.settings import get_settings
from tests.api.test_two_processes import CONCIERGE, free_port, start, wait_ready

STRONG = "sv-7Hq2Lm9Xr4Tc8Wb1Nz6Kd3Fy5Gp0Js-aE"


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
        headers={"X-Forwarded-For": forwarded_for} if forwarded_for else {},
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


def refused(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run `concierge serve` expecting it to refuse to start (it is killed after 60 s if not)."""
    environment = {**os.environ, "CONCIERGE_MODEL": "offline", **env}
    for name in ("CONCIERGE_SECRET_KEY", "CONCIERGE_REDIS_URL"):
        if name not in env:
            environment.pop(name, None)
    command = [CONCIERGE, "serve", "--port", str(free_port()), *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    "secret",
    [
        pytest.param("too-short-a-secret", id="short"),
        pytest.param("change-me-to-48-random-characters-for-production-use", id="old-default"),
        pytest.param("my-secret-key-please-replace-it-0123456789", id="placeholder"),
        pytest.param("x" * 64, id="one-character"),
        pytest.param("abcd1234" * 6, id="repeated-pattern"),
        pytest.param("bench-" + "k" * 40, id="mostly-one-character"),
    ],
)
def test_a_weak_secret_is_refused_at_start(sqlite_copy: str, secret: str) -> None:
    result = refused({"CONCIERGE_DATABASE_URL": sqlite_copy, "CONCIERGE_SECRET_KEY": secret})
    assert result.returncode != 0
    assert "CONCIERGE_SECRET_KEY" in result.stderr and "weak" in result.stderr
    assert secret not in result.stdout + result.stderr  # not echoed into logs


def test_without_a_secret_only_the_embedded_sqlite_demo_starts() -> None:
    result = refused({"CONCIERGE_DATABASE_URL": "postgresql://concierge@127.0.0.1:1/concierge"})
    assert result.returncode != 0
    assert "CONCIERGE_SECRET_KEY" in result.stderr and "PostgreSQL" in result.stderr


def test_serve_takes_db_and_makes_its_secret_readable_by_its_owner_only(
    sqlite_copy: str, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "db.log"
    environment = {
        **os.environ,
        "CONCIERGE_MODEL": "offline",
        "CONCIERGE_CONVERSATIONS_URL": f"sqlite:///{tmp_path / 'conversations.db'}",
        "CONCIERGE_DATABASE_URL": "sqlite:///" + str(tmp_path / "not-this-one.db"),
    }
    environment.pop("CONCIERGE_SECRET_KEY", None)
    environment.pop("CONCIERGE_REDIS_URL", None)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [CONCIERGE, "serve", "--port", str(port), "--db", sqlite_copy],
            env=environment, stdout=out, stderr=out,
        )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, process, log)
        # The demo hotel is in the --db database (the environment's is empty).
        assert open_session(base, "") == 201
    finally:
        process.terminate()
        process.wait(timeout=20)
    key = Path(sqlite_copy.removeprefix("sqlite:///")).parent / "secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_text().strip()) >= 32


def test_a_start_killed_while_making_the_secret_never_leaves_it_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed between creating the file and restricting it, as a SIGKILL could: whatever is left
    # on disk must not be readable by others (a later start reuses the file as it is).
    def killed(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt("killed")

    monkeypatch.setenv("CONCIERGE_DATABASE_URL", f"sqlite:///{tmp_path / 'demo' / 'c.db'}")
    monkeypatch.delenv("CONCIERGE_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    monkeypatch.setattr(Path, "chmod", killed)
    monkeypatch.setattr(os, "chmod", killed)
    monkeypatch.setattr(os, "replace", killed)
    monkeypatch.setattr(os, "rename", killed)
    monkeypatch.setattr(os, "link", killed)
    previous = os.umask(0o022)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            secret_key(get_settings())
    finally:
        os.umask(previous)
        get_settings.cache_clear()
    for left in (tmp_path / "demo").iterdir():
        assert stat.S_IMODE(left.stat().st_mode) & 0o077 == 0, left
