"""Writes tests/agent/cassettes/fd-who-is-hv1005.json: `python -m tests.agent.record_cassette`.

No API key exists where this project is built, so the shipped cassette is a recording of a
SCRIPTED model (tests/agent/scripted.py), not of a real one. With a key, record a real model the
same way: `concierge eval run tests/agent/cassette_scenario.yaml --model openai:gpt-4o-mini
--record tests/agent/cassettes/<name>.json`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from langchain_core.messages import AIMessage

from agent.recorded import RecordedChatModel
from evals.graph_agent import GraphAgent
from evals.runner import run
from evals.world import SqliteWorlds
from tests.agent.scripted import ScriptedChatModel, call

HERE = Path(__file__).parent
SCENARIO = HERE / "cassette_scenario.yaml"
CASSETTE = HERE / "cassettes" / "fd-who-is-hv1005.json"
NOTE = (
    "Recorded from a scripted model (tests/agent/scripted.py), not from a real model: no API "
    "key was available. It pins the replay machinery and the graph's requests."
)


def scripted() -> ScriptedChatModel:
    answer = AIMessage(
        content="HV1005 is Daniel Okafor, arriving 2027-03-06 for two nights (Standard Queen).",
        usage_metadata={"input_tokens": 1210, "output_tokens": 24, "total_tokens": 1234},
    )
    ask = call("get_reservation", "call_rec_1", confirmation_code="HV1005")
    ask.usage_metadata = {"input_tokens": 1150, "output_tokens": 18, "total_tokens": 1168}
    return ScriptedChatModel(script=[ask, answer])


def record(path: Path = CASSETTE) -> Path:
    recorder = RecordedChatModel.recording(scripted(), path, note=NOTE)
    with tempfile.TemporaryDirectory() as scratch:
        report = run(SCENARIO, lambda _s: GraphAgent(recorder), worlds=SqliteWorlds(scratch))
    assert report.results[0].passed, report.to_json()
    return recorder.save()


if __name__ == "__main__":
    print(record())
