"""Two processes' schedulers racing the same tick on one PostgreSQL database close the day once.

The hotel rows are held while both schedulers start their tick, so both have read the hotels
and are waiting on the same row lock when it is released: the race happens every time.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from pms.db import Database
from pms.models import AuditEntry, FolioLine, Hotel
from pms.night_audit.schedule import AUDITOR, AuditRun, NightAuditScheduler
from tests.support import T

# 03:05 in New York on the morning after T; already 09:05 in Zurich.
TICK = datetime(2027, 3, 2, 3, 5, tzinfo=ZoneInfo("America/New_York"))


def test_two_schedulers_racing_one_tick_close_each_day_once(pg_fresh: str) -> None:
    holder, one, two = Database(pg_fresh), Database(pg_fresh), Database(pg_fresh)
    results: dict[str, list[AuditRun]] = {}
    try:
        with holder.engine.connect() as lock:
            lock.execute(text("SELECT id FROM hotels FOR UPDATE"))
            threads = [
                threading.Thread(target=lambda n=name, d=db: results.__setitem__(
                    n, NightAuditScheduler(d).tick(TICK)))
                for name, db in (("one", one), ("two", two))
            ]  # fmt: skip
            for thread in threads:
                thread.start()
            _wait_for_waiters(holder, 2)
            lock.rollback()  # let them race
        for thread in threads:
            thread.join(120)
        runs = results["one"] + results["two"]
        assert all(run.ok for run in runs), runs
        closed = sorted((run.hotel, run.business_date) for run in runs)
        assert closed == [("alpine-lodge", T), ("harbor-view", T)]  # each once, by one of them

        def after(session: Session) -> tuple[dict[str, date], int, int]:
            rows = session.execute(select(Hotel.slug, Hotel.business_date)).all()
            dates = {slug: day for slug, day in rows}
            audits = session.scalar(
                select(func.count()).select_from(AuditEntry).where(
                    AuditEntry.action == "night_audit", AuditEntry.username == AUDITOR)
            )  # fmt: skip
            nights = session.scalar(
                select(func.count()).select_from(FolioLine).where(
                    FolioLine.service_date == T, FolioLine.posted_by == AUDITOR,
                    FolioLine.category == "room")
            )  # fmt: skip
            return dates, audits or 0, nights or 0

        dates, audits, nights = holder.run(after)
        assert dates == {
            "harbor-view": T + timedelta(days=1),
            "alpine-lodge": T + timedelta(days=1),
        }
        assert audits == 2
        room_nights = sum(run.summary.room_charges for run in runs if run.summary is not None)
        assert nights == room_nights > 0
    finally:
        for db in (holder, one, two):
            db.dispose()


def _wait_for_waiters(db: Database, count: int) -> None:
    """Until `count` other sessions wait for a lock (counted by PostgreSQL; 60 s at most)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with db.engine.connect() as look:
            waiting = look.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            )
        if waiting == count:
            return
        time.sleep(0.02)
    raise AssertionError(f"the schedulers never both waited for the hotel row ({waiting})")
