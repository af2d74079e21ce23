"""The offline model serves a hotel it was never written for, from that hotel's data alone: its
booking codes, its room types by name and alias, its plans by their terms, its check-in time and
its currency (tests/agent/riverside.py is the hotel)."""

from __future__ import annotations

from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agent.assistant import Assistant
from agent.offline import OfflineChatModel
from agent.offline.hotel import words_of
from agent.offline.slots import extract
from knowledge.base import KnowledgeBase
from knowledge.store import LocalStore
from pms.clock import FrozenClock
from pms.db import Database
from pms.hotels.profile import load_profile
from tests.agent.riverside import SLUG, add_riverside
from tests.knowledge.fakes import CountingEmbedder
from tests.support import NOW, T
from tools.runtime import ToolRuntime


@pytest.fixture
def riverside(db: Database, tmp_path: Path) -> ToolRuntime:
    add_riverside(db)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "pets.md").write_text("# Pets\n\nDogs are welcome in the garden rooms.\n")
    base = KnowledgeBase(LocalStore(), CountingEmbedder())
    base.ingest(SLUG, [tmp_path / "docs"])
    return ToolRuntime(db, knowledge=base)


def _assistant(runtime: ToolRuntime, role: str, user: str | None = None) -> Assistant:
    return Assistant(
        runtime=runtime,
        checkpointer=InMemorySaver(),
        model=OfflineChatModel(),
        hotel=SLUG,
        role=role,
        user=user,
        clock=FrozenClock(NOW),
    )


def test_its_room_types_and_plans_are_read_by_name_alias_and_terms(riverside: ToolRuntime) -> None:
    hotel = words_of(riverside.db.run(lambda s: load_profile(s, SLUG)))

    def read(text: str) -> dict[str, object]:
        return extract(text, T, "book", hotel=hotel)

    assert read("a twin room please")["room_type"] == "TWN"
    assert read("the garden room")["room_type"] == "TWN"
    assert read("could we have the River Loft")["room_type"] == "LFT"
    assert read("the attic room")["room_type"] == "LFT"
    assert read("the saver rate")["rate_plan"] == "ADV"
    assert read("non-refundable is fine, we are sure")["rate_plan"] == "ADV"
    assert read("with breakfast included")["rate_plan"] == "HB"
    assert read("the flexible one")["rate_plan"] == "STAY"
    assert read("my booking RV5001")["code"] == "RV5001"
    assert "code" not in read("my booking HV1001")  # another hotel's code is not this one's


def test_a_guest_books_its_room_type_and_sees_its_currency(riverside: ToolRuntime) -> None:
    guest = _assistant(riverside, "guest")
    quote = guest.send("t", "Is a twin room free from March 20 for two nights for 2 adults?")
    assert [c.name for c in quote.tool_calls] == ["check_availability"]
    assert quote.tool_calls[0].args["room_type"] == "TWN"
    assert "€240.00" in quote.text and "$" not in quote.text

    asked = guest.send("t", "I'd like to book it")
    assert "Standard Stay" in asked.text and "Advance Saver (20% off, prepaid)" in asked.text
    guest.send("t", "The saver rate")
    booked = guest.send("t", "Ana Costa, ana.costa@example.com")
    assert [c.name for c in booked.tool_calls] == ["create_reservation"]
    assert booked.tool_calls[0].args["rate_plan"] == "ADV"
    assert "RV5001" in booked.text and "€192.00" in booked.text  # 2 x 120.00, 20% off


def test_its_booking_codes_are_recognised(riverside: ToolRuntime) -> None:
    front_desk = _assistant(riverside, "front_desk", "desk")
    front_desk.send(
        "t",
        "Book a twin for Ana Costa, ana.costa@example.com, from March 20 for two nights, 2 adults, standard stay",
    )
    guest = _assistant(riverside, "guest")
    reply = guest.send("g", "Please check my booking RV5001, the surname is Costa")
    assert [c.name for c in reply.tool_calls] == ["find_reservation"]
    assert reply.tool_calls[0].args["confirmation_code"] == "RV5001"
    assert "€240.00" in reply.text


def test_its_check_in_time_is_answered_from_its_data(riverside: ToolRuntime) -> None:
    guest = _assistant(riverside, "guest")
    reply = guest.send("t", "What time is check-in?")
    assert "14:00" in reply.text and "doesn't say" not in reply.text
    address = guest.send("t", "What is the address of the hotel?")
    assert "Rua do Rio 5" in address.text
    pets = guest.send("t", "Can I bring my dog?")
    assert "Dogs are welcome" in pets.text  # its own documents still answer first


def test_staff_asking_who_arrives_on_a_date_get_that_days_arrivals(riverside: ToolRuntime) -> None:
    front_desk = _assistant(riverside, "front_desk", "desk")
    for name, day in (("Ana Costa", "March 20"), ("Rui Lopes", "March 22")):
        front_desk.send(
            "t" + name,
            f"Book a twin for {name}, {name.split()[0].lower()}@example.com, from {day} for "
            "two nights, 2 adults, standard stay",
        )
    reply = _assistant(riverside, "admin", "desk").send("q", "Who do we have arriving on 20 March?")
    assert reply.tool_calls[0].name == "search_reservations"  # not the hotel's documents
    assert reply.tool_calls[0].args == {"arrival_date": "2027-03-20"}
    assert "Costa" in reply.text and "Lopes" not in reply.text
