"""Hotel API keys for servers and bots: issued by an admin, shown once, stored as a hash.

A key acts with the role it was issued for, never admin: a leaked key must not be able to
issue more keys or reconfigure the hotel. The stored prefix finds the row; the SHA-256 of the
whole key proves it (constant-time comparison).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.access.schemas import ApiKeyRequest, ApiKeyView, IssuedApiKey
from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Invalid, NotFound, Unauthenticated
from pms.hotels.repository import hotel_for, now_utc
from pms.models import ApiKey, Hotel
from pms.principal import Principal, Role

KEY_PREFIX = "ck_"
_PREFIX_LENGTH = 12  # "ck_" and nine random characters: what lists and logs show of a key


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(session: Session, actor: Principal, request: ApiKeyRequest) -> IssuedApiKey:
    authorize(actor, "manage_api_keys")
    if request.role is Role.ADMIN:
        raise Invalid(
            "An API key may act as guest, housekeeping, front_desk or manager, not admin."
        )
    hotel = hotel_for(session, actor)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        hotel_id=hotel.id,
        name=request.name,
        role=request.role.value,
        prefix=key[:_PREFIX_LENGTH],
        key_hash=_digest(key),
        created_by=actor.label,
        created_at=now_utc(session),
    )
    session.add(row)
    session.flush()
    record(session, actor, hotel, "issue_api_key", row.prefix, name=row.name, role=row.role)
    return IssuedApiKey(key=key, api_key=_view(row))


def list_keys(session: Session, actor: Principal) -> list[ApiKeyView]:
    authorize(actor, "manage_api_keys")
    hotel = hotel_for(session, actor)
    rows = session.scalars(select(ApiKey).where(ApiKey.hotel_id == hotel.id).order_by(ApiKey.id))
    return [_view(row) for row in rows]


def revoke(session: Session, actor: Principal, key_id: int) -> ApiKeyView:
    authorize(actor, "manage_api_keys")
    hotel = hotel_for(session, actor)
    row = session.scalars(
        select(ApiKey).where(ApiKey.hotel_id == hotel.id, ApiKey.id == key_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"There is no API key {key_id} at this hotel.")
    if row.revoked_at is None:
        row.revoked_at = now_utc(session)
        session.flush()
        record(session, actor, hotel, "revoke_api_key", row.prefix, name=row.name)
    return _view(row)


def principal_for_key(session: Session, key: str, channel: str = "api") -> Principal:
    """The principal a presented key acts as; one refusal for unknown, wrong and revoked keys."""
    refusal = Unauthenticated("This API key is not valid.")
    if not key.startswith(KEY_PREFIX) or len(key) < _PREFIX_LENGTH + 8:
        raise refusal
    found = session.execute(
        select(ApiKey, Hotel.slug)
        .join(Hotel, Hotel.id == ApiKey.hotel_id)
        .where(ApiKey.prefix == key[:_PREFIX_LENGTH])
    ).one_or_none()
    if found is None:
        raise refusal
    row, slug = found
    if not hmac.compare_digest(row.key_hash, _digest(key)) or row.revoked_at is not None:
        raise refusal
    role = Role(row.role)
    return Principal(
        hotel=slug,
        role=role,
        user=None if role is Role.GUEST else row.name,
        channel=channel,
        subject=f"api-key:{row.id}",
    )


def _view(row: ApiKey) -> ApiKeyView:
    return ApiKeyView(
        id=row.id,
        name=row.name,
        role=row.role,
        prefix=row.prefix,
        created_by=row.created_by,
        created_at=row.created_at,
        revoked_at=row.revoked_at,
    )
