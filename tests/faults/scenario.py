"""One fault under load: start the load, inject, hold, lift, wait for recovery, then check.

The checks are the promises of docs/guarantees.md: every acknowledged write is in the database
exactly once (retried writes included), nothing answered a 5xx other than 503, /ready said so
while the fault lasted, and a conversation begun before the fault carries on after it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy import Engine, text

from tests.faults.load import TIMEOUT, Load, Record, Write, retryable, send
from tests.faults.report import ROWS, Row
from tests.faults.servers import ApiServer, RedisServer

WARM_UP = 1.5  # seconds of load before the fault
AFTER = 1.5  # seconds of load after recovery
RECOVERY_BOUND = 60.0  # the suite gives up waiting for recovery after this long
GUESTS = [("Hannah", "Berg"), ("Ivo", "Marsh"), ("Jana", "Kreuz"), ("Kai", "Lund")]

_COUNTS = {
    "post_charge": "SELECT description, count(*) FROM folio_lines "
    "WHERE kind = 'charge' AND description LIKE :prefix GROUP BY description",
    "record_payment": "SELECT reference, count(*) FROM folio_lines "
    "WHERE kind = 'payment' AND reference LIKE :prefix GROUP BY reference",
    "create_reservation": "SELECT special_requests, count(*) FROM reservations "
    "WHERE special_requests LIKE :prefix GROUP BY special_requests",
}


@dataclass
class Stack:
    """The running system under test, and handles on its parts."""

    server: ApiServer
    redis: RedisServer
    admin: Engine  # AUTOCOMMIT on the server's maintenance database
    check: Engine  # on the suite's database, for counting rows
    database: str
    api_key: str
    staff_token: str


@dataclass
class Fault:
    name: str
    tag: str
    inject: Callable[[], None]
    lift: Callable[[], None]
    hold: float
    tick: Callable[[], None] | None = None
    # What /ready must show while the fault lasts: a check "down", or "unreachable"; None when
    # the fault is too brief to be seen (a terminated connection is replaced at once).
    reported_as: str | None = None
    after: Callable[[], list[str]] | None = None  # further checks once recovered


@dataclass
class Chat:
    """A conversation begun before the fault, to be carried on after it."""

    headers: dict[str, str]
    thread_id: str = ""
    problems: list[str] = field(default_factory=list)

    def say(self, base: str, message: str, record: Record | None, what: str) -> dict[str, Any]:
        """One turn, retried while the answer is retryable (bounded); the last answer's body."""
        payload = {"message": message, "thread_id": self.thread_id or None}
        status: int | str = "none"
        body: dict[str, Any] | None = None
        for _attempt in range(20):
            status, body = send(
                httpx.post, f"{base}/v1/chat", json=payload, headers=self.headers, timeout=TIMEOUT
            )
            if record is not None:
                record.count(f"POST /v1/chat ({what})", status, body)
            if not retryable(status):
                break
            time.sleep(0.5)
        if status != 200 or body is None:
            self.problems.append(f"{what}: '{message}' answered {status}: {str(body)[:200]}")
            return {}
        self.thread_id = body["thread_id"]
        return body


def run(stack: Stack, fault: Fault, number: int) -> list[str]:
    """Run one fault under load; record its row; return every broken promise, in words."""
    base = stack.server.base
    logged_before = len(stack.server.unexpected_errors())
    booking, desk = _begin_conversations(stack, number)
    record = Record()
    load = Load(base, fault.tag, stack.api_key, stack.staff_token, record)
    load.start()
    time.sleep(WARM_UP)
    injected = time.monotonic()
    try:
        fault.inject()
        while time.monotonic() < injected + fault.hold:
            if fault.tick is not None:
                fault.tick()
            time.sleep(0.1)
    finally:
        fault.lift()
    lifted = time.monotonic()
    recovered = _wait_for_recovery(record, lifted)
    time.sleep(AFTER)
    load.stop()

    problems: list[str] = []
    first, last = GUESTS[number % len(GUESTS)]
    email = f"{first}.{last}@{fault.tag}.example".lower()
    reply = booking.say(base, f"Flexible rate. {first} {last}, {email}", record, "guest")
    if reply and "Confirmation code HV" not in reply.get("reply", ""):
        problems.append(f"the booking conversation did not carry on: {reply.get('reply')!r}")
    folio = desk.say(base, "Show me the folio for HV1003", record, "front desk")
    if folio and "HV1003" not in folio.get("reply", ""):
        problems.append(f"the front-desk conversation did not carry on: {folio.get('reply')!r}")
    problems += booking.problems + desk.problems
    problems += _history_kept(base, desk)

    lost, duplicated, write_problems = _count_writes(stack.check, fault.tag, record.writes)
    chat_bookings = _bookings_for(stack.check, email)
    if reply and chat_bookings != 1:
        write_problems.append(f"the chat booking for {email} is in the database {chat_bookings}x")
        duplicated += chat_bookings > 1
        lost += chat_bookings == 0
    problems += write_problems
    problems += [f"{what}: {n}x" for what, n in record.server_errors.most_common()]
    during = Counter(status for at, status, _body in record.ready if injected <= at <= lifted)
    problems += _ready_problems(fault, record, injected, lifted)
    if recovered is None:
        problems.append(f"not recovered {RECOVERY_BOUND:.0f} s after the fault was lifted")
    if fault.after is not None:
        problems += fault.after()
    logged = Counter(stack.server.unexpected_errors()[logged_before:])
    problems += [f"logged by the server, {n}x: {line}" for line, n in logged.most_common(12)]

    ROWS.append(
        Row(
            fault=fault.name,
            requests=record.requests,
            errors=Counter({k: n for k, n in record.statuses.items() if not _ok(k)}),
            acknowledged=sum(w.acknowledged for w in record.writes),
            retried=sum(len(w.statuses) > 1 for w in record.writes),
            lost=lost,
            duplicated=duplicated,
            server_errors=sum(record.server_errors.values()),
            ready_during=during,
            recovered_in=None if recovered is None else recovered - lifted,
        )
    )
    return problems


