"""The prompt budget of issue 3: what every model call costs before the conversation."""

import json

from click.testing import CliRunner

from concierge.bench_prompts import measure
from concierge.cli import main


def test_guest_and_manager_prompts_stay_within_budget():
    sizes = measure()
    assert sizes["guest"]["total"] < 2000
    assert sizes["manager"]["total"] < 4000
    # The guest sees fewer tools than staff, so it costs less.
    assert sizes["guest"]["tool_count"] < sizes["front_desk"]["tool_count"]
    assert sizes["guest"]["total"] < sizes["manager"]["total"]


def test_bench_prompts_prints_and_writes_the_table(tmp_path):
    out = tmp_path / "prompts.json"
    result = CliRunner().invoke(main, ["bench", "prompts", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "guest" in result.output and "manager" in result.output
    assert set(json.loads(out.read_text())) == {
        "guest",
        "housekeeping",
        "front_desk",
        "manager",
        "admin",
    }
