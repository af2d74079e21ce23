"""Worlds: the same scenario gives the same state on a SQLite copy and a fresh PostgreSQL seed."""

from __future__ import annotations

from pathlib import Path

from evals.scenario import load_scenarios
from evals.world import SqliteWorlds, prepare_world
from pms.db import Database
from pms.snapshot import snapshot_diff, state_hash

SCENARIOS = Path(__file__).parent / "scenarios"


def test_a_template_copy_equals_a_fresh_seed_on_postgresql(tmp_path: Path, pg_empty: str) -> None:
    (scenario,) = [s for s in load_scenarios(SCENARIOS) if s.id == "guest-cancels-new-booking"]
    with prepare_world(SqliteWorlds(tmp_path), scenario) as world:
        on_sqlite = world.snapshot()
    with prepare_world(Database(pg_empty), scenario) as world:
        on_postgresql = world.snapshot()
    assert snapshot_diff(on_sqlite, on_postgresql) == []
    assert state_hash(on_sqlite) == state_hash(on_postgresql)


def test_world_files_are_removed_unless_kept(tmp_path: Path) -> None:
    (scenario,) = [s for s in load_scenarios(SCENARIOS) if s.id == "guest-asks-availability"]
    worlds = SqliteWorlds(tmp_path)
    with prepare_world(worlds, scenario):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["template-2027-03-01.db"]
    kept = SqliteWorlds(tmp_path / "kept", keep=True)
    with prepare_world(kept, scenario):
        pass
    assert any(p.name.startswith("world-") for p in (tmp_path / "kept").iterdir())


def test_search_knowledge_works_in_a_world_and_keeps_to_the_scenarios_hotel(tmp_path: Path) -> None:
    from pms.principal import Principal, Role

    (scenario,) = [s for s in load_scenarios(SCENARIOS) if s.id == "guest-asks-availability"]
    with prepare_world(SqliteWorlds(tmp_path), scenario) as world:
        guest = Principal(hotel=world.hotel, role=Role.GUEST, channel="eval")
        outcome = world.runtime.call("search_knowledge", {"query": "wifi password"}, guest)
        assert outcome.ok, outcome.error
        top = outcome.result["passages"][0]
        assert (top["source"], top["heading"]) == ("services.md", "Wi-Fi")
