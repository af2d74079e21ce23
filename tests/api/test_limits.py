"""Rate limits per principal and per address: 429 with Retry-After, in process and in Redis."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from api.shared import RedisShared
from tests.api.conftest import guest


def test_a_principal_over_its_chat_limit_gets_429_with_retry_after(
    make_api: Callable[..., TestClient],
) -> None:
    api = make_api(chat_limit="2/minute")
    alice, bob = guest(api), guest(api)
    for _ in range(2):
        assert api.post("/v1/chat", json={"message": "hello"}, headers=alice).status_code == 200
    refused = api.post("/v1/chat", json={"message": "hello"}, headers=alice)
    assert refused.status_code == 429
    assert refused.json()["error"]["type"] == "rate_limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    # Another guest is not held back by Alice.
    assert api.post("/v1/chat", json={"message": "hello"}, headers=bob).status_code == 200


def test_an_address_over_its_limit_gets_429(make_api: Callable[..., TestClient]) -> None:
    api = make_api(address_limit="3/minute")
    codes = [api.post("/v1/guest-sessions", json={"hotel": "harbor-view"}).status_code
             for _ in range(4)]  # fmt: skip
    assert codes == [201, 201, 201, 429]
    assert api.get("/health").status_code == 200  # operations are not limited


def test_two_processes_on_one_redis_share_limits_and_sign_outs(
    make_api: Callable[..., TestClient], redis_url: str
) -> None:
    one = make_api(RedisShared(redis_url), chat_limit="3/minute")
    two = make_api(RedisShared(redis_url), chat_limit="3/minute")
    headers = guest(one)
    assert one.post("/v1/chat", json={"message": "hi"}, headers=headers).status_code == 200
    assert two.post("/v1/chat", json={"message": "hi"}, headers=headers).status_code == 200
    assert one.post("/v1/chat", json={"message": "hi"}, headers=headers).status_code == 200
    refused = two.post("/v1/chat", json={"message": "hi"}, headers=headers)
    assert refused.status_code == 429 and "retry-after" in refused.headers

    login = {"hotel": "harbor-view", "username": "grace.kim", "password": "harbor-grace"}
    token = {"Authorization": f"Bearer {one.post('/v1/staff/login', json=login).json()['token']}"}
    assert two.get("/v1/me", headers=token).status_code == 200
    assert one.post("/v1/staff/logout", headers=token).status_code == 204
    assert two.get("/v1/me", headers=token).status_code == 401


def test_readiness_reports_redis_down_as_degraded(make_api: Callable[..., TestClient]) -> None:
    # Still 200: the process serves on with limits of its own (tests/api/test_redis_faults.py).
    api = make_api(RedisShared("redis://127.0.0.1:1/0"))
    answer = api.get("/ready")
    assert answer.status_code == 200 and answer.json()["status"] == "degraded"
    assert answer.json()["checks"] == {"database": "ok", "shared": "down"}
