"""The contract's command line, run as scripts run it."""

import json

import pytest
from click.testing import CliRunner

from concierge.cli import main


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'demo.db'}"
    result = CliRunner().invoke(main, ["seed", "--db", url, "--today", "2027-03-01"])
    assert result.exit_code == 0, result.output
    return url


def call(url, *args):
    return CliRunner().invoke(main, ["tools", "call", *args, "--db", url])


def test_seed_reports_what_it_built(seeded):
    # A second seed of the same database is refused rather than duplicating the hotels.
    again = CliRunner().invoke(main, ["seed", "--db", seeded, "--today", "2027-03-01"])
    assert again.exit_code != 0 and "already" in again.output


def test_a_tool_call_prints_json_and_exits_0(seeded):
    result = call(
        seeded,
        "get_folio",
        "--hotel",
        "harbor-view",
        "--role",
        "guest",
        "--reservation",
        "HV1001",
        "--args",
        '{"confirmation_code": "HV1001"}',
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["balance"] == "518.50"


def test_a_refusal_prints_the_error_and_exits_3(seeded):
    result = call(
        seeded,
        "void_charge",
        "--hotel",
        "harbor-view",
        "--role",
        "front_desk",
        "--user",
        "leo.martins",
        "--args",
        '{"confirmation_code": "HV1001", "line": 3, "reason": "x"}',
    )
    assert result.exit_code == 3
    assert json.loads(result.output)["error"]["type"] == "not_permitted"


@pytest.mark.parametrize(
    "args",
    [
        ["no_such_tool", "--hotel", "harbor-view", "--role", "guest"],
        ["get_folio", "--hotel", "harbor-view", "--role", "emperor"],
        ["get_folio", "--hotel", "harbor-view", "--role", "guest", "--args", "{not json"],
        ["get_folio", "--hotel", "harbor-view", "--role", "guest", "--args", "[1]"],
        ["get_folio", "--hotel", "harbor-view", "--role", "guest", "--now", "yesterday"],
    ],
)
def test_bad_usage_exits_2(seeded, args):
    assert call(seeded, *args).exit_code == 2


def test_now_freezes_the_clock_for_the_cancellation_window(seeded):
    args = [
        "get_reservation",
        "--hotel",
        "harbor-view",
        "--role",
        "manager",
        "--user",
        "grace.kim",
        "--args",
        '{"confirmation_code": "HV1006"}',
    ]
    before = json.loads(call(seeded, *args, "--now", "2027-02-27T10:00:00").output)
    after = json.loads(call(seeded, *args, "--now", "2027-03-01T10:00:00").output)
    assert before["cancellation"].startswith("Free cancellation")
    assert "cancellation fee of $240.00" in after["cancellation"]


def test_night_audit_posts_tonight_and_moves_the_date(tmp_path):
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    CliRunner().invoke(main, ["seed", "--db", url, "--today", "2027-03-01"])
    result = CliRunner().invoke(main, ["night-audit", "--hotel", "harbor-view", "--db", url])
    assert result.exit_code == 0, result.output
    folio = json.loads(
        call(
            url,
            "get_folio",
            "--hotel",
            "harbor-view",
            "--role",
            "manager",
            "--args",
            '{"confirmation_code": "HV1001"}',
        ).output
    )
    assert folio["lines"][-1]["category"] == "room" and folio["lines"][-1]["date"] == "2027-03-01"
    assert folio["balance"] == "758.50"


def test_tools_list_filters_by_role():
    result = CliRunner().invoke(main, ["tools", "list", "--role", "housekeeping"])
    names = {line.split()[0] for line in result.output.splitlines()}
    assert "update_housekeeping_task" in names and "get_folio" not in names
