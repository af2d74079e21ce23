"""No generated text makes the server fail: every REST tool and every JSON endpoint answers < 500.

Hypothesis puts hostile strings (NUL and other control characters, any unicode but surrogates,
quotes and LIKE wildcards, strings far beyond any column) and the odd wrong-typed value into one
or two fields of an otherwise valid request, so the rest of the request reaches the services
and the database. Each tool is called by a staff role that may call it, and by a guest when
guests may; every JSON operation in the OpenAPI schema is covered (a test checks that a new one
cannot be left out). Schemathesis (test_schema.py) covers the schema itself; this covers what
the schema lets through.

The full pass runs on SQLite, a smaller one on PostgreSQL, which refuses NUL and over-long
values where SQLite stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from knowledge.base import KnowledgeBase
from knowledge.shipped import shipped_knowledge
from knowledge.store import LocalStore
from pms.db import Database
from pms.principal import Role
from tests.api.conftest import build_services, guest, staff
from tests.support import T
from tools import registry
from tools.registry import Kind
from tools.runtime import ToolRuntime

UNLIMITED = {"chat_limit": "", "address_limit": "", "session_limit": "", "login_limit": ""}
# Examples per tool and role, and per endpoint, on each backend.
EXAMPLES = {"sqlite": 25, "postgresql": 8}
STAFF = {
    Role.ADMIN: "morgan.lee",
    Role.MANAGER: "grace.kim",
    Role.FRONT_DESK: "leo.martins",
    Role.HOUSEKEEPING: "maria.santos",
}

REFUND = {"confirmation_code": "HV1004", "amount": "1.00", "reason": "goodwill"}
# A valid call of each tool: generated values replace one or two of its fields.
VALID: dict[str, dict[str, Any]] = {
    "search_knowledge": {"query": "When is breakfast?", "top_k": 3},
    "check_availability": {
        "check_in": str(T + timedelta(days=9)),
        "check_out": str(T + timedelta(days=11)),
        "adults": 2,
        "children": 0,
        "room_type": "DLK",
    },
    "create_reservation": {
        "room_type": "DLK",
        "check_in": str(T + timedelta(days=19)),
        "check_out": str(T + timedelta(days=20)),
        "adults": 1,
        "children": 0,
        "guest_name": "Hannah Berg",
        "guest_email": "hannah.berg@example.com",
        "guest_phone": "+1 555 0100",
        "rate_plan": "FLEX",
        "special_requests": "A quiet room.\nLate arrival.",
    },
    "find_reservation": {"confirmation_code": "HV1002", "last_name": "Shah"},
    "get_reservation": {"confirmation_code": "HV1004"},
    "search_reservations": {
        "name": "shah",
        "email": "priya.shah@example.com",
        "arrival_date": str(T),
        "departure_date": str(T + timedelta(days=3)),
        "status": "confirmed",
        "room_number": "305",
    },
    "modify_reservation": {
        "confirmation_code": "HV1004",
        "check_in": str(T + timedelta(days=3)),
        "check_out": str(T + timedelta(days=5)),
        "adults": 2,
        "children": 0,
        "room_type": "DLK",
        "rate_plan": "FLEX",
    },
    "cancel_reservation": {"confirmation_code": "HV1006", "reason": "Plans changed."},
    "assign_room": {"confirmation_code": "HV1004", "room_number": "305"},
    "check_in": {"confirmation_code": "HV1001", "room_number": "305"},
    "check_out": {"confirmation_code": "HV1003"},
    "get_folio": {"confirmation_code": "HV1004"},
    "post_charge": {
        "confirmation_code": "HV1004",
        "amount": "5.00",
        "category": "minibar",
        "description": "Water",
    },
    "record_payment": {
        "confirmation_code": "HV1004",
        "amount": "5.00",
        "method": "card",
        "reference": "slip 1",
    },
    "refund_payment": REFUND,
    "void_charge": {"confirmation_code": "HV1004", "line": 1, "reason": "Posted twice."},
    "list_rooms": {
        "floor": 3,
        "condition": "clean",
        "occupied": False,
        "room_type": "DLK",
        "out_of_order": False,
    },
    "set_room_condition": {"room_number": "305", "condition": "clean"},
    "set_room_out_of_order": {
        "room_number": "305",
        "start_date": str(T + timedelta(days=40)),
        "end_date": str(T + timedelta(days=41)),
        "reason": "Bathroom leak.",
    },
    "return_room_to_service": {"room_number": "305"},
    "list_housekeeping_tasks": {
        "status": "open",
        "assignee": "maria.santos",
        "floor": 3,
        "room_number": "305",
    },
    "create_housekeeping_task": {
        "room_number": "305",
        "kind": "amenity_request",
        "notes": "Two extra towels.",
        "priority": "normal",
    },
    "assign_housekeeping_task": {"task_id": 1, "assignee": "maria.santos"},
    "update_housekeeping_task": {"task_id": 2, "status": "in_progress"},
    "daily_report": {"date": str(T)},
    "handoff_to_human": {"summary": "The guest asks for a person.", "urgency": "normal"},
    "request_manager_approval": {
        "tool": "refund_payment",
        "arguments": REFUND,
        "reason": "The spa was closed.",
    },
}

# Text a client or a model might send: anything printable, control characters (NUL first),
# what SQL and LIKE treat specially, and lengths far beyond every column.
_WILD = st.characters(exclude_categories=["Cs"])
_NASTY = st.sampled_from(list("\x00\x01\x08\x0b\x1b\x7f\x85\u2028\n\r\t %_\\'\";-é€😀"))
TEXT = st.one_of(
    st.text(_WILD, max_size=40),
    st.text(_NASTY, max_size=40),
    st.tuples(st.text(_WILD, max_size=8), st.text(_NASTY, min_size=1, max_size=3)).map("".join),
    st.text(st.one_of(_WILD, _NASTY), min_size=1, max_size=12).flatmap(
        lambda unit: st.sampled_from([9, 41, 121, 255, 501, 1001, 4001, 10_000]).map(
            lambda n: (unit * (n // len(unit) + 1))[:n]
        )
    ),
)
# Mostly text; now and then a value of another JSON type.
VALUE = st.one_of(
    TEXT,
    TEXT,
    TEXT,
    TEXT,
    TEXT,
    TEXT,
    st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.none(),
        st.booleans(),
        st.lists(TEXT, max_size=3),
        st.dictionaries(TEXT, TEXT, max_size=2),
    ),
)
# Header values are what an HTTP client can send at all: visible ASCII and spaces.
HEADER = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=40),
    st.sampled_from([9, 201, 5000]).map(lambda n: "k" * n),
)


def corrupted(valid: dict[str, Any], fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """`valid` with one or two of `fields` (present or not) replaced by generated values."""

    def replace(chosen: list[str]) -> st.SearchStrategy[dict[str, Any]]:
        return st.fixed_dictionaries({name: VALUE for name in chosen}).map(
            lambda values: {**valid, **values}
        )

    picks = st.lists(st.sampled_from(fields), min_size=1, max_size=2, unique=True)
    return picks.flatmap(replace)


@dataclass
class World:
    client: TestClient
    backend: str
    headers: dict[Role, dict[str, str]]

    def check(self, response: Response, what: str) -> None:
        assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:500]}"

    def examples(self, share: float = 1.0) -> Callable[[Any], Any]:
        return settings(
            max_examples=max(2, int(EXAMPLES[self.backend] * share)),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            print_blob=True,
        )


@pytest.fixture
def world(api_db: Database, tmp_path: Path) -> Iterator[World]:
    services = build_services(api_db, **UNLIMITED)
    # Uploads go to an index of this test's own, not the shipped one other tests search.
    base = KnowledgeBase(LocalStore(tmp_path / "index"), shipped_knowledge().embedder)
    services.desk.runtime = ToolRuntime(api_db, knowledge=base)
    with TestClient(create_app(services)) as client:
        headers = {role: staff(client, user) for role, user in STAFF.items()}
        headers[Role.GUEST] = guest(client)
        yield World(client, api_db.dialect, headers)


def _callers(tool: registry.Tool) -> list[Role]:
    """A staff role that may call the tool (the least privileged), and a guest if guests may."""
    order = [Role.FRONT_DESK, Role.HOUSEKEEPING, Role.MANAGER, Role.ADMIN]
    roles = [next(role for role in order if role in tool.roles)]
    if Role.GUEST in tool.roles:
        roles.append(Role.GUEST)
    return roles


def test_every_tool_has_a_valid_call_to_start_from() -> None:
    assert set(VALID) == {tool.name for tool in registry.all_tools()}
    for tool in registry.all_tools():
        assert set(VALID[tool.name]) <= set(tool.args.model_fields), tool.name


def test_no_generated_tool_argument_is_a_server_error(world: World) -> None:
    for tool in registry.all_tools():
        for role in _callers(tool):
            _fuzz_tool(world, tool, role)


def _fuzz_tool(world: World, tool: registry.Tool, role: Role) -> None:
    fields = list(tool.args.model_fields)
    if tool.kind is Kind.WRITE:
        fields.append("idempotency_key")
    headers = world.headers[role]

    @given(arguments=corrupted(VALID[tool.name], fields), key=st.none() | HEADER)
    @world.examples()
    def call(arguments: dict[str, Any], key: str | None) -> None:
        sent = {**headers, **({"Idempotency-Key": key} if key is not None else {})}
        answer = world.client.post(f"/v1/tools/{tool.name}", json=arguments, headers=sent)
        world.check(answer, f"{tool.name} as {role.value} with {arguments!r}")

    call()


def test_no_generated_nested_approval_argument_is_a_server_error(world: World) -> None:
    """The arguments of an approval request are the refund's own: they are checked too."""
    desk = world.headers[Role.FRONT_DESK]

    @given(arguments=corrupted(REFUND, [*REFUND, "line"]))
    @world.examples()
    def file(arguments: dict[str, Any]) -> None:
        body = {**VALID["request_manager_approval"], "arguments": arguments}
        answer = world.client.post("/v1/tools/request_manager_approval", json=body, headers=desk)
        world.check(answer, f"request_manager_approval with {arguments!r}")

    file()


