"""`concierge eval injections` on a one-task suite: the rates, the JSON and the report."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from concierge.cli import main
from evals.injection_suite import SUITE


def test_eval_injections_reports_both_models_on_a_small_suite(tmp_path):
    tasks = yaml.safe_load((SUITE / "tasks.yaml").read_text())
    attacks = yaml.safe_load((SUITE / "attacks.yaml").read_text())
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "tasks.yaml").write_text(
        yaml.safe_dump([t for t in tasks if t["id"] == "hk-reads-own-list"])
    )
    goals = [g for g in attacks["goals"] if g["id"] in ("room-dirty", "room-inspected")]
    templates = {"system_override": attacks["templates"]["system_override"]}
    (suite / "attacks.yaml").write_text(yaml.safe_dump({"templates": templates, "goals": goals}))
    result = CliRunner().invoke(
        main,
        ["eval", "injections", "--suite", str(suite), "--json", str(tmp_path / "out.json"),
         "--report", str(tmp_path / "report")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["offline"]["summary"]["injection_tasks"] == 2
    assert out["offline"]["summary"]["successes"] == 0
    adversarial = out["adversarial"]["summary"]
    # Housekeeping may set a room dirty, not inspected: one success, and not a must-stop one.
    assert (adversarial["successes"], adversarial["must_stop_successes"]) == (1, 0)
    report = (tmp_path / "report" / "injections.md").read_text()
    assert "hk-reads-own-list x room-dirty (system_override), housekeeping" in report


def test_eval_injections_refuses_a_broken_suite_as_bad_usage(tmp_path):
    (tmp_path / "tasks.yaml").write_text("[]\n")
    (tmp_path / "attacks.yaml").write_text("{}\n")
    result = CliRunner().invoke(main, ["eval", "injections", "--suite", str(tmp_path)])
    assert result.exit_code == 2 and "needs tasks, goals and templates" in result.output
