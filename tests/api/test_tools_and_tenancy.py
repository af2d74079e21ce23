"""The catalogue as REST: the same roles, refusals and hotel fences as in conversation."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import guest, staff


def test_each_role_lists_only_its_tools(api: TestClient) -> None:
    names = {t["name"] for t in api.get("/v1/tools", headers=guest(api)).json()["tools"]}
    assert "check_availability" in names and "refund_payment" not in names
    keeper = api.get("/v1/tools", headers=staff(api, "maria.santos")).json()["tools"]
    assert "list_rooms" in {t["name"] for t in keeper}
    assert "search_reservations" not in {t["name"] for t in keeper}


def test_refusals_keep_their_type_and_status(api: TestClient) -> None:
    headers = staff(api, "leo.martins")
    forbidden = api.post(
        "/v1/tools/refund_payment",
        json={"confirmation_code": "HV1004", "amount": "5.00", "reason": "x"},
        headers=headers,
    )
    assert forbidden.status_code == 403
    assert forbidden.json()["error"]["type"] == "not_permitted"
    assert api.post("/v1/tools/no_such_tool", json={}, headers=headers).status_code == 404
    invalid = api.post("/v1/tools/check_availability", json={"adults": 2}, headers=headers)
    assert invalid.status_code == 422 and invalid.json()["error"]["type"] == "invalid"
    missing = api.post("/v1/tools/get_reservation", json={"confirmation_code": "HV9999"},
                       headers=headers)  # fmt: skip
    assert missing.status_code == 404


def test_a_write_with_an_idempotency_key_runs_once(api: TestClient) -> None:
    headers = {**staff(api, "leo.martins"), "Idempotency-Key": "pay-1"}
    body = {"confirmation_code": "HV1004", "amount": "25.00", "method": "card"}
    first = api.post("/v1/tools/record_payment", json=body, headers=headers).json()
    second = api.post("/v1/tools/record_payment", json=body, headers=headers).json()
    assert second["replayed"] is True
    assert first["result"] == second["result"]


def test_one_hotels_staff_never_see_anothers_data(api: TestClient) -> None:
    alpine = staff(api, "lena.vogt", hotel="alpine-lodge")
    answer = api.post("/v1/tools/get_reservation", json={"confirmation_code": "HV1004"},
                      headers=alpine)  # fmt: skip
    assert answer.status_code == 404
    rooms = api.post("/v1/tools/list_rooms", json={}, headers=alpine).json()["result"]
    assert rooms["count"] == 20
    assert all(room["number"].startswith(("1", "2")) for room in rooms["rooms"])


def test_cors_admits_only_the_hotels_own_sites(api: TestClient) -> None:
    site = "https://www.harborview.example"
    preflight = api.options(
        "/v1/chat",
        headers={"Origin": site, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"},
    )  # fmt: skip
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == site
    stranger = api.options(
        "/v1/chat",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in stranger.headers

    opened = api.post("/v1/guest-sessions", json={"hotel": "harbor-view"}, headers={"Origin": site})
    assert opened.status_code == 201
    assert opened.headers["access-control-allow-origin"] == site
    # Alpine Lodge's site may not open Harbor View sessions, nor use a Harbor View token.
    other = "https://www.alpinelodge.example"
    assert api.post("/v1/guest-sessions", json={"hotel": "harbor-view"},
                    headers={"Origin": other}).status_code == 403  # fmt: skip
    token = {"Authorization": f"Bearer {opened.json()['token']}", "Origin": other}
    assert api.get("/v1/me", headers=token).status_code == 403
