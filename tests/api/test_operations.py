"""What an operator watches: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import guest


def test_health_and_readiness(api: TestClient) -> None:
    assert api.get("/health").json() == {"status": "ok"}
    ready = api.get("/ready").json()
    assert ready["status"] == "ready"
    assert ready["shared_state"] == "this process only (no Redis configured)"


def test_metrics_count_requests_by_route_template_and_turns(api: TestClient) -> None:
    headers = guest(api)
    turn = api.post("/v1/chat", json={"message": "Is there parking?"}, headers=headers).json()
    api.get(f"/v1/threads/{turn['thread_id']}", headers=headers)
    text = api.get("/metrics").text
    assert 'concierge_http_requests_total{method="POST",route="/v1/chat",status="200"} 1.0' in text
    assert 'route="/v1/threads/{thread_id}"' in text
    assert turn["thread_id"] not in text  # ids never become labels
    assert 'concierge_chat_turns_total{channel="web",role="guest"} 1.0' in text
    assert 'concierge_tool_calls_total{outcome="ok",tool="search_knowledge"}' in text


def test_unknown_paths_and_methods_answer_in_the_error_shape(api: TestClient) -> None:
    missing = api.get("/v1/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "not_found"
    wrong = api.get("/v1/chat")
    assert wrong.status_code == 405 and "error" in wrong.json()
