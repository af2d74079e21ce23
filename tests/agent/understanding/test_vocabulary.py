"""Room types and rate plans matched against a hotel's own vocabulary."""

import pytest

from agent.understanding.vocabulary import VocabEntry, best_match, match_vocabulary

HARBOR_ROOMS = [
    VocabEntry("STQ", "Standard Queen", "One queen bed, city side."),
    VocabEntry("STD", "Standard Double (two queen beds)", "Two queen beds, sleeps four."),
    VocabEntry("DLK", "Deluxe King, sea view", "A king bed and a view over the harbor."),
    VocabEntry("STE", "Harbor Suite (king bed and sofa bed)", "Separate living room."),
]
HARBOR_PLANS = [
    VocabEntry("FLEX", "Flexible", "Free cancellation until 48 hours before arrival."),
    VocabEntry("NRF", "Non-refundable", "15% off, prepaid at booking, no refund, no changes."),
    VocabEntry("BB", "Bed & Breakfast", "Flexible terms with breakfast for every adult."),
]
ALPINE_ROOMS = [
    VocabEntry("DBL", "Double", "A double bed, sleeps two."),
    VocabEntry("FAM", "Family", "Room for up to five."),
]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("two queen beds", "STD"),
        ("a room with 2 queens", "STD"),
        ("something with two queen size beds for the kids", "STD"),
        ("standard double", "STD"),
        ("a double room", "STD"),
        ("a queen room", "STQ"),
        ("one queen bed", "STQ"),
        ("standard queen", "STQ"),
        ("sea view", "DLK"),
        ("an ocean view room please", "DLK"),
        ("deluxe", "DLK"),
        ("delux king", "DLK"),
        ("deluxe king with a view of the sea", "DLK"),
        ("suite", "STE"),
        ("the harbour suite", "STE"),
        ("a suit", "STE"),
        ("a king bed and a sofa bed", "STE"),
        ("STE", "STE"),
        ("dlk please", "DLK"),
        ("I'd like the sea view king room with breakfast for 2 adults", "DLK"),
    ],
)
def test_room_types(text: str, code: str) -> None:
    assert best_match(text, HARBOR_ROOMS) == code


def test_king_alone_is_ambiguous_candidates() -> None:
    candidates = match_vocabulary("a king bed", HARBOR_ROOMS)
    codes = [c.code for c in candidates]
    assert codes[:2] == ["DLK", "STE"] or codes[:2] == ["STE", "DLK"]
    assert candidates[0].score > 0 and candidates[1].score > 0


def test_standard_alone_is_ambiguous() -> None:
    assert best_match("a standard room", HARBOR_ROOMS) is None
    assert {c.code for c in match_vocabulary("a standard room", HARBOR_ROOMS)} >= {"STQ", "STD"}


@pytest.mark.parametrize("text", ["hello", "2 adults", "for 3 nights", "breakfast", ""])
def test_room_types_nothing(text: str) -> None:
    assert best_match(text, HARBOR_ROOMS) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("non-refundable", "NRF"),
        ("non refundable please", "NRF"),
        ("the nonrefundable one", "NRF"),
        ("I'll pay now", "NRF"),
        ("prepaid", "NRF"),
        ("the cheapest rate", "NRF"),
        ("the discounted one", "NRF"),
        ("with breakfast", "BB"),
        ("B&B", "BB"),
        ("bed and breakfast", "BB"),
        ("breakfast included please", "BB"),
        ("with breakfest", "BB"),
        ("flexible", "FLEX"),
        ("free cancellation", "FLEX"),
        ("I want to be able to cancel for free", "FLEX"),
        ("fully refundable", "FLEX"),
        ("flex", "FLEX"),
        ("flexable", "FLEX"),
    ],
)
def test_rate_plans(text: str, code: str) -> None:
    assert best_match(text, HARBOR_PLANS) == code


@pytest.mark.parametrize(("text", "code"), [("family room", "FAM"), ("a double", "DBL")])
def test_other_hotel_vocabulary(text: str, code: str) -> None:
    assert best_match(text, ALPINE_ROOMS) == code


def test_aliases_are_used() -> None:
    rooms = [
        VocabEntry("PH", "Penthouse", aliases=("top floor apartment",)),
        VocabEntry("TW", "Twin", "Two single beds"),
    ]
    assert best_match("the top floor apartment", rooms) == "PH"
    assert best_match("two single beds", rooms) == "TW"


def test_empty_vocabulary() -> None:
    assert match_vocabulary("suite", []) == []
    assert best_match("suite", []) is None
