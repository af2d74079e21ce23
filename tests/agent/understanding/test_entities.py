"""Entity extractors: codes, rooms, floors, money, party, contact, names, categories."""

from decimal import Decimal

import pytest

from agent.understanding.entities import (
    find_amounts,
    find_confirmation_codes,
    find_emails,
    find_floors,
    find_phone_numbers,
    find_room_numbers,
)
from agent.understanding.people import Party, find_party, find_person_name
from agent.understanding.requests import (
    find_charge_category,
    find_payment_method,
    find_priority,
    find_room_condition,
    find_task_ids,
    find_task_kind,
    find_task_status,
)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("HV1001", ["HV1001"]),
        ("my code is hv 1001", ["HV1001"]),
        ("HV-1003 and AL5001", ["HV1003", "AL5001"]),
        ("confirmation #hv1002.", ["HV1002"]),
        ("booking al1001", ["AL1001"]),
        ("room 517", []),
        ("XY1234", []),
        ("HVAC is broken", []),
    ],
)
def test_confirmation_codes(text: str, codes: list[str]) -> None:
    assert find_confirmation_codes(text, ("HV", "AL")) == codes


def test_confirmation_codes_are_those_of_the_hotels_prefix() -> None:
    assert find_confirmation_codes("ref zz 42001", prefixes=["ZZ"]) == ["ZZ42001"]
    assert find_confirmation_codes("check my booking SY5015", ["SY"]) == ["SY5015"]
    assert find_confirmation_codes("check my booking SY5015", ["HV"]) == []
    assert find_confirmation_codes("RIVA 1001 or riva-1002", ["RIVA"]) == ["RIVA1001", "RIVA1002"]
    assert find_confirmation_codes("HV1001", []) == []  # no hotel, no codes


@pytest.mark.parametrize(
    ("text", "rooms"),
    [
        ("room 517", ["517"]),
        ("Room #623", ["623"]),
        ("rm 214 please", ["214"]),
        ("517", ["517"]),
        ("I'm in 517", ["517"]),
        ("the 312 is dirty", ["312"]),
        ("set 301 and 302 to clean", ["301", "302"]),
        ("room five hundred seventeen", ["517"]),
        ("$517", []),
        ("517 dollars", []),
        ("a charge of 120", []),  # money after a money verb is not a room
        ("charge 120 to 517", ["517"]),
        ("move me to 312", ["312"]),
        ("in 2027", []),
        ("HV1001", []),
        ("at 10:30", []),
        ("March 20, 2027", []),
        ("3 nights for 2 adults", []),
        ("38.50", []),
        ("call +1 555 0142", []),
        ("task 123", []),
        ("100% sure", []),
        ("floor 3", []),
    ],
)
def test_room_numbers(text: str, rooms: list[str]) -> None:
    assert find_room_numbers(text) == rooms


def test_room_numbers_filtered_by_hotel() -> None:
    assert find_room_numbers("charge 120 to 517", valid_rooms={"517", "623"}) == ["517"]
    # an explicit "room" cue is trusted even when unknown, so the tool can refuse it clearly
    assert find_room_numbers("room 999", valid_rooms={"517"}) == ["999"]


