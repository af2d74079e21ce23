"""`concierge bench turns`: the table of what one offline-model turn costs (issue 14)."""

import json
from pathlib import Path

from click.testing import CliRunner

from concierge.cli import main


def test_bench_turns_prints_and_writes_every_case(sqlite_copy: str, tmp_path: Path) -> None:
    out = tmp_path / "turns.json"
    result = CliRunner().invoke(
        main, ["bench", "turns", "--db", sqlite_copy, "--iterations", "2", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "CPU p95" in result.output
    cases = json.loads(out.read_text())
    assert "ordinary message, turn 20 of a booking thread" in cases and len(cases) == 6
    assert all(row["cpu_ms"]["p95"] >= row["cpu_ms"]["p50"] > 0 for row in cases.values())