# Every JSON operation, with a valid request; the names are the string fields generated into.
BODIES: dict[tuple[str, str], tuple[Role | None, dict[str, Any], list[str]]] = {
    ("post", "/v1/guest-sessions"): (None, {"hotel": "harbor-view"}, ["hotel"]),
    ("post", "/v1/staff/login"): (
        None,
        {"hotel": "harbor-view", "username": "leo.martins", "password": "not the password"},
        ["hotel", "username", "password"],
    ),
    ("put", "/v1/hotels/{slug}/web-origins"): (
        Role.ADMIN,
        {"origins": ["https://www.harborview.example"]},
        ["origins"],
    ),
    ("post", "/v1/api-keys"): (
        Role.ADMIN,
        {"name": "booking-engine", "role": "front_desk"},
        ["name", "role"],
    ),
    ("post", "/v1/hotels/{slug}/staff"): (
        Role.ADMIN,
        {
            "username": "ana.costa",
            "name": "Ana Costa",
            "role": "front_desk",
            "password": "garden twin 101",
        },
        ["username", "name", "role", "password"],
    ),
    ("put", "/v1/hotels/{slug}/staff/{username}/password"): (
        Role.ADMIN,
        {"password": "garden twin 101"},
        ["password"],
    ),
    # The hotel's own file, as exported (read when the test runs), applied as a dry run.
    ("put", "/v1/hotels/{slug}"): (
        Role.ADMIN,
        {},
        ["name", "address", "phone", "check_in_time", "currency", "timezone", "code_prefix"],
    ),
    ("post", "/v1/chat"): (Role.GUEST, {"message": "When is breakfast?"}, ["message", "thread_id"]),
    ("post", "/v1/chat/stream"): (
        Role.GUEST,
        {"message": "When is breakfast?"},
        ["message", "thread_id"],
    ),
    ("post", "/v1/chat/completions"): (
        Role.GUEST,
        {"model": "concierge", "messages": [{"role": "user", "content": "When is breakfast?"}]},
        ["model", "messages", "user"],
    ),
    ("post", "/v1/approvals/{approval_id}/approve"): (Role.MANAGER, {"note": "Fine."}, ["note"]),
    ("post", "/v1/approvals/{approval_id}/deny"): (Role.MANAGER, {"note": "No."}, ["note"]),
}
# Chat turns run the model: fewer examples keep the run short.
SHARE = {"/v1/chat": 0.5, "/v1/chat/stream": 0.5, "/v1/chat/completions": 0.5}


