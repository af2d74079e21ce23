"""The stateless judges."""

from __future__ import annotations

from typing import Any

from evals.judges import communicate, db_state
from evals.scenario import Expect


def test_communicate_is_case_insensitive_over_all_replies() -> None:
    expect = Expect(outputs=["HV5001", "$720"], forbidden_outputs=["hv1001"])
    assert communicate(["Booked: hv5001.", "Total $720.00"], expect).passed
    missing = communicate(["Booked."], expect)
    assert not missing.passed and missing.component == "COMMUNICATE"
    assert missing.reasons == ["missing output: 'HV5001'", "missing output: '$720'"]
    banned = communicate(["HV5001 $720 and HV1001"], expect)
    assert banned.reasons == ["forbidden output present: 'hv1001'"]


def test_communicate_with_nothing_expected_passes() -> None:
    assert communicate([], Expect()).passed


def _state(status: str) -> dict[str, Any]:
    return {
        "hv": {
            "reservations": [{"code": "HV1", "status": status}],
            "guests": [],
            "folio_lines": [],
            "rooms": [],
            "housekeeping_tasks": [],
        }
    }


def test_db_state_compares_snapshots_and_explains() -> None:
    assert db_state(_state("confirmed"), _state("confirmed")).passed
    result = db_state(_state("cancelled"), _state("confirmed"))
    assert not result.passed and result.component == "DB"
    assert result.diff == ['hv reservations HV1: changed status "confirmed" -> "cancelled"']
    extra = _state("confirmed")
    extra["hv"]["reservations"].append({"code": "HV2", "status": "confirmed"})
    lines = db_state(extra, _state("confirmed")).diff
    assert lines == ['hv reservations HV2: unexpected {"code": "HV2", "status": "confirmed"}']
    lines = db_state(_state("confirmed"), extra).diff
    assert lines[0].startswith("hv reservations HV2: missing")
