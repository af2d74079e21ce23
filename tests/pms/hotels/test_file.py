"""Reading a hotel file: every mistake reported at once, with its place; nothing guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pms.hotels.file import HotelFileInvalid, load_hotel_file, parse_hotel_file
from pms.seed.demo import DEMO_FILES
from tests.pms.hotels.documents import riverside, stay


def errors_of(document: object) -> list[str]:
    with pytest.raises(HotelFileInvalid) as caught:
        parse_hotel_file(document)
    return caught.value.errors


def test_a_valid_file_reads_as_cents_basis_points_and_room_numbers() -> None:
    hotel = parse_hotel_file(riverside())
    assert hotel.room_types[0].rate == 12_000
    assert hotel.rate_plans[1].discount_percent == 1000
    assert hotel.rate_plans[1].breakfast_per_adult == 1250
    numbers = [number for number, _ in hotel.room_list()]
    assert numbers == ["101", *(str(n) for n in range(102, 113)), "201", "202", "203", "204"]
    assert hotel.currency == "EUR" and hotel.check_in_time == "14:00"


def test_every_error_is_listed_with_its_place() -> None:
    document = riverside(colour="blue", check_in_time="2pm")
    document["room_types"][1]["rate"] = "a lot"
    document["rate_plans"][0]["late_cancellation_fee"] = "everything"
    document["staff"][0]["role"] = "owner"
    errors = errors_of(document)
    assert "colour: unknown key" in errors
    assert 'check_in_time: not a time such as "15:00"' in errors
    assert "room_types[1].rate: not an amount" in errors
    assert any(e.startswith("rate_plans[0].late_cancellation_fee: not one of") for e in errors)
    assert any(e.startswith("staff[0].role: not one of") for e in errors)
    assert len(errors) == 5


def test_references_and_duplicates_are_errors_with_their_place() -> None:
    document = riverside()
    document["rooms"].append({"number": "105", "floor": 1, "type": "STE"})
    document["room_types"].append(dict(document["room_types"][0]))
    document["seasons"][0]["rates"]["PENT"] = "900.00"
    document["reservations"] = [
        stay("RL1001", status="in_house"),
        stay("XX1002", rate_plan="GOLD"),
        stay("RL1003", room="201"),
    ]
    errors = errors_of(document)
    assert "room_types[2].code: TWN is already at room_types[0]" in errors
    assert "rooms[3].type: no room type STE" in errors
    assert "rooms[3]: room 105 is already defined at rooms[1]" in errors
    assert "seasons[0].rates.PENT: no room type PENT" in errors
    assert "reservations[0].room: an in_house stay needs a room" in errors
    assert "reservations[1].code: XX1002 is not RL followed by digits" in errors
    assert "reservations[1].rate_plan: no rate plan GOLD" in errors
    assert "reservations[2].room: room 201 is DBL, not TWN" in errors


def test_amounts_are_exact_strings_and_times_must_be_quoted() -> None:
    document = riverside(check_out_time=720)  # what YAML makes of an unquoted 12:00
    document["room_types"][0]["rate"] = 120.5
    document["room_types"][1]["rate"] = "99.999"
    errors = errors_of(document)
    assert 'check_out_time: not a time (put it in quotes: "14:00")' in errors
    assert 'room_types[0].rate: not an amount (write it as a string: "120.00")' in errors
    assert "room_types[1].rate: not an amount (at most two decimals)" in errors


def test_two_stays_in_one_room_on_a_night_are_an_error() -> None:
    document = riverside(
        reservations=[stay("RL1001", room="103"), stay("RL1002", room="103", check_in="2027-03-06")]
    )
    assert errors_of(document) == [
        "reservations[1].room: room 103 is taken by RL1001 until 2027-03-07"
    ]


def test_a_yaml_file_with_a_documents_folder_must_have_it(tmp_path: Path) -> None:
    path = tmp_path / "hotel.yaml"
    path.write_text("slug: ab\nname: [unclosed\n")
    with pytest.raises(HotelFileInvalid) as caught:
        load_hotel_file(path)
    assert caught.value.source == str(path)
    path.write_text(yaml.safe_dump(riverside(documents="docs/")))
    with pytest.raises(HotelFileInvalid, match="documents: no folder docs/ beside the file"):
        load_hotel_file(path)
    (tmp_path / "docs").mkdir()
    assert load_hotel_file(path).documents == "docs/"


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.stem)
def test_the_demo_hotel_files_are_valid(path: Path) -> None:
    hotel = load_hotel_file(path)
    assert hotel.slug == path.stem


@pytest.mark.parametrize(
    "zone", ["0" * 600, "../../../etc/passwd", "Europe/\x00Lisbon", "Mars/Olympus_Mons", ""]
)
def test_a_time_zone_that_is_no_iana_name_is_an_error_not_a_crash(zone: str) -> None:
    # A 600-character name made the zone lookup raise OSError (file name too long): a 500.
    assert errors_of(riverside(timezone=zone)) == [
        'timezone: not an IANA time zone such as "Europe/Lisbon"'
    ]
