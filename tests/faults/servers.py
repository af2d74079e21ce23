"""The processes the fault suite owns: a Redis server and a `concierge serve`, each on a free
loopback port, that the suite can stop, kill and start again on the same port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import redis

CONCIERGE = str(Path(sys.executable).parent / "concierge")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class RedisServer:
    """A redis-server of the suite's own, without persistence: a restart loses every key, the
    worst case a deployment without `appendonly` meets."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=log, stderr=log,
        )  # fmt: skip
        log.close()
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        """Stop it hard, as a crashed or restarted Redis stops (no save)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


class ApiServer:
    """`concierge serve` (one process) with the given environment; killed and restarted on the
    same port, as a supervisor would restart it."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env = env
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def logs(self) -> list[Path]:
        return sorted(self.folder.glob("api-*.log"))

    def start(self) -> None:
        self.starts += 1
        log = (self.folder / f"api-{self.starts}.log").open("wb")
        self.process = subprocess.Popen(
            [CONCIERGE, "serve", "--port", str(self.port)], env=self.env, stdout=log, stderr=log
        )
        log.close()

    def wait_ready(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                pytest.fail(f"the API process exited:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.base}/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        pytest.fail(f"the API process did not become ready:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, open transactions die with their connections."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log_tail(self, characters: int = 3000) -> str:
        return "".join(path.read_text(errors="replace") for path in self.logs)[-characters:]

    def unexpected_errors(self) -> list[str]:
        """One line per logged unexpected error: the request and the exception it ended in."""
        found: list[str] = []
        for path in self.logs:
            request = ""
            for line in path.read_text(errors="replace").splitlines():
                if "unexpected error on" in line:
                    request = line.split("unexpected error on", 1)[1].strip()
                elif request and _exception_line(line):
                    found.append(f"{request}: {line.strip()[:200]}")
                    request = ""
        return found


def _exception_line(line: str) -> bool:
    """`module.Error: message`, the line a traceback ends with (not a log line, not a frame)."""
    skipped = (" ", "Traceback", "The above", "During handling", "INFO", "WARNING", "ERROR")
    return ":" in line and not line.startswith(skipped)
