"""Loading scenario files (docs/evaluation.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from evals.scenario import ScenarioError, load_file, load_scenarios
from pms.principal import Role

SCENARIOS = Path(__file__).parent / "scenarios"

MINIMAL = """
id: minimal
now: "2027-03-01T10:00:00"
turns: ["Hello"]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_format_example_loads_with_every_field() -> None:
    (scenario,) = load_file(SCENARIOS / "guest_booking.yaml")
    assert scenario.id == "guest-books-deluxe-flex"
    assert scenario.tags == ["guest", "booking"]
    assert scenario.hotel == "harbor-view"
    assert scenario.now == datetime(2027, 3, 1, 10, 0)
    assert scenario.actor.role is Role.GUEST
    assert len(scenario.turns) == 2
    (action,) = scenario.expect.actions
    assert action.tool == "create_reservation"
    assert action.args["room_type"] == "DLK"
    assert scenario.expect.outputs == ["HV5001"]
    assert scenario.expect.reward_basis == ["DB", "COMMUNICATE"]
    assert scenario.source.endswith("guest_booking.yaml")


def test_defaults(tmp_path: Path) -> None:
    (scenario,) = load_file(_write(tmp_path, "m.yaml", MINIMAL))
    assert scenario.tags == [] and scenario.setup == []
    assert scenario.actor.role is Role.GUEST
    assert scenario.actor.user is None and scenario.actor.reservations == []
    assert scenario.expect.actions == [] and scenario.expect.outputs == []
    assert scenario.expect.forbidden_outputs == []
    assert scenario.expect.reward_basis == ["DB", "COMMUNICATE"]
    who = scenario.actor_principal()
    assert who.hotel == "harbor-view" and who.role is Role.GUEST


def test_setup_entries_may_name_a_role_and_user() -> None:
    (scenario,) = load_file(SCENARIOS / "setup_cancel.yaml")
    first, second = scenario.setup
    assert first.role is None and first.user is None
    assert second.role is Role.HOUSEKEEPING and second.user == "ivy.chen"
    assert scenario.actor_principal().owns("HV5001")


def test_a_file_may_hold_a_list_and_folders_are_read_recursively() -> None:
    assert [s.id for s in load_file(SCENARIOS / "staff" / "manager_and_housekeeping.yaml")] == [
        "manager-refunds-spa",
        "housekeeping-finishes-task",
    ]
    ids = {s.id for s in load_scenarios(SCENARIOS)}
    assert ids == {
        "guest-books-deluxe-flex",
        "manager-refunds-spa",
        "housekeeping-finishes-task",
        "guest-asks-availability",
        "guest-cancels-new-booking",
    }


def test_only_yaml_files_are_read_from_folders(tmp_path: Path) -> None:
    _write(tmp_path, "a/one.yml", MINIMAL)
    _write(tmp_path, "notes.txt", "not a scenario")
    _write(tmp_path, "empty.yaml", "")
    assert [s.id for s in load_scenarios([tmp_path])] == ["minimal"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\nturns: [hi]\n", "now: Field required"),
        (MINIMAL + "expect: {reward_basis: [DB, TONE]}\n", "expect.reward_basis.1"),
        (MINIMAL + "actor: {role: pirate}\n", "actor.role"),
        (MINIMAL + "colour: blue\n", "colour: Extra inputs are not permitted"),
        (MINIMAL + "setup: [{args: {}}]\n", "setup.0.tool: Field required"),
        (MINIMAL + "expect: {actions: [{tool: x, role: admin}]}\n", "expect.actions.0.role"),
        (MINIMAL.replace('turns: ["Hello"]', "turns: []"), "turns"),
        ("- 3\n", "a scenario must be a mapping"),
        ("id: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_files_are_refused_naming_file_and_field(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    with pytest.raises(ScenarioError) as error:
        load_scenarios(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_a_list_item_is_named_by_index_and_id(tmp_path: Path) -> None:
    text = "- " + MINIMAL.strip().replace("\n", "\n  ") + "\n- {id: second, turns: [hi]}\n"
    path = _write(tmp_path, "list.yaml", text)
    with pytest.raises(ScenarioError, match=r"\[item 1\] \(id second\): now: Field required"):
        load_file(path)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.yaml", MINIMAL)
    second = _write(tmp_path, "b/c.yaml", MINIMAL)
    with pytest.raises(ScenarioError, match="duplicate scenario id 'minimal'") as error:
        load_scenarios(tmp_path)
    assert str(first) in str(error.value) and str(second) in str(error.value)


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="no such file or folder"):
        load_scenarios(tmp_path / "nope")
