"""The admin API for staff accounts: add, list, deactivate, reset; admins of that hotel only."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pydantic import SecretStr

from pms.access.schemas import StaffRequest
from pms.access.staff import add_staff
from pms.db import Database
from pms.principal import Role
from tests.api.conftest import staff
from tests.support import principal

HV = "/v1/hotels/harbor-view/staff"


def login(api: TestClient, username: str, password: str, hotel: str = "harbor-view") -> int:
    answer = api.post(
        "/v1/staff/login", json={"hotel": hotel, "username": username, "password": password}
    )
    return answer.status_code


def bearer(api: TestClient, username: str, password: str) -> dict[str, str]:
    answer = api.post(
        "/v1/staff/login",
        json={"hotel": "harbor-view", "username": username, "password": password},
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_an_admin_adds_a_member_who_then_signs_in(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    body = {"username": "ana.costa", "name": "Ana Costa", "role": "front_desk",
            "password": "garden twin 101"}  # fmt: skip
    added = api.post(HV, json=body, headers=admin)
    assert added.status_code == 201, added.text
    assert added.json() == {"username": "ana.costa", "name": "Ana Costa",
                            "role": "front_desk", "active": True, "password_set": True}  # fmt: skip
    assert "garden" not in added.text
    me = api.get("/v1/me", headers=bearer(api, "ana.costa", "garden twin 101")).json()
    assert (me["user"], me["role"]) == ("ana.costa", "front_desk")
    listed = api.get(HV, headers=admin).json()["staff"]
    assert {"ana.costa", "grace.kim"} <= {member["username"] for member in listed}
    again = api.post(HV, json=body, headers=admin)
    assert again.status_code == 409


def test_a_member_added_without_a_password_signs_in_after_a_reset(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    body = {"username": "rui.lopes", "name": "Rui Lopes", "role": "housekeeping"}
    assert api.post(HV, json=body, headers=admin).json()["password_set"] is False
    assert login(api, "rui.lopes", "anything at all") == 401
    reset = api.put(f"{HV}/rui.lopes/password", json={"password": "linen cart 42"}, headers=admin)
    assert reset.status_code == 204, reset.text
    assert login(api, "rui.lopes", "linen cart 42") == 200


def test_deactivation_ends_the_members_tokens_at_once(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    leo = staff(api, "leo.martins")
    assert api.get("/v1/me", headers=leo).status_code == 200
    gone = api.delete(f"{HV}/leo.martins", headers=admin)
    assert gone.status_code == 200 and gone.json()["active"] is False
    assert api.get("/v1/me", headers=leo).status_code == 401
    assert login(api, "leo.martins", "harbor-leo") == 401
    shown = {m["username"]: m for m in api.get(HV, headers=admin).json()["staff"]}
    assert shown["leo.martins"]["active"] is False  # kept, for the audit log


def test_a_reset_ends_the_old_password_and_its_tokens(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    grace = staff(api, "grace.kim")
    reset = api.put(f"{HV}/grace.kim/password", json={"password": "quay street 12"}, headers=admin)
    assert reset.status_code == 204
    assert api.get("/v1/me", headers=grace).status_code == 401
    assert login(api, "grace.kim", "harbor-grace") == 401
    assert login(api, "grace.kim", "quay street 12") == 200


def test_a_short_password_is_refused_and_nothing_changes(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    short = api.put(f"{HV}/grace.kim/password", json={"password": "tiny9"}, headers=admin)
    assert short.status_code == 422
    assert "at least 12" in short.json()["error"]["message"]
    assert "tiny9" not in short.text
    assert login(api, "grace.kim", "harbor-grace") == 200


def test_only_admins_and_only_of_their_own_hotel(api: TestClient, api_db: Database) -> None:
    manager = staff(api, "grace.kim")
    body = {"username": "x.y", "name": "X Y", "role": "admin"}
    assert api.post(HV, json=body, headers=manager).status_code == 403
    assert api.get(HV, headers=manager).status_code == 403
    assert api.delete(f"{HV}/leo.martins", headers=manager).status_code == 403
    # Alpine Lodge gets an admin of its own (the demo has none).
    alpine_root = principal("admin", "root", hotel="alpine-lodge")
    new_admin = StaffRequest(
        username="eva.keller", name="Eva Keller", role=Role.ADMIN,
        password=SecretStr("eiger north face"),
    )  # fmt: skip
    api_db.run(lambda s: add_staff(s, alpine_root, new_admin))
    answer = api.post(
        "/v1/staff/login",
        json={"hotel": "alpine-lodge", "username": "eva.keller", "password": "eiger north face"},
    )
    alpine = {"Authorization": f"Bearer {answer.json()['token']}"}
    assert api.get("/v1/hotels/alpine-lodge/staff", headers=alpine).status_code == 200
    # Another hotel's path is 404, and so is another hotel's account under one's own.
    assert api.get(HV, headers=alpine).status_code == 404
    assert api.delete(f"{HV}/grace.kim", headers=alpine).status_code == 404
    elsewhere = "/v1/hotels/alpine-lodge/staff/grace.kim"
    assert api.delete(elsewhere, headers=alpine).status_code == 404
    reset = api.put(f"{elsewhere}/password", json={"password": "long enough pass"}, headers=alpine)
    assert reset.status_code == 404
    assert login(api, "grace.kim", "harbor-grace") == 200
    assert api.get("/v1/me", headers=manager).status_code == 200


def test_a_control_character_in_a_username_is_a_422_not_a_500(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    for method, url, body in [
        ("delete", f"{HV}/grace%00kim", None),
        ("put", f"{HV}/grace%00kim/password", {"password": "long enough pass"}),
    ]:
        answer = api.request(method, url, json=body, headers=admin)
        assert answer.status_code == 422, answer.text
        assert "username" in answer.json()["error"]["message"]
