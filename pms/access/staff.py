"""Staff accounts: sign-in and sign-out, re-checking an account each time a token of theirs is
used, and the admin's work of adding, deactivating and setting passwords.

A staff token carries the account's token version at issue; signing out moves the version on,
which refuses every earlier token of that account. The version lives on the account (the
database), so a sign-out holds whatever happens to Redis. Setting a password and deactivating
move it on too: whoever held the old password loses every token they had.

Passwords arrive only from a person (the API, or `concierge staff password` at a prompt or on
standard input), are hashed with argon2id with a salt of their own, and are never stored,
logged or recorded in the audit log.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pms.access.schemas import StaffIdentity, StaffRequest, StaffView
from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Conflict, Invalid, NotFound, Unauthenticated
from pms.hotels.repository import hotel_for
from pms.models import Hotel, StaffUser
from pms.principal import STAFF_ROLES, Principal
from pms.seed.passwords import hash_new_password, hash_password, verify
from pms.text import one_line

# NIST SP 800-63B asks for at least 8; staff accounts can refund and void, so a little more.
PASSWORD_MIN = 12
PASSWORD_MAX = 200  # what sign-in accepts
# Stored for an account whose password is not set yet: no password ever verifies against it.
NO_PASSWORD = "!"

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


def list_staff(session: Session, actor: Principal) -> list[StaffView]:
    authorize(actor, "manage_staff")
    hotel = hotel_for(session, actor)
    rows = session.scalars(
        select(StaffUser).where(StaffUser.hotel_id == hotel.id).order_by(StaffUser.username)
    )
    return [_view(row) for row in rows]


def add_staff(session: Session, actor: Principal, request: StaffRequest) -> StaffView:
    """A new account at the actor's hotel; it signs in once it has a password."""
    authorize(actor, "manage_staff")
    if request.role not in STAFF_ROLES:
        raise Invalid("A staff account's role is admin, manager, front_desk or housekeeping.")
    hotel = hotel_for(session, actor)
    username = request.username.lower()
    if _find(session, hotel, username) is not None:
        raise Conflict(f"There is already a staff account '{username}' at this hotel.")
    password = request.password.get_secret_value() if request.password is not None else None
    account = StaffUser(
        hotel_id=hotel.id,
        username=username,
        full_name=request.name.strip(),
        role=request.role.value,
        password_hash=NO_PASSWORD if password is None else _hashed(password, username),
        active=True,
        token_version=0,
    )
    session.add(account)
    try:
        session.flush()
    except IntegrityError:  # added at the same moment by another request
        raise Conflict(f"There is already a staff account '{username}' at this hotel.") from None
    record(
        session, actor, hotel, "add_staff", username, role=account.role,
        password_set=password is not None,
    )  # fmt: skip
    return _view(account)


def deactivate(session: Session, actor: Principal, username: str) -> StaffView:
    """The account can no longer sign in, and every token it holds stops working now."""
    authorize(actor, "manage_staff")
    hotel = hotel_for(session, actor)
    account = _own_account(session, hotel, username)
    if actor.user is not None and account.username == actor.user.lower():
        raise Invalid("You cannot deactivate your own account; another admin can.")
    if account.active:
        account.active = False
        account.token_version += 1
        session.flush()
        record(session, actor, hotel, "deactivate_staff", account.username)
    return _view(account)


def set_password(session: Session, actor: Principal, username: str, password: str) -> StaffView:
    """Set (or reset) the account's password and end every token issued before it."""
    authorize(actor, "manage_staff")
    hotel = hotel_for(session, actor)
    account = _own_account(session, hotel, username)
    account.password_hash = _hashed(password, account.username)
    account.token_version += 1
    session.flush()
    record(session, actor, hotel, "set_staff_password", account.username)
    return _view(account)


def password_problem(password: str, username: str = "") -> str | None:
    """Why `password` may not be used, or None. Sign-in must be able to take it back."""
    if len(password) < PASSWORD_MIN:
        return f"A password needs at least {PASSWORD_MIN} characters."
    if len(password) > PASSWORD_MAX:
        return f"A password may have at most {PASSWORD_MAX} characters."
    try:
        one_line(password)
    except ValueError:
        return "A password must be one line, without control characters."
    if username and password.strip().lower() == username.lower():
        return "A password must not be the username."
    return None


def _hashed(password: str, username: str) -> str:
    problem = password_problem(password, username)
    if problem is not None:
        raise Invalid(problem)
    return hash_new_password(password)


def _own_account(session: Session, hotel: Hotel, username: str) -> StaffUser:
    """The account at `hotel`, row-locked; another hotel's answers as missing."""
    account = _find(session, hotel, username)
    if account is None:
        raise NotFound(f"There is no staff account '{username}' at this hotel.")
    return account


def _find(session: Session, hotel: Hotel, username: str) -> StaffUser | None:
    return session.scalars(
        select(StaffUser)
        .where(StaffUser.hotel_id == hotel.id, StaffUser.username == username.strip().lower())
        .with_for_update()
    ).one_or_none()


def _view(account: StaffUser) -> StaffView:
    return StaffView(
        username=account.username,
        name=account.full_name,
        role=account.role,
        active=account.active,
        password_set=account.password_hash.startswith("$argon2"),
    )


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
