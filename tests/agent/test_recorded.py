"""Recorded runs: a cassette replays through the real graph, offline, and through the OpenAI
client's own parsing; a request the cassette never saw fails loudly."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from langchain_core.messages import HumanMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from agent.models import ModelNotAvailable, get_chat_model
from agent.recorded import RecordedChatModel, RecordingMissing
from evals.graph_agent import GraphAgent
from evals.runner import run
from evals.world import SqliteWorlds
from tests.agent.record_cassette import CASSETTE, SCENARIO, record


def test_the_shipped_cassette_replays_the_scenario_through_the_graph(tmp_path):
    model = get_chat_model(f"recorded:{CASSETTE}")
    report = run(SCENARIO, lambda _s: GraphAgent(model), worlds=SqliteWorlds(tmp_path))
    (result,) = report.results
    assert result.passed, result.as_json()
    trial = result.trials[0]
    assert [(c.name, c.args) for c in trial.tool_calls] == [
        ("get_reservation", {"confirmation_code": "HV1005"})
    ]
    assert trial.tool_calls[0].result["guest_name"] == "Daniel Okafor"
    assert (trial.prompt_tokens, trial.completion_tokens) == (2360, 42)
    assert "not from a real model" in json.loads(CASSETTE.read_text())["note"]


def test_recording_again_gives_the_same_requests(tmp_path):
    """The graph's requests are deterministic at a frozen clock, so a cassette stays valid."""
    again = json.loads(record(tmp_path / "again.json").read_text())
    shipped = json.loads(CASSETTE.read_text())
    assert [i["fingerprint"] for i in again["interactions"]] == [
        i["fingerprint"] for i in shipped["interactions"]
    ]


def test_a_request_the_cassette_never_saw_fails_naming_the_cassette():
    model = RecordedChatModel.replaying(CASSETTE)
    with pytest.raises(RecordingMissing, match="fd-who-is-hv1005.json has no recorded answer"):
        model.invoke([HumanMessage(content="Something nobody recorded")])


def test_a_missing_cassette_is_not_a_model():
    with pytest.raises(ModelNotAvailable, match="cannot read the cassette"):
        get_chat_model("recorded:/nonexistent/cassette.json")


def _events(message: dict[str, Any]) -> str:
    """A recorded AI message as the server-sent events OpenAI streams for it."""

    def chunk(delta: dict[str, Any] | None, usage: dict[str, int] | None = None) -> str:
        body: dict[str, Any] = {
            "id": "chatcmpl-rec", "object": "chat.completion.chunk", "created": 0,
            "model": "gpt-4o-mini",
            "choices": [] if delta is None else [{"index": 0, "delta": delta, "finish_reason": None}],
        }  # fmt: skip
        if usage:
            body["usage"] = usage
        return f"data: {json.dumps(body)}\n\n"

    data = message["data"]
    parts = [chunk({"role": "assistant", "content": data["content"] or None})]
    for index, call in enumerate(data.get("tool_calls", [])):
        function = {"name": call["name"], "arguments": json.dumps(call["args"])}
        parts.append(
            chunk({"tool_calls": [
                {"index": index, "id": call["id"], "type": "function", "function": function}
            ]})
        )  # fmt: skip
    usage = data.get("usage_metadata") or {}
    parts.append(
        chunk(None, {
            "prompt_tokens": usage.get("input_tokens", 0),
            "completion_tokens": usage.get("output_tokens", 0),
            "total_tokens": usage.get("total_tokens", 0),
        })
    )  # fmt: skip
    return "".join(parts) + "data: [DONE]\n\n"


def test_the_cassette_served_over_http_drives_the_openai_client_the_same_way(tmp_path):
    """The LLM path as production runs it: langchain-openai parsing the provider's stream."""
    answers = [i["response"] for i in json.loads(CASSETTE.read_text())["interactions"]]
    requests: list[dict[str, Any]] = []

    def server(request: httpx.Request) -> httpx.Response:
        requests.append(json.loads(request.content))
        body = _events(answers[len(requests) - 1])
        return httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})

    model = ChatOpenAI(
        model="gpt-4o-mini",
        api_key=SecretStr("sk-test"),
        http_client=httpx.Client(transport=httpx.MockTransport(server)),
        stream_usage=True,
    )
    report = run(SCENARIO, lambda _s: GraphAgent(model), worlds=SqliteWorlds(tmp_path))
    (result,) = report.results
    assert result.passed, result.as_json()
    assert len(requests) == 2
    assert "get_reservation" in {t["function"]["name"] for t in requests[0]["tools"]}
    tool_reply = requests[1]["messages"][-1]
    assert tool_reply["role"] == "tool" and "Daniel Okafor" in tool_reply["content"]
    assert (result.trials[0].prompt_tokens, result.trials[0].completion_tokens) == (2360, 42)
