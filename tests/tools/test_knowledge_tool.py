"""search_knowledge: the contract's result shape, bounds, and the principal's hotel only."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.store import LocalStore
from tests.knowledge.fakes import CountingEmbedder
from tests.support import principal
from tools import registry
from tools.runtime import ToolRuntime


@pytest.mark.parametrize("role", ["guest", "housekeeping", "front_desk", "manager", "admin"])
def test_every_role_gets_passages_with_source_and_heading(sqlite_db, role):
    outcome = ToolRuntime(sqlite_db).call(
        "search_knowledge", {"query": "what time is breakfast on saturday"}, principal(role)
    )
    assert outcome.ok, outcome.error
    result = outcome.result
    assert set(result) == {"query", "passages"}
    assert result["query"] == "what time is breakfast on saturday"
    assert len(result["passages"]) == 4
    for passage in result["passages"]:
        assert set(passage) == {"text", "source", "heading", "score"}
        assert isinstance(passage["score"], float)
    top = result["passages"][0]
    assert (top["source"], top["heading"]) == ("dining.md", "Tide Restaurant > Breakfast")
    scores = [p["score"] for p in result["passages"]]
    assert scores == sorted(scores, reverse=True)


def test_top_k_is_bounded(sqlite_db):
    runtime = ToolRuntime(sqlite_db)
    guest = principal("guest")
    assert (
        len(
            runtime.call("search_knowledge", {"query": "pool", "top_k": 1}, guest).result[
                "passages"
            ]
        )
        == 1
    )
    for bad in (0, 11, "many"):
        outcome = runtime.call("search_knowledge", {"query": "pool", "top_k": bad}, guest)
        assert outcome.error is not None and outcome.error["type"] == "invalid", bad
    empty = runtime.call("search_knowledge", {"query": ""}, guest)
    assert empty.error is not None and empty.error["type"] == "invalid"


def test_the_hotel_comes_from_the_principal_never_from_arguments(sqlite_db, tmp_path):
    base = KnowledgeBase(LocalStore(), CountingEmbedder())
    (tmp_path / "hv").mkdir()
    (tmp_path / "hv" / "bar.md").write_text("# Bar\n\n## Lantern Bar\n\nOn the roof.\n")
    (tmp_path / "al").mkdir()
    (tmp_path / "al" / "bar.md").write_text("# Bar\n\n## Stube\n\nBy the fire.\n")
    base.ingest("harbor-view", [tmp_path / "hv"])
    base.ingest("alpine-lodge", [tmp_path / "al"])
    runtime = ToolRuntime(sqlite_db, knowledge=base)
    alpine = principal("guest", hotel="alpine-lodge")
    found = runtime.call("search_knowledge", {"query": "bar roof"}, alpine)
    assert [p["text"] for p in found.result["passages"]] == ["By the fire."]
    smuggled = runtime.call("search_knowledge", {"query": "bar", "hotel": "harbor-view"}, alpine)
    assert smuggled.error is not None and smuggled.error["type"] == "invalid"


def test_a_knowledge_factory_is_called_only_when_the_tool_runs(sqlite_db):
    built: list[int] = []

    def build() -> KnowledgeBase:
        built.append(1)
        return KnowledgeBase(LocalStore(), CountingEmbedder())

    runtime = ToolRuntime(sqlite_db, knowledge=build)
    runtime.call("list_rooms", {"floor": 3}, principal("front_desk", "leo.martins"))
    assert built == []
    outcome = runtime.call("search_knowledge", {"query": "pool"}, principal("guest"))
    assert outcome.ok and outcome.result["passages"] == [] and built == [1]


def test_the_description_stays_short():
    tool = registry.get("search_knowledge")
    assert tool is not None and len(tool.description) < 250
