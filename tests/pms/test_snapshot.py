"""The canonical state snapshot the evaluations compare (docs/evaluation.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from pms.db import Database
from pms.models import FolioLine, HousekeepingTask, Reservation
from pms.snapshot import canonical_json, snapshot_diff, state_hash, state_snapshot
from tests.support import principal
from tools.runtime import ToolRuntime


def _snap(db: Database) -> dict[str, Any]:
    with db.unit_of_work() as session:
        return state_snapshot(session)


def test_snapshot_covers_every_hotel_in_a_fixed_order(db: Database) -> None:
    snap = _snap(db)
    assert list(snap) == ["alpine-lodge", "harbor-view"]
    hv = snap["harbor-view"]
    assert set(hv) == {"reservations", "guests", "folio_lines", "rooms", "housekeeping_tasks"}
    codes = [r["code"] for r in hv["reservations"]]
    assert codes == sorted(codes)
    hv1004 = next(r for r in hv["reservations"] if r["code"] == "HV1004")
    assert hv1004 == {
        "code": "HV1004",
        "status": "in_house",
        "room_type": "STE",
        "room": "623",
        "check_in": "2027-02-26",
        "check_out": "2027-03-01",
        "adults": 2,
        "children": 0,
        "rate_plan": "BB",
        "total_cents": hv1004["total_cents"],
    }
    assert {"name": "sofia rossi", "email": "sofia.rossi@example.com"} in hv["guests"]
    room_312 = next(r for r in hv["rooms"] if r["number"] == "312")
    assert room_312 == {
        "number": "312",
        "condition": "dirty",
        "out_of_order": [["2027-02-28", "2027-03-03"]],
    }
    assert hv["housekeeping_tasks"][2] == {
        "id": 3,
        "room": "214",
        "kind": "amenity_request",
        "status": "open",
        "assignee": None,
        "priority": "normal",
    }
    lines = [f for f in hv["folio_lines"] if f["reservation"] == "HV1004"]
    assert [f["line"] for f in lines] == list(range(1, 9))
    assert lines[7] == {
        "reservation": "HV1004",
        "line": 8,
        "kind": "payment",
        "category": None,
        "amount_cents": 100000,
    }
    text = canonical_json(snap)
    assert (
        "created_at" not in text and "Tide Restaurant" not in text and "bathroom leak" not in text
    )


def test_snapshot_is_stable(db: Database) -> None:
    first, second = _snap(db), _snap(db)
    assert first == second
    assert state_hash(first) == state_hash(second)
    assert len(state_hash(first)) == 64
    assert snapshot_diff(first, second) == []


def test_a_write_changes_the_hash_and_the_diff_names_the_row(db: Database) -> None:
    before = _snap(db)
    outcome = ToolRuntime(db).call(
        "update_housekeeping_task",
        {"task_id": 2, "status": "done"},
        principal("housekeeping", "tom.reed"),
        clock=db.clock,
    )
    assert outcome.ok, outcome.error
    after = _snap(db)
    assert state_hash(before) != state_hash(after)
    diff = snapshot_diff(before, after)
    assert 'harbor-view housekeeping_tasks task 2: changed status "in_progress" -> "done"' in diff
    assert any(line.startswith("harbor-view rooms room 305: changed condition") for line in diff)


def test_a_new_booking_shows_as_added_rows(db: Database) -> None:
    before = _snap(db)
    outcome = ToolRuntime(db).call(
        "create_reservation",
        {
            "room_type": "DLK",
            "check_in": "2027-03-20",
            "check_out": "2027-03-23",
            "adults": 2,
            "guest_name": "  Hannah Berg ",
            "guest_email": "Hannah.Berg@Example.com",
        },
        principal("guest"),
        clock=db.clock,
    )
    assert outcome.ok, outcome.error
    diff = snapshot_diff(before, _snap(db), added="unexpected")
    assert any(line.startswith("harbor-view reservations HV5001: unexpected") for line in diff)
    assert "harbor-view guests hannah berg <hannah.berg@example.com>: unexpected x1" in diff


def test_timestamps_and_free_text_are_ignored(db: Database) -> None:
    before = _snap(db)
    with db.unit_of_work() as session:
        session.execute(
            update(Reservation)
            .where(Reservation.code == "HV1002")
            .values(special_requests="late arrival", cancel_reason="n/a")
        )
        session.execute(update(HousekeepingTask).values(notes="changed"))
        line_id = session.scalars(select(FolioLine.id).limit(1)).one()
        session.execute(
            update(FolioLine).where(FolioLine.id == line_id).values(description="renamed")
        )
    assert state_hash(_snap(db)) == state_hash(before)
    with db.unit_of_work() as session:
        session.execute(update(Reservation).where(Reservation.code == "HV1002").values(adults=2))
    diff = snapshot_diff(before, _snap(db))
    assert diff == ["harbor-view reservations HV1002: changed adults 1 -> 2"]


def test_diff_is_limited() -> None:
    a = {
        "h": {
            "rooms": [
                {"number": str(n), "condition": "clean", "out_of_order": []} for n in range(80)
            ]
        }
    }
    b: dict[str, Any] = {"h": {"rooms": []}}
    diff = snapshot_diff(a, b, limit=10)
    assert len(diff) == 11
    assert diff[-1] == "... and 70 more difference(s)"
