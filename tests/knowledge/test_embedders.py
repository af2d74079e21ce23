"""Embedders: the shipped local model, and OpenAI's API with its HTTP transport faked."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx2
import numpy as np
import pytest

from knowledge.embedders import LocalEmbedder, OpenAIEmbedder, make_embedder


def test_the_local_model_loads_once_and_gives_unit_vectors():
    first, second = LocalEmbedder(), LocalEmbedder()
    vectors = first.embed_documents(["Breakfast from 6:30.", "Valet parking $28 per night."])
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert first.load_seconds == second.load_seconds  # one load per process
    query = second.embed_query("when is breakfast served")
    assert float(vectors[0] @ query) > float(vectors[1] @ query)
    assert first.embed_documents([]).shape == (0, 384)


def test_openai_embeddings_are_requested_and_normalised(monkeypatch):
    sent: list[dict[str, Any]] = []

    # The openai SDK sends through httpx2; its transport is where a socket would open.
    def answer(_transport, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        sent.append(
            {"url": str(request.url), "auth": request.headers["authorization"], "body": body}
        )
        rows = []
        for index, _text in enumerate(body["input"]):
            vector = np.full(body["dimensions"], float(index + 1), dtype=np.float32)
            encoded: object = vector.tolist()
            if body.get("encoding_format") == "base64":
                encoded = base64.b64encode(vector.tobytes()).decode()
            rows.append({"object": "embedding", "index": index, "embedding": encoded})
        payload = {
            "object": "list",
            "data": rows,
            "model": body["model"],
            "usage": {"prompt_tokens": 3, "total_tokens": 3},
        }
        return httpx2.Response(200, json=payload, request=request)

    monkeypatch.setattr(httpx2.HTTPTransport, "handle_request", answer)
    embedder = make_embedder("openai:text-embedding-3-small", openai_api_key="sk-test")
    assert isinstance(embedder, OpenAIEmbedder) and embedder.name == "openai:text-embedding-3-small"
    vectors = embedder.embed_documents(["Pool 6:00–22:00", "Gym 24 hours"])
    assert vectors.shape == (2, 1536)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder.embed_query("pool").shape == (1536,)
    first = sent[0]
    assert first["url"].endswith("/embeddings") and first["auth"] == "Bearer sk-test"
    assert first["body"]["input"] == ["Pool 6:00–22:00", "Gym 24 hours"]
    assert first["body"]["model"] == "text-embedding-3-small"


def test_unknown_embedders_are_refused():
    assert isinstance(make_embedder("local"), LocalEmbedder)
    with pytest.raises(ValueError, match="openai:<model>"):
        make_embedder("word2vec")
