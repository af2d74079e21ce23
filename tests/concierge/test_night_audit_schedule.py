"""`concierge serve` runs each hotel's night audit by itself, counts it, and can be told not to."""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from concierge.cli import demo_today, main
from concierge.serve import app_from_settings, night_audit_scheduler
from concierge.settings import Settings, get_settings
from pms.db import Database
from pms.models import Hotel
from pms.night_audit.schedule import NightAuditScheduler, audit_time, due_through
from tests.api.test_two_processes import free_port, start, wait_ready

STRONG = "na-4Rt8Lq2Zx7Vc1Mb9Kp3Wd6Hy0Gs5Nf-eJ"
NEW_YORK = ZoneInfo("America/New_York")


def set_business_date(url: str, slug: str, day: date) -> None:
    def change(session: Session) -> None:
        session.scalars(select(Hotel).where(Hotel.slug == slug)).one().business_date = day

    db = Database(url)
    try:
        db.run(change)
    finally:
        db.dispose()


def business_date(url: str, slug: str) -> date:
    db = Database(url)
    try:
        return db.run(
            lambda s: s.scalars(select(Hotel.business_date).where(Hotel.slug == slug)).one()
        )
    finally:
        db.dispose()


def counter(metrics: str, name: str, hotel: str) -> int:
    found = re.search(rf'^{name}_total{{hotel="{hotel}"}} (\S+)$', metrics, re.MULTILINE)
    return int(float(found.group(1))) if found else 0


def environment(url: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "CONCIERGE_DATABASE_URL": url,
        "CONCIERGE_CONVERSATIONS_URL": f"sqlite:///{tmp_path / 'conversations.db'}",
        "CONCIERGE_SECRET_KEY": STRONG,
        "CONCIERGE_MODEL": "offline",
        **extra,
    }
    env.pop("CONCIERGE_REDIS_URL", None)
    env.pop("CONCIERGE_NIGHT_AUDIT", None)
    return env


def test_serve_catches_up_missed_days_and_counts_them(sqlite_copy: str, tmp_path: Path) -> None:
    # Harbor View was last audited three days ago (by its own clock): the server was down since.
    today = datetime.now(NEW_YORK).date()
    first = today - timedelta(days=3)
    set_business_date(sqlite_copy, "harbor-view", first)
    port, log = free_port(), tmp_path / "serve.log"
    process = start(port, environment(sqlite_copy, tmp_path), log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process, log)
        deadline, seen = time.monotonic() + 90, ""
        while time.monotonic() < deadline:
            seen = httpx.get(f"{base}/metrics", timeout=10).text
            now = business_date(sqlite_copy, "harbor-view")
            closed = (now - first).days
            due = due_through(datetime.now(NEW_YORK), audit_time("03:00")) + timedelta(days=1)
            if (
                now >= due - timedelta(days=1)  # 03:00 may pass while the test runs
                and closed >= 2
                and counter(seen, "concierge_night_audit_runs", "harbor-view") == closed
                and counter(seen, "concierge_night_audit_days_caught_up", "harbor-view")
                == closed - 1
            ):
                break
            time.sleep(0.2)
        else:
            pytest.fail(f"the missed days were not closed and counted:\n{seen[-1500:]}")
        assert counter(seen, "concierge_night_audit_failures", "harbor-view") == 0
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log.read_text()
    assert f"night audit of harbor-view closed {first.isoformat()} (catching up)" in text


@pytest.fixture
def configured(sqlite_copy: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name, value in environment(sqlite_copy, tmp_path).items():
        if name.startswith("CONCIERGE_"):
            monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield sqlite_copy
    get_settings.cache_clear()


def audit_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "night-audit" and t.is_alive()]


def test_the_scheduler_lives_with_the_app(configured: str) -> None:
    assert audit_threads() == []
    with TestClient(app_from_settings(Settings(night_audit="on"))) as client:
        assert client.get("/health").status_code == 200
        assert len(audit_threads()) == 1
    assert audit_threads() == []  # stopped with the app


def test_night_audit_off_starts_no_scheduler(configured: str) -> None:
    with TestClient(app_from_settings(Settings(night_audit="off"))) as client:
        assert client.get("/health").status_code == 200
        assert audit_threads() == []
    db = Database(configured)
    try:
        assert night_audit_scheduler(Settings(night_audit="off"), db, print) is None
        assert night_audit_scheduler(Settings(night_audit="on"), db, print) is not None
    finally:
        db.dispose()


def test_the_seed_takes_the_demo_hotels_date_not_the_machines() -> None:
    # 02:00 UTC on 2 March is still the evening of 1 March in New York.
    assert demo_today(datetime(2027, 3, 2, 2, 0, tzinfo=UTC)) == date(2027, 3, 1)
    assert demo_today(datetime(2027, 3, 2, 5, 0, tzinfo=UTC)) == date(2027, 3, 2)


def test_a_fresh_seed_has_nothing_for_the_night_audit_to_close(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    before = demo_today()
    result = CliRunner().invoke(main, ["seed", "--db", url, "--no-knowledge"])
    assert result.exit_code == 0, result.output
    seeded = date.fromisoformat(json.loads(result.output)["today"])
    assert seeded in (before, demo_today())  # midnight in New York may pass in between
    db = Database(url)
    try:
        runs = NightAuditScheduler(db).tick(datetime.now(UTC))
    finally:
        db.dispose()
    assert [run for run in runs if run.hotel == "harbor-view"] == []
