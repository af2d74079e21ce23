"""Access services: web origins, chat-platform accounts, and who may change them."""

from __future__ import annotations

import pytest

from pms.access.channels import link, staff_for
from pms.access.hotels import profile, set_web_origins, web_origin
from pms.access.staff import authenticate
from pms.db import Database
from pms.errors import Invalid, NotFound, NotPermitted, Unauthenticated
from tests.support import principal

ADMIN = principal("admin", "morgan.lee")


@pytest.mark.parametrize(
    ("given", "origin"),
    [
        ("https://www.harborview.example", "https://www.harborview.example"),
        ("https://www.harborview.example/", "https://www.harborview.example"),
        ("http://localhost:8080", "http://localhost:8080"),
        ("  HTTPS://Book.Example:8443 ", "https://book.example:8443"),
    ],
)
def test_origins_are_kept_as_a_browser_sends_them(given: str, origin: str) -> None:
    assert web_origin(given) == origin


@pytest.mark.parametrize(
    "bad", ["harborview.example", "ftp://x.example", "https://x.example/page", "https://"]
)
def test_anything_but_scheme_host_and_port_is_refused(bad: str) -> None:
    with pytest.raises(Invalid):
        web_origin(bad)


def test_only_admins_set_origins_and_the_profile_shows_them(db: Database) -> None:
    with pytest.raises(NotPermitted):
        db.run(
            lambda s: set_web_origins(s, principal("manager", "grace.kim"), ["https://a.example"])
        )
    db.run(lambda s: set_web_origins(s, ADMIN, ["https://b.example", "https://a.example/"]))
    shown = db.run(lambda s: profile(s, "harbor-view"))
    assert shown.web_origins == ["https://a.example", "https://b.example"]
    assert db.run(lambda s: profile(s, "alpine-lodge")).web_origins == [
        "https://www.alpinelodge.example"
    ]


def test_a_linked_slack_user_is_that_staff_member(db: Database) -> None:
    db.run(lambda s: link(s, ADMIN, "slack", "T1:U9", "maria.santos"))
    found = db.run(lambda s: staff_for(s, "slack", "T1:U9"))
    assert found is not None and (found.username, found.role) == ("maria.santos", "housekeeping")
    assert db.run(lambda s: staff_for(s, "slack", "T1:U10")) is None
    assert db.run(lambda s: staff_for(s, "teams", "T1:U9")) is None


def test_linking_needs_an_admin_and_a_staff_member_of_this_hotel(db: Database) -> None:
    with pytest.raises(NotPermitted):
        db.run(lambda s: link(s, principal("manager", "grace.kim"), "slack", "T:U", "tom.reed"))
    with pytest.raises(NotFound):
        db.run(lambda s: link(s, ADMIN, "slack", "T:U", "hans.weber"))  # Alpine Lodge's
    with pytest.raises(Invalid):
        db.run(lambda s: link(s, ADMIN, "irc", "T:U", "tom.reed"))


def test_another_hotel_cannot_take_over_a_mapping(db: Database) -> None:
    db.run(lambda s: link(s, ADMIN, "teams", "aad-1", "leo.martins"))
    alpine_admin = principal("admin", "root", hotel="alpine-lodge")
    with pytest.raises(Invalid):
        db.run(lambda s: link(s, alpine_admin, "teams", "aad-1", "lena.vogt"))
    found = db.run(lambda s: staff_for(s, "teams", "aad-1"))
    assert found is not None and found.username == "leo.martins"


def test_sign_in_checks_hotel_username_and_password(db: Database) -> None:
    ok = db.run(lambda s: authenticate(s, "harbor-view", "Grace.Kim", "harbor-grace"))
    assert ok.role == "manager"
    for hotel, user, password in [
        ("alpine-lodge", "grace.kim", "harbor-grace"),
        ("harbor-view", "grace.kim", "harbor-leo"),
        ("harbor-view", "ghost", "harbor-grace"),
    ]:
        with pytest.raises(Unauthenticated):
            db.run(lambda s, h=hotel, u=user, p=password: authenticate(s, h, u, p))
