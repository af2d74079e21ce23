"""Dependencies every router shares: the services, and the principal behind the credentials.

The principal is built from the `Authorization` header alone: a guest-session or staff token
(JWT) or a hotel API key (`ck_...`). Nothing in a body or a query string is consulted.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from api.origins import check_origin
from api.services import Services
from pms.access.api_keys import KEY_PREFIX, principal_for_key
from pms.access.staff import active_staff
from pms.principal import Principal, Role

_bearer = HTTPBearer(auto_error=False, description="A guest-session token, staff token or API key.")


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def limit_address(request: Request, services: ServicesDep) -> None:
    """Every /v1 request counts against its client address."""
    try:
        services.limits.hit("address", services.config.address_limit, client_address(request))
    except ApiError:
        services.metrics.rate_limited.labels("address").inc()
        raise


def principal_of(services: Services, token: str) -> Principal:
    if token.startswith(KEY_PREFIX):
        return services.db.run(lambda session: principal_for_key(session, token))
    claims = services.tokens.read(token)
    if claims.kind == "guest":
        return Principal(
            hotel=claims.hotel,
            role=Role.GUEST,
            channel="web",
            subject=claims.subject,
            reservations=services.shared.verified(claims.subject),
        )
    username = claims.user or ""
    # The role is read from the account now, not from the token: a demotion takes effect at once.
    staff = services.db.run(
        lambda session: active_staff(session, claims.hotel, username, claims.version)
    )
    return Principal(
        hotel=staff.hotel,
        role=staff.role,
        user=staff.username,
        channel="api",
        subject=f"staff:{staff.username}",
    )


def get_principal(
    request: Request,
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or not credentials.credentials:
        raise ApiError(
            401,
            "unauthenticated",
            "Send credentials as 'Authorization: Bearer <token>': a guest session "
            "(POST /v1/guest-sessions), a staff token (POST /v1/staff/login) or an API key.",
            {"WWW-Authenticate": "Bearer"},
        )
    principal = principal_of(services, credentials.credentials)
    check_origin(
        services.origins,
        principal.hotel,
        request.headers.get("origin"),
        request.headers.get("host"),
        request.url.scheme,
    )
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_staff(principal: PrincipalDep) -> Principal:
    if principal.is_guest:
        raise ApiError(403, "not_permitted", "This needs a staff account or a staff API key.")
    return principal


StaffDep = Annotated[Principal, Depends(get_staff)]


def limit_principal(principal: Principal, services: Services) -> None:
    """Conversation turns and tool calls count against who is making them."""
    try:
        key = f"{principal.hotel}/{principal.subject or principal.identity}"
        services.limits.hit("principal", services.config.chat_limit, key)
    except ApiError:
        services.metrics.rate_limited.labels("principal").inc()
        raise
