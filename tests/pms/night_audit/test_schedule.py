"""The night audit by itself: each hotel at its own hour, missed days caught up in order, once.

The demo's business date is T (2027-03-01) at both hotels: Harbor View in New York, Alpine
Lodge in Zurich (six hours ahead), both auditing at the default 03:00 hotel time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pms.db import Database
from pms.models import AuditEntry, FolioLine, Hotel, Reservation
from pms.night_audit.schedule import (
    AUDITOR,
    AuditRun,
    NightAuditScheduler,
    audit_time,
    due_through,
)
from tests.support import T

NEW_YORK = ZoneInfo("America/New_York")
ZURICH = ZoneInfo("Europe/Zurich")


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = NEW_YORK) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def business_dates(db: Database) -> dict[str, date]:
    rows = db.run(lambda s: s.execute(select(Hotel.slug, Hotel.business_date)).all())
    return {slug: day for slug, day in rows}


def set_hotel(db: Database, slug: str, **values: object) -> None:
    def change(session: Session) -> None:
        hotel = session.scalars(select(Hotel).where(Hotel.slug == slug)).one()
        for name, value in values.items():
            setattr(hotel, name, value)

    db.run(change)


def closed(runs: list[AuditRun], slug: str) -> list[str]:
    return [run.business_date.isoformat() for run in runs if run.hotel == slug and run.ok]


@pytest.mark.parametrize(
    ("local", "at_text", "through"),
    [
        (datetime(2027, 3, 2, 2, 59), "03:00", date(2027, 2, 28)),
        (datetime(2027, 3, 2, 3, 0), "03:00", date(2027, 3, 1)),
        (datetime(2027, 3, 2, 23, 59), "03:00", date(2027, 3, 1)),
        (datetime(2027, 3, 1, 23, 29), "23:30", date(2027, 2, 28)),
        (datetime(2027, 3, 1, 23, 30), "23:30", date(2027, 3, 1)),
        (datetime(2027, 3, 2, 0, 10), "00:00", date(2027, 3, 1)),
    ],
)
def test_a_date_is_due_once_its_audit_time_has_come(
    local: datetime, at_text: str, through: date
) -> None:
    assert due_through(local, audit_time(at_text)) == through


@pytest.mark.parametrize("bad", ["3:00", "03h00", "0300", "", "ab:cd", "25:00", "03:60"])
def test_an_audit_time_is_hh_mm(bad: str) -> None:
    with pytest.raises(ValueError):
        audit_time(bad)
    assert audit_time("03:00") == time(3, 0)


def test_nothing_is_closed_before_the_hotels_audit_time(db: Database) -> None:
    runs = NightAuditScheduler(db).tick(at(T + timedelta(days=1), 2, 59))
    # 02:59 in New York is 08:59 in Zurich: Alpine Lodge's audit of T is due, Harbor View's not.
    assert closed(runs, "harbor-view") == []
    assert closed(runs, "alpine-lodge") == [T.isoformat()]
    assert business_dates(db) == {"harbor-view": T, "alpine-lodge": T + timedelta(days=1)}


def test_at_its_time_each_hotel_closes_the_day_once(db: Database) -> None:
    scheduler = NightAuditScheduler(db)
    runs = scheduler.tick(at(T + timedelta(days=1), 3, 0))
    assert closed(runs, "harbor-view") == [T.isoformat()]
    assert not any(run.caught_up for run in runs)
    harbor = next(run for run in runs if run.hotel == "harbor-view")
    assert harbor.summary is not None and harbor.summary.charges_posted > 0
    # The next minute, and the next tick, find nothing more to do.
    assert scheduler.tick(at(T + timedelta(days=1), 3, 1)) == []
    assert business_dates(db)["harbor-view"] == T + timedelta(days=1)

    def posted_by_the_audit(session: Session) -> int | None:
        return session.scalar(
            select(func.count())
            .select_from(FolioLine)
            .where(FolioLine.service_date == T, FolioLine.posted_by == AUDITOR)
        )

    assert db.run(posted_by_the_audit) == sum(
        run.summary.charges_posted for run in runs if run.summary is not None
    )


def test_after_downtime_missed_days_are_closed_in_order(db: Database) -> None:
    # Down from before T's audit until 04:00 on T+3: T, T+1 and T+2 are owed.
    runs = NightAuditScheduler(db).tick(at(T + timedelta(days=3), 4, 0))
    owed = [(T + timedelta(days=n)).isoformat() for n in range(3)]
    assert closed(runs, "harbor-view") == owed
    harbor = [run for run in runs if run.hotel == "harbor-view"]
    assert [run.caught_up for run in harbor] == [True, True, False]
    assert business_dates(db)["harbor-view"] == T + timedelta(days=3)

    def audits(session: Session) -> list[str]:
        return list(
            session.scalars(
                select(AuditEntry.target)
                .where(AuditEntry.action == "night_audit", AuditEntry.username == AUDITOR)
                .where(
                    AuditEntry.hotel_id
                    == select(Hotel.id).where(Hotel.slug == "harbor-view").scalar_subquery()
                )
                .order_by(AuditEntry.id)
            )
        )

    assert db.run(audits) == owed
    # The arrivals that never came were no-shows at the first of them.
    no_shows = harbor[0].summary.no_shows if harbor[0].summary else []
    assert no_shows
    statuses = db.run(
        lambda s: set(s.scalars(select(Reservation.status).where(Reservation.code.in_(no_shows))))
    )
    assert statuses == {"no_show"}


def test_a_hotel_ahead_of_its_clock_is_left_alone(db: Database) -> None:
    # Seeded for a date still to come (as the demo is, on a machine whose clock is earlier).
    runs = NightAuditScheduler(db).tick(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
    assert runs == []
    assert business_dates(db) == {"harbor-view": T, "alpine-lodge": T}


def test_an_evening_audit_time_closes_the_same_day(db: Database) -> None:
    set_hotel(db, "harbor-view", night_audit_time="23:30")
    scheduler = NightAuditScheduler(db)
    assert closed(scheduler.tick(at(T, 23, 29)), "harbor-view") == []
    assert closed(scheduler.tick(at(T, 23, 30)), "harbor-view") == [T.isoformat()]


def test_a_broken_hotel_is_reported_and_the_others_still_close(db: Database) -> None:
    set_hotel(db, "alpine-lodge", night_audit_time="3am")
    seen: list[AuditRun] = []
    runs = NightAuditScheduler(db, on_run=seen.append).tick(at(T + timedelta(days=1), 3, 0))
    failed = [run for run in runs if not run.ok]
    assert [(run.hotel, run.business_date) for run in failed] == [("alpine-lodge", T)]
    assert failed[0].error is not None and "3am" in failed[0].error
    assert closed(runs, "harbor-view") == [T.isoformat()]
    assert seen == runs  # every run, failed or not, is reported as it happens
    assert business_dates(db)["alpine-lodge"] == T


def test_a_database_that_cannot_be_reached_is_a_failed_tick_not_a_crash(tmp_path: Path) -> None:
    unreachable = Database(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}")
    try:
        runs = NightAuditScheduler(unreachable).tick(at(T, 4, 0))
    finally:
        unreachable.dispose()
    assert len(runs) == 1 and not runs[0].ok and runs[0].hotel == "*"


def test_a_naive_moment_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="aware"):
        NightAuditScheduler(db).tick(datetime(2027, 3, 2, 3, 0))


def test_the_thread_ticks_at_once_and_stops_when_asked(db: Database) -> None:
    from pms.clock import FrozenClock

    reported: list[AuditRun] = []
    scheduler = NightAuditScheduler(
        db,
        clock=FrozenClock(at(T + timedelta(days=1), 3, 30)),
        interval_seconds=3600,
        on_run=reported.append,
    )
    scheduler.start()
    assert scheduler.running
    scheduler.stop()  # the first tick runs before the thread first waits
    assert not scheduler.running
    assert {run.hotel for run in reported} == {"harbor-view", "alpine-lodge"}
    assert business_dates(db)["harbor-view"] == T + timedelta(days=1)
