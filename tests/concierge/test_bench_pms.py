"""`concierge bench pms` end to end on a small synthetic hotel."""

import json

from click.testing import CliRunner

from concierge.cli import main

OPERATIONS = {
    "check_availability",
    "create_reservation",
    "search_reservations",
    "get_folio",
    "list_rooms",
    "list_housekeeping_tasks",
}


def test_bench_seeds_times_every_operation_and_writes_json(tmp_path):
    db = f"sqlite:///{tmp_path / 'bench.db'}"
    out = tmp_path / "bench.json"
    args = ["bench", "pms", "--db", db, "--rooms", "40", "--iterations", "5", "--json", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["rooms"] == 40 and set(report["operations"]) == OPERATIONS
    for figures in report["operations"].values():
        assert figures["n"] == 5 and 0 < figures["p50_ms"] <= figures["p95_ms"]
    # A second run reuses the hotel; another size is refused rather than mixed in.
    assert CliRunner().invoke(main, args).exit_code == 0
    other = CliRunner().invoke(main, [*args[:5], "60", *args[6:]])
    assert other.exit_code != 0 and "40 rooms" in str(other.exception or other.output)
