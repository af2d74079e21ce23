"""Ingestion (re-embedding only what changed), the local store, hotels kept apart, fusion."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase, Mode, document_files
from knowledge.store import LocalStore
from tests.knowledge.fakes import CountingEmbedder

POLICIES = """# Policies

## Pets

Dogs up to 25 kg, $35 per night.

## Parking

Valet garage $28 per night.
"""


def hotel_docs(root: Path, name: str = "policies.md", text: str = POLICIES) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text)
    return root


def test_ingest_embeds_each_chunk_once_and_reingest_changes_nothing(tmp_path):
    embedder = CountingEmbedder()
    base = KnowledgeBase(LocalStore(tmp_path / "index"), embedder)
    docs = hotel_docs(tmp_path / "docs")
    first = base.ingest("harbor-view", [docs])
    assert (first.documents, first.chunks, first.embedded, first.unchanged) == (1, 2, 2, 0)
    again = base.ingest("harbor-view", [docs])
    assert (again.embedded, again.unchanged, again.deleted) == (0, 2, 0)
    assert len(embedder.embedded) == 2
    # A new process with the same directory sees the same index and still embeds nothing.
    reopened = KnowledgeBase(LocalStore(tmp_path / "index"), CountingEmbedder())
    assert reopened.ingest("harbor-view", [docs]).embedded == 0
    assert [p.heading for p in reopened.search("harbor-view", "dogs", 1, mode=Mode.BM25)] == [
        "Pets"
    ]


def test_reingest_embeds_only_changed_chunks_and_drops_removed_ones(tmp_path):
    embedder = CountingEmbedder()
    base = KnowledgeBase(LocalStore(), embedder)
    docs = hotel_docs(tmp_path / "docs")
    base.ingest("harbor-view", [docs])
    changed = POLICIES.replace("$35", "$40").replace(
        "## Parking\n\nValet garage $28 per night.\n", ""
    )
    hotel_docs(docs, text=changed + "\n## Smoking\n\nNon-smoking.\n")
    embedder.embedded.clear()
    report = base.ingest("harbor-view", [docs])
    assert (report.embedded, report.unchanged, report.deleted) == (2, 0, 1)
    assert sorted(embedder.embedded) == [
        "Pets\nDogs up to 25 kg, $40 per night.",
        "Smoking\nNon-smoking.",
    ]
    headings = {c.heading for c in base.store.chunks("harbor-view")}
    assert headings == {"Pets", "Smoking"}
    # Search sees the new text at once (the keyword index was rebuilt).
    assert "$40" in base.search("harbor-view", "dog price", 1)[0].text


def test_ingesting_one_document_leaves_the_others(tmp_path):
    base = KnowledgeBase(LocalStore(), CountingEmbedder())
    docs = hotel_docs(tmp_path / "docs")
    hotel_docs(docs, "dining.md", "# Dining\n\n## Breakfast\n\nFrom 6:30.\n")
    base.ingest("harbor-view", [docs])
    report = base.ingest("harbor-view", [docs / "dining.md"])
    assert (report.documents, report.deleted) == (1, 0)
    assert {c.source for c in base.store.chunks("harbor-view")} == {"policies.md", "dining.md"}


def test_a_change_of_embedder_reembeds_everything(tmp_path):
    store = LocalStore()
    docs = hotel_docs(tmp_path / "docs")
    KnowledgeBase(store, CountingEmbedder()).ingest("harbor-view", [docs])

    class Other(CountingEmbedder):
        name = "test:other"

    assert KnowledgeBase(store, Other()).ingest("harbor-view", [docs]).embedded == 2


def test_hotels_never_see_each_others_passages(tmp_path):
    store = LocalStore(tmp_path / "index")
    base = KnowledgeBase(store, CountingEmbedder())
    base.ingest("harbor-view", [hotel_docs(tmp_path / "hv")])
    base.ingest(
        "alpine-lodge",
        [hotel_docs(tmp_path / "al", "rules.md", "# Rules\n\n## Pets\n\nNo pets.\n")],
    )
    for mode in Mode:
        alpine = base.search("alpine-lodge", "pets: dogs 25 kg, valet parking", 10, mode=mode)
        assert [p.text for p in alpine] == ["No pets."], mode
        harbor = base.search("harbor-view", "pets", 10, mode=mode)
        assert "No pets." not in [p.text for p in harbor]
    assert base.search("nowhere-inn", "pets", 4) == []
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == ["alpine-lodge", "harbor-view"]


def test_hotel_slugs_cannot_walk_out_of_the_index_directory(tmp_path):
    base = KnowledgeBase(LocalStore(tmp_path), CountingEmbedder())
    with pytest.raises(ValueError, match="slug"):
        base.search("../etc", "x", 1)


def test_search_returns_passages_best_first_with_source_heading_and_score(tmp_path):
    base = KnowledgeBase(LocalStore(), CountingEmbedder())
    base.ingest("harbor-view", [hotel_docs(tmp_path / "docs")])
    passages = base.search("harbor-view", "valet garage", 2)
    assert passages[0].source == "policies.md" and passages[0].heading == "Parking"
    assert passages[0].score >= passages[-1].score
    assert set(passages[0].as_dict()) == {"text", "source", "heading", "score"}
    assert base.search("harbor-view", "   ", 4) == []


def test_fusion_prefers_what_both_rankings_agree_on():
    base = KnowledgeBase(LocalStore(), CountingEmbedder(), rrf_k=10, dense_weight=1.0)
    fused = base._fuse([("a", 9.0), ("b", 5.0)], [("b", 0.9), ("c", 0.8)])
    assert [chunk_id for chunk_id, _ in fused] == ["b", "a", "c"]


def test_document_files_finds_readable_documents_recursively(tmp_path):
    hotel_docs(tmp_path / "a" / "b")
    (tmp_path / "a" / "notes.txt").write_text("x")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    assert [p.name for p in document_files([tmp_path / "a"])] == ["policies.md", "notes.txt"]
    with pytest.raises(FileNotFoundError):
        document_files([tmp_path / "missing"])


def test_a_running_search_sees_another_processes_ingestion(tmp_path):
    # The server and `concierge knowledge ingest` share the index directory, not memory.
    server = KnowledgeBase(LocalStore(tmp_path / "index"), CountingEmbedder())
    cli = KnowledgeBase(LocalStore(tmp_path / "index"), CountingEmbedder())
    docs = hotel_docs(tmp_path / "docs")
    cli.ingest("harbor-view", [docs])
    assert "$35" in server.search("harbor-view", "dogs", 1, mode=Mode.BM25)[0].text
    hotel_docs(docs, text=POLICIES.replace("$35", "$40"))
    cli.ingest("harbor-view", [docs])
    assert "$40" in server.search("harbor-view", "dogs", 1, mode=Mode.BM25)[0].text
    assert "$40" in server.search("harbor-view", "dogs", 1, mode=Mode.DENSE)[0].text


def test_two_documents_of_one_name_are_refused(tmp_path):
    hotel_docs(tmp_path / "docs" / "a")
    hotel_docs(tmp_path / "docs" / "b")
    with pytest.raises(ValueError, match=r"more than one document named policies\.md"):
        KnowledgeBase(LocalStore(), CountingEmbedder()).ingest("harbor-view", [tmp_path / "docs"])


def test_top_k_beyond_the_candidates_still_fills_up(tmp_path):
    text = "# Guide\n\n" + "".join(f"## Part {n}\n\nRoom note {n}.\n\n" for n in range(15))
    base = KnowledgeBase(LocalStore(), CountingEmbedder(), candidates=5)
    base.ingest("harbor-view", [hotel_docs(tmp_path / "docs", "guide.md", text)])
    assert len(base.search("harbor-view", "room note", 12)) == 12
