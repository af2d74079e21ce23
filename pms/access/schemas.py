"""What the access services hand back: never a password hash, never a stored key hash."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, SecretStr

from pms.principal import Role
from pms.text import Line

# Stored lowercase: sign-in lowercases what is typed.
STAFF_USERNAME = r"^[a-z0-9][a-z0-9._-]{1,63}$"


class StaffIdentity(BaseModel):
    hotel: str
    username: str
    full_name: str
    role: Role


class StaffRequest(BaseModel):
    """A new staff account. Without a password it exists but cannot sign in until one is set."""

    username: str = Field(pattern=STAFF_USERNAME, description="e.g. ana.costa (lowercase).")
    name: Line = Field(min_length=1, max_length=120, description="Full name, as staff see it.")
    role: Role
    # SecretStr: shown as ********** wherever the request is printed or logged.
    password: SecretStr | None = Field(None, description="Optional initial password.")


class StaffView(BaseModel):
    """A staff account as admins see it: never its password or hash."""

    username: str
    name: str
    role: Role
    active: bool
    password_set: bool


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
