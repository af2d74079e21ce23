"""A demo-seeded SQLite file per test and a desk on it, as `concierge serve` builds one."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.checkpoints import sqlite_checkpointer
from agent.desk import Desk
from agent.models import get_chat_model
from pms.clock import FrozenClock
from pms.db import Database
from pms.seed.run import seed
from tests.channels.loopback import Loopback, loopback
from tests.support import NOW, T
from tools.runtime import ToolRuntime


@pytest.fixture(scope="session")
def seeded_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("channels") / "seeded.db"
    db = Database(f"sqlite:///{path}")
    seed(db, T)
    db.dispose()
    return path


@pytest.fixture
def db(seeded_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "concierge.db"
    shutil.copy(seeded_file, path)
    database = Database(f"sqlite:///{path}", clock=FrozenClock(NOW))
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
