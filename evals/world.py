"""A fresh, seeded world for one trial: database, tool runtime and a clock frozen at `now`.

Every trial, and every reference replay, needs the demo seeded for the scenario's business date
and nothing else. Seeding takes about half a second (two hotels, ~2,000 bulk stays), so on
SQLite `SqliteWorlds` seeds ONE template file per business date and copies that file for each
world: a file copy takes milliseconds, the seed is deterministic for a given date (fixed random
seed), so a copy is indistinguishable from a fresh seed, and the template itself is never
opened again after seeding, so no trial can leak into another.

This module never touches SQLAlchemy: it goes through `pms.db.Database`, `pms.seed.run.seed`,
`pms.snapshot` and `tools.runtime.ToolRuntime`.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from evals.scenario import Scenario
from knowledge.base import KnowledgeBase
from pms.clock import FrozenClock
from pms.db import Database
from pms.principal import Principal, Role
from pms.seed.run import seed
from pms.snapshot import state_snapshot
from tools.runtime import ToolRuntime


class SetupError(RuntimeError):
    """A scenario's setup call was refused: the scenario, not the agent, is at fault."""


@dataclass
class World:
    """One seeded database for one scenario, its tools and its frozen clock."""

    scenario: Scenario
    db: Database
    runtime: ToolRuntime
    clock: FrozenClock
    _cleanup: Callable[[], None] | None = field(default=None, repr=False)

    @property
    def hotel(self) -> str:
        return self.scenario.hotel

    def snapshot(self) -> dict[str, Any]:
        with self.db.unit_of_work(self.clock) as session:
            return state_snapshot(session)

    def close(self) -> None:
        self.db.dispose()
        if self._cleanup is not None:
            self._cleanup()
            self._cleanup = None

    def __enter__(self) -> World:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class SqliteWorlds:
    """SQLite world files in `directory`: one seeded template per business date, copied per world.

    `keep=True` leaves each world's file behind for inspection after the run. `hotels` are hotel
    files applied in every world after the demo (`eval run --hotels`), on the same business date.
    """

    def __init__(
        self, directory: str | Path, *, keep: bool = False, hotels: Sequence[str | Path] = ()
    ) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.keep = keep
        self.hotels = tuple(Path(path) for path in hotels)
        self._templates: dict[date, Path] = {}
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)

    def template(self, business_date: date) -> Path:
        with self._lock:
            path = self._templates.get(business_date)
            if path is None:
                path = self.directory / f"template-{business_date.isoformat()}.db"
                for stale in (path, path.with_name(path.name + "-wal")):
                    stale.unlink(missing_ok=True)
                database = Database(f"sqlite:///{path}")
                try:
                    seed(database, business_date, hotels=self.hotels)
                finally:
                    database.dispose()
                # Fold the write-ahead log into the file, so the file alone is the whole database.
                with sqlite3.connect(path) as connection:
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    connection.execute("PRAGMA journal_mode=DELETE")
                connection.close()
                self._templates[business_date] = path
            return path

    def new(self, business_date: date) -> tuple[Database, Callable[[], None]]:
        template = self.template(business_date)
        path = self.directory / f"world-{business_date.isoformat()}-{next(self._numbers)}.db"
        shutil.copyfile(template, path)

        def cleanup() -> None:
            if not self.keep:
                for suffix in ("", "-wal", "-shm"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)

        return Database(f"sqlite:///{path}"), cleanup


# Where a world's database comes from: template copies, a function returning the URL of a new
# empty database (seeded here, e.g. PostgreSQL), or one empty Database to seed.
WorldSource = SqliteWorlds | Callable[[], str] | Database


def _open(source: WorldSource, business_date: date) -> tuple[Database, Callable[[], None] | None]:
    if isinstance(source, SqliteWorlds):
        return source.new(business_date)
    database = source if isinstance(source, Database) else Database(source())
    seed(database, business_date)
    return database, None


def setup_principal(scenario: Scenario, role: Role | None, user: str | None) -> Principal:
    return Principal(
        hotel=scenario.hotel,
        role=role or Role.ADMIN,
        user=user,
        channel="eval-setup",
        subject=f"eval-setup:{scenario.id}",
    )


def prepare_world(
    source: WorldSource, scenario: Scenario, knowledge: KnowledgeBase | None = None
) -> World:
    """Seed a database for the scenario's date, run its setup, and freeze the clock at `now`.

    `knowledge` replaces the shipped documents for this world (the injection suite adds a
    planted document); without it the tools search the demo hotels' shipped documents.

    Setup calls run as admin, or as the role (and user) an entry names, at `now`. A refused
    setup call raises SetupError naming the scenario, the entry and the refusal.
    """
    clock = FrozenClock(scenario.now)
    database, cleanup = _open(source, scenario.now.date())
    database.clock = clock
    world = World(scenario, database, ToolRuntime(database, knowledge), clock, cleanup)
    try:
        for index, call in enumerate(scenario.setup):
            who = setup_principal(scenario, call.role, call.user)
            outcome = world.runtime.call(call.tool, call.args, who, clock=clock)
            if not outcome.ok:
                raise SetupError(
                    f"scenario '{scenario.id}' ({scenario.source or 'no file'}): setup[{index}] "
                    f"{call.tool} as {who.role.value} failed: {outcome.error}"
                )
    except BaseException:
        world.close()
        raise
    return world


def knowledge_with(hotel_files: Sequence[str | Path]) -> KnowledgeBase | None:
    """The demo hotels' documents and each extra hotel's `documents:` folder, or None (the
    shipped documents alone) when no hotel file brings a folder."""
    from knowledge.embedders import LocalEmbedder
    from knowledge.shipped import demo_hotels, documents_of
    from knowledge.store import LocalStore
    from pms.hotels.file import documents_folder, load_hotel_file

    folders = []
    for path in hotel_files:
        folder = documents_folder(path, load_hotel_file(path))
        if folder is not None:
            folders.append((load_hotel_file(path).slug, folder))
    if not folders:
        return None
    base = KnowledgeBase(LocalStore(), LocalEmbedder())
    for hotel in demo_hotels():
        base.ingest(hotel, [documents_of(hotel)])
    for slug, folder in folders:
        base.ingest(slug, [folder])
    return base