@pytest.mark.parametrize(
    ("text", "floors"),
    [
        ("3rd floor", [3]),
        ("floor 3", [3]),
        ("floor three", [3]),
        ("the third floor", [3]),
        ("on the 2nd floor please", [2]),
        ("level 4", [4]),
        ("ground floor", [0]),
        ("rooms on floors", []),
        ("room 517", []),
    ],
)
def test_floors(text: str, floors: list[int]) -> None:
    assert find_floors(text) == floors


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("$38.50", ["38.50"]),
        ("38 dollars 50", ["38.50"]),
        ("USD 20", ["20.00"]),
        ("120 bucks", ["120.00"]),
        ("charge 38.50 for dinner", ["38.50"]),
        ("a payment of $1,000", ["1000.00"]),
        ("forty five dollars", ["45.00"]),
        ("$517", ["517.00"]),
        ("$40 and $45", ["40.00", "45.00"]),
        ("I'd like to pay 200 with card", ["200.00"]),
        ("a charge of 12.5 for laundry", ["12.50"]),
        ("refund 40 to HV1004", ["40.00"]),
        ("pay for 2 nights", []),
        ("the total is 518.50", ["518.50"]),
        ("room 517", []),
        ("March 20", []),
        ("at 15:30", []),
        ("15% off", []),
    ],
)
def test_amounts(text: str, amounts: list[str]) -> None:
    assert find_amounts(text) == [Decimal(a) for a in amounts]


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("2 adults and 1 child", Party(2, 1)),
        ("two adults, two kids", Party(2, 2)),
        ("3 adults", Party(3, None)),
        ("me and my wife", Party(2, None)),
        ("my husband and I", Party(2, None)),
        ("family of four with two kids", Party(2, 2)),
        ("a family of 5, 3 children", Party(2, 3)),
        ("just me", Party(1, None)),
        ("only myself", Party(1, None)),
        ("I'm travelling alone", Party(1, None)),
        ("two of us", Party(2, None)),
        ("there are 4 of us", Party(4, None)),
        ("me, my wife and our 2 kids", Party(2, 2)),
        ("me and my son", Party(1, 1)),
        ("2 adults, no kids", Party(2, 0)),
        ("a couple", Party(2, None)),
        ("room 517", Party(None, None)),
    ],
)
def test_party(text: str, party: Party) -> None:
    assert find_party(text) == party


def test_emails_keep_address_lower_cased() -> None:
    assert find_emails("It's John.Carter@Example.com.") == ["john.carter@example.com"]
    assert find_emails("a+b@x.co.uk or c_d@y.org") == ["a+b@x.co.uk", "c_d@y.org"]
    assert find_emails("no email here @ all") == []


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("+1 555 0142", ["+15550142"]),
        ("call me at (555) 014-2233", ["5550142233"]),
        ("my number is 555-123-4567", ["5551234567"]),
        ("2027-03-20", []),
        ("$1000.50", []),
        ("room 517", []),
    ],
)
def test_phone_numbers(text: str, phones: list[str]) -> None:
    assert find_phone_numbers(text) == phones


@pytest.mark.parametrize(
    ("text", "full", "last"),
    [
        ("My name is John Carter", "John Carter", "Carter"),
        ("my name is john carter and my email is j@x.com", "John Carter", "Carter"),
        ("Hi, I'm Priya Shah, I have a booking", "Priya Shah", "Shah"),
        ("I am Lukas Meyer", "Lukas Meyer", "Meyer"),
        ("Name: Sofia Rossi", "Sofia Rossi", "Rossi"),
        ("it's under Okafor", "Okafor", "Okafor"),
        ("the booking is under the name Mei Tanaka", "Mei Tanaka", "Tanaka"),
        ("a reservation for Omar Haddad please", "Omar Haddad", "Haddad"),
        ("Chloe Dubois", "Chloe Dubois", "Dubois"),
        ("This is Mrs. Mei Tanaka", "Mei Tanaka", "Tanaka"),
        ("Mary-Jane O'Neil", "Mary-Jane O'Neil", "O'Neil"),
        ("my last name is Carter", "Carter", "Carter"),
        ("email p@x.com and name Priya Shah", "Priya Shah", "Shah"),
        ("Hi, this is John Carter, room 517", "John Carter", "Carter"),
    ],
)
def test_person_names(text: str, full: str, last: str) -> None:
    name = find_person_name(text)
    assert name is not None
    assert (name.full, name.last) == (full, last)


