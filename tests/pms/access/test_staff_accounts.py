"""Staff accounts as an admin manages them: add, set a password, deactivate, and who may."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.access.schemas import StaffRequest
from pms.access.staff import (
    active_staff,
    add_staff,
    authenticate,
    deactivate,
    list_staff,
    set_password,
    sign_in,
)
from pms.db import Database
from pms.errors import Conflict, Invalid, NotFound, NotPermitted, Unauthenticated
from pms.models import AuditEntry, StaffUser
from pms.principal import Role
from tests.support import principal

ADMIN = principal("admin", "morgan.lee")
ALPINE_ADMIN = principal("admin", "root", hotel="alpine-lodge")
NEW_PASSWORD = "correct horse battery"


def request(username: str = "ana.costa", password: str | None = None) -> StaffRequest:
    return StaffRequest(
        username=username,
        name="Ana Costa",
        role=Role.FRONT_DESK,
        password=SecretStr(password) if password is not None else None,
    )


def test_an_added_account_signs_in_once_it_has_a_password(db: Database) -> None:
    view = db.run(lambda s: add_staff(s, ADMIN, request()))
    assert (view.username, view.name, view.role, view.active) == (
        "ana.costa", "Ana Costa", "front_desk", True,
    )  # fmt: skip
    assert view.password_set is False
    with pytest.raises(Unauthenticated):
        db.run(lambda s: authenticate(s, "harbor-view", "ana.costa", "!"))
    shown = db.run(lambda s: set_password(s, ADMIN, "ana.costa", NEW_PASSWORD))
    assert shown.password_set is True
    me = db.run(lambda s: authenticate(s, "harbor-view", "Ana.Costa", NEW_PASSWORD))
    assert me.role == "front_desk"
    listed = {v.username: v for v in db.run(lambda s: list_staff(s, ADMIN))}
    assert listed["ana.costa"].password_set and "grace.kim" in listed
    assert "hans.weber" not in listed  # Alpine Lodge's


def test_an_initial_password_works_at_once(db: Database) -> None:
    db.run(lambda s: add_staff(s, ADMIN, request(password=NEW_PASSWORD)))
    assert db.run(lambda s: authenticate(s, "harbor-view", "ana.costa", NEW_PASSWORD))


def test_a_new_password_ends_the_old_one_and_every_earlier_token(db: Database) -> None:
    _, version = db.run(lambda s: sign_in(s, "harbor-view", "grace.kim", "harbor-grace"))
    db.run(lambda s: set_password(s, ADMIN, "grace.kim", NEW_PASSWORD))
    with pytest.raises(Unauthenticated, match="signed out"):
        db.run(lambda s: active_staff(s, "harbor-view", "grace.kim", version))
    with pytest.raises(Unauthenticated):
        db.run(lambda s: authenticate(s, "harbor-view", "grace.kim", "harbor-grace"))
    _, fresh = db.run(lambda s: sign_in(s, "harbor-view", "grace.kim", NEW_PASSWORD))
    assert db.run(lambda s: active_staff(s, "harbor-view", "grace.kim", fresh)).role == "manager"


def test_a_deactivated_account_cannot_sign_in_nor_use_its_tokens(db: Database) -> None:
    _, version = db.run(lambda s: sign_in(s, "harbor-view", "leo.martins", "harbor-leo"))
    view = db.run(lambda s: deactivate(s, ADMIN, "leo.martins"))
    assert view.active is False
    with pytest.raises(Unauthenticated):
        db.run(lambda s: active_staff(s, "harbor-view", "leo.martins", version))
    with pytest.raises(Unauthenticated):
        db.run(lambda s: authenticate(s, "harbor-view", "leo.martins", "harbor-leo"))
    again = db.run(lambda s: deactivate(s, ADMIN, "leo.martins"))  # idempotent
    assert again.active is False


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-pass", "at least 12"),
        ("x" * 201, "at most 200"),
        ("line one\nline two", "one line"),
        ("  grace.kim.1  ", None),
    ],
)
def test_passwords_sign_in_could_not_take_are_refused(
    db: Database, password: str, reason: str | None
) -> None:
    if reason is None:
        db.run(lambda s: set_password(s, ADMIN, "grace.kim", password))
        return
    with pytest.raises(Invalid, match=reason):
        db.run(lambda s: set_password(s, ADMIN, "grace.kim", password))
    assert db.run(lambda s: authenticate(s, "harbor-view", "grace.kim", "harbor-grace"))


def test_the_username_is_not_a_password(db: Database) -> None:
    db.run(lambda s: add_staff(s, ADMIN, request("frontdesk.night1")))
    with pytest.raises(Invalid, match="not be the username"):
        db.run(lambda s: set_password(s, ADMIN, "frontdesk.night1", "FrontDesk.Night1"))


def test_only_an_admin_of_the_same_hotel_manages_its_staff(db: Database) -> None:
    manager = principal("manager", "grace.kim")
    with pytest.raises(NotPermitted):
        db.run(lambda s: add_staff(s, manager, request()))
    with pytest.raises(NotPermitted):
        db.run(lambda s: set_password(s, manager, "leo.martins", NEW_PASSWORD))
    with pytest.raises(NotPermitted):
        db.run(lambda s: deactivate(s, manager, "leo.martins"))
    for work in (
        lambda s: set_password(s, ALPINE_ADMIN, "grace.kim", NEW_PASSWORD),
        lambda s: deactivate(s, ALPINE_ADMIN, "grace.kim"),
    ):
        with pytest.raises(NotFound, match="no staff account 'grace.kim'"):
            db.run(work)
    assert db.run(lambda s: authenticate(s, "harbor-view", "grace.kim", "harbor-grace"))


def test_a_username_is_taken_once_per_hotel_and_guests_are_no_staff(db: Database) -> None:
    with pytest.raises(Conflict):
        db.run(lambda s: add_staff(s, ADMIN, request("grace.kim")))
    # Another hotel may have its own grace.kim.
    db.run(lambda s: add_staff(s, ALPINE_ADMIN, request("grace.kim")))
    guest = StaffRequest(username="walk.in", name="Walk In", role=Role.GUEST)
    with pytest.raises(Invalid, match="role"):
        db.run(lambda s: add_staff(s, ADMIN, guest))


def test_an_admin_cannot_lock_themselves_out(db: Database) -> None:
    with pytest.raises(Invalid, match="your own account"):
        db.run(lambda s: deactivate(s, ADMIN, "morgan.lee"))


def test_no_password_or_hash_reaches_the_audit_log_and_hashes_are_salted(db: Database) -> None:
    db.run(lambda s: add_staff(s, ADMIN, request("ana.costa", NEW_PASSWORD)))
    db.run(lambda s: add_staff(s, ADMIN, request("rui.lopes", NEW_PASSWORD)))
    db.run(lambda s: set_password(s, ADMIN, "grace.kim", NEW_PASSWORD))

    def look(s: Session) -> tuple[list[str], set[str]]:
        entries = s.scalars(
            select(AuditEntry).where(AuditEntry.action.in_(["add_staff", "set_staff_password"]))
        ).all()
        hashes = s.scalars(
            select(StaffUser.password_hash).where(
                StaffUser.username.in_(["ana.costa", "rui.lopes", "grace.kim"])
            )
        ).all()
        return [repr(e.details) + e.target for e in entries], set(hashes)

    logged, hashes = db.run(look)
    assert len(logged) == 3
    assert not any("horse" in line or "$argon2" in line for line in logged)
    assert len(hashes) == 3  # one password, three accounts, three different hashes
