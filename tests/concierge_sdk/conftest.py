"""The real API app, built as `concierge serve` builds it, on a demo-seeded SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from agent.checkpoints import sqlite_checkpointer
from agent.desk import Desk
from agent.models import get_chat_model
from api.app import create_app
from api.config import ApiConfig
from api.services import Services
from api.shared import LocalShared
from concierge_sdk import Concierge
from pms.clock import FrozenClock
from pms.db import Database
from tests.support import NOW
from tools.runtime import ToolRuntime

# Low enough for a test to reach: turns and tool calls per principal.
CHAT_LIMIT = "8/minute"


@pytest.fixture
def app(sqlite_copy: str, tmp_path: Path) -> Iterator[FastAPI]:
    db = Database(sqlite_copy, clock=FrozenClock(NOW))
    with sqlite_checkpointer(tmp_path / "conversations.db") as saver:
        desk = Desk(ToolRuntime(db), saver, get_chat_model("offline"), clock=FrozenClock(NOW))
        config = ApiConfig(secret_key="s" * 48, chat_limit=CHAT_LIMIT, serve_web=False)
        yield create_app(Services.build(desk, config, LocalShared()))
    db.dispose()


@pytest.fixture
def http(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def concierge(http: TestClient) -> Concierge:
    """A client with no credentials yet, talking to the app over its HTTP interface."""
    return Concierge("http://testserver", http_client=http)
