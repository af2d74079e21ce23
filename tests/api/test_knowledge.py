"""Admins add documents over HTTP; guests' questions are then answered from them."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from knowledge.base import KnowledgeBase
from knowledge.shipped import shipped_knowledge
from knowledge.store import LocalStore
from pms.db import Database
from tests.api.conftest import build_services, guest, staff
from tools.runtime import ToolRuntime

NOTE = b"""# Bicycles

Guests may borrow one of our twelve blue bicycles from the concierge desk, free of charge,
between 8:00 and 18:00. Helmets and locks are included.
"""


def knowledge_api(api_db: Database, tmp_path: Path) -> TestClient:
    base = KnowledgeBase(LocalStore(tmp_path / "index"), shipped_knowledge().embedder)
    services = build_services(api_db)
    services.desk.runtime = ToolRuntime(api_db, knowledge=base)
    return TestClient(create_app(services))


def test_an_uploaded_document_answers_guests(api_db: Database, tmp_path: Path) -> None:
    api = knowledge_api(api_db, tmp_path)
    admin = staff(api, "morgan.lee")
    added = api.post(
        "/v1/knowledge/documents",
        files={"file": ("bikes.md", NOTE, "text/markdown")},
        headers=admin,
    )
    assert added.status_code == 201, added.text
    assert added.json()["document"] == "bikes.md" and added.json()["chunks"] >= 1
    hits = api.get("/v1/knowledge/search", params={"q": "borrow a bicycle"}, headers=admin)
    assert hits.json()["passages"][0]["source"] == "bikes.md"
    reply = api.post(
        "/v1/chat", json={"message": "Can I borrow a bicycle?"}, headers=guest(api)
    ).json()
    assert "bicycles" in reply["reply"] and "bikes.md" in reply["reply"]


def test_only_admins_upload_and_only_documents(api_db: Database, tmp_path: Path) -> None:
    api = knowledge_api(api_db, tmp_path)
    manager = api.post(
        "/v1/knowledge/documents",
        files={"file": ("bikes.md", NOTE, "text/markdown")},
        headers=staff(api, "grace.kim"),
    )
    assert manager.status_code == 403
    admin = staff(api, "morgan.lee")
    program = api.post(
        "/v1/knowledge/documents",
        files={"file": ("run.exe", b"MZ...", "application/octet-stream")},
        headers=admin,
    )
    assert program.status_code == 422 and ".md" in program.json()["error"]["message"]
    empty = api.post(
        "/v1/knowledge/documents", files={"file": ("x.md", b"  ", "text/markdown")}, headers=admin
    )
    assert empty.status_code == 422
    huge = api.post(
        "/v1/knowledge/documents",
        files={"file": ("big.txt", b"a" * (11 * 1024 * 1024), "text/plain")},
        headers=admin,
    )
    assert huge.status_code == 413
    assert api.get("/v1/knowledge/search", params={"q": "x"}, headers=guest(api)).status_code == 403
