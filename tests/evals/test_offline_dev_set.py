"""The development set played by the offline model through the real graph.

Issue 3 asks for pass^1 >= 0.95 here, and the gate holds it: the offline model reaches 0.980
on the 354 scenarios (the first 133, 135 written blind by other authors, a 70-scenario held-out
set and 16 hotel questions), and a change that makes it worse fails CI.
"""

from pathlib import Path

from agent.models import get_chat_model
from evals.graph_agent import GraphAgent
from evals.runner import run
from evals.scenario import load_scenarios
from evals.world import SqliteWorlds

# Raise as the offline model improves; never lower it to let a change through.
PASS_HAT_1_FLOOR = 0.95


def test_offline_model_holds_its_pass_rate_on_the_development_set(tmp_path):
    report = run(
        "evals/scenarios",
        lambda _scenario: GraphAgent(get_chat_model("offline")),
        worlds=SqliteWorlds(tmp_path),
        model="offline",
    )
    failed = sorted(r.id for r in report.results if not r.passed)
    assert report.summary["pass_hat"]["1"] >= PASS_HAT_1_FLOOR, failed
    # A scenario that only makes sense with a broken reference is a harness bug, not a miss.
    assert not [r.id for r in report.results if r.error], "scenario errors"


READ_TOOLS = {
    "find_reservation", "get_reservation", "search_reservations", "get_folio", "list_rooms",
    "list_housekeeping_tasks", "daily_report", "search_knowledge", "check_availability",
}  # fmt: skip


def test_the_none_model_changes_nothing_so_every_state_changing_scenario_fails(tmp_path):
    """The judges can fail: a model that never calls a tool passes no scenario with a write."""
    writes = [
        s
        for s in load_scenarios(Path("evals/scenarios"))
        if any(a.tool not in READ_TOOLS for a in s.expect.actions)
    ]
    assert len(writes) > 200
    report = run(
        writes,
        lambda _scenario: GraphAgent(get_chat_model("none")),
        worlds=SqliteWorlds(tmp_path),
        model="none",
    )
    assert [r.id for r in report.results if r.passed] == []
