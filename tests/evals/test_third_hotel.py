"""A third hotel, defined only by its hotel file (tests/hotels/heron-house/), evaluated in worlds
that apply it after the demo (`concierge eval run ... --hotels FILE`).

Its scenario set was written blind, from the documentation and the hotel file, by someone who
never read the agent's code; its expected states are checked here by the oracle.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from agent.models import get_chat_model
from concierge.cli import main
from evals.graph_agent import GraphAgent
from evals.reference_agents import oracle_factory
from evals.runner import run
from evals.scenario import load_scenarios
from evals.world import SqliteWorlds

HERON = Path(__file__).resolve().parents[1] / "hotels" / "heron-house"
HOTEL_FILE = HERON / "hotel.yaml"
# The issue asks for 0.9. First contact (the blind measurement, before any study): 0.595 (44/74).
# Raise as the offline model improves; never lower it to let a change through.
OFFLINE_FLOOR = 0.9


def test_the_third_hotels_set_is_sound_in_worlds_that_apply_its_file(tmp_path: Path) -> None:
    scenarios = load_scenarios(HERON / "scenarios")
    assert len(scenarios) >= 30
    assert {s.hotel for s in scenarios} == {"heron-house"}
    assert {"guest", "front_desk", "housekeeping", "manager"} <= {
        s.actor.role.value for s in scenarios
    }
    oracle = run(scenarios, oracle_factory, worlds=SqliteWorlds(tmp_path, hotels=[HOTEL_FILE]))
    assert {r.id: (r.failed, r.error) for r in oracle.results if not r.passed} == {}


def test_eval_run_applies_the_hotel_files_it_is_given(tmp_path: Path) -> None:
    one = str(HERON / "scenarios" / "housekeeping.yaml")

    def errors(*extra: str) -> list[str | None]:
        report = tmp_path / "run.json"
        answer = CliRunner().invoke(
            main, ["eval", "run", one, "--model", "none", "--json", str(report), *extra]
        )
        assert answer.exit_code == 0, answer.output
        return [result["error"] for result in json.loads(report.read_text())["results"]]

    # Without the file the hotel does not exist: every scenario's world fails to set up or to
    # find it. With it, every world holds the hotel and the runs are judged.
    assert any(error for error in errors())
    given = errors("--hotels", str(HOTEL_FILE))
    assert given and given == [None] * len(given)


def test_an_invalid_hotel_file_is_a_usage_error_naming_the_problem(tmp_path: Path) -> None:
    broken = tmp_path / "hotel.yaml"
    broken.write_text(HOTEL_FILE.read_text().replace("currency:", "currencyy:"))
    answer = CliRunner().invoke(
        main, ["eval", "run", str(HERON / "scenarios"), "--hotels", str(broken)]
    )
    assert answer.exit_code == 2
    assert "currencyy" in answer.output


def test_the_offline_model_serves_the_third_hotel_from_its_data_alone(tmp_path: Path) -> None:
    report = run(
        HERON / "scenarios",
        lambda _scenario: GraphAgent(get_chat_model("offline")),
        worlds=SqliteWorlds(tmp_path, hotels=[HOTEL_FILE]),
        model="offline",
        hotels=[HOTEL_FILE],  # its documents, searchable
    )
    failed = sorted(r.id for r in report.results if not r.passed)
    assert report.summary["pass_hat"]["1"] >= OFFLINE_FLOOR, failed
    assert not [r.id for r in report.results if r.error], "scenario errors"
