"""Who a request acts as comes from its credentials alone, for every kind of credential."""

from __future__ import annotations

import time

import jwt
from fastapi.testclient import TestClient

from pms.access import api_keys
from pms.access.schemas import ApiKeyRequest
from pms.db import Database
from pms.principal import Principal, Role
from tests.api.conftest import SECRET, guest, staff


def test_a_guest_session_acts_as_an_anonymous_guest_of_that_hotel(api: TestClient) -> None:
    me = api.get("/v1/me", headers=guest(api)).json()
    assert me == {"hotel": "harbor-view", "role": "guest", "user": None, "channel": "web"}


def test_a_guest_session_for_an_unknown_hotel_is_refused(api: TestClient) -> None:
    answer = api.post("/v1/guest-sessions", json={"hotel": "no-such-hotel"})
    assert answer.status_code == 404
    assert answer.json()["error"]["type"] == "not_found"
    assert api.post("/v1/guest-sessions", json={"hotel": "Bad Slug!"}).status_code == 422


def test_staff_sign_in_gives_a_token_with_the_accounts_role(api: TestClient) -> None:
    me = api.get("/v1/me", headers=staff(api, "leo.martins")).json()
    assert me["role"] == "front_desk" and me["user"] == "leo.martins"


def test_a_wrong_password_or_unknown_user_gets_the_same_401(api: TestClient) -> None:
    wrong = api.post(
        "/v1/staff/login",
        json={"hotel": "harbor-view", "username": "grace.kim", "password": "nope"},
    )
    unknown = api.post(
        "/v1/staff/login",
        json={"hotel": "harbor-view", "username": "nobody", "password": "nope"},
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_missing_forged_and_expired_tokens_are_401(api: TestClient) -> None:
    assert api.get("/v1/me").status_code == 401
    forged = jwt.encode(
        {"kind": "staff", "hotel": "harbor-view", "role": "admin", "sub": "x", "jti": "j",
         "exp": int(time.time()) + 60, "user": "morgan.lee", "aud": "concierge"},
        "not-the-secret-" + "y" * 30,
        algorithm="HS256",
    )  # fmt: skip
    assert api.get("/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    expired = jwt.encode(
        {"kind": "guest", "hotel": "harbor-view", "role": "guest", "sub": "g", "jti": "j",
         "exp": int(time.time()) - 5, "aud": "concierge"},
        SECRET,
        algorithm="HS256",
    )  # fmt: skip
    answer = api.get("/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert answer.status_code == 401 and "expired" in answer.json()["error"]["message"]


def test_a_guest_token_cannot_claim_a_staff_role(api: TestClient) -> None:
    # Signed with the real secret but saying "admin" for a guest session: the role of a guest
    # token is never read from it.
    token = jwt.encode(
        {"kind": "guest", "hotel": "harbor-view", "role": "admin", "sub": "g", "jti": "j",
         "exp": int(time.time()) + 60, "aud": "concierge"},
        SECRET,
        algorithm="HS256",
    )  # fmt: skip
    me = api.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "guest"


def test_signing_out_revokes_the_token(api: TestClient) -> None:
    headers = staff(api, "grace.kim")
    assert api.post("/v1/staff/logout", headers=headers).status_code == 204
    answer = api.get("/v1/me", headers=headers)
    assert answer.status_code == 401 and "signed out" in answer.json()["error"]["message"]
    assert api.post("/v1/staff/logout", headers=headers).status_code == 401


def test_signing_out_ends_every_earlier_token_of_the_account_only(api: TestClient) -> None:
    laptop, phone = staff(api, "grace.kim"), staff(api, "grace.kim")
    colleague = staff(api, "leo.martins")
    assert api.post("/v1/staff/logout", headers=laptop).status_code == 204
    assert api.get("/v1/me", headers=phone).status_code == 401
    assert api.get("/v1/me", headers=colleague).status_code == 200
    assert api.get("/v1/me", headers=staff(api, "grace.kim")).status_code == 200


def test_a_deactivated_account_is_out_at_once(api: TestClient, api_db: Database) -> None:
    from sqlalchemy import update

    from pms.models import StaffUser

    headers = staff(api, "leo.martins")
    with api_db.unit_of_work() as session:
        session.execute(
            update(StaffUser).where(StaffUser.username == "leo.martins").values(active=False)
        )
    assert api.get("/v1/me", headers=headers).status_code == 401


def test_admins_issue_api_keys_that_act_with_their_role(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    issued = api.post("/v1/api-keys", json={"name": "booking-engine", "role": "front_desk"},
                      headers=admin)  # fmt: skip
    assert issued.status_code == 201
    key = issued.json()["key"]
    assert key.startswith("ck_")
    me = api.get("/v1/me", headers={"Authorization": f"Bearer {key}"}).json()
    assert me == {"hotel": "harbor-view", "role": "front_desk", "user": "booking-engine",
                  "channel": "api"}  # fmt: skip
    listed = api.get("/v1/api-keys", headers=admin).json()["api_keys"]
    assert [k["name"] for k in listed] == ["booking-engine"]
    assert key not in str(listed)  # the key itself is shown once, never listed

    key_id = issued.json()["api_key"]["id"]
    assert api.delete(f"/v1/api-keys/{key_id}", headers=admin).json()["revoked_at"]
    assert api.get("/v1/me", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_only_admins_issue_keys_and_never_admin_keys(api: TestClient) -> None:
    body = {"name": "x", "role": "manager"}
    refused = api.post("/v1/api-keys", json=body, headers=staff(api, "grace.kim"))
    assert refused.status_code == 403 and refused.json()["error"]["type"] == "not_permitted"
    admin_key = api.post(
        "/v1/api-keys", json={"name": "x", "role": "admin"}, headers=staff(api, "morgan.lee")
    )
    assert admin_key.status_code == 422


def test_a_key_is_stored_only_as_its_hash(api_db: Database) -> None:
    from sqlalchemy import select

    from pms.models import ApiKey

    admin = Principal(hotel="harbor-view", role=Role.ADMIN, user="morgan.lee")
    issued = api_db.run(
        lambda s: api_keys.issue(s, admin, ApiKeyRequest(name="bot", role=Role.GUEST))
    )
    with api_db.unit_of_work() as session:
        row = session.scalars(select(ApiKey)).one()
        assert issued.key not in (row.key_hash, row.prefix)
        assert issued.key.startswith(row.prefix)
    tampered = issued.key[:-2] + ("AA" if not issued.key.endswith("AA") else "BB")
    assert api_db.run(lambda s: api_keys.principal_for_key(s, issued.key)).role is Role.GUEST
    import pytest

    from pms.errors import Unauthenticated

    with pytest.raises(Unauthenticated):
        api_db.run(lambda s: api_keys.principal_for_key(s, tampered))
