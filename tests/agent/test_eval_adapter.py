"""The harness drives the graph through GraphAgent: a scripted model passes, `none` fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.messages import AIMessage

from agent.models import get_chat_model
from evals.graph_agent import GraphAgent
from evals.runner import run
from evals.scenario import Scenario
from evals.world import SqliteWorlds
from tests.agent.scripted import ScriptedChatModel, call

BOOKING = Path(__file__).parents[1] / "evals" / "scenarios" / "guest_booking.yaml"


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory) -> SqliteWorlds:
    return SqliteWorlds(tmp_path_factory.mktemp("agent-worlds"))


def booking_model() -> ScriptedChatModel:
    return ScriptedChatModel(
        script=[
            AIMessage(content="Gladly. Which rate, and under what name and email?"),
            call(
                "create_reservation",
                "book-1",
                room_type="DLK",
                check_in="2027-03-20",
                check_out="2027-03-23",
                adults=2,
                guest_name="Hannah Berg",
                guest_email="hannah.berg@example.com",
                rate_plan="FLEX",
            ),
            AIMessage(content="You're booked: confirmation HV5001."),
        ]
    )


def test_the_runner_plays_a_scenario_through_the_graph(worlds: SqliteWorlds) -> None:
    models: list[ScriptedChatModel] = []

    def factory(scenario: Scenario) -> GraphAgent:
        models.append(booking_model())
        return GraphAgent(models[-1])

    report = run(BOOKING, factory, trials=1, worlds=worlds, model="scripted")

    (result,) = report.results
    (trial,) = result.trials
    assert trial.error is None and result.passed, (trial.failed, trial.diff)
    assert trial.replies == [
        "Gladly. Which rate, and under what name and email?",
        "You're booked: confirmation HV5001.",
    ]
    (record,) = trial.tool_calls
    assert record.name == "create_reservation" and record.result is not None
    assert record.result["confirmation_code"] == "HV5001"
    assert trial.model_calls == 3
    (model,) = models
    assert "refund_payment" not in model.bound[0]  # the scenario's actor is a guest


def test_the_none_model_fails_a_scenario_that_changes_state(worlds: SqliteWorlds) -> None:
    report = run(BOOKING, lambda s: GraphAgent(get_chat_model("none")), worlds=worlds)

    (result,) = report.results
    assert not result.passed and "DB" in result.failed
    assert result.trials[0].tool_calls == []
