"""Hotel files over the API: an admin applies and exports their own hotel, nobody else."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import staff
from tests.pms.hotels.documents import riverside


def test_an_admin_exports_changes_and_re_puts_the_hotel(api: TestClient) -> None:
    admin = staff(api, "morgan.lee")
    exported = api.get("/v1/hotels/harbor-view/file", headers=admin)
    assert exported.status_code == 200
    document = exported.json()
    assert document["room_types"][3] == {
        "code": "STE",
        "name": "Harbor Suite",
        "aliases": ["suite"],
        "description": "King bed and sofa bed.",
        "max_occupancy": 4,
        "rate": "400.00",
    }
    unchanged = api.put("/v1/hotels/harbor-view", json=document, headers=admin)
    assert unchanged.status_code == 200 and unchanged.json()["changed"] is False
    document["check_in_time"] = "14:00"
    dry = api.put("/v1/hotels/harbor-view?dry_run=true", json=document, headers=admin).json()
    assert dry["changes"] == ["check_in_time: '15:00' -> '14:00'"] and dry["dry_run"]
    exported_again = api.get("/v1/hotels/harbor-view/file", headers=admin).json()
    assert exported_again["check_in_time"] == "15:00"
    done = api.put("/v1/hotels/harbor-view", json=document, headers=admin).json()
    assert done["changes"] == ["check_in_time: '15:00' -> '14:00'"]
    assert api.get("/v1/hotels/harbor-view/file", headers=admin).json()["check_in_time"] == "14:00"
    # The public profile the widget reads is still there, beside the file.
    assert api.get("/v1/hotels/harbor-view").json()["name"] == "Harbor View Hotel"


def test_an_invalid_file_answers_422_with_every_error_and_changes_nothing(
    api: TestClient,
) -> None:
    admin = staff(api, "morgan.lee")
    document = api.get("/v1/hotels/harbor-view/file", headers=admin).json()
    document["room_types"][0]["rate"] = "free"
    document["name"] = "Renamed"
    document["pool"] = True
    answer = api.put("/v1/hotels/harbor-view", json=document, headers=admin)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["type"] == "invalid"
    assert sorted(error["errors"]) == ["pool: unknown key", "room_types[0].rate: not an amount"]
    assert api.get("/v1/hotels/harbor-view").json()["name"] == "Harbor View Hotel"
    still_in_use = api.get("/v1/hotels/harbor-view/file", headers=admin).json()
    still_in_use["rate_plans"] = still_in_use["rate_plans"][:1]
    refused = api.put("/v1/hotels/harbor-view", json=still_in_use, headers=admin)
    assert refused.status_code == 422
    assert [e.split(",")[0] for e in refused.json()["error"]["errors"]] == [
        "rate_plans: NRF is not in the file",
        "rate_plans: BB is not in the file",
    ]


def test_only_an_admin_and_only_for_their_own_hotel(api: TestClient) -> None:
    manager = staff(api, "grace.kim")
    assert api.get("/v1/hotels/harbor-view/file", headers=manager).status_code == 403
    admin = staff(api, "morgan.lee")
    assert api.get("/v1/hotels/alpine-lodge/file", headers=admin).status_code == 404
    assert api.get("/v1/hotels/harbor-view/file").status_code == 401
    created = api.put("/v1/hotels/riverside-lisbon", json=riverside(), headers=admin)
    assert created.status_code == 403
    assert "concierge hotels apply" in created.json()["error"]["message"]
    document = api.get("/v1/hotels/harbor-view/file", headers=admin).json()
    moved = api.put("/v1/hotels/harbor-view", json=document | {"slug": "harbor"}, headers=admin)
    assert moved.json()["error"]["errors"] == ["slug: is harbor, but the address names harbor-view"]
