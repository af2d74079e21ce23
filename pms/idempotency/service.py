"""Idempotent writes: the same key returns the first result and changes nothing.

The record is written in the same transaction as the write it guards. Two concurrent calls with
one key both try to insert it; the unique constraint lets one commit and makes the other roll
back whole (its write included) and retry, and the retry finds the stored result.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pms.errors import Invalid, RetryTransaction
from pms.hotels.repository import hotel_for, now_utc
from pms.models import IdempotencyRecord
from pms.principal import Principal

MAX_KEY_LENGTH = 200


def fingerprint(operation: str, arguments: dict[str, Any]) -> str:
    canonical = json.dumps([operation, arguments], sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def applies_to(actor: Principal) -> bool:
    """Whether a key from this actor can be matched to its later calls.

    Keys are scoped to who used them. An anonymous guest (no session subject) is nobody in
    particular: matching its key would hand one guest another's booking, and verify them for
    it. Channels bind a subject (a guest session, a conversation); without one the key is not
    used.
    """
    return not (actor.is_guest and actor.subject is None)


def _check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise Invalid(f"idempotency_key must be 1 to {MAX_KEY_LENGTH} characters.")
    return key


def recall(
    session: Session, actor: Principal, key: str, operation: str, arguments: dict[str, Any]
) -> dict[str, Any] | None:
    """The stored result for this key, None if the key is new; refuses a key reused otherwise."""
    hotel = hotel_for(session, actor)
    found = session.scalars(
        select(IdempotencyRecord).where(
            IdempotencyRecord.hotel_id == hotel.id,
            IdempotencyRecord.scope == actor.identity,
            IdempotencyRecord.key == _check_key(key),
        )
    ).one_or_none()
    if found is None:
        return None
    if found.operation != operation or found.request_hash != fingerprint(operation, arguments):
        raise Invalid(
            f"idempotency_key '{key}' was already used for a different request "
            f"({found.operation}); use a new key for a new request."
        )
    return found.response


def remember(
    session: Session,
    actor: Principal,
    key: str,
    operation: str,
    arguments: dict[str, Any],
    response: dict[str, Any],
) -> None:
    hotel = hotel_for(session, actor)
    session.add(
        IdempotencyRecord(
            hotel_id=hotel.id,
            scope=actor.identity,
            key=_check_key(key),
            operation=operation,
            request_hash=fingerprint(operation, arguments),
            response=response,
            created_at=now_utc(session),
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise RetryTransaction() from None
