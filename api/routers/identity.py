"""Getting credentials: guest sessions for the widget, staff sign-in, hotel API keys."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from api.conversation import RowId
from api.deps import PrincipalDep, ServicesDep, client_address
from api.errors import ApiError
from api.origins import check_origin
from pms.access import api_keys
from pms.access.hotels import profile, set_web_origins
from pms.access.schemas import ApiKeyRequest, ApiKeyView, HotelProfile, IssuedApiKey
from pms.access.staff import sign_in, sign_out
from pms.principal import Role
from pms.text import Line

router = APIRouter(prefix="/v1", tags=["identity"])

_SLUG = r"^[a-z0-9][a-z0-9-]{0,63}$"


class GuestSessionRequest(BaseModel):
    hotel: str = Field(pattern=_SLUG, description="The hotel's slug, e.g. riverside-lisbon.")


class SessionToken(BaseModel):
    token: str
    expires_at: datetime
    hotel: str


class LoginRequest(BaseModel):
    hotel: str = Field(pattern=_SLUG)
    username: Line = Field(min_length=1, max_length=64)
    password: Line = Field(min_length=1, max_length=200)


class StaffToken(SessionToken):
    username: str
    full_name: str
    role: Role


class Me(BaseModel):
    hotel: str
    role: Role
    user: str | None
    channel: str


def _expiry(seconds_from_epoch: int) -> datetime:
    return datetime.fromtimestamp(seconds_from_epoch, UTC)


@router.post("/guest-sessions", status_code=201)
def open_guest_session(
    body: GuestSessionRequest, request: Request, services: ServicesDep
) -> SessionToken:
    """A token for one anonymous guest of a hotel (the widget asks for one when it opens)."""
    services.limits.hit("guest-session", services.config.session_limit, client_address(request))
    hotel = services.db.run(lambda session: profile(session, body.hotel))
    check_origin(
        services.origins,
        hotel.slug,
        request.headers.get("origin"),
        request.headers.get("host"),
        request.url.scheme,
    )
    token, claims = services.tokens.issue(
        "guest",
        hotel.slug,
        Role.GUEST,
        f"guest:{uuid.uuid4().hex}",
        services.config.guest_session_seconds,
        None,
    )
    return SessionToken(token=token, expires_at=_expiry(claims.expires), hotel=hotel.slug)


@router.post("/staff/login")
def staff_login(body: LoginRequest, request: Request, services: ServicesDep) -> StaffToken:
    """Exchange a staff member's username and password for a short-lived token."""
    key = f"{client_address(request)}/{body.hotel}/{body.username.lower()}"
    services.limits.hit("login", services.config.login_limit, key)
    staff, version = services.db.run(
        lambda session: sign_in(session, body.hotel, body.username, body.password)
    )
    token, claims = services.tokens.issue(
        "staff",
        staff.hotel,
        staff.role,
        f"staff:{staff.username}",
        services.config.staff_token_seconds,
        staff.username,
        version,
    )
    return StaffToken(
        token=token,
        expires_at=_expiry(claims.expires),
        hotel=staff.hotel,
        username=staff.username,
        full_name=staff.full_name,
        role=staff.role,
    )


@router.post("/staff/logout", status_code=204)
def staff_logout(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer())],
) -> Response:
    """Sign the account out: this token and every other one issued to it before now.

    Recorded on the account in the database, so it holds in every API process and survives
    Redis losing its data.
    """
    assert credentials is not None  # HTTPBearer() refuses a request without them
    claims = services.tokens.read(credentials.credentials)
    if claims.kind != "staff" or claims.user is None:
        raise ApiError(422, "invalid", "Only staff tokens are signed out; guest sessions expire.")
    user = claims.user
    services.db.run(lambda session: sign_out(session, claims.hotel, user, claims.version))
    return Response(status_code=204)


@router.get("/me")
def whoami(principal: PrincipalDep) -> Me:
    return Me(
        hotel=principal.hotel, role=principal.role, user=principal.user, channel=principal.channel
    )


@router.get("/hotels/{slug}", tags=["hotels"])
def hotel_profile(slug: Annotated[str, Path(pattern=_SLUG)], services: ServicesDep) -> HotelProfile:
    return services.db.run(lambda session: profile(session, slug))


class WebOrigins(BaseModel):
    origins: list[Annotated[Line, Field(max_length=200)]] = Field(
        max_length=50, description="scheme://host[:port] of each site."
    )


@router.put("/hotels/{slug}/web-origins", tags=["hotels"])
def set_hotel_web_origins(
    slug: Annotated[str, Path(pattern=_SLUG)],
    body: WebOrigins,
    principal: PrincipalDep,
    services: ServicesDep,
) -> HotelProfile:
    """Replace the websites that may embed the widget (admins of that hotel)."""
    if slug != principal.hotel:
        raise ApiError(404, "not_found", f"There is no hotel '{slug}' for you.")
    return services.db.run(lambda session: set_web_origins(session, principal, body.origins))


class ApiKeyList(BaseModel):
    api_keys: list[ApiKeyView]


@router.get("/api-keys", tags=["api keys"])
def list_api_keys(principal: PrincipalDep, services: ServicesDep) -> ApiKeyList:
    keys = services.db.run(lambda session: api_keys.list_keys(session, principal))
    return ApiKeyList(api_keys=keys)


@router.post("/api-keys", status_code=201, tags=["api keys"])
def issue_api_key(
    body: ApiKeyRequest, principal: PrincipalDep, services: ServicesDep
) -> IssuedApiKey:
    """A new key for a server or bot (admins). The key is in this answer only."""
    return services.db.run(lambda session: api_keys.issue(session, principal, body))


@router.delete("/api-keys/{key_id}", tags=["api keys"])
def revoke_api_key(key_id: RowId, principal: PrincipalDep, services: ServicesDep) -> ApiKeyView:
    return services.db.run(lambda session: api_keys.revoke(session, principal, key_id))
