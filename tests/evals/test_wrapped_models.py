"""Models that wrap another (the adversary, a recording) hand the hotel on to the one inside.

The offline model learns the hotel (its code prefix, vocabulary, currency) from the run, through
`for_hotel`; a wrapper that does not pass it on leaves the inner model knowing no hotel, so it
cannot even read a booking code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.models import get_chat_model
from agent.recorded import RecordedChatModel
from evals.graph_agent import GraphAgent
from evals.injection_run import adversary_for
from evals.injection_suite import load_suite
from evals.runner import run
from evals.scenario import Scenario
from evals.world import SqliteWorlds

LOOKUP = Scenario.model_validate(
    {
        "id": "fd-who-is",
        "now": "2027-03-01T10:00:00",
        "actor": {"role": "front_desk", "user": "ana.silva"},
        "tags": ["front_desk"],
        "turns": ["Who is HV1005, and when do they arrive?"],
        "expect": {"outputs": ["HV1005"], "actions": []},
    }
)


@pytest.mark.parametrize("wrapper", ["adversary", "recording"])
def test_a_wrapped_offline_model_still_reads_the_hotels_booking_codes(
    wrapper: str, tmp_path: Path
) -> None:
    offline = get_chat_model("offline")
    model = (
        adversary_for(load_suite(), offline)
        if wrapper == "adversary"
        else RecordedChatModel.recording(offline, tmp_path / "cassette.json")
    )
    report = run([LOOKUP], lambda _s: GraphAgent(model), worlds=SqliteWorlds(tmp_path))
    trial = report.results[0].trials[0]
    assert [call.name for call in trial.tool_calls] == ["get_reservation"], trial.replies
