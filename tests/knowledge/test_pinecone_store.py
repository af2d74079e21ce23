"""The Pinecone backend against the real `pinecone` SDK, with only its HTTP transport faked.

The fake stands where httpx would open a socket: every request the SDK sends is recorded and
answered like the data plane would, so the tests check the actual requests (paths, namespaces,
ids, metadata, filters) and nothing reaches the network.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

import httpx
import numpy as np
import pytest

from knowledge.base import KnowledgeBase, Mode
from knowledge.pinecone_store import PineconeStore
from tests.knowledge.fakes import CountingEmbedder

HOST = "concierge-test-abc123.svc.aped-1234.pinecone.io"


class FakeDataPlane:
    """Namespaces of vectors, answering upsert, list, fetch, delete and query."""

    def __init__(self) -> None:
        self.namespaces: dict[str, dict[str, dict[str, Any]]] = {}
        self.requests: list[dict[str, Any]] = []

    def __call__(self, _transport: Any, request: httpx.Request) -> httpx.Response:
        assert request.url.host == HOST, request.url
        assert request.headers["api-key"] == "test-key"
        body = json.loads(request.content) if request.content else None
        params = {
            k: v if len(v) > 1 else v[0] for k, v in parse_qs(request.url.query.decode()).items()
        }
        self.requests.append(
            {"method": request.method, "path": request.url.path, "params": params, "body": body}
        )
        route = getattr(self, request.url.path.strip("/").replace("/", "_"))
        return httpx.Response(200, json=route(body, params), request=request)

    def vectors_upsert(self, body: dict[str, Any], _params: Any) -> dict[str, Any]:
        space = self.namespaces.setdefault(body.get("namespace", ""), {})
        for vector in body["vectors"]:
            space[vector["id"]] = vector
        return {"upsertedCount": len(body["vectors"])}

    def vectors_list(self, _body: Any, params: dict[str, Any]) -> dict[str, Any]:
        ids = sorted(self.namespaces.get(params.get("namespace", ""), {}))
        start = int(params.get("paginationToken", 0))
        page = ids[start : start + 3]  # small pages, so paging is exercised
        answer: dict[str, Any] = {
            "vectors": [{"id": i} for i in page],
            "namespace": params.get("namespace", ""),
        }
        if start + 3 < len(ids):
            answer["pagination"] = {"next": str(start + 3)}
        return answer

    def vectors_fetch(self, _body: Any, params: dict[str, Any]) -> dict[str, Any]:
        space = self.namespaces.get(params.get("namespace", ""), {})
        ids = params["ids"] if isinstance(params["ids"], list) else [params["ids"]]
        return {
            "vectors": {i: space[i] for i in ids if i in space},
            "namespace": params.get("namespace", ""),
        }

    def vectors_delete(self, body: dict[str, Any], _params: Any) -> dict[str, Any]:
        space = self.namespaces.get(body.get("namespace", ""), {})
        for vector_id in body["ids"]:
            space.pop(vector_id, None)
        return {}

    def query(self, body: dict[str, Any], _params: Any) -> dict[str, Any]:
        space = self.namespaces.get(body.get("namespace", ""), {})
        wanted = body.get("filter", {}).get("hotel", {}).get("$eq")
        query = np.asarray(body["vector"])
        scored = [
            {"id": v["id"], "score": float(np.dot(query, np.asarray(v["values"])))}
            for v in space.values()
            if wanted is None or v["metadata"].get("hotel") == wanted
        ]
        scored.sort(key=lambda match: -match["score"])
        return {"matches": scored[: body["topK"]], "namespace": body.get("namespace", "")}

    def sent(self, path: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == path]


@pytest.fixture
def plane(monkeypatch):
    fake = FakeDataPlane()
    monkeypatch.setattr(
        httpx.HTTPTransport, "handle_request", lambda transport, request: fake(transport, request)
    )
    return fake


@pytest.fixture
def store(plane):
    return PineconeStore.connect(HOST, "test-key")


def docs(tmp_path, hotel: str, text: str):
    folder = tmp_path / hotel
    folder.mkdir()
    (folder / "policies.md").write_text(text)
    return folder


HARBOR = "# Policies\n\n## Pets\n\nDogs up to 25 kg.\n\n## Parking\n\nValet $28.\n\n## Wi-Fi\n\nFree.\n\n## Bar\n\nRoof.\n"


def test_ingest_upserts_into_the_hotels_namespace_with_chunk_metadata(plane, store, tmp_path):
    base = KnowledgeBase(store, CountingEmbedder())
    report = base.ingest("harbor-view", [docs(tmp_path, "harbor-view", HARBOR)])
    assert report.embedded == 4
    (upsert,) = plane.sent("/vectors/upsert")
    assert upsert["method"] == "POST" and upsert["body"]["namespace"] == "harbor-view"
    vectors = upsert["body"]["vectors"]
    assert [v["metadata"]["heading"] for v in vectors] == ["Pets", "Parking", "Wi-Fi", "Bar"]
    ids = [v["id"] for v in vectors]
    assert all(i.startswith("policies.md#") for i in ids) and len(set(ids)) == 4
    pets = vectors[0]
    assert pets["metadata"] == {
        "hotel": "harbor-view",
        "source": "policies.md",
        "heading": "Pets",
        "text": "Dogs up to 25 kg.",
        "hash": pets["metadata"]["hash"],
    }
    assert len(pets["values"]) == CountingEmbedder.dimension


def test_reingest_lists_and_fetches_then_upserts_nothing(plane, store, tmp_path):
    base = KnowledgeBase(store, CountingEmbedder())
    folder = docs(tmp_path, "harbor-view", HARBOR)
    base.ingest("harbor-view", [folder])
    plane.requests.clear()
    assert base.ingest("harbor-view", [folder]).embedded == 0
    assert plane.sent("/vectors/upsert") == [] and plane.sent("/vectors/delete") == []
    lists = plane.sent("/vectors/list")
    assert len(lists) == 2 and all(r["params"]["namespace"] == "harbor-view" for r in lists)
    assert lists[1]["params"]["paginationToken"] == "3"
    fetched = plane.sent("/vectors/fetch")
    assert fetched and all(r["params"]["namespace"] == "harbor-view" for r in fetched)


def test_a_removed_section_is_deleted_by_id_in_its_namespace(plane, store, tmp_path):
    base = KnowledgeBase(store, CountingEmbedder())
    folder = docs(tmp_path, "harbor-view", HARBOR)
    base.ingest("harbor-view", [folder])
    bar_id = next(
        i for i, v in plane.namespaces["harbor-view"].items() if v["metadata"]["heading"] == "Bar"
    )
    (folder / "policies.md").write_text(HARBOR.replace("## Bar\n\nRoof.\n", ""))
    plane.requests.clear()
    assert base.ingest("harbor-view", [folder]).deleted == 1
    (delete,) = plane.sent("/vectors/delete")
    assert delete["body"] == {"ids": [bar_id], "namespace": "harbor-view"}


def test_queries_name_the_namespace_and_filter_on_the_hotel(plane, store, tmp_path):
    base = KnowledgeBase(store, CountingEmbedder())
    base.ingest("harbor-view", [docs(tmp_path, "harbor-view", HARBOR)])
    base.ingest(
        "alpine-lodge", [docs(tmp_path, "alpine-lodge", "# Rules\n\n## Pets\n\nNo pets.\n")]
    )
    plane.requests.clear()
    passages = base.search("alpine-lodge", "dogs pets parking", 4, mode=Mode.DENSE)
    assert [p.text for p in passages] == ["No pets."]
    (query,) = plane.sent("/query")
    assert query["body"]["namespace"] == "alpine-lodge"
    assert query["body"]["filter"] == {"hotel": {"$eq": "alpine-lodge"}}
    assert query["body"]["topK"] == base.candidates
    hybrid = base.search("harbor-view", "valet parking", 2)
    assert hybrid[0].heading == "Parking" and hybrid[0].source == "policies.md"
    assert plane.sent("/query")[-1]["body"]["namespace"] == "harbor-view"


def test_a_vector_of_another_hotel_in_the_namespace_is_never_returned(plane, store, tmp_path):
    base = KnowledgeBase(store, CountingEmbedder())
    base.ingest(
        "alpine-lodge", [docs(tmp_path, "alpine-lodge", "# Rules\n\n## Pets\n\nNo pets.\n")]
    )
    # Something else wrote a Harbor View vector into Alpine Lodge's namespace.
    plane.namespaces["alpine-lodge"]["stray"] = {
        "id": "stray",
        "values": CountingEmbedder().embed_query("No pets.").tolist(),
        "metadata": {
            "hotel": "harbor-view",
            "source": "x.md",
            "heading": "Pets",
            "text": "Dogs welcome",
            "hash": "h",
        },
    }
    for mode in Mode:
        texts = [
            p.text
            for p in KnowledgeBase(store, CountingEmbedder()).search(
                "alpine-lodge", "pets", 5, mode=mode
            )
        ]
        assert "Dogs welcome" not in texts, mode
