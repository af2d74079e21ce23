"""The development set (evals/scenarios/): coverage, and the oracle check against the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.reference_agents import oracle_factory, silent_factory
from evals.runner import run
from evals.scenario import Scenario, load_scenarios
from evals.world import SqliteWorlds
from pms.principal import Role

DEV_SET = Path(__file__).resolve().parents[2] / "evals" / "scenarios"

CONTRACT_TOOLS = {
    "search_knowledge",
    "check_availability",
    "create_reservation",
    "find_reservation",
    "get_reservation",
    "search_reservations",
    "modify_reservation",
    "cancel_reservation",
    "assign_room",
    "check_in",
    "check_out",
    "get_folio",
    "post_charge",
    "record_payment",
    "refund_payment",
    "void_charge",
    "list_rooms",
    "set_room_condition",
    "set_room_out_of_order",
    "return_room_to_service",
    "list_housekeeping_tasks",
    "create_housekeeping_task",
    "assign_housekeeping_task",
    "update_housekeeping_task",
    "daily_report",
    "handoff_to_human",
}


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return load_scenarios(DEV_SET)


def tools_of(scenario: Scenario) -> set[str]:
    named = {tag.removeprefix("tool:") for tag in scenario.tags if tag.startswith("tool:")}
    return named | {action.tool for action in scenario.expect.actions}


def test_at_least_80_scenarios(scenarios: list[Scenario]) -> None:
    assert len(scenarios) >= 80


def test_every_contract_tool_is_covered(scenarios: list[Scenario]) -> None:
    covered = set().union(*(tools_of(s) for s in scenarios))
    assert CONTRACT_TOOLS - covered == set()
    # Tools named by tags must exist in the contract (catches typos in tags).
    assert covered - CONTRACT_TOOLS == set()


def test_every_role_appears(scenarios: list[Scenario]) -> None:
    assert {s.actor.role for s in scenarios} == set(Role)


def test_every_scenario_is_tagged_with_its_role(scenarios: list[Scenario]) -> None:
    untagged = [s.id for s in scenarios if s.actor.role.value not in s.tags]
    assert untagged == []


def test_oracle_passes_and_silent_fails(scenarios: list[Scenario], tmp_path: Path) -> None:
    worlds = SqliteWorlds(tmp_path)
    oracle = run(scenarios, oracle_factory, worlds=worlds)
    broken = {r.id: (r.failed, r.error) for r in oracle.results if not r.passed}
    assert broken == {}
    assert oracle.pass_hat()["1"] == 1.0

    silent = run(scenarios, silent_factory, worlds=worlds)
    by_id = {r.id: r for r in silent.results}
    writes = [s.id for s in scenarios if s.expect.actions]
    assert writes
    survived = [sid for sid in writes if by_id[sid].passed]
    assert survived == []
