"""Races on PostgreSQL: many connections at once must not break the contract's rules.

Every test here gets a committed database of its own (`pg_fresh`) and drives it from 50 threads
through the tool runtime, each call in its own transaction on its own pooled connection. A
`threading.Barrier` releases the threads together so the calls really overlap.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import ExceptionContext

from pms.clock import FrozenClock
from pms.db import Database, make_engine
from pms.principal import Principal
from tests.support import NOW, T, principal
from tools.runtime import ToolOutcome, ToolRuntime

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

THREADS = 50
ROUNDS = 20
HARBOR_DESK = principal("front_desk", "leo.martins")
ALPINE_DESK = principal("front_desk", "lena.vogt", hotel="alpine-lodge")

R = TypeVar("R")


@pytest.fixture
def shared_db(pg_fresh: str) -> Iterator[Database]:
    """One engine whose pool gives each of the 50 threads a connection of its own."""
    engine = make_engine(pg_fresh, pool_size=THREADS, max_overflow=5, pool_timeout=60)
    database = Database(engine=engine, clock=FrozenClock(NOW))
    yield database
    engine.dispose()


def all_at_once(work: Callable[[int], R], count: int = THREADS) -> list[R | BaseException]:
    """Run work(0..count-1) on `count` threads released together.

    An exception a call raises is returned in its place: a tool call must never raise, and the
    tests say so after checking what the database holds.
    """
    barrier = threading.Barrier(count)

    def start(index: int) -> R:
        barrier.wait(timeout=60)
        return work(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(start, index) for index in range(count)]
        return [future.exception(timeout=120) or future.result() for future in futures]


def outcomes_only(results: list[ToolOutcome | BaseException]) -> list[ToolOutcome]:
    raised = [r for r in results if isinstance(r, BaseException)]
    assert not raised, (
        f"{len(raised)} of {len(results)} tool calls raised instead of answering: "
        + "; ".join(sorted({f"{type(r).__name__}: {str(r).splitlines()[0]}" for r in raised}))
    )
    return [r for r in results if isinstance(r, ToolOutcome)]


def booking(room_type: str, check_in: date, nights: int, index: int) -> dict[str, Any]:
    return {
        "room_type": room_type,
        "check_in": check_in.isoformat(),
        "check_out": (check_in + timedelta(days=nights)).isoformat(),
        "adults": 2,
        "guest_name": f"Racer Number{index}",
        "guest_email": f"racer{index}@example.com",
    }


def free_rooms(runtime: ToolRuntime, actor: Principal, room_type: str, start: date, nights: int):
    outcome = runtime.call(
        "check_availability",
        {
            "check_in": start.isoformat(),
            "check_out": (start + timedelta(days=nights)).isoformat(),
            "adults": 1,
            "room_type": room_type,
        },
        actor,
    )
    assert outcome.ok, outcome.error
    offers = [o for o in outcome.result["offers"] if o["room_type"] == room_type]
    return offers[0]["available_rooms"] if offers else 0


OVERLAPS = text(
    """
    SELECT a.code, b.code
    FROM reservations a
    JOIN reservations b
      ON a.room_id = b.room_id AND a.id < b.id
     AND a.check_in < b.check_out AND b.check_in < a.check_out
    WHERE a.status IN ('confirmed', 'in_house', 'checked_out')
      AND b.status IN ('confirmed', 'in_house', 'checked_out')
    """
)

# Nights from T-5 to T+400 where a room type holds more confirmed or in-house stays than it has
# rooms in service.
OVERSOLD = text(
    """
    WITH nights AS (
        SELECT d::date AS night
        FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 day') d
    ),
    sold AS (
        SELECT r.room_type_id, n.night, count(*) AS stays
        FROM reservations r JOIN nights n ON r.check_in <= n.night AND n.night < r.check_out
        WHERE r.status IN ('confirmed', 'in_house')
        GROUP BY r.room_type_id, n.night
    ),
    down AS (
        SELECT rm.room_type_id, n.night, count(*) AS rooms
        FROM out_of_order_periods p
        JOIN rooms rm ON rm.id = p.room_id
        JOIN nights n ON p.start_date <= n.night AND n.night < p.end_date
        GROUP BY rm.room_type_id, n.night
    ),
    size AS (SELECT room_type_id, count(*) AS rooms FROM rooms GROUP BY room_type_id)
    SELECT s.room_type_id, s.night, s.stays, size.rooms - coalesce(down.rooms, 0) AS in_service
    FROM sold s
    JOIN size ON size.room_type_id = s.room_type_id
    LEFT JOIN down ON down.room_type_id = s.room_type_id AND down.night = s.night
    WHERE s.stays > size.rooms - coalesce(down.rooms, 0)
    """
)


def assert_no_double_booking(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(OVERLAPS).all() == []
        oversold = connection.execute(
            OVERSOLD, {"first": T - timedelta(days=5), "last": T + timedelta(days=400)}
        ).all()
        assert oversold == []


def test_fifty_bookings_for_the_last_room_sell_it_once(shared_db):
    """20 rounds: fill a type to one free room, then 50 front-desk bookings race for it."""
    runtime = ToolRuntime(shared_db)
    winners: list[str] = []
    for round_number in range(ROUNDS):
        # Alternate between Alpine Lodge's family rooms and Harbor View's suites, on dates
        # far ahead that no earlier round touched (stays of 2 nights, 3 days apart).
        if round_number % 2 == 0:
            actor, room_type = ALPINE_DESK, "FAM"
        else:
            actor, room_type = HARBOR_DESK, "STE"
        start = T + timedelta(days=120 + 3 * round_number)
        free = free_rooms(runtime, actor, room_type, start, 2)
        for filler in range(free - 1):
            made = runtime.call(
                "create_reservation", booking(room_type, start, 2, 1000 + filler), actor
            )
            assert made.ok, made.error
        assert free_rooms(runtime, actor, room_type, start, 2) == 1

        def race(index: int, start=start, actor=actor, room_type=room_type) -> ToolOutcome:
            return ToolRuntime(shared_db).call(
                "create_reservation", booking(room_type, start, 2, index), actor
            )

        outcomes = outcomes_only(all_at_once(race))
        succeeded = [o for o in outcomes if o.ok]
        refused = [o.error["type"] for o in outcomes if not o.ok]
        assert len(succeeded) == 1, f"round {round_number}: {len(succeeded)} bookings succeeded"
        assert refused == ["conflict"] * (THREADS - 1), set(refused)
        assert free_rooms(runtime, actor, room_type, start, 2) == 0
        winners.append(succeeded[0].result["confirmation_code"])

    assert len(set(winners)) == ROUNDS
    assert_no_double_booking(shared_db)
    # Codes stay gapless per hotel: every loser rolled back its counter increment.
    with shared_db.engine.connect() as connection:
        for hotel, prefix in (("alpine-lodge", "AL"), ("harbor-view", "HV")):
            codes = connection.execute(
                text(
                    "SELECT r.code FROM reservations r JOIN hotels h ON h.id = r.hotel_id "
                    "WHERE h.slug = :slug AND r.code >= :first ORDER BY r.id"
                ),
                {"slug": hotel, "first": f"{prefix}5001"},
            ).scalars()
            numbers = sorted(int(code[2:]) for code in codes)
            assert numbers == list(range(5001, 5001 + len(numbers)))


def test_bookings_extensions_and_downtime_race_for_the_last_suite(shared_db):
    """One suite left on a night: a booking, an extension into that night and taking a suite
    out of order all need it, so of 38 racing calls (20 bookings, 8 extensions, 10 suites out of
    order) exactly one may win."""
    runtime = ToolRuntime(shared_db)
    manager = principal("manager", "grace.kim")
    suites = [f"{floor}{place}" for floor in range(2, 7) for place in (23, 24)]
    for round_number in range(5):
        night = T + timedelta(days=200 + 5 * round_number)
        # Eight suites are taken the two nights before (those stays will try to extend), and
        # the night itself is sold down to its last free suite.
        extenders = []
        for index in range(8):
            made = runtime.call(
                "create_reservation",
                booking("STE", night - timedelta(days=2), 2, index),
                HARBOR_DESK,
            )
            assert made.ok, made.error
            extenders.append(made.result["confirmation_code"])
        for index in range(10):
            if free_rooms(runtime, HARBOR_DESK, "STE", night, 1) == 1:
                break
            made = runtime.call(
                "create_reservation", booking("STE", night, 1, 100 + index), HARBOR_DESK
            )
            assert made.ok, made.error
        assert free_rooms(runtime, HARBOR_DESK, "STE", night, 1) == 1

        def contend(index: int, night=night, extenders=extenders) -> ToolOutcome:
            own = ToolRuntime(shared_db)
            if index < 20:
                return own.call(
                    "create_reservation", booking("STE", night, 1, 200 + index), HARBOR_DESK
                )
            if index < 28:
                return own.call(
                    "modify_reservation",
                    {
                        "confirmation_code": extenders[index - 20],
                        "check_out": (night + timedelta(days=1)).isoformat(),
                    },
                    HARBOR_DESK,
                )
            return own.call(
                "set_room_out_of_order",
                {
                    "room_number": suites[index - 28],
                    "start_date": night.isoformat(),
                    "end_date": (night + timedelta(days=1)).isoformat(),
                    "reason": "race",
                },
                manager,
            )

        outcomes = outcomes_only(all_at_once(contend, 38))
        winners = [(o.name, o.arguments) for o in outcomes if o.ok]
        assert len(winners) == 1, f"round {round_number}: {winners}"
        assert {o.error["type"] for o in outcomes if not o.ok} == {"conflict"}
        assert free_rooms(runtime, HARBOR_DESK, "STE", night, 1) == 0
    assert_no_double_booking(shared_db)


def test_concurrent_check_ins_never_share_a_room(shared_db):
    """Arrivals checked in all at once, no room given: each gets a room of its own or a refusal."""
    runtime = ToolRuntime(shared_db)
    manager = principal("manager", "grace.kim")
    # Make many rooms ready so that every check-in has a real choice, and add arrivals for today
    # of every type as far as inventory allows.
    for floor in (2, 3, 4, 5, 6):
        listed = runtime.call("list_rooms", {"floor": floor, "occupied": False}, manager)
        assert listed.ok, listed.error
        for room in listed.result["rooms"]:
            if not room["out_of_order"]:
                ready = runtime.call(
                    "set_room_condition",
                    {"room_number": room["number"], "condition": "inspected"},
                    manager,
                )
                assert ready.ok, ready.error
    for room_type in ("STQ", "STD", "DLK", "STE"):
        for index in range(min(free_rooms(runtime, HARBOR_DESK, room_type, T, 1), 12)):
            made = runtime.call(
                "create_reservation",
                {**booking(room_type, T, 1, index), "adults": 1},
                HARBOR_DESK,
            )
            assert made.ok, made.error
    arrivals = runtime.call(
        "search_reservations", {"arrival_date": T.isoformat(), "status": "confirmed"}, manager
    )
    assert arrivals.ok
    with shared_db.engine.connect() as connection:
        codes = list(
            connection.execute(
                text(
                    "SELECT r.code FROM reservations r JOIN hotels h ON h.id = r.hotel_id "
                    "WHERE h.slug = 'harbor-view' AND r.status = 'confirmed' "
                    "AND r.check_in = :today ORDER BY r.code"
                ),
                {"today": T},
            ).scalars()
        )
    assert len(codes) >= 20, codes
    codes = codes[:THREADS]

    def check_in(index: int) -> ToolOutcome:
        return ToolRuntime(shared_db).call(
            "check_in", {"confirmation_code": codes[index]}, HARBOR_DESK
        )

    results = all_at_once(check_in, len(codes))
    # Whatever the calls answered, the database never holds two stays in one room ...
    assert_no_double_booking(shared_db)
    with shared_db.engine.connect() as connection:
        doubled = connection.execute(
            text(
                "SELECT room_id FROM reservations WHERE status = 'in_house' "
                "GROUP BY room_id HAVING count(*) > 1"
            )
        ).all()
    assert doubled == []
    # ... and every call answers: a room, or a refusal the agent can read.
    outcomes = outcomes_only(results)
    refused = {o.error["type"] for o in outcomes if not o.ok}
    assert refused <= {"conflict"}, [o.error for o in outcomes if not o.ok]
    rooms = [o.result["reservation"]["room"] for o in outcomes if o.ok]
    assert len(rooms) == len(set(rooms)), sorted(rooms)
    # A refusal must be real, not a lost race: repeated alone, it is refused again.
    for outcome in outcomes:
        if not outcome.ok:
            again = runtime.call("check_in", outcome.arguments, HARBOR_DESK)
            assert not again.ok, (
                f"{outcome.arguments['confirmation_code']} was refused during the race "
                f"({outcome.error['message']}) but checks in alone, to room "
                f"{again.result['reservation']['room']}"
            )


def _folio_lines(database: Database, code: str) -> list[tuple[Any, ...]]:
    with database.engine.connect() as connection:
        return connection.execute(
            text(
                "SELECT l.line, l.kind, l.amount_cents FROM folio_lines l "
                "JOIN reservations r ON r.id = l.reservation_id "
                "WHERE r.code = :code ORDER BY l.line"
            ),
            {"code": code},
        ).all()


def test_fifty_payments_with_one_key_write_one_line(shared_db):
    deposit = {"confirmation_code": "HV1005", "amount": "150.00", "method": "card"}
    assert _folio_lines(shared_db, "HV1005") == []

    def pay(_index: int) -> ToolOutcome:
        return ToolRuntime(shared_db).call(
            "record_payment", dict(deposit), HARBOR_DESK, idempotency_key="call-deposit-1"
        )

    outcomes = outcomes_only(all_at_once(pay))
    assert all(o.ok for o in outcomes), {str(o.error) for o in outcomes if not o.ok}
    assert all(o.result == outcomes[0].result for o in outcomes)
    assert sum(not o.replayed for o in outcomes) == 1
    assert outcomes[0].result["line"]["line"] == 1
    assert outcomes[0].result["folio"]["balance"] == "-150.00"
    assert _folio_lines(shared_db, "HV1005") == [(1, "payment", 15000)]

    # The same key with other arguments is refused and writes nothing.
    changed = ToolRuntime(shared_db).call(
        "record_payment",
        {**deposit, "amount": "160.00"},
        HARBOR_DESK,
        idempotency_key="call-deposit-1",
    )
    assert changed.error is not None and changed.error["type"] == "invalid", changed.error
    other_tool = ToolRuntime(shared_db).call(
        "post_charge",
        {
            "confirmation_code": "HV1005",
            "amount": "5.00",
            "category": "misc",
            "description": "Late key",
        },
        HARBOR_DESK,
        idempotency_key="call-deposit-1",
    )
    assert other_tool.error is not None and other_tool.error["type"] == "invalid"
    assert _folio_lines(shared_db, "HV1005") == [(1, "payment", 15000)]

    # ... also when 50 of those mismatching calls race with a fresh key's first use.
    def mixed(index: int) -> ToolOutcome:
        amount = "20.00" if index % 2 == 0 else "30.00"
        return ToolRuntime(shared_db).call(
            "record_payment",
            {**deposit, "amount": amount},
            HARBOR_DESK,
            idempotency_key="call-deposit-2",
        )

    outcomes = outcomes_only(all_at_once(mixed))
    written = [o for o in outcomes if o.ok and not o.replayed]
    assert len(written) == 1
    first = written[0].result
    for outcome in outcomes:
        if outcome.ok:
            assert outcome.result == first
        else:
            assert outcome.error["type"] == "invalid", outcome.error
    lines = _folio_lines(shared_db, "HV1005")
    assert len(lines) == 2 and lines[1][2] in (2000, 3000)
    assert first["line"]["amount"] in ("20.00", "30.00")


def test_fifty_bookings_with_one_key_make_one_reservation(shared_db):
    request = booking("DLK", T + timedelta(days=150), 2, 1)

    def book(_index: int) -> ToolOutcome:
        return ToolRuntime(shared_db).call(
            "create_reservation", dict(request), HARBOR_DESK, idempotency_key="call-book-1"
        )

    outcomes = outcomes_only(all_at_once(book))
    assert all(o.ok for o in outcomes), {str(o.error) for o in outcomes if not o.ok}
    assert all(o.result == outcomes[0].result for o in outcomes)
    assert sum(not o.replayed for o in outcomes) == 1
    assert outcomes[0].result["confirmation_code"] == "HV5001"
    with shared_db.engine.connect() as connection:
        made = connection.execute(
            text(
                "SELECT r.code FROM reservations r JOIN guests g ON g.id = r.guest_id "
                "WHERE g.email = :email"
            ),
            {"email": request["guest_email"]},
        ).scalars()
        assert list(made) == ["HV5001"]
    # The next booking gets the next number: the losers' counter increments were rolled back.
    after = ToolRuntime(shared_db).call(
        "create_reservation", booking("DLK", T + timedelta(days=150), 2, 2), HARBOR_DESK
    )
    assert after.ok and after.result["confirmation_code"] == "HV5002"


def test_racing_folio_writes_keep_the_folio_rules(shared_db):
    """50 voids of one line, 50 refunds and 50 payments at once, each against a limit."""
    manager = principal("manager", "grace.kim")

    def void(_index: int) -> ToolOutcome:
        return ToolRuntime(shared_db).call(
            "void_charge", {"confirmation_code": "HV1001", "line": 3, "reason": "race"}, manager
        )

    voids = outcomes_only(all_at_once(void))
    assert sum(o.ok for o in voids) == 1
    assert {o.error["type"] for o in voids if not o.ok} == {"conflict"}

    # HV1004 paid $1,000: ten refunds of $100 fit, the other forty must be refused.
    def refund(_index: int) -> ToolOutcome:
        return ToolRuntime(shared_db).call(
            "refund_payment",
            {"confirmation_code": "HV1004", "amount": "100.00", "reason": "race"},
            manager,
        )

    refunds = outcomes_only(all_at_once(refund))
    assert sum(o.ok for o in refunds) == 10
    assert {o.error["type"] for o in refunds if not o.ok} == {"policy_violation"}

    # HV1001 is in house and owes $480.00 after the void: four payments of $100 fit.
    def pay(_index: int) -> ToolOutcome:
        return ToolRuntime(shared_db).call(
            "record_payment",
            {"confirmation_code": "HV1001", "amount": "100.00", "method": "cash"},
            HARBOR_DESK,
        )

    payments = outcomes_only(all_at_once(pay))
    assert sum(o.ok for o in payments) == 4
    assert {o.error["type"] for o in payments if not o.ok} == {"policy_violation"}

    carter = _folio_lines(shared_db, "HV1001")
    assert [line[1] for line in carter] == ["charge"] * 3 + ["void"] + ["payment"] * 4
    assert [line[0] for line in carter] == list(range(1, 9))
    rossi = _folio_lines(shared_db, "HV1004")
    assert sum(cents for _line, kind, cents in rossi if kind == "refund") == 100_000
    folio = ToolRuntime(shared_db).call("get_folio", {"confirmation_code": "HV1001"}, manager)
    assert folio.result["balance"] == "80.00"


# How long the mixed load of bookings and folio writes runs (20 s in CI; shorter locally).
MIXED_LOAD_SECONDS = float(os.environ.get("CONCIERGE_RACE_SECONDS", "20"))


def test_bookings_and_folio_writes_together_never_deadlock(pg_fresh):
    """8 bookers and 8 payers for MIXED_LOAD_SECONDS, all in Harbor View.

    Every booking and every folio line takes a key-share lock on the hotel row (through a foreign
    key); a booking also allocates the hotel's next confirmation code. Nothing may fail: no
    exception, no refusal, not even a deadlock that a retry hides. Afterwards every acknowledged
    booking and folio line is in the database exactly once, and the codes are gapless.
    """
    engine = make_engine(pg_fresh, pool_size=17, max_overflow=4, pool_timeout=60)
    database_errors: Counter[str] = Counter()

    @event.listens_for(engine, "handle_error")
    def _count(context: ExceptionContext) -> None:
        sqlstate = getattr(context.original_exception, "sqlstate", None)
        database_errors[sqlstate or type(context.original_exception).__name__] += 1

    shared = Database(engine=engine, clock=FrozenClock(NOW))
    with engine.connect() as connection:
        folios = list(
            connection.execute(
                text(
                    "SELECT r.code FROM reservations r JOIN hotels h ON h.id = r.hotel_id "
                    "WHERE h.slug = 'harbor-view' AND r.status = 'confirmed' "
                    "ORDER BY r.code LIMIT 16"
                )
            ).scalars()
        )
    assert len(folios) == 16
    numbers = itertools.count()
    deadline = time.monotonic() + MIXED_LOAD_SECONDS
    room_types = ("STQ", "STD", "DLK", "STE")

    def booker(_worker: int) -> list[tuple[str, str]]:
        runtime, made = ToolRuntime(shared), []
        while time.monotonic() < deadline:
            number = next(numbers)
            request = booking(
                room_types[number % 4], T + timedelta(days=30 + number % 330), 1, number
            )
            outcome = runtime.call("create_reservation", request, HARBOR_DESK)
            assert outcome.ok, outcome.error
            made.append((outcome.result["confirmation_code"], request["guest_email"]))
        return made

    def payer(worker: int) -> list[tuple[str, int]]:
        runtime, written = ToolRuntime(shared), []
        for call in itertools.count():
            if time.monotonic() >= deadline:
                break
            code = folios[(worker + call) % len(folios)]
            if call % 2 == 0:
                name = "post_charge"
                arguments = {"category": "misc", "description": "Race charge"}
            else:
                name, arguments = "record_payment", {"method": "card"}
            outcome = runtime.call(
                name,
                {"confirmation_code": code, "amount": "5.00", **arguments},
                HARBOR_DESK,
                idempotency_key=f"mixed-{worker}-{call}",
            )
            assert outcome.ok, outcome.error
            written.append((code, outcome.result["line"]["line"]))
        return written

    def work(index: int) -> list[Any]:
        return booker(index) if index < 8 else payer(index - 8)

    try:
        results = all_at_once(work, 16)
        raised = [r for r in results if isinstance(r, BaseException)]
        assert not raised, "; ".join(f"{type(r).__name__}: {r}" for r in raised)
        booked = [made for r in results[:8] if isinstance(r, list) for made in r]
        lines = [line for r in results[8:] if isinstance(r, list) for line in r]
        print(
            f"\n{MIXED_LOAD_SECONDS:g} s: {len(booked)} bookings and {len(lines)} folio lines "
            f"acknowledged; database errors: {dict(database_errors) or 'none'}"
        )
        assert booked and lines
        assert dict(database_errors) == {}, "the database refused or aborted statements"

        with engine.connect() as connection:
            stored = connection.execute(
                text(
                    "SELECT r.code, g.email FROM reservations r JOIN guests g ON g.id = r.guest_id "
                    "WHERE g.email LIKE 'racer%'"
                )
            ).all()
            line_rows = connection.execute(
                text(
                    "SELECT r.code, l.line FROM folio_lines l "
                    "JOIN reservations r ON r.id = l.reservation_id "
                    "WHERE l.amount_cents = 500 AND r.code = ANY(:codes)"
                ),
                {"codes": folios},
            ).all()
        assert sorted(stored) == sorted(booked)  # each acknowledged booking, once, nothing else
        assert sorted(line_rows) == sorted(lines)  # each acknowledged folio line, once
        numbers_made = sorted(int(code[2:]) for code, _email in booked)
        assert numbers_made == list(range(5001, 5001 + len(booked)))
    finally:
        engine.dispose()
