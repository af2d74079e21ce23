"""Booking arguments are refused at the schema when the database could not keep them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pms.db import Database
from tests.support import T, principal
from tools.runtime import ToolRuntime

BOOKING = {
    "room_type": "DLK",
    "check_in": str(T + timedelta(days=19)),
    "check_out": str(T + timedelta(days=22)),
    "adults": 2,
    "guest_email": "guest@example.com",
}


@pytest.mark.parametrize(
    "name",
    ["Hannah " + "B" * 81, "Hannah " + "\u337f" * 21],  # U+337F folds to four characters
    ids=["long-last-name", "last-name-that-folds-long"],
)
def test_a_last_name_longer_than_its_column_is_refused(db: Database, name: str) -> None:
    """The folded last word is kept in a column of 80; folding may lengthen it (NFKD)."""
    assert len(name) <= 120
    outcome = ToolRuntime(db).call(
        "create_reservation", {**BOOKING, "guest_name": name}, principal("front_desk", "leo")
    )
    assert outcome.error is not None and outcome.error["type"] == "invalid"
    assert "guest_name" in outcome.error["message"] and "80" in outcome.error["message"]


def test_a_last_name_of_eighty_characters_books_and_finds(db: Database) -> None:
    runtime = ToolRuntime(db)
    name = "Hannah " + "b" * 80
    booked = runtime.call("create_reservation", {**BOOKING, "guest_name": name}, principal("guest"))
    assert booked.result is not None, booked.error
    found = runtime.call(
        "find_reservation",
        {"confirmation_code": booked.result["confirmation_code"], "last_name": "B" * 80},
        principal("guest"),
    )
    assert found.ok
