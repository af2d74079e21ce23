"""Reports people read and the comparison of two runs, built from a run's JSON."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from concierge.cli import main
from evals.compare import compare
from evals.reference_agents import oracle_factory, silent_factory
from evals.report import html_report, markdown, write_reports
from evals.report_data import dollars, scenario_figures
from evals.runner import run
from evals.scenario import Scenario
from evals.world import SqliteWorlds

CANCEL = {
    "id": "fd-cancels-hv1005",
    "tags": ["front_desk", "cancel"],
    "now": "2027-03-01T10:00:00",
    "actor": {"role": "front_desk", "user": "ana.silva"},
    "turns": ["Cancel HV1005 please <b>now</b>"],
    "expect": {
        "actions": [{"tool": "cancel_reservation", "args": {"confirmation_code": "HV1005"}}]
    },
}
QUESTION = {
    "id": "guest-asks-nothing",
    "tags": ["guest"],
    "now": "2027-03-01T10:00:00",
    "turns": ["Hello"],
    "expect": {"actions": []},
}


def _run(tmp_path, factory, model="offline"):
    scenarios = [Scenario.model_validate(CANCEL), Scenario.model_validate(QUESTION)]
    return run(scenarios, factory, worlds=SqliteWorlds(tmp_path), model=model).as_json()


def test_a_failure_shows_its_conversation_calls_reasons_and_state_difference(tmp_path):
    data = _run(tmp_path, silent_factory)
    text = markdown(data)
    assert "pass^1 0.500" in text
    assert "| front_desk | 1 | pass^1 0.000 |" in text and "| guest | 1 | pass^1 1.000 |" in text
    failure = text.split("## Failures (1)")[1]
    assert "fd-cancels-hv1005 — failed DB" in failure
    assert "**user**: Cancel HV1005 please <b>now</b>" in failure
    assert "```diff" in failure and "HV1005" in failure.split("```diff")[1]
    assert "guest-asks-nothing" not in failure


def test_the_html_report_is_self_contained_and_escapes_what_users_wrote(tmp_path):
    page = html_report(_run(tmp_path, silent_factory))
    assert "<svg" in page and "<script" not in page and "http" not in page
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    widths = re.findall(r'fill="#2a7"', page)
    assert len(widths) >= 4  # a bar per role and per tag


def test_cost_is_shown_where_the_price_is_known():
    data = {
        "summary": {"model": "openai:gpt-4o-mini", "trials": 1, "pass_hat": {"1": 1.0}},
        "results": [
            {"id": "s", "passes": 1, "trials": 1, "role": "guest",
             "details": [{"prompt_tokens": 1_000_000, "completion_tokens": 500_000,
                          "latencies": [0.5, 1.5], "passed": True}]},
        ],
    }  # fmt: skip
    (item,) = scenario_figures(data)
    assert item.cost == 1_000_000 * 15 + 500_000 * 60  # millionths of a cent
    assert dollars(item.cost) == "$0.4500" and item.latency_mean == 1.0
    data["summary"]["model"] = "openai-compatible:llama@http://x"
    assert "unknown price" in markdown(data)


def test_compare_lists_what_got_better_and_worse(tmp_path):
    silent = _run(tmp_path / "a", silent_factory)
    oracle = _run(tmp_path / "b", oracle_factory)
    result = compare(silent, oracle)
    assert [i for i, _, _ in result.better] == ["fd-cancels-hv1005"]
    assert result.worse == [] and result.unchanged == 1
    assert result.pass_hat["1"] == (0.5, 1.0)
    back = compare(oracle, silent)
    assert [i for i, _, _ in back.worse] == ["fd-cancels-hv1005"]


def test_the_cli_writes_reports_and_compares_two_runs(tmp_path):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(json.dumps([CANCEL, QUESTION]), encoding="utf-8")
    runs = []
    for model in ("none", "offline"):
        out = tmp_path / f"{model}.json"
        result = CliRunner().invoke(
            main,
            ["eval", "run", str(scenario), "--model", model, "--json", str(out),
             "--report", str(tmp_path / model)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert (tmp_path / model / "report.md").exists()
        assert (tmp_path / model / "report.html").exists()
        runs.append(str(out))
    result = CliRunner().invoke(main, ["eval", "compare", *runs, "--json", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    changes = json.loads((tmp_path / "c").read_text())
    assert [c["id"] for c in changes["better"]] == ["fd-cancels-hv1005"]


def test_write_reports_names_both_files(tmp_path):
    md, page = write_reports(_run(tmp_path / "w", oracle_factory), tmp_path / "out")
    assert md.read_text().startswith("# Evaluation report") and page.suffix == ".html"