def test_every_json_operation_is_generated_into(world: World) -> None:
    spec = world.client.get("/openapi.json").json()
    with_body = {
        (method, path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
        and path != "/v1/tools/{name}"  # test_no_generated_tool_argument_is_a_server_error
    }
    assert with_body == set(BODIES)


def _file_approval(world: World) -> int:
    filed = world.client.post(
        "/v1/tools/request_manager_approval",
        json=VALID["request_manager_approval"],
        headers=world.headers[Role.FRONT_DESK],
    )
    assert filed.status_code == 200, filed.text
    approval_id: int = filed.json()["result"]["approval_id"]
    return approval_id


def test_no_generated_json_body_is_a_server_error(world: World) -> None:
    for (method, path), (role, valid, fields) in BODIES.items():
        _fuzz_body(world, method, path, world.headers[role] if role else {}, valid, fields)


def _fuzz_body(
    world: World,
    method: str,
    path: str,
    headers: dict[str, str],
    valid: dict[str, Any],
    fields: list[str],
) -> None:
    if path == "/v1/hotels/{slug}":
        exported = world.client.get("/v1/hotels/harbor-view/file", headers=headers)
        assert exported.status_code == 200, exported.text
        valid = exported.json()

    @given(body=corrupted(valid, fields))
    @world.examples(SHARE.get(path, 1.0))
    def send(body: dict[str, Any]) -> None:
        # Each decision gets a pending request of its own, so the note reaches the database.
        if "{approval_id}" in path:
            url = path.format(approval_id=_file_approval(world))
        else:
            # An account none of the world's tokens belongs to: resetting it ends no token.
            url = path.format(slug="harbor-view", username="ivy.chen")
        if path == "/v1/hotels/{slug}":
            url += "?dry_run=true"  # every check and write runs, and is rolled back
        answer = world.client.request(method, url, json=body, headers=headers)
        world.check(answer, f"{method.upper()} {url} with {body!r}")

    send()


def test_no_generated_path_query_or_header_is_a_server_error(world: World) -> None:
    admin, guest_headers = world.headers[Role.ADMIN], world.headers[Role.GUEST]

    @given(text=TEXT, header=HEADER)
    @world.examples()
    def send(text: str, header: str) -> None:
        # Past a few thousand characters the client itself refuses the URL (no request is made).
        quoted = quote(text, safe="")[:4000]
        for method, url, headers, params in [
            ("get", f"/v1/hotels/{quoted}", {}, None),
            ("put", f"/v1/hotels/{quoted}/web-origins", admin, None),
            ("get", f"/v1/hotels/{quoted}/file", admin, None),
            ("delete", f"/v1/hotels/harbor-view/staff/{quoted}", admin, None),
            ("put", f"/v1/hotels/harbor-view/staff/{quoted}/password", admin, None),
            ("get", f"/v1/threads/{quoted}", guest_headers, None),
            ("get", "/v1/knowledge/search", admin, {"q": text}),
            ("post", f"/v1/tools/{quoted}", admin, None),
        ]:
            body = {"origins": []} if "web-origins" in url else None
            if url.endswith("/password"):
                body = {"password": "garden twin 101"}
            answer = world.client.request(method, url, headers=headers, params=params, json=body)
            world.check(answer, f"{method.upper()} {url} {params or ''}")
        completion = world.client.post(
            "/v1/chat/completions",
            json=BODIES[("post", "/v1/chat/completions")][1],
            headers={**guest_headers, "X-Concierge-Thread": header},
        )
        world.check(completion, f"completions with thread header {header!r}")

    send()


def test_no_generated_upload_is_a_server_error(world: World) -> None:
    admin = world.headers[Role.ADMIN]

    @given(name=TEXT, suffix=st.sampled_from(["", ".md", ".txt", ".html", ".pdf"]), body=TEXT)
    @world.examples()
    def upload(name: str, suffix: str, body: str) -> None:
        files = {"file": (name + suffix, body.encode("utf-8", "surrogatepass"), "text/plain")}
        answer = world.client.post("/v1/knowledge/documents", files=files, headers=admin)
        world.check(answer, f"upload {name + suffix!r}")

    upload()
