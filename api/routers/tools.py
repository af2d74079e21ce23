"""The tool catalogue as REST, for the SDK and the console: the same roles, rules and errors."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header
from pydantic import BaseModel

from api.deps import PrincipalDep, ServicesDep, limit_principal
from api.errors import ApiError, raise_refusal
from tools import registry

router = APIRouter(prefix="/v1/tools", tags=["tools"])


class ToolView(BaseModel):
    name: str
    kind: str
    description: str
    parameters: dict[str, Any]


class ToolList(BaseModel):
    tools: list[ToolView]


class ToolResultView(BaseModel):
    tool: str
    result: dict[str, Any]
    replayed: bool = False


@router.get("")
def list_tools(principal: PrincipalDep) -> ToolList:
    """The tools this principal may use (others are not listed, as the agent does not see them)."""
    return ToolList(
        tools=[
            ToolView(
                name=tool.name,
                kind=tool.kind.value,
                description=tool.description,
                parameters=tool.parameters(),
            )
            for tool in registry.tools_for(principal)
        ]
    )


@router.post("/{name}")
def call_tool(
    name: str,
    principal: PrincipalDep,
    services: ServicesDep,
    arguments: Annotated[dict[str, Any] | None, Body()] = None,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> ToolResultView:
    """Call one tool with its arguments as the body; a write with an Idempotency-Key runs once."""
    limit_principal(principal, services)
    if registry.get(name) is None:
        raise ApiError(404, "not_found", f"There is no tool '{name}'; GET /v1/tools lists them.")
    outcome = services.desk.runtime.call(
        name, arguments or {}, principal, clock=services.desk.clock, idempotency_key=idempotency_key
    )
    services.metrics.tool_calls.labels(
        name, "ok" if outcome.error is None else str(outcome.error.get("type"))
    ).inc()
    raise_refusal(outcome.error)
    if principal.is_guest and principal.subject:
        # A reservation the guest proved here stays proven for the rest of the session.
        for code in outcome.principal.reservations - principal.reservations:
            services.shared.add_verified(
                principal.subject, code, services.config.guest_session_seconds
            )
    assert outcome.result is not None
    return ToolResultView(tool=name, result=outcome.result, replayed=outcome.replayed)
