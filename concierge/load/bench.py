"""Run the API and locust against it on loopback, at several concurrencies; print p50/p95.

The API is a real `concierge serve` process on a freshly seeded SQLite database (or the given
database), with the offline model and no rate limits. Each concurrency level runs for a fixed
time after all users have started; latencies are locust's, measured at the client.
"""

from __future__ import annotations

import csv
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

USERS_FILE = Path(__file__).with_name("chat_users.py")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def _wait(base: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the API process exited before it was ready")
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the API did not become ready")


def _first_question(base: str) -> None:
    """One knowledge question per worker, so the embedder is loaded before anything is timed."""
    token = httpx.post(f"{base}/v1/guest-sessions", json={"hotel": "harbor-view"}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(4):
        body = {"message": "What time is breakfast?"}
        httpx.post(f"{base}/v1/chat", json=body, headers=headers, timeout=180).raise_for_status()


def _failures(prefix: Path) -> list[str]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with path.open() as handle:
        return [f"{row['Occurrences']}x {row['Error'][:120]}" for row in csv.DictReader(handle)]


def _stats(prefix: Path) -> dict[str, Any]:
    with open(f"{prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "POST /v1/chat":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                    "p99_ms": float(row["99%"]),
                    "turns_per_s": round(float(row["Requests/s"]), 1),
                }
    raise RuntimeError("locust recorded no chat turns")


def run(
    levels: list[int], seconds: int, workers: int, db_url: str | None, console: Console
) -> list[dict[str, Any]]:
    scratch = Path(tempfile.mkdtemp(prefix="concierge-bench-api-"))
    env = {
        **os.environ,
        "CONCIERGE_MODEL": "offline",
        "CONCIERGE_CHAT_LIMIT": "",
        "CONCIERGE_ADDRESS_LIMIT": "",
        "CONCIERGE_SESSION_LIMIT": "",
        "CONCIERGE_CONVERSATIONS_URL": f"sqlite:///{scratch / 'conversations.db'}",
        "CONCIERGE_SECRET_KEY": secrets.token_urlsafe(48),
    }
    if db_url is None:
        db_url = f"sqlite:///{scratch / 'concierge.db'}"
        console.print("seeding a demo database…")
        subprocess.run([_bin("concierge"), "seed", "--db", db_url], check=True, env=env,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    env["CONCIERGE_DATABASE_URL"] = db_url
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (scratch / "api.log").open("wb")
    server = subprocess.Popen(
        [_bin("concierge"), "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=log, stderr=log,
    )  # fmt: skip
    results = []
    try:
        _wait(base, server)
        console.print(f"API ready on {base} ({workers} worker(s)); warming up…")
        _first_question(base)
        subprocess.run(
            [_bin("locust"), "-f", str(USERS_FILE), "--headless", "-u", "2", "-r", "2",
             "-t", "5s", "--host", base, "--only-summary"],
            check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for users in levels:
            console.print(f"{users} concurrent guest conversations for {seconds} s…")
            prefix = scratch / f"u{users}"
            subprocess.run(
                [_bin("locust"), "-f", str(USERS_FILE), "--headless", "-u", str(users),
                 "-r", str(users), "-t", f"{seconds}s", "--host", base, "--csv", str(prefix),
                 "--only-summary"],
                check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            # locust exits 1 when any request failed: the failures are counted, not fatal.
            results.append({"users": users, **_stats(prefix), "errors": _failures(prefix)})
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(scratch, ignore_errors=True)
    return results


def show(results: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="POST /v1/chat, offline model, loopback")
    for column in ("users", "turns", "failures", "p50 ms", "p95 ms", "p99 ms", "turns/s"):
        table.add_column(column, justify="right")
    for row in results:
        table.add_row(
            str(row["users"]), str(row["requests"]), str(row["failures"]),
            f"{row['p50_ms']:.0f}", f"{row['p95_ms']:.0f}", f"{row['p99_ms']:.0f}",
            f"{row['turns_per_s']:.1f}",
        )  # fmt: skip
    console.print(table)
    for row in results:
        for error in row.get("errors", []):
            console.print(f"[red]{row['users']} users:[/red] {error}")
