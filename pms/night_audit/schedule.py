"""The night audit by itself: each hotel's audit at its own `night_audit_time`, once, in order.

When it runs. The audit that closes business date D runs at `night_audit_time` (hotel time) on
the morning after D for a time before noon (the default "03:00": D's night is over), and on D
itself for a time from noon on ("23:30"). So at any moment a hotel's business dates up to
`due_through(local now, time)` should be closed, and its business date should be the day after:
with the default, the hotel's own local date from 03:00 on.

Catching up. After downtime (the server was off at 03:00, or for a week) the next tick closes
every missed date in order, each in a transaction of its own, so a failure on one date keeps the
dates before it closed and the next tick resumes there.

Once across all processes. Every `concierge serve` process (and worker) runs a scheduler. Each
closing holds the hotel row (`repository.lock_hotel`, as the audit itself does) and runs only if
the business date is still the one it means to close; a process that lost the race finds the
date moved on and stops for that hotel. On PostgreSQL the row lock settles it; SQLite has one
writer at a time anyway.

The clock is injectable and `tick(now)` does one round, so tests drive it without sleeping;
`start()` runs ticks on a background thread every `interval_seconds` until `stop()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.clock import Clock, FrozenClock, SystemClock
from pms.db import Database
from pms.hotels.repository import hotel_for
from pms.models import Hotel
from pms.night_audit import repository, service
from pms.night_audit.schemas import NightAuditSummary
from pms.principal import Principal, Role

log = logging.getLogger("concierge.night_audit")

# Who the audit log and the folio lines say posted them.
AUDITOR = "night-audit"
_NOON = time(12, 0)
_UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class AuditRun:
    """One business date a scheduler closed, or failed to close."""

    hotel: str
    business_date: date
    # Closed late: an older date than the one due now, missed while nothing was running.
    caught_up: bool
    summary: NightAuditSummary | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def audit_time(text: str) -> time:
    """ "HH:MM" (24-hour) as a time; ValueError otherwise."""
    hours, sep, minutes = text.partition(":")
    if not (sep and len(hours) == 2 and len(minutes) == 2 and (hours + minutes).isdigit()):
        raise ValueError(f"night_audit_time '{text}' is not HH:MM")
    return time(int(hours), int(minutes))


def due_through(local_now: datetime, at: time) -> date:
    """The latest business date whose audit time has come by `local_now` (hotel wall time)."""
    today = local_now.date()
    reached = local_now.time() >= at
    if at < _NOON:  # the morning after
        return today - timedelta(days=1 if reached else 2)
    return today if reached else today - timedelta(days=1)


@dataclass(frozen=True)
class _Hotel:
    slug: str
    zone: str
    at: str
    business_date: date


class NightAuditScheduler:
    """Runs every hotel's due night audits: `tick(now)` once, or `start()` on a thread."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock | None = None,
        interval_seconds: float = 60.0,
        on_run: Callable[[AuditRun], None] | None = None,
    ) -> None:
        self.db = db
        self.clock: Clock = clock or SystemClock()
        self.interval_seconds = interval_seconds
        self.on_run = on_run
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def tick(self, now: datetime | None = None) -> list[AuditRun]:
        """Close every business date that is due at `now` (default: the clock's now), in order.

        Never raises: a failure is logged, reported as a run with its error, and retried at the
        next tick.
        """
        moment = _aware(now) if now is not None else self.clock.now_in(_UTC)
        try:
            hotels = self.db.run(_hotels)
        except Exception as error:  # the database is down: try again next tick
            log.warning("night audit: could not read the hotels: %s", _reason(error))
            return [self._report(AuditRun("*", moment.date(), False, error=_reason(error)))]
        runs: list[AuditRun] = []
        for hotel in hotels:
            runs += self._catch_up(hotel, moment)
        return runs

    def start(self) -> None:
        """Tick now and then every `interval_seconds` on a daemon thread, until `stop()`."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="night-audit", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop ticking; an audit already under way finishes its transaction first."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while True:
            self.tick()
            if self._stop.wait(self.interval_seconds):
                return

    def _catch_up(self, hotel: _Hotel, moment: datetime) -> list[AuditRun]:
        try:
            through = due_through(moment.astimezone(ZoneInfo(hotel.zone)), audit_time(hotel.at))
        except (ValueError, KeyError) as error:
            log.error("night audit of %s: its settings are not usable: %s", hotel.slug, error)
            return [
                self._report(AuditRun(hotel.slug, hotel.business_date, False, error=str(error)))
            ]
        runs: list[AuditRun] = []
        day = hotel.business_date
        while day <= through:
            late = day < through
            try:
                summary = self._close(hotel.slug, day, moment)
            except Exception as error:
                log.exception("night audit of %s for %s failed", hotel.slug, day.isoformat())
                runs.append(self._report(AuditRun(hotel.slug, day, late, error=_reason(error))))
                break
            if summary is None:  # another process closed it: it carries on from there
                break
            log.info(
                "night audit of %s closed %s%s: %d charges (%s), %d no-shows, "
                "%d overdue departures; business date now %s",
                hotel.slug, summary.audited_date, " (catching up)" if late else "",
                summary.charges_posted, summary.charges_total, len(summary.no_shows),
                len(summary.overdue_departures), summary.new_business_date,
            )  # fmt: skip
            runs.append(self._report(AuditRun(hotel.slug, day, late, summary=summary)))
            day += timedelta(days=1)
        return runs

    def _close(self, slug: str, day: date, moment: datetime) -> NightAuditSummary | None:
        def work(session: Session) -> NightAuditSummary | None:
            return _close(session, slug, day)

        return self.db.run(work, clock=FrozenClock(moment))

    def _report(self, run: AuditRun) -> AuditRun:
        if self.on_run is not None:
            try:
                self.on_run(run)
            except Exception:  # counting must never stop the audits
                log.exception("night audit: reporting a run failed")
        return run


def _hotels(session: Session) -> list[_Hotel]:
    rows = session.execute(
        select(Hotel.slug, Hotel.timezone, Hotel.night_audit_time, Hotel.business_date).order_by(
            Hotel.slug
        )
    )
    return [_Hotel(slug, zone, at, day) for slug, zone, at, day in rows]


def _close(session: Session, slug: str, day: date) -> NightAuditSummary | None:
    """Audit `day` at hotel `slug` if it is still the business date, holding the hotel row."""
    actor = Principal(hotel=slug, role=Role.ADMIN, user=AUDITOR, channel="schedule")
    hotel = hotel_for(session, actor)
    repository.lock_hotel(session, hotel)  # waits for a rival; then reads what it committed
    if hotel.business_date != day:
        return None
    return service.run(session, actor)


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("tick() needs an aware datetime: hotels are in different time zones")
    return now


def _reason(error: BaseException) -> str:
    message = getattr(error, "message", None)
    if not isinstance(message, str):
        lines = str(error).splitlines()
        message = lines[0] if lines else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
