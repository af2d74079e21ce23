"""`concierge eval run` and `concierge chat` through the real command line."""

import json

import pytest
from click.testing import CliRunner

from concierge.cli import main
from concierge.settings import get_settings

SCENARIOS = "tests/evals/scenarios"


@pytest.fixture
def settings_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CONCIERGE_CONVERSATIONS_URL", f"sqlite:///{tmp_path / 'talk.db'}")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_eval_run_writes_the_report_in_the_contract_shape(tmp_path):
    out = tmp_path / "none.json"
    result = CliRunner().invoke(
        main, ["eval", "run", SCENARIOS, "--model", "none", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["summary"]["model"] == "none" and report["summary"]["scenarios"] == 5
    # The baseline never acts: it passes only the scenario that must change nothing.
    assert report["summary"]["pass_hat"]["1"] == pytest.approx(0.2)
    assert {"id", "passed", "passes", "trials", "failed"} <= set(report["results"][0])
    assert "pass^1" in result.output


def test_eval_run_refuses_an_unknown_model_as_bad_usage():
    result = CliRunner().invoke(main, ["eval", "run", SCENARIOS, "--model", "gpt-9000"])
    assert result.exit_code == 2 and "openai:<model>" in result.output


def test_eval_run_reports_a_broken_scenario_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nturns: []\nactor: {role: emperor}\n")
    result = CliRunner().invoke(main, ["eval", "run", str(bad), "--model", "none"])
    assert result.exit_code == 2 and "bad.yaml" in result.output


def test_chat_keeps_a_conversation_in_the_terminal(settings_env):
    db = f"sqlite:///{settings_env / 'demo.db'}"
    assert CliRunner().invoke(main, ["seed", "--db", db, "--today", "2027-03-01"]).exit_code == 0
    result = CliRunner().invoke(
        main,
        ["chat", "--hotel", "harbor-view", "--model", "none", "--db", db, "--thread", "t1"],
        input="Can you book me a room?\n\n",
    )
    assert result.exit_code == 0, result.output
    assert "Conversation t1 with the none model as guest" in result.output
    assert "concierge:" in result.output
    assert (settings_env / "talk.db").exists()
