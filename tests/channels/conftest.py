"""A demo-seeded SQLite file per test and a desk on it, as `concierge serve` builds one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.checkpoints import sqlite_checkpointer
from agent.desk import Desk
from agent.models import get_chat_model
from pms.clock import FrozenClock
from pms.db import Database
from tests.channels.loopback import Loopback, loopback
from tests.support import NOW
from tools.runtime import ToolRuntime


@pytest.fixture
def db(sqlite_copy: str) -> Iterator[Database]:
    database = Database(sqlite_copy, clock=FrozenClock(NOW))
    yield database
    database.dispose()


@pytest.fixture
def desk(db: Database, tmp_path: Path) -> Iterator[Desk]:
    with sqlite_checkpointer(tmp_path / "conversations.db") as saver:
        yield Desk(ToolRuntime(db), saver, get_chat_model("offline"), clock=FrozenClock(NOW))


@pytest.fixture
def platform() -> Iterator[Loopback]:
    with loopback() as server:
        yield server
