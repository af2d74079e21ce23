"""What the access services hand back: never a password hash, never a stored key hash."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from pms.principal import Role


class StaffIdentity(BaseModel):
    hotel: str
    username: str
    full_name: str
    role: Role


class HotelProfile(BaseModel):
    """What anyone may know about a hotel: enough to open a guest session and greet them."""

    slug: str
    name: str
    timezone: str
    web_origins: list[str]


class ApiKeyRequest(BaseModel):
    name: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$")
    role: Role


class ApiKeyView(BaseModel):
    id: int
    name: str
    role: Role
    prefix: str
    created_by: str
    created_at: datetime
    revoked_at: datetime | None


class IssuedApiKey(BaseModel):
    """The one time the key itself is shown: it is not stored and cannot be shown again."""

    key: str
    api_key: ApiKeyView


class ChannelAccountView(BaseModel):
    channel: str
    external_id: str
    username: str
