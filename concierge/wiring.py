"""Building the long-lived objects once, from settings or command-line overrides."""

from __future__ import annotations

from pathlib import Path

from concierge.settings import get_settings
from pms.clock import Clock
from pms.db import Database, normalise_url, sqlite_file


def database_url(override: str | None = None) -> str:
    return normalise_url(override or get_settings().database_url)


def open_database(override: str | None = None, *, clock: Clock | None = None) -> Database:
    """The configured database; an SQLite file's folder is created on first use."""
    url = database_url(override)
    path = sqlite_file(url)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Database(url, clock=clock)
