"""Staff sign-in and sign-out, and re-checking an account each time a token of theirs is used.

A staff token carries the account's token version at issue; signing out moves the version on,
which refuses every earlier token of that account. The version lives on the account (the
database), so a sign-out holds whatever happens to Redis.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pms.access.schemas import StaffIdentity
from pms.errors import Unauthenticated
from pms.models import Hotel, StaffUser
from pms.seed.passwords import hash_password, verify

# Verified against when the username is unknown, so a wrong name costs as long as a wrong
# password and the response time does not tell which usernames exist.
_DECOY = hash_password("decoy password for unknown usernames")

_REFUSAL = "The hotel, username or password is not right."
_SIGNED_OUT = "This token was signed out; sign in again."


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


def sign_in(
    session: Session, hotel: str, username: str, password: str
) -> tuple[StaffIdentity, int]:
    """`authenticate`, and the token version a token issued now must carry."""
    identity = authenticate(session, hotel, username, password)
    found = _account(session, hotel, username)
    assert found is not None  # authenticate just found it
    return identity, found[0].token_version


def active_staff(
    session: Session, hotel: str, username: str, token_version: int | None = None
) -> StaffIdentity:
    """The account behind a token, if it still exists and is active (deactivation is immediate)
    and, given the token's version, the token was not signed out since."""
    found = _account(session, hotel, username)
    if found is None or not found[0].active:
        raise Unauthenticated("This staff account is no longer active; sign in again.")
    if token_version is not None and token_version != found[0].token_version:
        raise Unauthenticated(_SIGNED_OUT)
    return _identity(*found)


def sign_out(session: Session, hotel: str, username: str, token_version: int) -> None:
    """Refuse every token of the account issued up to now (the one signing out included)."""
    account = active_staff(session, hotel, username, token_version)
    moved = session.execute(
        update(StaffUser)
        .where(StaffUser.username == account.username, StaffUser.token_version == token_version)
        .where(StaffUser.hotel_id == select(Hotel.id).where(Hotel.slug == hotel).scalar_subquery())
        .values(token_version=StaffUser.token_version + 1)
        .execution_options(synchronize_session=False)
    )
    if getattr(moved, "rowcount", 1) == 0:
        raise Unauthenticated(_SIGNED_OUT)  # a sign-out of the same token ran first


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
