"""`concierge api-keys` and `concierge staff ...`, as whoever runs the server uses them."""

from __future__ import annotations

import json
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from concierge.cli import main
from pms.access.api_keys import principal_for_key
from pms.access.channels import staff_for
from pms.access.staff import active_staff, authenticate, sign_in
from pms.db import Database
from pms.errors import Unauthenticated


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


def test_a_password_from_standard_input_signs_in_and_ends_old_tokens(seeded: str) -> None:
    db = Database(seeded)
    _, version = db.run(lambda s: sign_in(s, "harbor-view", "ana.silva", "harbor-ana"))
    result = CliRunner().invoke(
        main,
        ["staff", "password", "ana.silva", "--hotel", "harbor-view", "--db", seeded],
        input="pier lantern rope\n",
    )
    assert result.exit_code == 0, result.output
    assert "pier lantern" not in result.output
    assert db.run(lambda s: authenticate(s, "harbor-view", "ana.silva", "pier lantern rope"))
    with pytest.raises(Unauthenticated):
        db.run(lambda s: authenticate(s, "harbor-view", "ana.silva", "harbor-ana"))
    with pytest.raises(Unauthenticated, match="signed out"):
        db.run(lambda s: active_staff(s, "harbor-view", "ana.silva", version))
    db.dispose()


@pytest.mark.parametrize(
    ("args", "given", "says"),
    [
        (["ana.silva", "--hotel", "harbor-view"], "too short\n", "at least 12 characters"),
        (["ana.silva", "--hotel", "harbor-view"], "", "No password on standard input"),
        (["hans.weber", "--hotel", "harbor-view"], "long enough pass\n", "no staff account"),
        (["ana.silva", "--hotel", "no-such-hotel"], "long enough pass\n", "no hotel"),
    ],
)
def test_a_refused_password_says_why_and_changes_nothing(
    seeded: str, args: list[str], given: str, says: str
) -> None:
    result = CliRunner().invoke(main, ["staff", "password", *args, "--db", seeded], input=given)
    assert result.exit_code == 1 and says in result.output, result.output
    assert given.strip() == "" or given.strip() not in result.output


def test_at_a_terminal_it_asks_twice_hidden_until_both_match(seeded: str) -> None:
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, with the pseudo-terminal as its terminal
        command = ["staff", "password", "ivy.chen", "--hotel", "harbor-view", "--db", seeded]
        os.execv(sys.executable, [sys.executable, "-m", "concierge.cli", *command])
    screen = Screen(fd)
    screen.expect("New password")
    os.write(fd, b"first try lantern\n")
    screen.expect("Repeat it")
    os.write(fd, b"second try differs\n")
    screen.expect("New password")  # asked again: the two did not match
    os.write(fd, b"tide pool lantern\n")
    screen.expect("Repeat it")
    os.write(fd, b"tide pool lantern\n")
    screen.expect("Password set for ivy.chen")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, screen.text
    assert "lantern" not in screen.text  # not echoed
    db = Database(seeded)
    assert db.run(lambda s: authenticate(s, "harbor-view", "ivy.chen", "tide pool lantern"))
    db.dispose()


class Screen:
    """What a pseudo-terminal shows, read until an expected text appears (or 60 s pass)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.text = ""
        self._seen = 0

    def expect(self, wanted: str) -> None:
        deadline = time.monotonic() + 60
        while wanted not in self.text[self._seen :]:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"never showed {wanted!r}; showed {self.text!r}")
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # the child closed the terminal
                chunk = b""
            if not chunk:
                raise AssertionError(f"ended before {wanted!r}; showed {self.text!r}")
            self.text += chunk.decode(errors="replace")
        self._seen = self.text.index(wanted, self._seen) + len(wanted)
