"""Hotel profiles for tests of the agent, read from a demo-seeded database as the agent reads
them (the offline model knows a hotel only through its profile)."""

from __future__ import annotations

from functools import cache

from agent.offline.hotel import HotelWords, words_of
from pms.db import Database
from pms.hotels.profile import HotelProfile, load_profile
from pms.seed.run import seed
from tests.support import T


@cache
def _demo() -> Database:
    db = Database("sqlite://")
    seed(db, T)
    return db


@cache
def demo_profile(slug: str = "harbor-view") -> HotelProfile:
    return _demo().run(lambda session: load_profile(session, slug))


def demo_words(slug: str = "harbor-view") -> HotelWords:
    return words_of(demo_profile(slug))
