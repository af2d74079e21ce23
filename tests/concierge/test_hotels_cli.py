"""`concierge hotels apply|export|list`, as whoever sets up a hotel uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from concierge.cli import main
from pms.seed.demo import DEMO_FILES
from tests.pms.hotels.documents import riverside


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'hotels.db'}"


@pytest.fixture
def riverside_file(tmp_path: Path) -> Path:
    path = tmp_path / "riverside.yaml"
    path.write_text(yaml.safe_dump(riverside(), sort_keys=False))
    return path


def test_a_hotel_is_created_from_its_file_in_an_empty_database(
    empty_db: str, riverside_file: Path
) -> None:
    code, out, _ = run("hotels", "apply", str(riverside_file), "--db", empty_db)
    assert code == 0, out
    assert out.splitlines()[0] == "riverside-lisbon: created"
    assert "  rooms: added 16 (101 ... 204)" in out.splitlines()
    code, out, _ = run("hotels", "apply", str(riverside_file), "--db", empty_db)
    assert (code, out) == (0, "riverside-lisbon: no change\n")
    code, out, _ = run("hotels", "list", "--db", empty_db, "--json")
    assert json.loads(out) == [
        {
            "slug": "riverside-lisbon",
            "name": "Riverside Lisbon",
            "code_prefix": "RL",
            "timezone": "Europe/Lisbon",
            "currency": "EUR",
            "business_date": json.loads(out)[0]["business_date"],
            "rooms": 16,
            "staff": 2,
        }
    ]


def test_export_then_apply_round_trips(empty_db: str, riverside_file: Path, tmp_path: Path) -> None:
    assert run("hotels", "apply", str(riverside_file), "--db", empty_db)[0] == 0
    code, exported, _ = run("hotels", "export", "riverside-lisbon", "--db", empty_db)
    assert code == 0
    document = yaml.safe_load(exported)
    assert document["rooms"] == riverside()["rooms"]
    assert document["rate_plans"][1]["breakfast_per_adult"] == "12.50"
    again = tmp_path / "exported.yaml"
    again.write_text(exported)
    code, out, _ = run("hotels", "apply", str(again), "--db", empty_db)
    assert (code, out) == (0, "riverside-lisbon: no change\n")


def test_an_invalid_file_exits_2_listing_every_error_and_writes_nothing(
    empty_db: str, riverside_file: Path, tmp_path: Path
) -> None:
    broken = riverside(check_in_time="2pm", stars=5)
    broken["room_types"][0]["rate"] = "cheap"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(broken))
    code, out, err = run("hotels", "apply", str(riverside_file), str(bad), "--db", empty_db)
    assert code == 2 and out == ""
    assert f"{bad}: room_types[0].rate: not an amount" in err.splitlines()
    assert f"{bad}: stars: unknown key" in err.splitlines()
    assert f'{bad}: check_in_time: not a time such as "15:00"' in err.splitlines()
    assert err.splitlines()[-1] == "3 errors; nothing was written."
    code, out, _ = run("hotels", "list", "--db", empty_db, "--json")
    assert json.loads(out) == []  # the valid file was not applied either


def test_a_dry_run_shows_the_changes_without_making_them(
    empty_db: str, riverside_file: Path, tmp_path: Path
) -> None:
    run("hotels", "apply", str(riverside_file), "--db", empty_db)
    changed = riverside(name="Riverside")
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(changed))
    code, out, _ = run("hotels", "apply", str(path), "--dry-run", "--db", empty_db)
    assert (code, out) == (
        0,
        "riverside-lisbon: would be changed\n  name: 'Riverside Lisbon' -> 'Riverside'\n",
    )
    code, exported, _ = run("hotels", "export", "riverside-lisbon", "--db", empty_db)
    assert yaml.safe_load(exported)["name"] == "Riverside Lisbon"


def test_exporting_an_unknown_hotel_says_so(empty_db: str, riverside_file: Path) -> None:
    run("hotels", "apply", str(riverside_file), "--db", empty_db)
    code, _, err = run("hotels", "export", "nowhere", "--db", empty_db)
    assert code == 1 and "There is no hotel 'nowhere'." in err


def test_the_demo_files_apply_with_their_documents(empty_db: str) -> None:
    code, out, _ = run("hotels", "apply", *map(str, DEMO_FILES), "--db", empty_db, "--json")
    assert code == 0, out
    reports = json.loads(out)
    assert [r["hotel"] for r in reports] == ["harbor-view", "alpine-lodge"]
    assert reports[0]["documents"]["documents"] == 8
    assert reports[1]["documents"]["documents"] == 2


def test_the_benchmark_applies_a_generated_hotel_and_reapplies_it_without_change(
    tmp_path: Path,
) -> None:
    results = tmp_path / "bench.json"
    db = f"sqlite:///{tmp_path / 'bench.db'}"
    code, _out, err = run("bench", "hotels", "--rooms", "120", "--reservations", "30",
                         "--db", db, "--json", str(results))  # fmt: skip
    assert code == 0, err
    (figures,) = json.loads(results.read_text())
    assert (figures["rooms"], figures["reservations"]) == (120, 30)
    assert figures["reapply_changed"] is False
    # One entry per room in the generated file; the export writes runs as ranges.
    assert figures["export_room_entries"] < 120
    code, _, err = run("bench", "hotels", "--rooms", "120", "--db", db)
    assert code == 1 and "already holds bench-120" in err
