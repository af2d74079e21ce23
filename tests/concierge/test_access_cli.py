"""`concierge api-keys` and `concierge staff link`, as whoever runs the server uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from concierge.cli import main
from pms.access.api_keys import principal_for_key
from pms.access.channels import staff_for
from pms.db import Database


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'demo.db'}"
    result = CliRunner().invoke(main, ["seed", "--db", url, "--today", "2027-03-01"])
    assert result.exit_code == 0, result.output
    return url


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_an_issued_key_works_until_it_is_revoked(seeded: str) -> None:
    code, out = run("api-keys", "issue", "--hotel", "harbor-view", "--name", "kiosk",
                    "--role", "guest", "--db", seeded)  # fmt: skip
    assert code == 0, out
    issued = json.loads(out)
    db = Database(seeded)
    assert db.run(lambda s: principal_for_key(s, issued["key"])).hotel == "harbor-view"
    code, out = run("api-keys", "list", "--hotel", "harbor-view", "--db", seeded)
    assert issued["key"] not in out and "kiosk" in out
    code, out = run("api-keys", "revoke", str(issued["api_key"]["id"]), "--hotel", "harbor-view",
                    "--db", seeded)  # fmt: skip
    assert code == 0 and json.loads(out)["revoked_at"]
    db.dispose()


def test_admin_keys_and_unknown_staff_are_refused_with_a_message(seeded: str) -> None:
    code, out = run("api-keys", "issue", "--hotel", "harbor-view", "--name", "x",
                    "--role", "admin", "--db", seeded)  # fmt: skip
    assert code == 2  # not one of the choices
    code, out = run("staff", "link", "--hotel", "harbor-view", "--channel", "slack",
                    "--external-id", "T1:U1", "--username", "nobody", "--db", seeded)  # fmt: skip
    assert code == 1 and "no staff account 'nobody'" in out


def test_a_linked_slack_user_maps_to_the_account(seeded: str, tmp_path: Path) -> None:
    code, out = run("staff", "link", "--hotel", "harbor-view", "--channel", "slack",
                    "--external-id", "T1:U7", "--username", "tom.reed", "--db", seeded)  # fmt: skip
    assert code == 0, out
    db = Database(seeded)
    found = db.run(lambda s: staff_for(s, "slack", "T1:U7"))
    assert found is not None and found.username == "tom.reed"
    db.dispose()
