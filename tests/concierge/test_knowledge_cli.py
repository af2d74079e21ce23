"""`concierge knowledge ingest|search`, `eval retrieval`, and the seed's ingestion."""

from __future__ import annotations

import json

from click.testing import CliRunner

from concierge.cli import main
from concierge.settings import get_settings
from concierge.wiring import knowledge_directory

DOCS = "# Policies\n\n## Pets\n\nDogs up to 25 kg.\n\n## Parking\n\nValet garage $28 per night.\n"


def test_ingest_then_search_then_reingest_embeds_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "policies.md").write_text(DOCS)
    db = f"sqlite:///{tmp_path}/c.db"
    args = ["knowledge", "ingest", str(tmp_path / "docs"), "--hotel", "harbor-view", "--db", db]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)
    assert (report["documents"], report["chunks"], report["embedded"]) == (1, 2, 2)
    assert (tmp_path / "knowledge" / "harbor-view" / "chunks.json").exists()
    again = json.loads(CliRunner().invoke(main, args).stdout)
    assert (again["embedded"], again["unchanged"]) == (0, 2)
    found = CliRunner().invoke(
        main, ["knowledge", "search", "valet parking", "--hotel", "harbor-view", "--db", db]
    )
    top = json.loads(found.stdout)["passages"][0]
    assert (top["source"], top["heading"]) == ("policies.md", "Parking")
    other = CliRunner().invoke(
        main, ["knowledge", "search", "valet parking", "--hotel", "alpine-lodge", "--db", db]
    )
    assert json.loads(other.stdout)["passages"] == []


def test_ingest_refuses_a_bad_slug(tmp_path):
    (tmp_path / "a.md").write_text(DOCS)
    result = CliRunner().invoke(
        main, ["knowledge", "ingest", str(tmp_path / "a.md"), "--hotel", "../x"]
    )
    assert result.exit_code == 1 and "slug" in result.output


def test_seed_ingests_the_demo_documents_beside_the_database(tmp_path):
    db = f"sqlite:///{tmp_path}/c.db"
    result = CliRunner().invoke(main, ["seed", "--db", db, "--today", "2027-03-01"])
    assert result.exit_code == 0, result.output
    ingested = {r["hotel"]: r for r in json.loads(result.stdout)["knowledge"]}
    assert set(ingested) == {"harbor-view", "alpine-lodge"}
    assert ingested["harbor-view"]["documents"] == 8
    call = CliRunner().invoke(
        main,
        [
            "tools",
            "call",
            "search_knowledge",
            "--hotel",
            "harbor-view",
            "--role",
            "guest",
            "--db",
            db,
            "--args",
            '{"query": "airport shuttle price", "top_k": 1}',
        ],
    )
    assert call.exit_code == 0, call.output
    assert "$18 per person each way" in json.loads(call.stdout)["passages"][0]["text"]


def test_the_index_directory_follows_the_database_or_the_setting(tmp_path, monkeypatch):
    assert knowledge_directory(f"sqlite:///{tmp_path}/x/c.db") == tmp_path / "x" / "knowledge"
    assert str(knowledge_directory("postgresql://u@h/db")) == "var/knowledge"
    monkeypatch.setenv("CONCIERGE_KNOWLEDGE_DIR", str(tmp_path / "elsewhere"))
    get_settings.cache_clear()
    try:
        assert knowledge_directory(f"sqlite:///{tmp_path}/c.db") == tmp_path / "elsewhere"
    finally:
        get_settings.cache_clear()


def test_eval_retrieval_prints_recall_and_writes_json(tmp_path):
    items = tmp_path / "set.yaml"
    items.write_text(
        '- {question: "what time is breakfast", expect: ["weekdays 6:30–10:30"]}\n'
        '- {question: "is there a ski room", expect: ["ski room"]}\n'
    )
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["eval", "retrieval", str(items), "--k", "3", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "recall@3 0.500" in result.output and "missed: is there a ski room" in result.output
    report = json.loads(out.read_text())
    assert report["summary"]["items"] == 2 and report["summary"]["k"] == 3
    assert report["results"][0]["rank"] == 1


def test_bench_knowledge_prints_and_writes_percentiles(tmp_path):
    out = tmp_path / "bench.json"
    args = ["bench", "knowledge", "--chunks", "200", "--iterations", "10", "--ingest-chunks", "40"]
    args += ["--json", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "p95 ms" in result.output
    results = json.loads(out.read_text())
    assert results["synthetic_chunks"] == 200 and results["embedder_load_s"] >= 0
    assert results["synthetic_ingest"]["chunks"] == 40
    for name in ("demo_hybrid", "demo_bm25", "demo_dense", "synthetic_hybrid", "query_embedding"):
        row = results["operations"][name]
        assert row["n"] == 10 and 0 <= row["p50_ms"] <= row["p95_ms"]
