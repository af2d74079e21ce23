"""Staff sign-in, and re-checking an account each time a token of theirs is used."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.access.schemas import StaffIdentity
from pms.errors import Unauthenticated
from pms.models import Hotel, StaffUser
from pms.seed.passwords import hash_password, verify

# Verified against when the username is unknown, so a wrong name costs as long as a wrong
# password and the response time does not tell which usernames exist.
_DECOY = hash_password("decoy password for unknown usernames")

_REFUSAL = "The hotel, username or password is not right."


def authenticate(session: Session, hotel: str, username: str, password: str) -> StaffIdentity:
    """The staff member these credentials belong to; one refusal for every kind of mismatch."""
    found = _account(session, hotel, username)
    if found is None:
        verify(_DECOY, password)
        raise Unauthenticated(_REFUSAL)
    account, hotel_row = found
    if not verify(account.password_hash, password) or not account.active:
        raise Unauthenticated(_REFUSAL)
    return _identity(account, hotel_row)


def active_staff(session: Session, hotel: str, username: str) -> StaffIdentity:
    """The account behind a token, if it still exists and is active (deactivation is immediate)."""
    found = _account(session, hotel, username)
    if found is None or not found[0].active:
        raise Unauthenticated("This staff account is no longer active; sign in again.")
    return _identity(*found)


def _account(session: Session, hotel: str, username: str) -> tuple[StaffUser, Hotel] | None:
    row = session.execute(
        select(StaffUser, Hotel)
        .join(Hotel, Hotel.id == StaffUser.hotel_id)
        .where(Hotel.slug == hotel, StaffUser.username == username.strip().lower())
    ).one_or_none()
    return None if row is None else (row[0], row[1])


def _identity(account: StaffUser, hotel: Hotel) -> StaffIdentity:
    return StaffIdentity(
        hotel=hotel.slug, username=account.username, full_name=account.full_name, role=account.role
    )
