"""A bounded mixed load on a running API, and a record of every answer it got.

Writers call write tools over REST with an Idempotency-Key and retry the same key after a 5xx,
a 429 or a broken connection, as a careful client does; each write carries a marker of its own
(a charge's description, a payment's reference, a booking's special requests) so the database
can be asked afterwards how many times it happened. Chatters hold guest and front-desk
conversations. A prober polls /ready. Every loop is bounded in count and in time.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

TIMEOUT = httpx.Timeout(15.0, connect=2.0)
RETRY_PAUSE = 0.2
CHAT_PAUSE = 0.5  # after a failed turn: people do not retry ten times a second
# With the pause, at least 60 s of retrying (the recovery bound): longer than any fault lasts,
# and than a restart takes on a loaded machine (a restart that loads the embedder can take 30 s).
MAX_ATTEMPTS = 300
MAX_REQUESTS_PER_WORKER = 400
ROOM_TYPES = ("STQ", "STD", "DLK")
# Demo stays that take charges (in house or confirmed), and confirmed ones, which take payments
# of any size as deposits: so every write the load makes is one the hotel accepts.
CHARGEABLE = ("HV1001", "HV1002", "HV1003", "HV1004", "HV1005", "HV1006", "HV1007")
DEPOSITABLE = ("HV1002", "HV1003", "HV1005", "HV1006")
FIRST_NIGHT = date(2027, 4, 1)


def send(
    method: Callable[..., httpx.Response], url: str, **options: Any
) -> tuple[int | str, dict[str, Any] | None]:
    """(status, JSON body) of one request; a transport failure is ("conn" or "timeout", None)."""
    try:
        response = method(url, **options)
    except httpx.TimeoutException:
        return "timeout", None
    except httpx.TransportError:
        return "conn", None
    try:
        body = response.json()
    except ValueError:
        body = None
    return response.status_code, body if isinstance(body, dict) else None


def retryable(status: int | str) -> bool:
    return not isinstance(status, int) or status == 429 or status >= 500


@dataclass
class Write:
    """One write as the client sees it: every attempt's status, and whether one was a 2xx."""

    tool: str
    key: str
    marker: str
    arguments: dict[str, Any]
    statuses: list[int | str] = field(default_factory=list)
    acknowledged_at: float | None = None
    last_answer: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class Record:
    """What one fault's load saw: each request's status, the writes, /ready's answers."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int | str] = Counter()
        self.server_errors: Counter[str] = Counter()
        self.writes: list[Write] = []
        self.ready: list[tuple[float, int | str, dict[str, Any] | None]] = []

    def count(self, what: str, status: int | str, body: dict[str, Any] | None) -> None:
        with self.lock:
            self.statuses[status] += 1
            if isinstance(status, int) and status >= 500 and status != 503:
                self.server_errors[f"{status} on {what}"] += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


class Load:
    """Threads that keep the API busy until `stop()`; then writers finish the write in hand."""

    def __init__(self, base: str, tag: str, key: str, staff_token: str, record: Record) -> None:
        self.base = base
        self.tag = tag
        self.key_headers = {"Authorization": f"Bearer {key}"}
        self.staff_headers = {"Authorization": f"Bearer {staff_token}"}
        self.record = record
        self.stopping = threading.Event()
        self.deadline = time.monotonic() + 120  # no worker outlives this, whatever happens
        self.threads = [
            threading.Thread(target=self._writer, args=(n,), name=f"writer-{n}", daemon=True)
            for n in range(2)
        ]
        self.threads += [
            threading.Thread(target=self._guest_chats, name="guest-chat", daemon=True),
            threading.Thread(target=self._front_desk_chats, name="desk-chat", daemon=True),
            threading.Thread(target=self._ready, name="ready-probe", daemon=True),
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=max(1.0, self.deadline - time.monotonic()))

    def _over(self) -> bool:
        return self.stopping.is_set() or time.monotonic() > self.deadline

    # Writers ---------------------------------------------------------------------------------

    def _writer(self, number: int) -> None:
        with httpx.Client(base_url=self.base, timeout=TIMEOUT) as client:
            for sequence in range(MAX_REQUESTS_PER_WORKER):
                if self._over():
                    return
                self._write(client, self._next_write(number, sequence))
                time.sleep(0.05)

    def _next_write(self, number: int, sequence: int) -> Write:
        marker = f"{self.tag}-w{number}-{sequence}"
        kind = sequence % 3
        if kind == 0:
            code = CHARGEABLE[(sequence // 3 + number) % len(CHARGEABLE)]
            arguments: dict[str, Any] = {
                "confirmation_code": code, "amount": "1.25", "category": "minibar",
                "description": marker,
            }  # fmt: skip
            return Write("post_charge", marker, marker, arguments)
        if kind == 1:
            arguments = {
                "confirmation_code": DEPOSITABLE[(sequence // 3 + number) % len(DEPOSITABLE)],
                "amount": "2.50",
                "method": "card", "reference": marker,
            }  # fmt: skip
            return Write("record_payment", marker, marker, arguments)
        night = FIRST_NIGHT + timedelta(days=(sequence * 2 + number) % 150)
        arguments = {
            "room_type": ROOM_TYPES[(sequence // 3) % 3], "check_in": night.isoformat(),
            "check_out": (night + timedelta(days=1)).isoformat(), "adults": 1,
            "guest_name": "Fault Suite", "guest_email": f"{marker}@faults.example",
            "special_requests": marker,
        }  # fmt: skip
        return Write("create_reservation", marker, marker, arguments)

    def _write(self, client: httpx.Client, write: Write) -> None:
        with self.record.lock:
            self.record.writes.append(write)
        headers = {**self.key_headers, "Idempotency-Key": write.key}
        for _attempt in range(MAX_ATTEMPTS):
            if time.monotonic() > self.deadline:
                return
            status, body = send(
                client.post, f"/v1/tools/{write.tool}", json=write.arguments, headers=headers
            )
            self.record.count(f"POST /v1/tools/{write.tool}", status, body)
            write.statuses.append(status)
            write.last_answer = str(body)[:200]
            if isinstance(status, int) and 200 <= status < 300:
                write.acknowledged_at = time.monotonic()
                return
            if not retryable(status):
                return  # refused (4xx): not retried, and it must not have happened
            time.sleep(RETRY_PAUSE)

    # Chatters --------------------------------------------------------------------------------

    def _guest_chats(self) -> None:
        with httpx.Client(base_url=self.base, timeout=TIMEOUT) as client:
            headers: dict[str, str] | None = None
            thread_id: str | None = None
            for turn in range(MAX_REQUESTS_PER_WORKER):
                if self._over():
                    return
                if headers is None:
                    status, body = send(
                        client.post, "/v1/guest-sessions", json={"hotel": "harbor-view"}
                    )
                    self.record.count("POST /v1/guest-sessions", status, body)
                    if status == 201 and body:
                        headers = {"Authorization": f"Bearer {body['token']}"}
                    else:
                        time.sleep(RETRY_PAUSE)
                        continue
                night = FIRST_NIGHT + timedelta(days=turn % 120)
                message = (
                    f"Do you have a room from {night:%B} {night.day} to "
                    f"{(night + timedelta(days=2)):%B} {(night + timedelta(days=2)).day} "
                    "for 2 adults?"
                )
                payload = {"message": message, "thread_id": thread_id}
                status, body = send(client.post, "/v1/chat", json=payload, headers=headers)
                self.record.count("POST /v1/chat (guest)", status, body)
                if status == 200 and body:
                    # A fresh conversation every few turns: long threads are not the point here.
                    thread_id = body["thread_id"] if turn % 6 else None
                time.sleep(0.1 if status == 200 else CHAT_PAUSE)

    def _front_desk_chats(self) -> None:
        codes = itertools.cycle([f"HV{n}" for n in range(1001, 1009)])
        with httpx.Client(base_url=self.base, timeout=TIMEOUT) as client:
            thread_id: str | None = None
            for turn in range(MAX_REQUESTS_PER_WORKER):
                if self._over():
                    return
                payload = {"message": f"Show me the folio for {next(codes)}",
                           "thread_id": thread_id}  # fmt: skip
                status, body = send(
                    client.post, "/v1/chat", json=payload, headers=self.staff_headers
                )
                self.record.count("POST /v1/chat (front desk)", status, body)
                if status == 200 and body:
                    thread_id = body["thread_id"] if turn % 6 else None
                time.sleep(0.1 if status == 200 else CHAT_PAUSE)

    def _ready(self) -> None:
        with httpx.Client(base_url=self.base, timeout=httpx.Timeout(3.0, connect=1.0)) as client:
            for _ in range(2000):
                if self._over():
                    return
                status, body = send(client.get, "/ready")
                with self.record.lock:
                    self.record.ready.append((time.monotonic(), status, body))
                time.sleep(0.1)