def _ok(status: int | str) -> bool:
    return isinstance(status, int) and 200 <= status < 300


def _begin_conversations(stack: Stack, number: int) -> tuple[Chat, Chat]:
    base = stack.server.base
    session = httpx.post(f"{base}/v1/guest-sessions", json={"hotel": "harbor-view"}, timeout=10)
    assert session.status_code == 201, session.text
    booking = Chat({"Authorization": f"Bearer {session.json()['token']}"})
    arrival = date(2027, 6, 10) + timedelta(days=4 * number)
    departure = arrival + timedelta(days=2)
    asked = booking.say(
        base,
        f"I'd like a deluxe king from {arrival:%B} {arrival.day} to {departure:%B} "
        f"{departure.day} for two adults.",
        None,
        "guest",
    )
    assert asked, booking.problems
    desk = Chat({"Authorization": f"Bearer {stack.staff_token}"})
    assert desk.say(base, "What's the balance on HV1001?", None, "front desk"), desk.problems
    return booking, desk


def _wait_for_recovery(record: Record, lifted: float) -> float | None:
    """When /ready answered 200 and a write was acknowledged, both after the lift."""
    deadline = lifted + RECOVERY_BOUND
    while time.monotonic() < deadline:
        with record.lock:
            ready = [
                at
                for at, status, body in record.ready
                if at > lifted and status == 200 and body and body.get("status") == "ready"
            ]
            acked = [
                w.acknowledged_at
                for w in record.writes
                if w.acknowledged_at is not None and w.acknowledged_at > lifted
            ]
        if ready and acked:
            return max(min(ready), min(acked))
        time.sleep(0.1)
    return None


def _history_kept(base: str, desk: Chat) -> list[str]:
    status, body = send(
        httpx.get, f"{base}/v1/threads/{desk.thread_id}", headers=desk.headers, timeout=TIMEOUT
    )
    if status != 200 or body is None:
        return [f"the front-desk thread's history answered {status}"]
    roles = [m["role"] for m in body.get("messages", [])]
    if roles[:4] != ["user", "assistant", "user", "assistant"]:
        return [f"the front-desk thread lost turns across the fault: {roles}"]
    return []


def _count_writes(check: Engine, tag: str, writes: list[Write]) -> tuple[int, int, list[str]]:
    """Lost (acknowledged, absent), duplicated (more than once) and what was wrong, in words."""
    found: dict[str, int] = {}
    with check.connect() as connection:
        for query in _COUNTS.values():
            rows = connection.execute(text(query), {"prefix": f"{tag}-%"})
            found.update({marker: count for marker, count in rows})
    lost = duplicated = 0
    problems: list[str] = []
    for write in writes:
        times = found.get(write.marker, 0)
        if write.acknowledged and times == 0:
            lost += 1
            problems.append(f"lost: {write.tool} {write.marker} (answers {write.statuses})")
        if times > 1:
            duplicated += 1
            problems.append(f"{times}x: {write.tool} {write.marker} (answers {write.statuses})")
        if write.acknowledged or not write.statuses:
            continue
        if retryable(write.statuses[-1]):
            problems.append(f"never acknowledged: {write.tool} {write.marker} {write.statuses}")
        else:  # every write the load makes is valid: a refusal is a fault's doing
            problems.append(
                f"refused: {write.tool} {write.marker} {write.statuses} {write.last_answer}"
                + (" (yet written)" if times else "")
            )
    return lost, duplicated, problems[:20]


def _bookings_for(check: Engine, email: str) -> int:
    with check.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT count(*) FROM reservations r JOIN guests g ON g.id = r.guest_id "
                    "WHERE lower(g.email) = :email"
                ),
                {"email": email},
            ).scalar_one()
        )


def _ready_problems(fault: Fault, record: Record, injected: float, lifted: float) -> list[str]:
    seen = [(status, body) for at, status, body in record.ready if injected <= at <= lifted]
    if fault.reported_as is None:
        return []
    if fault.reported_as == "unreachable":
        if not any(not isinstance(status, int) for status, _ in seen):
            return [f"/ready answered throughout the server's death: {[s for s, _ in seen]}"]
        return []
    # The database down is 503 (take the replica out); Redis down is 200 "degraded" (limits
    # fall back to the process): either way `checks` names what is down.
    down = [
        body for status, body in seen
        if body and body.get("checks", {}).get(fault.reported_as) == "down"
    ]  # fmt: skip
    if not down:
        return [
            f"/ready never said {fault.reported_as} was down during the fault: "
            f"{Counter(status for status, _ in seen)}"
        ]
    return []
