"""Two night audits of one hotel never run side by side: the second waits for the hotel row."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from pms.clock import FrozenClock
from pms.db import Database
from pms.night_audit.service import run
from tests.support import NOW, principal

MANAGER = principal("manager", "grace.kim")


def test_a_second_audit_waits_and_then_audits_the_next_date(pg_fresh):
    first, second = (
        Database(pg_fresh, clock=FrozenClock(NOW)),
        Database(pg_fresh, clock=FrozenClock(NOW)),
    )
    try:
        with first.unit_of_work() as s:
            assert run(s, MANAGER).audited_date == "2027-03-01"
            with pytest.raises(OperationalError) as blocked, second.unit_of_work() as other:
                other.execute(text("SET LOCAL lock_timeout = '200ms'"))
                run(other, MANAGER)
            assert blocked.value.orig.sqlstate == "55P03"
        with second.unit_of_work() as s:
            assert run(s, MANAGER).audited_date == "2027-03-02"
    finally:
        first.dispose()
        second.dispose()
