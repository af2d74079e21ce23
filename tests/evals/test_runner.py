"""End-to-end runs of the harness on SQLite, with the oracle and the silent agent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.reference_agents import OracleAgent, SilentAgent, oracle_factory, silent_factory
from evals.runner import Agent, Turn, run, run_scenario
from evals.scenario import Scenario, load_scenarios
from evals.world import SetupError, SqliteWorlds, World, prepare_world
from pms.clock import Clock
from pms.principal import Principal

SCENARIOS = Path(__file__).parent / "scenarios"
STATE_CHANGING = {
    "guest-books-deluxe-flex",
    "manager-refunds-spa",
    "housekeeping-finishes-task",
    "guest-cancels-new-booking",
}


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> SqliteWorlds:
    return SqliteWorlds(tmp_path_factory.mktemp("worlds"))


def _scenario(**fields: object) -> Scenario:
    base: dict[str, object] = {"id": "s", "now": "2027-03-01T10:00:00", "turns": ["hi"]}
    return Scenario.model_validate({**base, **fields})


def test_the_reference_agents_implement_the_protocol() -> None:
    scenario = _scenario()
    agents: list[Agent] = [OracleAgent(scenario), SilentAgent()]
    assert len(agents) == 2


def test_the_oracle_passes_every_scenario(worlds: SqliteWorlds) -> None:
    report = run(SCENARIOS, oracle_factory, trials=2, worlds=worlds)
    data = json.loads(report.to_json())
    summary = data["summary"]
    assert summary["scenarios"] == 5
    assert summary["trials"] == 2
    assert summary["pass_hat"] == {"1": 1.0, "2": 1.0}
    assert summary["model"] == "offline"
    for result in data["results"]:
        assert {"id", "passed", "passes", "trials", "failed"} <= set(result)
        assert result["passed"] is True, result
        assert (result["passes"], result["trials"], result["failed"]) == (2, 2, [])
    booking = next(r for r in data["results"] if r["id"] == "guest-books-deluxe-flex")
    (call,) = booking["details"][0]["tool_calls"]
    assert call["name"] == "create_reservation"
    assert call["result"]["confirmation_code"] == "HV5001" and call["error"] is None
    assert "HV5001" in booking["details"][0]["replies"][0]
    assert len(booking["details"][0]["latencies"]) == 2


def test_the_silent_agent_fails_every_state_change(worlds: SqliteWorlds) -> None:
    report = run(SCENARIOS, silent_factory, trials=1, worlds=worlds)
    by_id = {r.id: r for r in report.results}
    for scenario_id in STATE_CHANGING:
        assert not by_id[scenario_id].passed
        assert "DB" in by_id[scenario_id].failed
        assert by_id[scenario_id].trials[0].diff, scenario_id
        assert by_id[scenario_id].trials[0].tool_calls == []
    for scenario_id in ("guest-books-deluxe-flex", "manager-refunds-spa"):
        assert "COMMUNICATE" in by_id[scenario_id].failed
    # DB only: silence is not judged.
    assert by_id["housekeeping-finishes-task"].failed == ["DB"]
    # Nothing to do and nothing to say: silence is right.
    assert by_id["guest-asks-availability"].passed
    assert report.summary["pass_hat"] == {"1": pytest.approx(0.2)}
    diff = by_id["guest-books-deluxe-flex"].trials[0].diff
    assert any(line.startswith("harbor-view reservations HV5001: missing") for line in diff)


def test_setup_runs_before_the_conversation(worlds: SqliteWorlds) -> None:
    (scenario,) = [s for s in load_scenarios(SCENARIOS) if s.id == "guest-cancels-new-booking"]
    with prepare_world(worlds, scenario) as world:
        snap = world.snapshot()["harbor-view"]
    hv5001 = next(r for r in snap["reservations"] if r["code"] == "HV5001")
    assert hv5001["status"] == "confirmed" and hv5001["room_type"] == "STQ"
    assert next(r for r in snap["rooms"] if r["number"] == "301")["condition"] == "clean"


def test_worlds_are_independent_copies(worlds: SqliteWorlds) -> None:
    scenario = _scenario(
        setup=[{"tool": "set_room_condition", "args": {"room_number": "301", "condition": "clean"}}]
    )
    with prepare_world(worlds, scenario) as changed:
        one = changed.snapshot()
    with prepare_world(worlds, _scenario()) as untouched:
        two = untouched.snapshot()
    assert one != two


def test_a_failing_setup_call_is_a_clear_error(worlds: SqliteWorlds) -> None:
    scenario = _scenario(
        id="broken-setup", setup=[{"tool": "check_out", "args": {"confirmation_code": "HV9999"}}]
    )
    with pytest.raises(SetupError, match=r"broken-setup.*setup\[0\] check_out as admin failed"):
        prepare_world(worlds, scenario)
    result = run_scenario(scenario, oracle_factory, 1, worlds=worlds)
    assert not result.passed and result.failed == ["SCENARIO"] and result.trials == []


def test_a_failing_reference_action_is_reported_as_a_scenario_bug(worlds: SqliteWorlds) -> None:
    scenario = _scenario(
        id="guest-refunds",
        expect={
            "actions": [
                {
                    "tool": "refund_payment",
                    "args": {"confirmation_code": "HV1004", "amount": "1", "reason": "x"},
                }
            ]
        },
    )
    report = run([scenario], oracle_factory, trials=2, worlds=worlds)
    (result,) = report.results
    assert result.failed == ["SCENARIO"]
    assert "expect.actions[0] refund_payment as guest was refused" in (result.error or "")
    assert "Fix the scenario" in (result.error or "")
    assert report.summary["pass_hat"] == {"1": 0.0, "2": 0.0}


class _Crashing:
    def start(self, world: World, actor: Principal, clock: Clock) -> _Crashing:
        return self

    def send(self, message: str) -> Turn:
        raise RuntimeError("model unavailable")


def test_an_agent_that_crashes_fails_the_trial_not_the_run(worlds: SqliteWorlds) -> None:
    scenario = _scenario(id="crash")
    result = run_scenario(scenario, lambda s: _Crashing(), 1, worlds=worlds)
    (trial,) = result.trials
    assert not trial.passed and trial.failed == ["AGENT"]
    assert trial.error == "agent error: RuntimeError: model unavailable"


def test_pass_hat_k_over_flaky_trials(worlds: SqliteWorlds) -> None:
    """An agent right on odd trials only: pass^1 = 2/3, pass^3 = 0."""
    (scenario,) = [s for s in load_scenarios(SCENARIOS) if s.id == "manager-refunds-spa"]
    made = iter(range(1, 100))

    def flaky(s: Scenario) -> Agent:
        return OracleAgent(s) if next(made) % 2 else SilentAgent()

    report = run([scenario], flaky, trials=3, worlds=worlds)
    assert report.results[0].passes == 2
    assert report.summary["pass_hat"] == {"1": pytest.approx(2 / 3), "3": 0.0}
    assert report.as_json()["results"][0]["failed"] == ["COMMUNICATE", "DB"]


def test_run_uses_a_temporary_folder_by_default() -> None:
    report = run(SCENARIOS / "read_only.yml", silent_factory)
    assert report.summary["pass_hat"] == {"1": 1.0}
