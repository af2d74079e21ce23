"""Invariants of the books and the inventory under random sequences of hotel operations.

A Hypothesis state machine books, charges, pays, refunds, voids, cancels, checks in and out,
changes stays, takes rooms out of order and runs the night audit, all through the tool runtime as
a duty manager. After every step it re-reads the database directly and checks what must always
hold, computed independently of the services:

- every folio's balance is charges - voided charges - payments + refunds of its lines, and the
  balance get_folio and get_reservation report for the stays just touched is that number;
- refunds never exceed payments on a folio; a line is voided at most once, by a void of the same
  amount that points at a charge; lines are numbered 1..n;
- no two stays holding a room (confirmed, in house, checked out) share it on any night;
- on every night from T to T+60, no room type holds more confirmed or in-house stays than it has
  rooms in service that night;
- reservations move only along the contract's status transitions.

Each example runs inside a transaction of its own on the session's seeded database (SQLite and
PostgreSQL) that is rolled back when the example ends, so examples never see each other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine, func, select
from sqlalchemy.pool import NullPool

from pms.clock import FrozenClock
from pms.db import Database, make_engine
from pms.models import FolioLine, Hotel, OutOfOrderPeriod, Reservation, Room
from pms.night_audit.service import run as night_audit
from tests.support import NOW, T, principal
from tools.runtime import ToolOutcome, ToolRuntime

# The invariants read the tables with Core queries: plain rows, no ORM identity map, fast.
STAYS = Reservation.__table__.c
LINES = FolioLine.__table__.c
ROOM_ROWS = Room.__table__.c
DOWNTIME = OutOfOrderPeriod.__table__.c

MANAGER = principal("manager", "grace.kim")
HORIZON = 61  # nights T .. T+60

STORY_CODES = ("HV1001", "HV1002", "HV1003", "HV1004", "HV1005", "HV1006", "HV1007", "HV1008")
ROOM_TYPES = {"STQ": 2, "STD": 4, "DLK": 2, "STE": 4}  # max guests
# Suites are few (10, of which the seed leaves 2-5 free a night), so booking them often on
# nearby dates sells them out and makes the "never oversold" rule do real work.
BOOKED_TYPES = ("STE", "STE", "STE", "DLK", "STQ", "STD")
# A few rooms of every type, including the story rooms and floor 3's out-of-order 312, and
# several suites.
# fmt: off
ROOMS = (
    "201", "209", "214", "301", "302", "306", "312", "313", "317",
    "323", "324", "424", "517", "523", "623",
)
# fmt: on
CATEGORIES = ("room", "breakfast", "food_beverage", "minibar", "spa", "parking", "misc")
METHODS = ("card", "cash", "bank_transfer")

ALLOWED_TRANSITIONS = {
    ("confirmed", "in_house"),
    ("in_house", "checked_out"),
    ("confirmed", "cancelled"),
    ("confirmed", "no_show"),
}
# Refusals a manager may meet with well-formed arguments: never not_permitted, never a crash.
REFUSALS = {"conflict", "invalid", "policy_violation", "not_found"}

cents = st.integers(min_value=1, max_value=60_000)
# Which room to ask for: mostly one of the stay's own type (so assignments and check-ins
# compete for the same few rooms), sometimes any room at all, or none.
room_picks = st.one_of(st.none(), st.integers(0, 40))


def type_of_room(number: str) -> str:
    """Harbor View numbering: F01-F08 STQ, F09-F16 STD, F17-F22 DLK, F23-F24 STE."""
    place = int(number[-2:])
    return "STQ" if place <= 8 else "STD" if place <= 16 else "DLK" if place <= 22 else "STE"


def pick_room(room_type: str, pick: int) -> str:
    own = [room for room in ROOMS if type_of_room(room) == room_type]
    return own[pick % len(own)] if pick < 30 else ROOMS[pick % len(ROOMS)]


def dollars(amount: int) -> str:
    return str(Decimal(amount) / 100)


def to_cents(text: str) -> int:
    return int(Decimal(text) * 100)


class HotelMachine(RuleBasedStateMachine):
    """One example: a fresh transaction on the seeded database, a manager at the desk."""

    engine: ClassVar[Engine]
    reservations = Bundle("reservations")

    def __init__(self) -> None:
        super().__init__()
        self.connection = self.engine.connect()
        self.outer = self.connection.begin()
        self.db = Database(bind=self.connection, clock=FrozenClock(NOW))
        self.runtime = ToolRuntime(self.db)
        self.today = T
        self.audits = 0
        self.keys = 0
        self.touched: set[str] = set()
        self.statuses: dict[str, str] = {}
        # Lines up to this id are the seed's: checked in full once, then only proven unchanged.
        self.seed_lines: tuple[int, int, int] | None = None

    def teardown(self) -> None:
        if self.outer.is_active:
            self.outer.rollback()
        self.connection.close()

    # -- helpers ---------------------------------------------------------------------------

    def call(self, name: str, args: dict[str, Any], **kwargs: Any) -> ToolOutcome:
        outcome = self.runtime.call(name, args, MANAGER, **kwargs)
        if not outcome.ok:
            assert outcome.error is not None
            assert outcome.error["type"] in REFUSALS, (name, args, outcome.error)
            assert outcome.result is None
        code = args.get("confirmation_code")
        if code:
            self.touched.add(code)
        return outcome

    def folio(self, code: str) -> dict[str, Any]:
        outcome = self.runtime.call("get_folio", {"confirmation_code": code}, MANAGER)
        assert outcome.ok, outcome.error
        assert outcome.result is not None
        return outcome.result

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()

    def booking(
        self, room_type: str, offset: int, nights: int, adults: int, children: int, plan: str
    ) -> dict[str, Any]:
        return {
            "room_type": room_type,
            "check_in": self.day(offset),
            "check_out": self.day(offset + nights),
            "adults": adults,
            "children": children,
            "rate_plan": plan,
            "guest_name": "Nova Prop",
            "guest_email": "nova.prop@example.com",
        }

    def folio_write(
        self, name: str, args: dict[str, Any], delta: int, refusal: str | None
    ) -> ToolOutcome:
        """A folio write moves the balance by exactly `delta` cents, or is refused as expected.

        `refusal` is the error type the contract's folio rules predict, None when they allow it.
        """
        code = args["confirmation_code"]
        before = self.folio(code)
        outcome = self.call(name, args)
        after = self.folio(code)
        if refusal is None:
            assert outcome.ok, (name, args, outcome.error)
            assert outcome.result["folio"] == after
            assert to_cents(after["balance"]) == to_cents(before["balance"]) + delta
            assert len(after["lines"]) == len(before["lines"]) + 1
            assert after["lines"][-1]["line"] == len(after["lines"])
        else:
            assert not outcome.ok and outcome.error["type"] == refusal, (name, args, outcome)
            assert after == before
        return outcome

    # -- rules -----------------------------------------------------------------------------

    @initialize(target=reservations)
    def story(self):
        return multiple(*STORY_CODES)

    @rule(
        target=reservations,
        room_type=st.sampled_from(BOOKED_TYPES),
        offset=st.integers(0, 10),
        nights=st.integers(1, 6),
        adults=st.integers(1, 3),
        children=st.integers(0, 2),
        plan=st.sampled_from(["FLEX", "FLEX", "NRF", "BB"]),
        pick=room_picks,
    )
    def book(self, room_type, offset, nights, adults, children, plan, pick):
        args = self.booking(room_type, offset, nights, adults, children, plan)
        outcome = self.call("create_reservation", args)
        if not outcome.ok:
            if adults + children <= ROOM_TYPES[room_type]:
                assert outcome.error["type"] == "conflict", outcome.error
            return multiple()
        code = outcome.result["confirmation_code"]
        self.touched.add(code)
        assert outcome.result["status"] == "confirmed"
        # NRF is prepaid in full at booking; the others owe nothing until charged.
        total = to_cents(outcome.result["total"])
        assert to_cents(outcome.result["balance"]) == (-total if plan == "NRF" else 0)
        if pick is not None:
            self._assign(code, room_type, pick)
        return code

    @rule(
        target=reservations,
        room_type=st.sampled_from(BOOKED_TYPES),
        nights=st.integers(1, 4),
        pick=room_picks,
    )
    def arrive_and_check_in(self, room_type, nights, pick):
        """Stays can only check in on their arrival day: book one for today and check it in."""
        made = self.call("create_reservation", self.booking(room_type, 0, nights, 1, 0, "FLEX"))
        if not made.ok:
            return multiple()
        code = made.result["confirmation_code"]
        args = {"confirmation_code": code}
        room = None if pick is None else pick_room(room_type, pick)
        if room is not None:
            args["room_number"] = room
        arrived = self.call("check_in", args)
        if arrived.ok:
            stay = arrived.result["reservation"]
            assert stay["status"] == "in_house" and stay["room"] is not None
            if room is not None:
                assert stay["room"] == room
        return code

    @rule(code=reservations)
    def check_in(self, code):
        stay = self.call("get_reservation", {"confirmation_code": code}).result
        outcome = self.call("check_in", {"confirmation_code": code})
        if stay["status"] != "confirmed":
            assert outcome.error["type"] == "conflict", outcome.error
        elif stay["check_in"] != self.today.isoformat():
            assert outcome.error["type"] == "policy_violation", outcome.error
        elif not outcome.ok:
            # Only a lack of ready rooms may stop an arrival on its day.
            assert outcome.error["type"] == "conflict", outcome.error

    @rule(code=reservations, settle=st.booleans())
    def check_out(self, code, settle):
        if settle:
            balance = to_cents(self.folio(code)["balance"])
            if balance > 0:
                self.call(
                    "record_payment",
                    {"confirmation_code": code, "amount": dollars(balance), "method": "card"},
                )
        before = self.folio(code)
        outcome = self.call("check_out", {"confirmation_code": code})
        if before["status"] != "in_house":
            assert outcome.error["type"] == "conflict", outcome.error
        elif to_cents(before["balance"]) > 0:
            assert outcome.error["type"] == "policy_violation", outcome.error
        else:
            assert outcome.ok, outcome.error
            assert outcome.result["reservation"]["status"] == "checked_out"

    @rule(code=reservations, amount=cents, category=st.sampled_from(CATEGORIES))
    def post_charge(self, code, amount, category):
        args = {
            "confirmation_code": code,
            "amount": dollars(amount),
            "category": category,
            "description": "Hypothesis charge",
        }
        status = self.folio(code)["status"]
        refusal = None if status in ("confirmed", "in_house") else "conflict"
        self.folio_write("post_charge", args, amount, refusal)

    @rule(code=reservations, amount=cents, method=st.sampled_from(METHODS))
    def record_payment(self, code, amount, method):
        args = {"confirmation_code": code, "amount": dollars(amount), "method": method}
        folio = self.folio(code)
        # More than the balance only as a deposit, before check-in.
        deposit = folio["status"] == "confirmed"
        refusal = None if deposit or amount <= to_cents(folio["balance"]) else "policy_violation"
        self.folio_write("record_payment", args, -amount, refusal)

    @rule(code=reservations, amount=cents, reuse=st.booleans())
    def record_payment_twice_with_one_key(self, code, amount, reuse):
        """A retried write with its key changes nothing; a new key is a new payment."""
        self.keys += 1
        key = f"hypothesis-{self.keys}"
        args = {"confirmation_code": code, "amount": dollars(amount), "method": "card"}
        lines_before = len(self.folio(code)["lines"])
        first = self.call("record_payment", args, idempotency_key=key)
        again = self.call("record_payment", dict(args), idempotency_key=key)
        lines_after = len(self.folio(code)["lines"])
        assert lines_after == lines_before + (1 if first.ok else 0)
        if first.ok:
            assert again.ok and again.replayed and again.result == first.result
        if reuse:
            other = self.call(
                "record_payment",
                {**args, "amount": dollars(amount + 1)},
                idempotency_key=key,
            )
            if first.ok:
                assert not other.ok and other.error["type"] == "invalid"
            assert len(self.folio(code)["lines"]) == lines_after

    @rule(code=reservations, amount=cents, whole=st.booleans())
    def refund_payment(self, code, amount, whole):
        folio = self.folio(code)
        refundable = to_cents(folio["payments"]) - to_cents(folio["refunds"])
        if whole and refundable > 0:
            amount = refundable
        args = {"confirmation_code": code, "amount": dollars(amount), "reason": "Hypothesis"}
        refusal = None if amount <= refundable else "policy_violation"
        self.folio_write("refund_payment", args, amount, refusal)

    @rule(code=reservations, pick=st.integers(0, 15))
    def void_charge(self, code, pick):
        lines = self.folio(code)["lines"]
        # Mostly a line of the folio (charges, voids, payments alike), sometimes one past the end.
        line = lines[pick % len(lines)]["line"] if lines and pick < 12 else len(lines) + 1
        target = next((entry for entry in lines if entry["line"] == line), None)
        args = {"confirmation_code": code, "line": line, "reason": "Hypothesis"}
        if target is None:
            self.folio_write("void_charge", args, 0, "not_found")
        elif target["kind"] != "charge":
            self.folio_write("void_charge", args, 0, "invalid")
        elif target["voided"]:
            self.folio_write("void_charge", args, 0, "conflict")
        else:
            done = self.folio_write("void_charge", args, -to_cents(target["amount"]), None)
            voided = {entry["line"]: entry["voided"] for entry in done.result["folio"]["lines"]}
            assert voided[line] and done.result["line"]["voids_line"] == line

    @rule(code=reservations, pick=st.integers(0, 15))
    def void_charge_twice(self, code, pick):
        """Voiding a charge again is refused and changes nothing."""
        charges = [
            entry
            for entry in self.folio(code)["lines"]
            if entry["kind"] == "charge" and not entry["voided"]
        ]
        if not charges:
            return
        line = charges[pick % len(charges)]["line"]
        args = {"confirmation_code": code, "line": line, "reason": "Hypothesis"}
        amount = to_cents(charges[pick % len(charges)]["amount"])
        self.folio_write("void_charge", args, -amount, None)
        self.folio_write("void_charge", dict(args), 0, "conflict")

    @rule(code=reservations, pick=st.integers(0, 40))
    def assign_room(self, code, pick):
        stay = self.call("get_reservation", {"confirmation_code": code}).result
        self._assign(code, stay["room_type"], pick)

    @rule(
        target=reservations,
        room_type=st.sampled_from(BOOKED_TYPES),
        offset=st.integers(0, 10),
        nights=st.integers(1, 4),
        gap=st.integers(-3, 4),
        pick=st.integers(0, 29),
    )
    def two_stays_one_room(self, room_type, offset, nights, gap, pick):
        """Two bookings asking for one room: the second gets it only if they do not overlap."""
        first = self.call(
            "create_reservation", self.booking(room_type, offset, nights, 1, 0, "FLEX")
        )
        second_start = max(offset + nights + gap, 0)
        second = self.call(
            "create_reservation", self.booking(room_type, second_start, nights, 1, 0, "FLEX")
        )
        codes = [o.result["confirmation_code"] for o in (first, second) if o.ok]
        if len(codes) < 2:
            return multiple(*codes)
        room = pick_room(room_type, pick)
        taken = self.call("assign_room", {"confirmation_code": codes[0], "room_number": room})
        again = self.call("assign_room", {"confirmation_code": codes[1], "room_number": room})
        overlap = second_start < offset + nights and offset < second_start + nights
        if taken.ok and overlap:
            assert again.error is not None and again.error["type"] == "conflict", again
        return multiple(*codes)

    def _assign(self, code: str, room_type: str, pick: int) -> None:
        room = pick_room(room_type, pick)
        outcome = self.call("assign_room", {"confirmation_code": code, "room_number": room})
        if outcome.ok:
            assert outcome.result["reservation"]["room"] == room
            assert outcome.result["reservation"]["status"] == "confirmed"

    @rule(code=reservations)
    def cancel(self, code):
        outcome = self.call("cancel_reservation", {"confirmation_code": code, "reason": "test"})
        if outcome.ok:
            assert outcome.result["reservation"]["status"] == "cancelled"
            assert outcome.result["reservation"]["room"] is None

    @rule(
        code=reservations,
        shift=st.integers(-3, 5),
        what=st.sampled_from(["out", "both", "room_type", "rate_plan", "adults"]),
        room_type=st.sampled_from(BOOKED_TYPES),
        plan=st.sampled_from(["FLEX", "BB", "NRF"]),
    )
    def modify(self, code, shift, what, room_type, plan):
        current = self.call("get_reservation", {"confirmation_code": code}).result
        check_in = date.fromisoformat(current["check_in"])
        check_out = date.fromisoformat(current["check_out"])
        args: dict[str, Any] = {"confirmation_code": code}
        if what in ("out", "both"):
            args["check_out"] = (check_out + timedelta(days=shift)).isoformat()
        if what == "both":
            args["check_in"] = (check_in + timedelta(days=shift)).isoformat()
        if what == "room_type":
            args["room_type"] = room_type
        if what == "rate_plan":
            args["rate_plan"] = plan
        if what == "adults":
            args["adults"] = max(1, current["adults"] + shift % 3 - 1)
        outcome = self.call("modify_reservation", args)
        if outcome.ok:
            changed = outcome.result
            assert changed["status"] == current["status"]
            # The total is repriced: (nightly rate + breakfast) x nights.
            nightly = to_cents(changed["nightly_rate"]) + to_cents(changed["breakfast_per_night"])
            assert to_cents(changed["total"]) == nightly * changed["nights"]
            if current["status"] == "in_house":
                assert set(args) <= {"confirmation_code", "check_out"} or all(
                    changed[key] == current[key] for key in args if key != "check_out"
                )
        elif current["status"] not in ("confirmed", "in_house"):
            assert outcome.error["type"] == "conflict", outcome.error

    @rule(room=st.sampled_from(ROOMS), offset=st.integers(0, 30), nights=st.integers(1, 10))
    def set_out_of_order(self, room, offset, nights):
        self.call(
            "set_room_out_of_order",
            {
                "room_number": room,
                "start_date": self.day(offset),
                "end_date": self.day(offset + nights),
                "reason": "Hypothesis works",
            },
        )

    @rule(room=st.sampled_from(ROOMS))
    def return_to_service(self, room):
        self.call("return_room_to_service", {"room_number": room})

    @precondition(lambda self: self.audits < 2)
    @rule()
    def run_night_audit(self):
        summary = self.db.run(lambda session: night_audit(session, MANAGER))
        self.audits += 1
        assert summary.audited_date == self.today.isoformat()
        self.today += timedelta(days=1)
        assert summary.new_business_date == self.today.isoformat()

    # -- invariants ------------------------------------------------------------------------

    @invariant()
    def books_and_rooms_hold(self) -> None:
        with self.db.unit_of_work() as session:
            business_date = session.scalar(
                select(Hotel.business_date).where(Hotel.slug == "harbor-view")
            )
            assert business_date == self.today
            balances = self._check_folios(session)
            self._check_rooms(session)
            self._check_inventory(session)
            self._check_statuses(session)
        for code in sorted(self.touched):
            if code not in balances:
                continue
            folio = self.folio(code)
            assert to_cents(folio["balance"]) == balances[code], (code, folio)
            view = self.call("get_reservation", {"confirmation_code": code})
            assert view.ok and to_cents(view.result["balance"]) == balances[code], code
        self.touched.clear()

    def _check_folios(self, session) -> dict[str, int]:
        """Check every folio the first time, then those with lines written since."""
        query = (
            select(
                STAYS.code,
                LINES.reservation_id,
                LINES.line,
                LINES.kind,
                LINES.amount_cents,
                LINES.voids_line,
            )
            .select_from(
                FolioLine.__table__.join(Reservation.__table__, STAYS.id == LINES.reservation_id)
            )
            .order_by(LINES.reservation_id, LINES.line)
        )
        seed_lines = session.execute(
            select(
                func.coalesce(func.max(LINES.id), 0),
                func.count(),
                func.coalesce(func.sum(LINES.amount_cents), 0),
            )
        ).one()
        if self.seed_lines is None:
            self.seed_lines = tuple(seed_lines)
        else:
            last_seed_id = self.seed_lines[0]
            unchanged = session.execute(
                select(func.count(), func.coalesce(func.sum(LINES.amount_cents), 0)).where(
                    LINES.id <= last_seed_id
                )
            ).one()
            assert tuple(unchanged) == self.seed_lines[1:], "a seeded folio line changed"
            written = select(LINES.reservation_id).where(LINES.id > last_seed_id)
            query = query.where(LINES.reservation_id.in_(written) | STAYS.code.in_(self.touched))
        rows = session.execute(query).all()
        folios: dict[int, list[Any]] = defaultdict(list)
        codes: dict[int, str] = {}
        for row in rows:
            folios[row.reservation_id].append(row)
            codes[row.reservation_id] = row.code
        balances: dict[str, int] = {}
        for reservation_id, lines in folios.items():
            code = codes[reservation_id]
            assert [line.line for line in lines] == list(range(1, len(lines) + 1)), code
            by_number = {line.line: line for line in lines}
            voided = Counter(line.voids_line for line in lines if line.kind == "void")
            assert all(count == 1 for count in voided.values()), (code, voided)
            sums = {"charge": 0, "payment": 0, "refund": 0}
            voided_charges = 0
            for line in lines:
                assert line.amount_cents > 0, code
                if line.kind == "void":
                    target = by_number.get(line.voids_line)
                    assert target is not None and target.kind == "charge", (code, line)
                    assert target.line < line.line and target.amount_cents == line.amount_cents
                    voided_charges += target.amount_cents
                else:
                    assert line.voids_line is None, (code, line)
                    sums[line.kind] += line.amount_cents
            assert sums["refund"] <= sums["payment"], (code, sums)
            balances[code] = sums["charge"] - voided_charges - sums["payment"] + sums["refund"]
        # Reservations without lines have a zero balance.
        for code in self.touched:
            balances.setdefault(code, 0)
        return balances

    def _check_rooms(self, session) -> None:
        stays = session.execute(
            select(STAYS.room_id, STAYS.check_in, STAYS.check_out, STAYS.code)
            .where(
                STAYS.room_id.is_not(None),
                STAYS.status.in_(("confirmed", "in_house", "checked_out")),
            )
            .order_by(STAYS.room_id, STAYS.check_in)
        ).all()
        for earlier, later in pairwise(stays):
            if earlier.room_id == later.room_id:
                assert earlier.check_out <= later.check_in, (earlier.code, later.code)
        in_house = Counter(
            session.scalars(
                select(STAYS.room_id).where(STAYS.status == "in_house", STAYS.room_id.is_not(None))
            )
        )
        assert all(count == 1 for count in in_house.values()), in_house

    def _check_inventory(self, session) -> None:
        """Sweep each type's nights: +1 where a stay (or downtime) starts, -1 where it ends."""
        first, end = T, T + timedelta(days=HORIZON)
        rooms = Counter(session.scalars(select(ROOM_ROWS.room_type_id)))
        down = session.execute(
            select(ROOM_ROWS.room_type_id, DOWNTIME.start_date, DOWNTIME.end_date, func.count())
            .select_from(
                OutOfOrderPeriod.__table__.join(Room.__table__, ROOM_ROWS.id == DOWNTIME.room_id)
            )
            .where(DOWNTIME.end_date > first, DOWNTIME.start_date < end)
            .group_by(ROOM_ROWS.room_type_id, DOWNTIME.start_date, DOWNTIME.end_date)
        ).all()
        sold = session.execute(
            select(STAYS.room_type_id, STAYS.check_in, STAYS.check_out, func.count())
            .where(
                STAYS.status.in_(("confirmed", "in_house")),
                STAYS.check_out > first,
                STAYS.check_in < end,
            )
            .group_by(STAYS.room_type_id, STAYS.check_in, STAYS.check_out)
        ).all()
        # Nights with more stays than rooms in service: stays - in-service rooms > 0.
        excess = {type_id: [-count] + [0] * HORIZON for type_id, count in rooms.items()}
        for type_id, start, stop, count in [*sold, *down]:
            excess[type_id][max((start - first).days, 0)] += count
            excess[type_id][min((stop - first).days, HORIZON)] -= count
        for type_id, changes in excess.items():
            running = 0
            for index in range(HORIZON):
                running += changes[index]
                assert running <= 0, (
                    f"room type {type_id} on {first + timedelta(days=index)} holds "
                    f"{running} more confirmed or in-house stays than it has rooms in service"
                )

    def _check_statuses(self, session) -> None:
        known = set(self.statuses) | set(self.touched)
        if not known:
            return
        rows = session.execute(select(STAYS.code, STAYS.status).where(STAYS.code.in_(known))).all()
        for code, status in rows:
            previous = self.statuses.get(code)
            if previous is not None and previous != status:
                assert (previous, status) in ALLOWED_TRANSITIONS, (code, previous, status)
            self.statuses[code] = status


SETTINGS = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def seeded_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """SQLite: the session's seeded file. PostgreSQL: a seeded database of this test's own, so
    the sequences the examples advance (rollbacks keep them) never shift another test's ids."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_engine")
        return
    engine = make_engine(request.getfixturevalue("pg_fresh"), poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.mark.slow
def test_books_and_inventory_stay_consistent(seeded_engine):
    machine = type("HotelMachineOn", (HotelMachine,), {"engine": seeded_engine})
    run_state_machine_as_test(machine, settings=SETTINGS)
