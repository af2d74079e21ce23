"""Schemathesis against the OpenAPI schema: no generated request makes the server fail (5xx).

Requests are made as a Harbor View admin, who may reach every operation, on SQLite (the
behaviour under test is the HTTP layer's, which is the same on both backends). Limits are off
so the generated volume is not answered 429.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from pms.clock import FrozenClock
from pms.db import Database
from tests.api.conftest import build_services, staff
from tests.support import NOW

UNLIMITED = {"chat_limit": "", "address_limit": "", "session_limit": "", "login_limit": ""}


@pytest.fixture
def admin_app(sqlite_copy: str) -> Iterator[tuple[FastAPI, str]]:
    db = Database(sqlite_copy, clock=FrozenClock(NOW))
    app = create_app(build_services(db, **UNLIMITED))
    with TestClient(app) as client:
        token = staff(client, "morgan.lee")["Authorization"]
        # Load the embedder now, so the first generated search is not the one that waits.
        client.get("/v1/knowledge/search?q=breakfast", headers={"Authorization": token})
    yield app, token
    db.dispose()


def test_no_generated_request_is_a_server_error(admin_app: tuple[FastAPI, str]) -> None:
    app, token = admin_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # Signing out ends the admin's token: that operation goes last.
    operations.sort(key=lambda operation: operation.path == "/v1/staff/logout")
    assert len(operations) >= 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def no_server_error(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": token}, checks=[not_a_server_error])

        no_server_error()
