"""The agent knows a hotel only through its data: no demo hotel, venue or booking-code pattern
is named in the code of the agent, the tools, the API or the channels.

The demo hotels are data (their rows, their documents); code that names them serves only them.
This is at least as strict as the repository's before-stop hook, and also catches the demo's
venues by one word and its code prefixes inside character classes and alternations.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("agent", "tools", "api", "channels")
DEMO = re.compile(
    r"harbou?r|alpine|tide restaurant|lantern bar|port elise|quay street|wengen"
    r"|\b(?:tide|lantern)\b"
    r"|\b(?:HV|AL)[\s#-]?[0-9]{3,}"
    r"|\((?:hv|al)\||\|(?:hv|al)\)|\[(?:hv|al)\]"
    r"|harborview|alpinelodge",
    re.IGNORECASE,
)


# The third hotel of the tests (issue 13, item 7) must be served with no code written for it: its
# name, code prefix, room types and plans, read from its hotel file, are named nowhere either.
THIRD = yaml.safe_load((ROOT / "tests/hotels/heron-house/hotel.yaml").read_text(encoding="utf-8"))
_NAMES = [THIRD["name"], *(t["name"] for t in THIRD["room_types"])]
_NAMES += [p["name"] for p in THIRD["rate_plans"]]
_NAMES += [THIRD["name"].removesuffix(" Hotel"), THIRD["slug"]]
THIRD_HOTEL = re.compile(
    "|".join(re.escape(n) for n in _NAMES) + rf"|\b{THIRD['code_prefix']}(?:[\s#-]?[0-9]{{3,}}|\b)",
    re.IGNORECASE,
)


def _sources() -> list[Path]:
    return sorted(path for folder in FOLDERS for path in (ROOT / folder).rglob("*.py"))


def demo_literals(text: str) -> list[str]:
    found = [m.group(0) for m in DEMO.finditer(text)]
    return found + [m.group(0) for m in THIRD_HOTEL.finditer(text)]


@pytest.mark.parametrize(
    "line",
    [
        'HOTEL_ROOM_TYPES = {"harbor-view": ("STQ",)}',
        'VocabEntry("STE", "Harbor Suite")',
        "a guest introducing their booking: 'Carter here, HV1001'",
        r'(r"\b(hv|al)\d{4}\b", -2.0)',
        "rooftop|roof|lantern|tide|smoking",
        "Alpine Lodge Sea Adults",
        "coming to Port Elise on the 20th",
        "dinner at the Tide Restaurant",
        "hv-1005",
        f"a guest of {THIRD['name']}",
        f"{THIRD['code_prefix']}1005",
        f'PREFIXES = ("{THIRD["code_prefix"]}",)',
        *(f"'{t['name']}'" for t in THIRD["room_types"]),
        *(f"'{p['name']}'" for p in THIRD["rate_plans"]),
    ],
)
def test_the_check_finds_each_way_the_demo_was_named(line: str) -> None:
    assert demo_literals(line)


@pytest.mark.parametrize(
    "line", ["tidy", "the alp", "HVAC", "AL is not a code", "ALTER TABLE", "room 1001"]
)
def test_the_check_leaves_ordinary_words_alone(line: str) -> None:
    assert not demo_literals(line)


def test_no_source_file_names_a_demo_hotel_venue_or_code() -> None:
    sources = _sources()
    assert len(sources) > 50  # the folders are where this test expects them
    found = {
        f"{path.relative_to(ROOT)}:{number}": demo_literals(line)
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if demo_literals(line)
    }
    assert not found, found
