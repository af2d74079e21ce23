"""The simulated user (tau-bench style), played by scripted chat models: it speaks first, hears
the agent's replies, gives facts only in its instructions, and ends on the stop token."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agent.models import get_chat_model
from evals.graph_agent import GraphAgent
from evals.runner import run
from evals.scenario import Scenario, ScenarioError, load_file
from evals.user_simulator import STOP, ModelSimulator
from evals.world import SqliteWorlds
from tests.agent.scripted import ScriptedChatModel

SIMULATED = {
    "id": "sim-guest-cancels",
    "now": "2027-03-01T10:00:00",
    "actor": {"role": "guest"},
    "user": {
        "goal": "Cancel your booking HV1005.",
        "facts": {"confirmation_code": "HV1005", "last_name": "Okafor"},
        "max_turns": 5,
    },
    "expect": {
        "actions": [
            {
                "tool": "find_reservation",
                "args": {"confirmation_code": "HV1005", "last_name": "Okafor"},
            },
            {"tool": "cancel_reservation", "args": {"confirmation_code": "HV1005"}},
        ]
    },
}


def _user(*messages: str) -> ScriptedChatModel:
    return ScriptedChatModel(script=[AIMessage(content=m) for m in messages])


def test_a_simulated_user_reaches_the_goal_with_the_offline_agent(tmp_path):
    user = _user("Please cancel my booking HV1005.", "Okafor", f"Thanks! {STOP}")
    report = run(
        [Scenario.model_validate(SIMULATED)],
        lambda _s: GraphAgent(get_chat_model("offline")),
        worlds=SqliteWorlds(tmp_path),
        simulator=ModelSimulator(user),
    )
    (result,) = report.results
    assert result.passed, result.as_json()
    trial = result.trials[0]
    assert trial.user_messages == ["Please cancel my booking HV1005.", "Okafor"]
    assert len(trial.replies) == 2
    # The simulator was told its goal and facts, and heard the agent as the other party.
    system, *history = user.seen[-1]
    assert isinstance(system, SystemMessage) and "HV1005" in system.text and STOP in system.text
    assert isinstance(history[-1], HumanMessage) and history[-1].text == trial.replies[-1]


def test_the_simulated_user_stops_after_max_turns(tmp_path):
    scenario = Scenario.model_validate({**SIMULATED, "user": {**SIMULATED["user"], "max_turns": 2}})
    user = _user("hello", "hello again", "never sent")
    report = run(
        [scenario],
        lambda _s: GraphAgent(get_chat_model("offline")),
        worlds=SqliteWorlds(tmp_path),
        simulator=ModelSimulator(user),
    )
    trial = report.results[0].trials[0]
    assert trial.user_messages == ["hello", "hello again"]
    assert not trial.passed  # nothing was cancelled


def test_without_a_user_model_the_trial_fails_saying_what_is_missing(tmp_path):
    report = run(
        [Scenario.model_validate(SIMULATED)],
        lambda _s: GraphAgent(get_chat_model("offline")),
        worlds=SqliteWorlds(tmp_path),
    )
    trial = report.results[0].trials[0]
    assert "AGENT" in trial.failed and "--user-model" in (trial.error or "")


def test_a_scenario_gives_turns_or_a_user_never_both_nor_neither(tmp_path):
    both = tmp_path / "both.yaml"
    both.write_text(
        "id: x\nnow: '2027-03-01T10:00:00'\nturns: [hi]\nuser: {goal: g}\n", encoding="utf-8"
    )
    with pytest.raises(ScenarioError, match="not both"):
        load_file(both)
    neither = tmp_path / "neither.yaml"
    neither.write_text("id: y\nnow: '2027-03-01T10:00:00'\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="simulated `user`"):
        load_file(neither)