@pytest.mark.parametrize(
    "text",
    [
        "I'm looking for a room",
        "I'm Tired",
        "a room for Friday",
        "for 2 adults",
        "Deluxe King",
        "Hello there",
        "sounds good",
        "Thank You",
        "I'd like to book the Harbor Suite",
        "Check Out",
    ],
)
def test_not_names(text: str) -> None:
    assert find_person_name(text) is None


def test_bare_lower_case_name_when_expecting() -> None:
    assert find_person_name("john carter") is None
    name = find_person_name("john carter", expecting=True)
    assert name is not None and name.full == "John Carter"


@pytest.mark.parametrize(
    ("text", "method"),
    [
        ("by card", "card"),
        ("credit card please", "card"),
        ("I'll pay with my Visa", "card"),
        ("mastercard", "card"),
        ("Amex", "card"),
        ("paying cash", "cash"),
        ("bank transfer", "bank_transfer"),
        ("they sent a wire", "bank_transfer"),
        ("whatever", None),
    ],
)
def test_payment_methods(text: str, method: str | None) -> None:
    assert find_payment_method(text) == method


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("two beers from the minibar", "minibar"),
        ("mini bar", "minibar"),
        ("a 60-minute massage", "spa"),
        ("spa treatment", "spa"),
        ("valet parking for 2 nights", "parking"),
        ("laundry service", "laundry"),
        ("dry cleaning", "laundry"),
        ("room service", "food_beverage"),
        ("dinner at Tide Restaurant", "food_beverage"),
        ("drinks at the bar", "food_beverage"),
        ("breakfast for two", "breakfast"),
        ("late cancellation fee", "cancellation_fee"),
        ("misc charge", "misc"),
        ("hello", None),
    ],
)
def test_charge_categories(text: str, category: str | None) -> None:
    assert find_charge_category(text) == category


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("can I get some towels", "amenity_request"),
        ("two extra pillows please", "amenity_request"),
        ("we need a crib", "amenity_request"),
        ("please clean my room", "stayover_clean"),
        ("could housekeeping come by", "stayover_clean"),
        ("the shower is broken", "maintenance"),
        ("there's a leak under the sink", "maintenance"),
        ("the AC is not working", "maintenance"),
        ("the toilet won't flush", "maintenance"),
        ("checkout clean for 305", "checkout_clean"),
        ("inspect room 313", "inspection"),
        ("hello", None),
    ],
)
def test_task_kinds(text: str, kind: str | None) -> None:
    assert find_task_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("I started task 3", "in_progress"),
        ("working on it now", "in_progress"),
        ("I'm on it", "in_progress"),
        ("finished task 1", "done"),
        ("done with 517", "done"),
        ("task 2 is completed", "done"),
        ("reopen task 4", "open"),
        ("not started yet", "open"),
    ],
)
def test_task_status(text: str, status: str) -> None:
    assert find_task_status(text) == status


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("urgent!", "high"),
        ("asap please", "high"),
        ("right away", "high"),
        ("not urgent", "low"),
        ("no rush", "low"),
        ("normal priority", "normal"),
        ("towels please", None),
    ],
)
def test_priority(text: str, priority: str | None) -> None:
    assert find_priority(text) == priority


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("mark 301 dirty", "dirty"),
        ("301 is not clean", "dirty"),
        ("needs cleaning", "dirty"),
        ("set it to clean", "clean"),
        ("room 306 has been cleaned", "clean"),
        ("313 inspected", "inspected"),
        ("passed inspection", "inspected"),
        ("hello", None),
    ],
)
def test_room_condition(text: str, condition: str | None) -> None:
    assert find_room_condition(text) == condition


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("task 3", [3]),
        ("task #3", [3]),
        ("task number 12", [12]),
        ("#4 is done", [4]),
        ("tasks 1 and 2", [1]),
        ("room #517", []),
        ("task three", [3]),
    ],
)
def test_task_ids(text: str, ids: list[int]) -> None:
    assert find_task_ids(text) == ids
