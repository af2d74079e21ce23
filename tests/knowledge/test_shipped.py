"""The demo documents carry demo-hotel.md's facts, and the real local model searches them."""

from __future__ import annotations

import pytest

from knowledge.chunks import chunk_document
from knowledge.readers import READERS
from knowledge.shipped import demo_hotels, documents_of, shipped_knowledge

# demo-hotel.md, "Hotel knowledge (Harbor View)": each fact in exactly this form, in one chunk.
HARBOR_VIEW_FACTS = [
    "check-in from 15:00",
    "check-out by 11:00",
    "early check-in from 12:00 for $40",
    "late check-out until 13:00 for $45, both subject to availability",
    "at least 21, with photo ID and a payment card",
    "free cancellation until 48 hours before 15:00 on the arrival date",
    "Children under 12 stay free in existing beds. Cots are free on request",
    "dogs up to 25 kg, $35 per night, one per room, only in rooms on floor 2",
    "service animals free in any room",
    "valet garage $28 per night",
    "height limit 2.0 m",
    "4 EV chargers, free with parking",
    "Tide Restaurant (lobby level)",
    "weekdays 6:30–10:30 and weekends 7:00–11:00",
    "$25 adults, $12 children under 12",
    "Tide Restaurant 18:00–22:00, closed on Mondays",
    "Lantern Bar on the roof, 16:00–0:00",
    "indoor heated pool and sauna on level 1, 6:00–22:00",
    "Children under 14 with an adult",
    "level 1, open 24 hours with the room key",
    "Salt Spa, 9:00–20:00",
    "60-minute massage $120",
    "book at the front desk",
    "Wi-Fi is free",
    '"HarborView-Guest", no password',
    "on the hour 5:00–23:00",
    "$18 per person each way",
    "25 minutes",
    "book 12 hours ahead",
    "All rooms non-smoking",
    "$250 cleaning fee",
    "22:00–7:00",
    "free storage on arrival and departure days",
    "daily 9:00–15:00",
    "skipping a day's cleaning earns a $10 food and drink credit",
    "Hand in by 9:00 for return by 18:00 the same day",
    "Visa, Mastercard, Amex and cash; no checks",
    "kept for 90 days",
    "rooms 201 and 209 with roll-in showers",
    "elevators to all floors",
    "Hearing kits at the front desk",
]


def test_every_demo_fact_is_in_one_chunk_of_harbor_view_documents():
    texts = [c.text for path in documents_of("harbor-view").iterdir() for c in chunk_document(path)]
    missing = [fact for fact in HARBOR_VIEW_FACTS if not any(fact in text for text in texts)]
    assert missing == []


def test_the_demo_documents_cover_every_format_and_both_hotels():
    assert demo_hotels() == ["alpine-lodge", "harbor-view"]
    suffixes = {p.suffix for p in documents_of("harbor-view").iterdir()}
    assert {".md", ".html", ".pdf", ".txt"} <= suffixes <= set(READERS)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what time is breakfast on sunday", "weekends 7:00–11:00"),
        ("wifi pasword", "HarborView-Guest"),
        ("how much is a massage", "$120"),
        ("can i bring my dog", "25 kg"),
    ],
)
def test_the_local_model_finds_the_fact_on_top(question, fact):
    passages = shipped_knowledge().search("harbor-view", question, 3)
    assert fact in passages[0].text


def test_alpine_lodge_never_sees_harbor_view_passages():
    base = shipped_knowledge()
    alpine_sources = {p.name for p in documents_of("alpine-lodge").iterdir()}
    for question in ("can i bring my dog", "Lantern Bar cocktails", "HarborView-Guest wifi"):
        passages = base.search("alpine-lodge", question, 10)
        assert passages and {p.source for p in passages} <= alpine_sources
        assert not any("Harbor" in p.text for p in passages)
    assert "not allowed" in base.search("alpine-lodge", "can i bring my dog", 1)[0].text
